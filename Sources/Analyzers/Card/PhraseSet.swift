/// A set of lower-case phrases searched for in text on UTF-8 bytes (Foundation's `contains`
/// goes through NSString and costs far more per call).
public struct PhraseSet: Sendable {
    public let phrases: [String]
    private let bytes: [[UInt8]]

    public init(_ phrases: [String]) {
        self.phrases = phrases
        self.bytes = phrases.map { Array($0.lowercased().utf8) }
    }

    /// The phrases found in `text` (compared case-insensitively for ASCII letters).
    public func matches(in text: String) -> [String] {
        let lower = Self.asciiLowercased(text)
        return phrases.indices.filter { Self.contains(lower, bytes[$0]) }.map { phrases[$0] }
    }

    /// Whether any phrase occurs in `text`.
    public func containsAny(in text: String) -> Bool {
        let lower = Self.asciiLowercased(text)
        return bytes.contains { Self.contains(lower, $0) }
    }

    static func asciiLowercased(_ text: String) -> [UInt8] {
        text.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, haystack.count >= needle.count else { return needle.isEmpty }
        let last = haystack.count - needle.count
        return haystack.withUnsafeBufferPointer { h in
            needle.withUnsafeBufferPointer { n in
                var i = 0
                while i <= last {
                    if h[i] == first {
                        var k = 1
                        while k < n.count, h[i + k] == n[k] { k += 1 }
                        if k == n.count { return true }
                    }
                    i += 1
                }
                return false
            }
        }
    }
}
