/// The words of one extraction, each read once. A paper writes a few hundred distinct words
/// thousands of times, and reading one built two Strings (lower-cased, then singular), looked it
/// up among the number words and, once annotated, in the lexicon (one or two hashes): several
/// hundred instructions a word. Here a word as written is found by an FNV-1a hash of its
/// scalars in an open-addressing table and compared scalar by scalar with the stored copy; its
/// token copies the stored Strings (short ones are inline: no allocation, no reference count).
/// The tokenizer borrows the cache for a whole sentence (``HyperMemo/lendWords()``): a class's
/// stored property costs an exclusivity check on every access.
struct HyperWordCache {
    /// A word as the tokenizer reads it.
    struct Word {
        /// Lower-cased as written.
        let lower: String
        /// Singular (a number word keeps `lower`).
        let norm: String
        let quantity: HyperTokenizer.QuantityWord?
        /// The lexicon's flags of the word, once asked.
        var flags: HyperWordFlags?

        /// Scalars `a..<b` of `s` read from scratch.
        init(_ s: [Unicode.Scalar], _ a: Int, _ b: Int) {
            lower = HyperTokenizer.lowered(s, a, b)
            quantity = b - a >= 3 && b - a <= 9 ? HyperTokenizer.quantityWords[lower] : nil
            if case .number = quantity { norm = lower } else { norm = HyperparameterVocabulary.singular(lower) }
        }
    }

    /// A table slot: the word's hash with its low bit set (0: empty slot), its index, and where
    /// its scalars are stored, so that a probe reads one array.
    private struct Slot {
        var tag: UInt64 = 0
        var word: Int32 = 0
        var start: Int32 = 0
        var length: Int32 = 0
    }

    /// The stored words' scalars, back to back.
    private var text: [Unicode.Scalar] = []
    private var words: [Word] = []
    private var slots: [Slot] = []
    private var mask = 0

    /// The word of scalars `a..<b` of `s`; with a lexicon, its flags are known.
    mutating func word(_ s: [Unicode.Scalar], _ a: Int, _ b: Int, lexicon: HyperLexicon?) -> Word {
        if slots.isEmpty { rehash(capacity: 1024) }
        let h = Self.hash(s, a, b)
        let tag = h | 1
        let length = b - a
        let mask = self.mask
        // Unsafe buffers: the probe and the comparison without bounds checks.
        var i = Int(truncatingIfNeeded: tag ^ (tag >> 29)) & mask
        let found: Int? = slots.withUnsafeBufferPointer { sl in
            text.withUnsafeBufferPointer { tx in
                s.withUnsafeBufferPointer { sc in
                    while sl[i].tag != 0 {
                        if sl[i].tag == tag, Int(sl[i].length) == length {
                            let start = Int(sl[i].start)
                            var k = 0
                            while k < length, tx[start + k] == sc[a + k] { k += 1 }
                            if k == length { return Int(sl[i].word) }
                        }
                        i = (i + 1) & mask
                    }
                    return nil
                }
            }
        }
        if let n = found {
            if let lexicon, words[n].flags == nil { words[n].flags = lexicon.flags(norm: words[n].norm, lower: words[n].lower) }
            return words[n]
        }
        var w = Word(s, a, b)
        if let lexicon { w.flags = lexicon.flags(norm: w.norm, lower: w.lower) }
        slots[i] = Slot(tag: tag, word: Int32(words.count), start: Int32(text.count), length: Int32(length))
        words.append(w)
        text.append(contentsOf: s[a..<b])
        if words.count * 2 > slots.count { rehash(capacity: slots.count * 2) }
        return w
    }

    @inline(__always)
    private static func hash(_ s: [Unicode.Scalar], _ a: Int, _ b: Int) -> UInt64 {
        s.withUnsafeBufferPointer { sc in
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for k in a..<b { h = (h ^ UInt64(sc[k].value)) &* 0x0000_0100_0000_01B3 }
            return h
        }
    }

    private mutating func rehash(capacity: Int) {
        let old = slots
        slots = Array(repeating: Slot(), count: capacity)
        mask = capacity - 1
        for slot in old where slot.tag != 0 {
            var i = Int(truncatingIfNeeded: slot.tag ^ (slot.tag >> 29)) & mask
            while slots[i].tag != 0 { i = (i + 1) & mask }
            slots[i] = slot
        }
    }
}
