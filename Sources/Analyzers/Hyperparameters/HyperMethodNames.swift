import PaperModel

/// Tells the paper's own method from the baselines a table compares it with: of the names a
/// table sets side by side (an "Optimizer" column of AdamW, Adafactor and Lion rows; columns
/// "AdamW lr" and "Sophia-H lr"), the paper's own are those its title and abstract name most.
/// The others are baselines, whose settings the card leaves out.
struct HyperMethodNames: Sendable {
    /// Words of the title and abstract (``HyperTableReader/words(_:)``), with how often each occurs.
    private var counts: [String: Int] = [:]

    /// How often the title and abstract name the most named of the rules' method names.
    private var top = 0

    init() {}

    init(paper: Paper, rules: HyperparameterRules) {
        var texts: [String] = paper.metadata.title.map { [$0] } ?? []
        for p in paper.abstract { texts.append(p.text) }
        for t in texts {
            for w in HyperTableReader.words(t) { counts[w, default: 0] += 1 }
        }
        top = rules.methodNames.map { counts[$0] ?? 0 }.max() ?? 0
    }

    /// A method's name (a token's normalised word) that the title and abstract name less than
    /// another method: a baseline.
    func isBaseline(_ norm: String) -> Bool { (counts[norm] ?? 0) < top }

    /// Token ranges of the clauses that state a baseline's settings: a value right before "for" or
    /// "in" a baseline ("{3, 6, 9, 12} for PPO"); values "for" or "in" a baseline with the
    /// paper's own method not named in the clause ("… works the best for AdamW
    /// while β1 = 0.95 …", "β1 = 0.9, β2 = 0.99 in AdamW, and …"), or every clause without a
    /// method of its own after a sentence that starts "For AdamW, …".
    /// - Parameter tokens: annotated (``HyperLexicon/annotate(_:)``).
    func baselineClauses(_ tokens: [HyperToken]) -> [Range<Int>] {
        guard top > 0, tokens.indices.contains(where: { tokens[$0].flags.contains(.methodName) }) else { return [] }
        let leading = tokens.count >= 2 && tokens[0].norm == "for" && tokens[1].flags.contains(.methodName)
            && isBaseline(tokens[1].norm)
        var out: [Range<Int>] = []
        var start = 0
        for k in 0...tokens.count {
            let t = k < tokens.count ? tokens[k] : nil
            let ends = t == nil || (t!.kind == .punct && t!.norm == ";")
                || (t!.kind == .word && t!.flags.contains(.clauseStart))
                || (t!.kind == .punct && t!.norm == "," && k + 1 < tokens.count && tokens[k + 1].norm == "and")
            guard ends else { continue }
            var own = false
            var baseline = false
            for j in start..<k where tokens[j].flags.contains(.methodName) {
                if !isBaseline(tokens[j].norm) { own = true }
                else if j > start, tokens[j - 1].norm == "for" || tokens[j - 1].norm == "in" {
                    // "target KL ∈ {3, 6, 9, 12} for PPO": only the value right before.
                    if j >= 2, tokens[j - 2].kind.isValue || tokens[j - 2].kind == .relation {
                        out.append((j - 2)..<(j - 1))
                    } else {
                        baseline = true
                    }
                }
            }
            if !own, baseline || leading { out.append(start..<k) }
            start = k + 1
        }
        return out
    }

    /// How often the title and abstract name `name`: its rarest word, where a variant's word
    /// ("Sophia-H") counts as its stem ("Sophia") when the variant itself is not named.
    func mentions(_ name: String) -> Int {
        let words = HyperTableReader.words(name)
        guard !words.isEmpty else { return 0 }
        var least = Int.max
        for w in words {
            var n = counts[w] ?? 0
            if n == 0, let dash = w.firstIndex(of: "-"), dash > w.startIndex { n = counts[String(w[..<dash])] ?? 0 }
            least = min(least, n)
        }
        return least
    }

    /// The names among `names` that are baselines: named less often than the most named one.
    /// None when no name is named at all, or when fewer than two names are compared.
    func baselines(among names: Set<String>) -> Set<String> {
        guard names.count >= 2 else { return [] }
        let counted = names.map { ($0, mentions($0)) }
        let top = counted.map(\.1).max() ?? 0
        guard top > 0 else { return [] }
        return Set(counted.filter { $0.1 < top }.map(\.0))
    }

    /// A cell or header word that can name a method: letters, with a capital ("Lion", "AdamW",
    /// "Sophia-G"), no more than three words.
    static func isName(_ text: String) -> Bool {
        guard text.contains(where: \.isUppercase), text.contains(where: \.isLetter) else { return false }
        return text.split(separator: " ").count <= 3
    }
}
