import Analyzers
import PaperModel

/// The bottom layer of the HTML report: the paper's sentences, cells and lines that fed the
/// card, each once, with the card entries it fed. Card rows link down to their passage and each
/// passage links back up.
struct PassageIndex {
    struct Feed: Hashable {
        var anchor: String
        var label: String
    }

    struct Passage {
        var id: String
        var evidence: Evidence
        var highlights: [String]
        var feeds: [Feed]
    }

    private(set) var passages: [Passage] = []
    private var byKey: [String: Int] = [:]

    /// Registers that the card entry `anchor` (shown as `label`) rests on `evidence`, with
    /// `highlight` (the value or name as written) to mark in it; returns the passage's id.
    mutating func add(_ evidence: Evidence, highlight: String?, anchor: String, label: String) -> String {
        let key = evidence.span.description + "\u{1F}" + evidence.text
        let index: Int
        if let known = byKey[key] {
            index = known
        } else {
            index = passages.count
            byKey[key] = index
            passages.append(Passage(id: "p\(index + 1)", evidence: evidence, highlights: [], feeds: []))
        }
        if let highlight, !highlight.isEmpty, !passages[index].highlights.contains(highlight) {
            passages[index].highlights.append(highlight)
        }
        let feed = Feed(anchor: anchor, label: label)
        if !passages[index].feeds.contains(feed) { passages[index].feeds.append(feed) }
        return passages[index].id
    }

    /// The passages in reading order: files in the order the paper's sections come from them,
    /// then by line and column.
    func inReadingOrder(_ paper: Paper) -> [Passage] {
        var rank: [String: Int] = [:]
        func visit(_ s: Section) {
            if rank[s.span.file] == nil { rank[s.span.file] = rank.count }
            s.subsections.forEach(visit)
        }
        if rank[paper.source.mainFile] == nil { rank[paper.source.mainFile] = 0 }
        paper.sections.forEach(visit)
        return passages.sorted { a, b in
            let (sa, sb) = (a.evidence.span, b.evidence.span)
            let (ra, rb) = (rank[sa.file] ?? Int.max, rank[sb.file] ?? Int.max)
            if ra != rb { return ra < rb }
            if sa.file != sb.file { return sa.file < sb.file }
            if (sa.page ?? 0) != (sb.page ?? 0) { return (sa.page ?? 0) < (sb.page ?? 0) }
            if sa.line != sb.line { return sa.line < sb.line }
            if sa.column != sb.column { return sa.column < sb.column }
            return a.id < b.id
        }
    }
}
