import PaperModel

/// The top layer of the card: a few lines a reader takes in at a glance, each built from card
/// entries (and so from sentences of the paper) — never free text.
public enum TLDR {
    /// One line of the TL;DR and the card entries it rests on.
    public struct Line: Hashable, Sendable {
        public var text: String
        public var rests: [CardReference]
    }

    /// A card entry a TL;DR line points down to.
    public enum CardReference: Hashable, Sendable {
        case proposal(Int), claim(Int), datasets, algorithm(Int), hyperparameters, feasibility
    }

    public static func summarize(_ d: Deconstruction) -> [String] { lines(d).map(\.text) }

    /// The TL;DR with, for each line, the card entries it was built from.
    public static func lines(_ d: Deconstruction) -> [Line] {
        var lines: [Line] = []
        if let p = d.proposals.first {
            lines.append(Line(text: shorten(p.text), rests: [.proposal(0)]))
        }
        if let i = d.claims.firstIndex(where: { $0.value != nil && $0.source == "abstract" }) ?? d.claims.firstIndex(where: { $0.source == "abstract" }),
           d.proposals.first?.text != d.claims[i].text {
            lines.append(Line(text: shorten(d.claims[i].text), rests: [.claim(i)]))
        }
        var needs: [String] = []
        var rests: [CardReference] = []
        if !d.datasets.isEmpty {
            needs.append("data: " + d.datasets.prefix(4).map(\.name).joined(separator: ", "))
            rests.append(.datasets)
        }
        // One walk of the paper's blocks (the view walks the whole tree each time it is asked).
        let algorithms = d.paper.algorithms
        if let i = algorithms.firstIndex(where: { !$0.caption.isEmpty }) {
            let a = algorithms[i]
            needs.append("algorithm: \(a.number.map { "Algorithm \($0)" } ?? "box") (\(a.steps.count) steps)")
            rests.append(.algorithm(i))
        }
        if !d.hyperparameters.isEmpty {
            needs.append("\(d.hyperparameters.count) settings stated")
            rests.append(.hyperparameters)
        }
        if !needs.isEmpty { lines.append(Line(text: needs.joined(separator: " · "), rests: rests)) }
        if let f = d.feasibility { lines.append(Line(text: f.summary, rests: [.feasibility])) }
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
