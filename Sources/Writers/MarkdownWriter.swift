import PaperModel
import Analyzers

/// Markdown rendering of a deconstruction: TL;DR, the card as tables with a "where" column,
/// the feasibility verdict, the algorithm boxes, and the outline.
public enum MarkdownWriter {
    public static func write(_ d: Deconstruction) -> String {
        let paper = d.paper
        var out = "# \(escape(paper.metadata.title ?? "(untitled)"))\n\n"
        var facts: [String] = []
        if !paper.metadata.authors.isEmpty { facts.append(paper.metadata.authors.map { escape($0.name) }.joined(separator: ", ")) }
        if let id = paper.metadata.arxivID { facts.append("arXiv \(id)") }
        facts.append("source: `\(paper.source.mainFile)` (\(paper.source.kind.rawValue))")
        out += facts.joined(separator: " · ") + "\n\n"
        if !d.tldr.isEmpty {
            out += "## TL;DR\n\n" + d.tldr.map { "- " + escape($0) }.joined(separator: "\n") + "\n\n"
        }
        if !d.claims.isEmpty {
            out += "## Claims\n\n| claim | from | where |\n|---|---|---|\n"
            for c in d.claims { out += "| \(cell(c.text)) | \(c.source) | `\(c.evidence.span.short)` |\n" }
            out += "\n"
        }
        if !d.proposals.isEmpty {
            out += "## Proposals\n\n"
            for p in d.proposals { out += "- \(escape(p.text)) (`\(p.evidence.span.short)`)\n" }
            out += "\n"
        }
        out += "## Hyperparameters\n\n"
        if d.hyperparameters.isEmpty {
            out += "None found.\n\n"
        } else {
            out += "| name | canonical | symbol | value | scope | where | evidence |\n|---|---|---|---|---|---|---|\n"
            for h in d.hyperparameters {
                out += "| \(cell(h.name)) | \(h.canonical ?? "") | \(h.symbol.map { "`\($0)`" } ?? "") | "
                    + "\(cell(CardFormatting.value(h.value) + (h.unit.map { " \($0)" } ?? ""))) | \(cell(h.scope ?? "")) | "
                    + "`\(h.evidence.span.short)` | \(cell(TLDR.shorten(h.evidence.text, to: 120))) |\n"
            }
            out += "\n"
        }
        if let f = d.feasibility, !f.unknowns.isEmpty {
            out += "Not stated by the paper: " + f.unknowns.joined(separator: ", ") + ".\n\n"
        }
        out += "## Hardware\n\n"
        if d.hardware.isEmpty { out += "Not stated.\n\n" } else {
            for h in d.hardware { out += "- \(escape(CardFormatting.hardware(h))) (`\(h.evidence.span.short)`)\n" }
            out += "\n"
        }
        out += "## Datasets\n\n"
        if d.datasets.isEmpty { out += "None found.\n\n" } else {
            out += "| dataset | task | size | where |\n|---|---|---|---|\n"
            for ds in d.datasets { out += "| \(cell(ds.name)) | \(cell(ds.task ?? "")) | \(cell(ds.size ?? "")) | `\(ds.evidence.span.short)` |\n" }
            out += "\n"
        }
        if let f = d.feasibility {
            out += "## Feasibility\n\n**\(f.verdict.rawValue)** — \(escape(f.summary))\n\n"
            if let pc = f.paperCompute { out += "- Paper: \(escape(pc))\n" }
            for r in f.reasons { out += "- \(escape(r))\n" }
            for p in f.plan { out += "- Plan: \(escape(p))\n" }
            out += "\n"
        }
        let core = d.core
        if !core.algorithms.isEmpty || !core.equations.isEmpty {
            out += CoreSection.markdown(core) + "\n"
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
        let problems = d.diagnostics.filter { $0.severity != .note }
        if !problems.isEmpty {
            out += "## Reading problems\n\n"
            for p in problems { out += "- `\(p.location?.description ?? "-")` \(p.severity.rawValue): \(escape(p.message))\n" }
        }
        return out
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "<", with: "&lt;")
    }

    /// Text safe inside a table cell.
    static func cell(_ s: String) -> String {
        escape(s).replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
}
