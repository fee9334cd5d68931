import PaperModel

/// Tells the paper's own method from the baselines a table compares it with: of the names a
/// table sets side by side (an "Optimizer" column of AdamW, Adafactor and Lion rows; columns
/// "AdamW lr" and "Sophia-H lr"), the paper's own are those its title and abstract name most.
/// The others are baselines, whose settings the card leaves out.
struct HyperMethodNames: Sendable {
    /// Words of the title and abstract (``HyperTableReader/words(_:)``), with how often each occurs.
    private var counts: [String: Int] = [:]

    init() {}

    init(paper: Paper) {
        var texts: [String] = paper.metadata.title.map { [$0] } ?? []
        for p in paper.abstract { texts.append(p.text) }
        for t in texts {
            for w in HyperTableReader.words(t) { counts[w, default: 0] += 1 }
        }
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
