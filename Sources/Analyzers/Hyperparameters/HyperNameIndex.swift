/// Names of settings found in a token stream: vocabulary aliases ("mini-batch size"), the rules'
/// count nouns ("hidden units") and names the paper itself defines ("transition ratio").
///
/// Phrases are keyed like the vocabulary keys them: normalised words run together, so
/// "mini-batch sizes", "mini batch size" and "minibatch size" agree. Matching walks the words of
/// a sentence, extending a key while it is a prefix of some phrase: one dictionary look-up per
/// word for the common case of a word that starts no name.
final class HyperNameIndex: Sendable {
    struct Hit: Sendable {
        /// Vocabulary entry, count noun, paper-defined name (indices), whichever the words are.
        var vocab: Int?
        var count: Int?
        var paperName: Int?
        /// Token range covered.
        var start: Int
        var end: Int
    }

    let vocabulary: HyperparameterVocabulary
    let rules: HyperparameterRules
    private let vocabularyKeys: WordTable<Int>
    private let countKeys: WordTable<Int>
    /// The rules' words as flags, for one look-up per token.
    let lexicon: HyperLexicon
    /// The rules' special-case cues by their first word.
    let specialCues: HyperSpecialCues

    init(vocabulary: HyperparameterVocabulary, rules: HyperparameterRules) {
        self.vocabulary = vocabulary
        self.rules = rules
        var keys: [String: Int] = [:]
        var names: [String] = []
        for (k, n) in vocabulary.phraseKeys {
            if keys[k] == nil { keys[k] = n }
            names.append(k)
        }
        var counts: [String: Int] = [:]
        for (n, c) in rules.countNouns.enumerated() {
            let k = HyperparameterVocabulary.key(c.phrase)
            guard !k.isEmpty else { continue }
            if counts[k] == nil { counts[k] = n }
            names.append(k)
        }
        self.vocabularyKeys = WordTable(keys.lazy.map { ($0.key, $0.value) })
        self.countKeys = WordTable(counts.lazy.map { ($0.key, $0.value) })
        self.lexicon = HyperLexicon(rules: rules, nameKeys: names)
        self.specialCues = HyperSpecialCues(rules: rules)
    }

    /// Extra names a paper defines, keyed like the index keys.
    /// Word tables (FNV-1a) rather than a `Set` and a `Dictionary` (SipHash): the index asks
    /// them at every word that may start a name.
    struct PaperNames: Sendable {
        var keys = WordTable<Int>()
        /// Every prefix of a key that ends where a Character ends.
        var prefixes = WordTable<Bool>()
        var names: [String] = []

        mutating func add(_ phrase: String) -> Int? {
            let k = HyperparameterVocabulary.key(phrase)
            guard !k.isEmpty else { return nil }
            if let n = keys[k] { return n }
            names.append(phrase)
            keys[k] = names.count - 1
            if k.utf8.allSatisfy({ $0 < 0x80 }) {
                // ASCII: each byte ends a Character; prefixes from the bytes, without appending
                // Character by Character.
                let bytes = Array(k.utf8)
                for end in 1...bytes.count { prefixes[String(decoding: bytes[0..<end], as: UTF8.self)] = true }
            } else {
                var p = ""
                for ch in k {
                    p.append(ch)
                    prefixes[p] = true
                }
            }
            return names.count - 1
        }
    }

    /// The part of a name at token `i` as the index compares it, and the token after it: words
    /// and symbols by their normalised form, "number of" (and "#") as "num"; nil for anything
    /// else, which breaks a phrase.
    @inline(__always)
    private static func part(_ tokens: [HyperToken], _ i: Int) -> (key: String, next: Int)? {
        guard tokens[i].kind == .word || tokens[i].kind == .symbol else { return nil }
        let n = tokens[i].norm
        // The first byte before three string comparisons per word.
        if n.utf8.first == 0x6E, n == "number" || n == "no" || n == "num", i + 1 < tokens.count, tokens[i + 1].kind == .word,
           tokens[i + 1].norm == "of" {
            return ("num", i + 2)
        }
        return (n, i + 1)
    }

    /// Longest names starting at each word, left to right, without overlaps. Annotated tokens
    /// (``HyperLexicon``) that start no name are passed over without a look-up.
    func find(in tokens: [HyperToken], paper: PaperNames) -> [Hit] {
        var hits: [Hit] = []
        let n = tokens.count
        let noPaperNames = paper.prefixes.isEmpty
        // A key's hash once for the five tables it is looked up in (all hash alike).
        func isPrefix(_ key: String, _ h: UInt64) -> Bool {
            lexicon.startsName(key, hash: h) || (!noPaperNames && paper.prefixes[key, hash: h] != nil)
        }
        var i = 0
        while i < n {
            guard let first = Self.part(tokens, i) else { i += 1; continue }
            let startsName: Bool
            if first.next == i + 1, tokens[i].flags.contains(.annotated) {
                startsName = tokens[i].flags.contains(.nameStart) || (!noPaperNames && paper.prefixes[first.key] != nil)
            } else {
                startsName = isPrefix(first.key, WordTable<Int>.hash(first.key))
            }
            guard startsName else { i = first.next; continue }
            var h = WordTable<Int>.hash(first.key)
            var key = first.key
            var end = first.next
            var best: Hit?
            var parts = 0
            while true {
                let v = vocabularyKeys[key, hash: h], c = countKeys[key, hash: h]
                let p = noPaperNames ? nil : paper.keys[key, hash: h]
                if v != nil || c != nil || p != nil {
                    best = Hit(vocab: v, count: c, paperName: p, start: i, end: end)
                }
                parts += 1
                guard parts < 7, end < n, let next = Self.part(tokens, end) else { break }
                key += next.key
                h = WordTable<Int>.hash(key)
                guard isPrefix(key, h) else { break }
                end = next.next
            }
            if let b = best {
                hits.append(b)
                i = b.end
            } else {
                i = first.next
            }
        }
        return hits
    }

    /// The vocabulary entry index of a key, if any.
    func vocabularyEntry(forKey k: String) -> Int? { vocabularyKeys[k] }
}
