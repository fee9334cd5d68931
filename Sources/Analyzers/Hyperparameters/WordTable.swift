/// A read-only map from words to values, looked up by a cheap hash of the UTF-8 bytes (FNV-1a)
/// in an open-addressing table. `Dictionary<String, _>` hashes with SipHash, which costs several
/// times more for the short words of a sentence, and the extractor looks up every word.
/// Entries are added, never removed; the table doubles when half full.
struct WordTable<Value: Sendable>: Sendable {
    private var keys: [String?]
    /// Each slot's hash with its low bit set, 0 for an empty slot: probes compare hashes and
    /// touch a key (a String to load and compare) only when they agree.
    private var hashes: [UInt64]
    private var values: [Value?]
    private var mask: Int
    /// Number of words in the table.
    private(set) var count = 0

    /// An empty table that allocates on its first entry (a paper's own names are often none).
    init() {
        keys = []
        hashes = []
        values = []
        mask = 0
    }

    init(minimumCapacity: Int) {
        var size = 16
        while size < minimumCapacity * 2 { size <<= 1 }
        keys = Array(repeating: nil, count: size)
        hashes = Array(repeating: 0, count: size)
        values = Array(repeating: nil, count: size)
        mask = size - 1
    }

    init(_ pairs: some Sequence<(String, Value)>) {
        let array = Array(pairs)
        self.init(minimumCapacity: array.count)
        for (k, v) in array { self[k] = v }
    }

    @inline(__always)
    static func hash(_ word: String) -> UInt64 {
        func fnv(_ bytes: some Sequence<UInt8>) -> UInt64 {
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for b in bytes {
                h ^= UInt64(b)
                h = h &* 0x0000_0100_0000_01B3
            }
            return h
        }
        return word.utf8.withContiguousStorageIfAvailable { fnv($0) } ?? fnv(word.utf8)
    }

    @inline(__always)
    private func slot(_ word: String, _ h: UInt64) -> Int {
        var i = Int(truncatingIfNeeded: h ^ (h >> 29)) & mask
        let tag = h | 1
        while hashes[i] != 0 {
            if hashes[i] == tag, keys[i]! == word { return i }
            i = (i + 1) & mask
        }
        return i
    }

    /// The value of a word whose ``hash(_:)`` is known (a caller asking several tables).
    subscript(word: String, hash h: UInt64) -> Value? {
        if keys.isEmpty { return nil }
        return values[slot(word, h)]
    }

    /// Whether the table has no words.
    var isEmpty: Bool { count == 0 }

    /// Twice the slots, the words hashed again.
    private mutating func grow() {
        var bigger = WordTable(minimumCapacity: max(8, keys.count))
        for i in keys.indices {
            if let k = keys[i], let v = values[i] { bigger[k] = v }
        }
        self = bigger
    }

    subscript(word: String) -> Value? {
        get {
            if keys.isEmpty { return nil }
            let h = Self.hash(word)
            return values[slot(word, h)]
        }
        set {
            if keys.isEmpty {
                guard newValue != nil else { return }
                grow()
            }
            let h = Self.hash(word)
            var i = slot(word, h)
            if hashes[i] == 0 {
                guard let newValue else { return }
                if (count + 1) * 2 > keys.count {
                    grow()
                    i = slot(word, h)
                }
                keys[i] = word
                hashes[i] = h | 1
                count += 1
                values[i] = newValue
            } else if let newValue {
                values[i] = newValue
            }
        }
    }
}
