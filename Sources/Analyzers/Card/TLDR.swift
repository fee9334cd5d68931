import PaperModel

/// The top layer of the card: a few lines a reader takes in at a glance, each built from card
/// entries (and so from sentences of the paper) — never free text.
public enum TLDR {
    public static func summarize(_ d: Deconstruction) -> [String] {
        var lines: [String] = []
        if let p = d.proposals.first {
            lines.append(shorten(p.text))
        }
        if let c = d.claims.first(where: { $0.value != nil && $0.source == "abstract" }) ?? d.claims.first(where: { $0.source == "abstract" }),
           d.proposals.first?.text != c.text {
            lines.append(shorten(c.text))
        }
        var needs: [String] = []
        if !d.datasets.isEmpty { needs.append("data: " + d.datasets.prefix(4).map(\.name).joined(separator: ", ")) }
        if let a = d.paper.algorithms.first(where: { !$0.caption.isEmpty }) {
            needs.append("algorithm: \(a.number.map { "Algorithm \($0)" } ?? "box") (\(a.steps.count) steps)")
        }
        if !d.hyperparameters.isEmpty { needs.append("\(d.hyperparameters.count) settings stated") }
        if !needs.isEmpty { lines.append(needs.joined(separator: " · ")) }
        if let f = d.feasibility { lines.append(f.summary) }
        return lines
    }

    /// The text cut at a word boundary before `limit` characters, with an ellipsis.
    public static func shorten(_ s: String, to limit: Int = 200) -> String {
        guard s.count > limit else { return s }
        let cut = s.prefix(limit)
        let end = cut.lastIndex(of: " ") ?? cut.endIndex
        return String(cut[..<end]) + " …"
    }
}
