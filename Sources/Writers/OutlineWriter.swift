import PaperModel

/// The structure of a paper as an indented tree: title, authors, abstract, then each section
/// with its number, title, counts of paragraphs/equations/algorithms/tables/figures and where it
/// starts.
public enum OutlineWriter {
    public struct Counts: Equatable, Sendable {
        public var paragraphs = 0, equations = 0, algorithms = 0, tables = 0, figures = 0, theorems = 0

        mutating func add(_ blocks: [Block]) {
            for b in blocks {
                switch b {
                case .paragraph: paragraphs += 1
                case .equation: equations += 1
                case .algorithm: algorithms += 1
                case .table: tables += 1
                case .figure: figures += 1
                case .theorem(let t): theorems += 1; add(t.blocks)
                case .list(let l): for i in l.items { add(i.blocks) }
                case .raw: break
                }
            }
        }

        var summary: String {
            var parts: [String] = []
            func part(_ n: Int, _ one: String, _ many: String) { if n > 0 { parts.append("\(n) \(n == 1 ? one : many)") } }
            part(paragraphs, "paragraph", "paragraphs")
            part(equations, "equation", "equations")
            part(algorithms, "algorithm", "algorithms")
            part(tables, "table", "tables")
            part(figures, "figure", "figures")
            part(theorems, "theorem", "theorems")
            return parts.joined(separator: ", ")
        }
    }

    /// Counts for a section's own blocks (not its subsections).
    public static func counts(_ blocks: [Block]) -> Counts {
        var c = Counts()
        c.add(blocks)
        return c
    }

    public static func write(_ paper: Paper, style: TextStyle = .plain) -> String {
        var out = ""
        out += style.bold(paper.metadata.title ?? "(untitled)") + "\n"
        if !paper.metadata.authors.isEmpty {
            out += paper.metadata.authors.map(\.name).joined(separator: ", ") + "\n"
        }
        var facts: [String] = []
        if let id = paper.metadata.arxivID { facts.append("arXiv \(id)") }
        facts.append("\(paper.source.kind.rawValue): \(paper.source.mainFile)")
        if paper.source.files.count > 1 { facts.append("\(paper.source.files.count) files") }
        if let pages = paper.source.pages { facts.append("\(pages) pages") }
        out += style.dim(facts.joined(separator: " · ")) + "\n\n"
        if !paper.abstract.isEmpty {
            let sentences = paper.abstract.reduce(0) { $0 + $1.sentences.count }
            out += "Abstract  \(sentences) sentences" + style.dim("  \(paper.abstract[0].span.short)") + "\n"
        }
        if !paper.front.isEmpty {
            out += "(front matter)  \(counts(paper.front).summary)\n"
        }
        func visit(_ s: Section, indent: Int) {
            let pad = String(repeating: "  ", count: indent)
            let number = s.number.map { "\($0) " } ?? ""
            let mark = s.appendix && indent == 0 ? style.dim(" [appendix]") : ""
            let c = counts(s.blocks).summary
            out += "\(pad)\(style.bold(number + s.title))\(mark)\(c.isEmpty ? "" : "  \(c)")"
                + style.dim("  \(s.span.short)") + "\n"
            for sub in s.subsections { visit(sub, indent: indent + 1) }
        }
        for s in paper.sections { visit(s, indent: 0) }
        let total = counts(paper.allBlocks.map(\.block).filter { if case .theorem = $0 { false } else if case .list = $0 { false } else { true } })
        out += "\n" + style.dim("total: \(total.summary); \(paper.bibliography.count) references, \(paper.footnotes.count) footnotes") + "\n"
        return out
    }
}
