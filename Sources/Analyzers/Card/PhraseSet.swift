/// A set of lower-case phrases searched for in text on UTF-8 bytes (Foundation's `contains`
/// goes through NSString and costs far more per call).
///
/// The text is read once: at each byte only the phrases that start with that byte are compared,
/// so the cost grows with the text, not with the number of phrases.
public struct PhraseSet: Sendable {
    public let phrases: [String]
    private let bytes: [[UInt8]]
    /// For each first byte, the phrases starting with it (in `phrases` order).
    private let byFirst: [[Int]]
    /// Empty phrases, found in any text.
    private let empty: [Int]

    public init(_ phrases: [String]) {
        self.phrases = phrases
        let bytes = phrases.map { Array($0.lowercased().utf8) }
        var byFirst = Array(repeating: [Int](), count: 256)
        for (n, b) in bytes.enumerated() {
            if let f = b.first { byFirst[Int(f)].append(n) }
        }
        self.bytes = bytes
        self.byFirst = byFirst
        self.empty = bytes.indices.filter { bytes[$0].isEmpty }
    }

    /// The phrases found in `text` (compared case-insensitively for ASCII letters), in the
    /// order of ``phrases``.
    public func matches(in text: String) -> [String] {
        var found = Array(repeating: false, count: phrases.count)
        for n in empty { found[n] = true }
        scan(text) { n in found[n] = true; return false }
        return phrases.indices.filter { found[$0] }.map { phrases[$0] }
    }

    /// Whether any phrase occurs in `text`.
    public func containsAny(in text: String) -> Bool {
        var any = !empty.isEmpty
        if !any { scan(text) { _ in any = true; return true } }
        return any
    }

    /// Calls `hit` with the index of each phrase found at each position; stops when it returns true.
    private func scan(_ text: String, _ hit: (Int) -> Bool) {
        let lower = Self.asciiLowercased(text)
        lower.withUnsafeBufferPointer { h in
            let n = h.count
            for i in 0..<n {
                let candidates = byFirst[Int(h[i])]
                if candidates.isEmpty { continue }
                for p in candidates {
                    let needle = bytes[p]
                    guard i + needle.count <= n else { continue }
                    var k = 1
                    while k < needle.count, h[i + k] == needle[k] { k += 1 }
                    if k == needle.count, hit(p) { return }
                }
            }
        }
    }

    static func asciiLowercased(_ text: String) -> [UInt8] {
        var text = text
        return text.withUTF8 { b in
            [UInt8](unsafeUninitializedCapacity: b.count) { out, count in
                for (k, c) in b.enumerated() { out[k] = c &- 0x41 < 26 ? c + 32 : c }
                count = b.count
            }
        }
    }
}
