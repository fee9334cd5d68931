import PaperModel
import Analyzers

/// Markdown rendering of a deconstruction: headings, the abstract, the outline as a nested list,
/// algorithm boxes as indented code, and the source location of each part.
public enum MarkdownWriter {
    public static func write(_ d: Deconstruction) -> String {
        let paper = d.paper
        var out = "# \(escape(paper.metadata.title ?? "(untitled)"))\n\n"
        if !paper.metadata.authors.isEmpty {
            out += paper.metadata.authors.map { escape($0.name) }.joined(separator: ", ") + "\n\n"
        }
        var facts = ["source: `\(paper.source.mainFile)` (\(paper.source.kind.rawValue))"]
        if let id = paper.metadata.arxivID { facts.append("arXiv \(id)") }
        out += facts.joined(separator: " · ") + "\n\n"
        if !paper.abstract.isEmpty {
            out += "## Abstract\n\n" + paper.abstract.map(\.text).joined(separator: "\n\n") + "\n\n"
        }
        out += "## Outline\n\n"
        func visit(_ s: Section, indent: Int) {
            let pad = String(repeating: "  ", count: indent)
            let counts = OutlineWriter.counts(s.blocks).summary
            out += "\(pad)- \(s.number.map { "\($0) " } ?? "")\(escape(s.title))"
                + (counts.isEmpty ? "" : " — \(counts)") + " (`\(s.span.short)`)\n"
            for sub in s.subsections { visit(sub, indent: indent + 1) }
        }
        for s in paper.sections { visit(s, indent: 0) }
        out += "\n"
        let algorithms = paper.algorithms
        if !algorithms.isEmpty {
            out += "## Algorithms\n\n"
            for a in algorithms {
                out += "### \(a.number.map { "Algorithm \($0)" } ?? "Algorithm")\(a.caption.isEmpty ? "" : ": " + escape(a.caption))\n\n"
                out += "Source: `\(a.span.short)` · \(a.steps.count) steps\n\n```text\n"
                for line in a.lines {
                    let keyword = line.kind == .state || line.kind == .text ? "" : "\(line.kind.rawValue) "
                    out += String(repeating: "  ", count: line.depth) + keyword + line.text
                        + (line.comment.map { "  ▷ \($0)" } ?? "") + "\n"
                }
                out += "```\n\n"
            }
        }
        let tables = paper.tables.filter { !$0.caption.isEmpty }
        if !tables.isEmpty {
            out += "## Tables\n\n"
            for t in tables {
                out += "- \(t.number.map { "Table \($0): " } ?? "")\(escape(t.caption)) (`\(t.span.short)`)\n"
            }
            out += "\n"
        }
        let problems = d.diagnostics.filter { $0.severity != .note }
        if !problems.isEmpty {
            out += "## Reading problems\n\n"
            for p in problems { out += "- `\(p.location?.description ?? "-")` \(p.severity.rawValue): \(escape(p.message))\n" }
        }
        return out
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "<", with: "&lt;")
    }
}
