/// What the paper says its symbols are: "where $\tau > 0$ is the temperature parameter",
/// "the transition ratio $\lambda$", "Require: $\alpha$: step size". Built from every sentence,
/// caption and algorithm declaration before settings are read, so that a later
/// "$\lambda = 0.5$" is named in the paper's own words.
struct HyperGlossary: Sendable {
    struct Definition: Sendable {
        var name: String
        var canonical: String?
        /// 3: stated ("$x$ is the …", "Require: $x$: …"); 2: a name of several words before the
        /// symbol; 1: one word before it.
        var strength: Int
    }

    var definitions: [String: Definition] = [:]

    static let stopBefore: Set<String> = [
        "the", "a", "an", "of", "with", "and", "or", "for", "to", "in", "on", "at", "by", "we", "our", "use", "uses", "using",
        "set", "sets", "is", "are", "be", "was", "were", "where", "let", "denote", "denotes", "given", "as", "that", "which",
        "its", "their", "this", "these", "from", "via", "into", "over", "per", "each", "every", "all", "both", "any", "some",
        "then", "while", "when", "if", "than", "such", "it", "has", "have", "sample", "compute", "update", "return",
        "initialize", "obtain", "predict", "add", "define", "defined", "call", "called", "take", "takes", "given", "input",
        "output", "require", "ensure", "also", "only", "same", "different", "new", "other", "vector", "matrix", "function",
        "scalar", "value", "variable", "term", "constant",
        "small", "large", "larger", "smaller", "fixed", "positive", "random", "integer", "real", "number",
        // Conjunctions, adverbs and verbs of a clause, not of a name: "After finding out β1 = …",
        // "but not β2", "because now γ".
        "after", "before", "but", "not", "because", "now", "since", "once", "though", "although", "whereas", "thus",
        "hence", "so", "out", "find", "finding", "found", "tune", "tuned", "tuning", "fix", "include", "includes",
        "search", "try", "tried", "still", "even", "again", "first",
    ]
    static let stopAfter: Set<String> = [
        "of", "that", "which", "and", "or", "with", "for", "to", "in", "on", "at", "by", "from", "as", "is", "are", "where",
        "when", "if", "we", "used", "such", "while", "than", "between", "over", "per", "given", "this", "it",
        "require", "ensure", "input", "output", "return", "initialize",
    ]
    static let definingVerbs: Set<String> = ["is", "denote", "denotes", "represent", "represents", "be", "are", "stand", "stands"]
    static let generic: Set<String> = ["hyperparameter", "hyper", "parameter", "parameters", "hyperparameters", "coefficient"]

    /// Learns definitions from one tokenized sentence or algorithm line.
    /// - Parameter declaration: an algorithm's Require/Input line (every symbol there is an input).
    static let leadIns: Set<String> = [
        "hyperparameter", "hyper", "parameter", "constant", "coefficient", "scalar", "variable", "value", "quantity",
        "specifying", "controlling", "determining", "denoting", "representing", "setting", "governing", "that", "for",
        "the", "a", "an", "which", "specifies", "controls", "determines", "sets", "giving", "gives",
    ]

    /// - Parameter scalars: the scalars of `text`, when the caller has them.
    mutating func learn(_ input: [HyperToken], text: String, scalars known: [Unicode.Scalar]? = nil, declaration: Bool,
                        memo: HyperMemo, index: HyperNameIndex) {
        var tokens = input
        index.lexicon.annotate(&tokens)
        let scalars = known ?? ScalarText.scalars(text)
        func slice(_ a: Int, _ b: Int) -> String { ScalarText.string(scalars, a, b) }
        for i in tokens.indices {
            let kind = tokens[i].kind
            guard kind == .symbol || kind == .math || kind == .relation else { continue }
            let t = tokens[i]
            var keys: [String] = []
            switch t.kind {
            case .symbol: keys = t.symbols
            case .math: keys = t.symbols
            case .relation: keys = t.relations.map(\.key)
            default: continue
            }
            guard !keys.isEmpty else { continue }
            // After: "$\tau > 0$ is the temperature parameter", "$\alpha$: step size".
            var j = i + 1
            var stated = false
            if j < tokens.count, tokens[j].kind == .punct, tokens[j].norm == ":" { stated = true; j += 1 }
            else if j < tokens.count, tokens[j].kind == .word, tokens[j].flags.contains(.definingVerb) {
                stated = true
                j += 1
                if j < tokens.count, tokens[j].norm == "for" { j += 1 }   // "stands for"
            }
            // "is passed onto …" is no definition: a stated name starts with an article (or follows ":").
            if stated, tokens[j - 1].norm != ":", !(j < tokens.count && ["the", "a", "an", "our", "its"].contains(tokens[j].norm)) {
                stated = false
            }
            if stated {
                while j < tokens.count, tokens[j].kind == .word, ["the", "a", "an", "our", "equal"].contains(tokens[j].norm) { j += 1 }
                if j < tokens.count, tokens[j].norm == "to" { j += 1 }
                while j < tokens.count, tokens[j].kind == .word, ["the", "a", "an"].contains(tokens[j].norm) { j += 1 }
                // "a hyperparameter specifying the number of components": the name is what it specifies.
                var lead = j
                while lead < tokens.count, tokens[lead].kind == .word, tokens[lead].flags.contains(.leadIn) { lead += 1 }
                if lead > j, lead < tokens.count, tokens[lead].kind == .word { j = lead }
                let start = j
                while j < tokens.count, j - start < 5, tokens[j].kind == .word {
                    let w = tokens[j].norm
                    if tokens[j].flags.contains(.stopAfter) {
                        // "number of GM components"
                        if w == "of", j > start, ["number", "num", "no"].contains(tokens[j - 1].norm) { j += 1; continue }
                        break
                    }
                    j += 1
                }
                if j > start, let name = clean(tokens, start, j, slice: slice) {
                    add(keys, name: name, strength: 3, memo: memo)
                    continue
                }
            }
            // A count noun or name right after: "$l$ layers", "$N$ samples".
            if t.kind == .symbol, i + 1 < tokens.count, tokens[i + 1].kind == .word, !tokens[i + 1].hyphenBefore {
                let rest = Array(tokens[(i + 1)..<min(tokens.count, i + 5)])
                if let hit = index.find(in: rest, paper: HyperNameIndex.PaperNames()).first, hit.start == 0,
                   hit.count != nil || hit.vocab != nil {
                    let name = slice(rest[0].start, rest[hit.end - 1].end)
                    add(keys, name: name, strength: 2, memo: memo)
                    continue
                }
            }
            // Before: "the transition ratio $\lambda$", "number of GM components $K$".
            var k = i - 1
            var words = 0
            while k >= 0, tokens[k].kind == .word, words < 4 {
                let w = tokens[k].norm
                if w == "of", k > 0, ["number", "num", "no"].contains(tokens[k - 1].norm) { k -= 1; words += 1; continue }
                if tokens[k].flags.contains(.stopBefore) && !(words == 0 && declaration && w == "number") { break }
                if w.count < 2 { break }
                k -= 1
                words += 1
            }
            // "sequences of length $n$": the sequence length.
            if k >= 1, k + 1 < i, tokens[k].norm == "of", tokens[k - 1].kind == .word,
               ["length", "size", "dimension", "width", "depth"].contains(tokens[k + 1].norm), k + 2 == i {
                let phrase = tokens[k - 1].norm + " " + tokens[k + 1].norm
                if let e = memo.canonical(forPhrase: phrase) {
                    for key in keys where (definitions[key]?.strength ?? 0) < 2 {
                        definitions[key] = Definition(name: phrase, canonical: e.name, strength: 2)
                    }
                    continue
                }
            }
            let start = k + 1
            if start < i, let name = clean(tokens, start, i, slice: slice) {
                let n = i - start
                add(keys, name: name, strength: declaration ? 3 : n >= 2 ? 2 : 1, memo: memo)
            }
        }
    }

    private func clean(_ tokens: [HyperToken], _ a: Int, _ b: Int, slice: (Int, Int) -> String) -> String? {
        var e = b
        while e - a >= 2, tokens[e - 1].flags.contains(.generic) { e -= 1 }
        guard e > a, tokens[a..<e].contains(where: { !$0.flags.contains(.generic) }) else { return nil }
        guard tokens[a..<e].contains(where: { Self.isLetters(atLeast: 3, $0.norm) }) else { return nil }
        return slice(tokens[a].start, tokens[e - 1].end)
    }

    /// `word.count >= n && word.allSatisfy(\.isLetter)`, on the bytes of an ASCII word (a
    /// Character costs a grapheme break and a Unicode property look-up).
    static func isLetters(atLeast n: Int, _ word: String) -> Bool {
        let ascii = word.utf8.withContiguousStorageIfAvailable { b -> Bool? in
            var letters = true
            for c in b {
                if c >= 0x80 { return nil }
                if (c | 0x20) &- 0x61 >= 26 { letters = false }
            }
            return letters && b.count >= n
        }
        if let ascii, let result = ascii { return result }
        return word.count >= n && word.allSatisfy(\.isLetter)
    }

    private mutating func add(_ keys: [String], name: String, strength: Int, memo: HyperMemo) {
        // A name no key would take changes nothing: the vocabulary is not asked for it.
        guard keys.contains(where: { (definitions[$0]?.strength ?? 0) < strength }) else { return }
        let canonical = memo.canonical(forPhrase: name)?.name
        // One word that names nothing known is too weak to name a symbol.
        if strength == 1, canonical == nil { return }
        for k in keys {
            if let old = definitions[k], old.strength >= strength { continue }
            definitions[k] = Definition(name: name, canonical: canonical, strength: strength)
        }
    }
}
