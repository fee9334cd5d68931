/// The words of one extraction, each read once. A paper writes a few hundred distinct words
/// thousands of times, and reading one built two Strings (lower-cased, then singular), looked it
/// up among the number words and, once annotated, in the lexicon (one or two hashes): several
/// hundred instructions a word. Here a word as written is found by its scalars
/// (``ScalarInterner``); its token copies the stored Strings (short ones are inline: no allocation, no reference count).
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

    /// The words as written, to their index in `words`.
    private var keys = ScalarInterner()
    private var words: [Word] = []

    /// The word of scalars `a..<b` of `s`; with a lexicon, its flags are known.
    mutating func word(_ s: [Unicode.Scalar], _ a: Int, _ b: Int, lexicon: HyperLexicon?) -> Word {
        let key = keys.find(s, a, b)
        if let n = key.id {
            if let lexicon, words[n].flags == nil { words[n].flags = lexicon.flags(norm: words[n].norm, lower: words[n].lower) }
            return words[n]
        }
        var w = Word(s, a, b)
        if let lexicon { w.flags = lexicon.flags(norm: w.norm, lower: w.lower) }
        keys.insert(s, a, b, at: key)
        words.append(w)
        return w
    }
}
