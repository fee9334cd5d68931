import PaperModel

/// A set of lower-case phrases searched for in text on UTF-8 bytes (Foundation's `contains`
/// goes through NSString and costs far more per call).
///
/// The text is read once: at each byte only the phrases that start with that byte are compared,
/// so the cost grows with the text, not with the number of phrases.
public struct PhraseSet: Sendable {
    public let phrases: [String]
    /// Every phrase's lower-case bytes, back to back: phrase `n` is `bytes[starts[n]..<starts[n + 1]]`.
    /// Flat arrays, so the scan touches no nested array (a nested one costs a retain and a
    /// release per text byte).
    private let bytes: [UInt8]
    private let starts: [Int]
    /// Phrase numbers grouped by first byte, in `phrases` order within a group: those starting
    /// with byte `b` are `byFirst[firstStart[b]..<firstStart[b + 1]]`.
    private let byFirst: [Int]
    private let firstStart: [Int]
    /// Empty phrases, found in any text.
    private let empty: [Int]
    /// A bit for each pair of lower-case bytes a phrase starts with (a one-byte phrase sets
    /// every pair it starts). Most text positions start no phrase; this rejects them with one
    /// bit test instead of a walk over the phrases of their first byte.
    private let pairs: [UInt64]

    public init(_ phrases: [String]) {
        self.phrases = phrases
        let lowered = phrases.map { Array($0.lowercased().utf8) }
        var starts = [0]
        for b in lowered { starts.append(starts[starts.count - 1] + b.count) }
        var groups = Array(repeating: [Int](), count: 256)
        for (n, b) in lowered.enumerated() {
            if let f = b.first { groups[Int(f)].append(n) }
        }
        var firstStart = [0]
        for g in groups { firstStart.append(firstStart[firstStart.count - 1] + g.count) }
        self.bytes = lowered.flatMap { $0 }
        self.starts = starts
        self.byFirst = groups.flatMap { $0 }
        self.firstStart = firstStart
        self.empty = lowered.indices.filter { lowered[$0].isEmpty }
        var pairs = [UInt64](repeating: 0, count: 65_536 / 64)
        for b in lowered where !b.isEmpty {
            let seconds: [Int] = b.count > 1 ? [Int(b[1])] : Array(0...255)
            for second in seconds {
                let pair = Int(b[0]) << 8 | second
                pairs[pair >> 6] |= 1 << UInt64(pair & 63)
            }
        }
        self.pairs = pairs
    }

    /// The phrases found in `text` (compared case-insensitively for ASCII letters), in the
    /// order of ``phrases``.
    public func matches(in text: String) -> [String] {
        var found: [Bool] = []
        if !empty.isEmpty {
            found = Array(repeating: false, count: phrases.count)
            for n in empty { found[n] = true }
        }
        scan(text, firstOnly: false, into: &found)
        // Most texts hold no phrase: no array is built for them.
        guard !found.isEmpty else { return [] }
        return phrases.indices.filter { found[$0] }.map { phrases[$0] }
    }

    /// Whether any phrase occurs in `text`.
    public func containsAny(in text: String) -> Bool {
        guard empty.isEmpty else { return true }
        var found: [Bool] = []
        scan(text, firstOnly: true, into: &found)
        return !found.isEmpty
    }

    /// Marks in `found` (made, all false, at the first hit) each phrase found at each position;
    /// with `firstOnly`, stops at the first hit. The text is lower-cased (ASCII letters) byte
    /// by byte as it is compared, not copied.
    ///
    /// The tables are read through buffer pointers, and the hits go to an `inout` array rather
    /// than a callback: a callback's captured variable was checked for exclusive access at run
    /// time on every hit, and the arrays' bounds on every byte.
    private func scan(_ text: String, firstOnly: Bool, into found: inout [Bool]) {
        var text = text
        let phraseCount = phrases.count
        text.withUTF8 { h in
            pairs.withUnsafeBufferPointer { pairs in
            firstStart.withUnsafeBufferPointer { firstStart in
            byFirst.withUnsafeBufferPointer { byFirst in
            starts.withUnsafeBufferPointer { starts in
            bytes.withUnsafeBufferPointer { bytes in
                let n = h.count
                for i in 0..<n {
                    let c = Int(h[i].asciiLowercased)
                    // The byte after the text is read as 0: only one-byte phrases can start at the
                    // last byte, and they set every pair.
                    let pair = c << 8 | (i + 1 < n ? Int(h[i + 1].asciiLowercased) : 0)
                    if pairs[pair >> 6] & (1 << UInt64(pair & 63)) == 0 { continue }
                    for g in firstStart[c]..<firstStart[c + 1] {
                        let p = byFirst[g]
                        let start = starts[p], count = starts[p + 1] - start
                        guard i + count <= n else { continue }
                        var k = 1
                        while k < count, h[i + k].asciiLowercased == bytes[start + k] { k += 1 }
                        guard k == count else { continue }
                        if found.isEmpty { found = Array(repeating: false, count: phraseCount) }
                        found[p] = true
                        if firstOnly { return }
                    }
                }
            }
            }
            }
            }
            }
        }
    }
}
