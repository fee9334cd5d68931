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
    private let vocabularyKeys: [String: Int]
    private let countKeys: [String: Int]
    private let prefixes: Set<String>

    init(vocabulary: HyperparameterVocabulary, rules: HyperparameterRules) {
        self.vocabulary = vocabulary
        self.rules = rules
        var keys: [String: Int] = [:]
        var prefixes: Set<String> = []
        func addPrefixes(_ k: String) {
            var p = ""
            for ch in k {
                p.append(ch)
                prefixes.insert(p)
            }
        }
        for (n, e) in vocabulary.hyperparameters.enumerated() {
            for phrase in [e.name] + e.aliases {
                let k = HyperparameterVocabulary.key(phrase)
                guard !k.isEmpty else { continue }
                if keys[k] == nil { keys[k] = n }
                addPrefixes(k)
            }
        }
        var counts: [String: Int] = [:]
        for (n, c) in rules.countNouns.enumerated() {
            let k = HyperparameterVocabulary.key(c.phrase)
            guard !k.isEmpty else { continue }
            if counts[k] == nil { counts[k] = n }
            addPrefixes(k)
        }
        self.vocabularyKeys = keys
        self.countKeys = counts
        self.prefixes = prefixes
    }

    /// Extra names a paper defines, keyed like the index keys.
    struct PaperNames: Sendable {
        var keys: [String: Int] = [:]
        var prefixes: Set<String> = []
        var names: [String] = []

        mutating func add(_ phrase: String) -> Int? {
            let k = HyperparameterVocabulary.key(phrase)
            guard !k.isEmpty else { return nil }
            if let n = keys[k] { return n }
            names.append(phrase)
            keys[k] = names.count - 1
            var p = ""
            for ch in k {
                p.append(ch)
                prefixes.insert(p)
            }
            return names.count - 1
        }
    }

    /// The words of a token stream as the index compares them, with the token range each covers:
    /// "number of" and "#" read as "num"; symbols and words alike; anything else breaks a phrase.
    static func words(_ tokens: [HyperToken]) -> [(key: String, start: Int, end: Int)] {
        var out: [(String, Int, Int)] = []
        out.reserveCapacity(tokens.count)
        var i = 0
        while i < tokens.count {
            let t = tokens[i]
            if t.kind == .word || t.kind == .symbol {
                let n = t.norm
                if (n == "number" || n == "no" || n == "num"), i + 1 < tokens.count, tokens[i + 1].kind == .word,
                   tokens[i + 1].norm == "of" {
                    out.append(("num", i, i + 2))
                    i += 2
                    continue
                }
                out.append((n, i, i + 1))
            } else {
                out.append(("\u{0}", i, i + 1))   // a break
            }
            i += 1
        }
        return out
    }

    /// Longest names starting at each word, left to right, without overlaps.
    func find(in tokens: [HyperToken], paper: PaperNames) -> [Hit] {
        let w = Self.words(tokens)
        var hits: [Hit] = []
        var i = 0
        while i < w.count {
            if w[i].key == "\u{0}" { i += 1; continue }
            var key = ""
            var best: Hit?
            var j = i
            while j < w.count, j - i < 7 {
                let part = w[j].key
                if part == "\u{0}" { break }
                key += part
                let inIndex = prefixes.contains(key)
                let inPaper = paper.prefixes.contains(key)
                if !inIndex && !inPaper { break }
                let v = vocabularyKeys[key], c = countKeys[key], p = paper.keys[key]
                if v != nil || c != nil || p != nil {
                    best = Hit(vocab: v, count: c, paperName: p, start: w[i].start, end: w[j].end)
                }
                j += 1
            }
            if let b = best {
                hits.append(b)
                // Continue after the hit's last word.
                while i < w.count, w[i].start < b.end { i += 1 }
            } else {
                i += 1
            }
        }
        return hits
    }

    /// The vocabulary entry index of a key, if any.
    func vocabularyEntry(forKey k: String) -> Int? { vocabularyKeys[k] }
}
