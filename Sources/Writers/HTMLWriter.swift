import Analyzers
import PaperModel

/// The single-file HTML report: the three layers of the card — TL;DR, card, and the paper's
/// passages that fed it — then the core algorithm line by line with its math drawn as MathML,
/// the glossary, the outline and the reading problems. Each TL;DR line links to the card entries
/// it rests on, each card entry to its passage, each passage back to its entries.
///
/// No scripts, no external files: the style sheet is inline and math is MathML, which browsers
/// draw natively. Paper text is always escaped. The markup is well-formed XML.
public enum HTMLWriter {
    public static func write(_ d: Deconstruction) -> String {
        var passages = PassageIndex()
        let card = CardHTML(d, passages: &passages)
        let title = d.paper.metadata.title ?? "(untitled)"
        var body: [String] = []
        body.append(header(d))
        body.append(navigation(d))
        body.append(tldr(d))
        body.append(card.html)
        body.append(HTMLCore.section(d))
        body.append(passagesSection(passages.inReadingOrder(d.paper)))
        body.append(outline(d.paper))
        body.append(problems(d.diagnostics))
        body.append("<footer>Written by \(HTMLMarkup.escape(d.generator)) · schema \(HTMLMarkup.escape(d.schema)). "
            + "Every entry links to the passage of the paper it came from; check it there.</footer>")
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="generator" content="\(HTMLMarkup.escape(d.generator))"/>
        <title>\(HTMLMarkup.escape(title)) — deconstructed</title>
        <style>
        \(HTMLStyle.css)
        </style>
        </head>
        <body>
        \(body.filter { !$0.isEmpty }.joined(separator: "\n"))
        </body>
        </html>

        """
    }

    private static func header(_ d: Deconstruction) -> String {
        let m = d.paper.metadata
        var facts: [String] = []
        if !m.authors.isEmpty { facts.append(HTMLMarkup.escape(m.authors.map(\.name).joined(separator: ", "))) }
        if let id = m.arxivID {
            facts.append("<a href=\"https://arxiv.org/abs/\(HTMLMarkup.escape(id))\">arXiv \(HTMLMarkup.escape(id))</a>")
        }
        let s = d.paper.source
        facts.append("<span class=\"where\">\(HTMLMarkup.escape(s.mainFile))</span> (\(s.kind.rawValue)"
            + (s.pages.map { ", \($0) pages" } ?? "") + ")")
        return "<header><h1>\(HTMLMarkup.text(m.title ?? "(untitled)"))</h1>\n<p class=\"facts\">"
            + facts.joined(separator: " · ") + "</p></header>"
    }

    private static func navigation(_ d: Deconstruction) -> String {
        var links = [("tldr", "TL;DR"), ("card", "Card"), ("core", "Core algorithm"), ("passages", "Passages"), ("outline", "Outline")]
        if d.core.algorithms.isEmpty { links[2].1 = "Core equations" }
        if d.diagnostics.contains(where: { $0.severity != .note }) { links.append(("problems", "Reading problems")) }
        return "<nav>" + links.map { "<a href=\"#\($0.0)\">\($0.1)</a>" }.joined(separator: " ") + "</nav>"
    }

    private static func tldr(_ d: Deconstruction) -> String {
        let lines = TLDR.lines(d)
        guard !lines.isEmpty else { return "" }
        var out = "<section id=\"tldr\"><h2>TL;DR</h2><ul class=\"tldr\">"
        for line in lines {
            let links = line.rests.compactMap { ref -> String? in
                guard let (anchor, label) = CardHTML.target(ref, d) else { return nil }
                return "<a href=\"#\(anchor)\">\(HTMLMarkup.escape(label))</a>"
            }
            out += "<li>" + HTMLMarkup.text(line.text)
                + (links.isEmpty ? "" : " <span class=\"rests\">↓ " + links.joined(separator: ", ") + "</span>") + "</li>"
        }
        return out + "</ul></section>"
    }

    private static func passagesSection(_ passages: [PassageIndex.Passage]) -> String {
        guard !passages.isEmpty else { return "" }
        var out = "<section id=\"passages\"><h2>Passages</h2>"
            + "<p class=\"note\">The sentences, table cells and algorithm lines the card was built from, in the paper's order; "
            + "what was taken from each is marked.</p><ol class=\"passages\">"
        for p in passages {
            let e = p.evidence
            out += "<li id=\"\(p.id)\"><p class=\"quote\">" + HTMLMarkup.text(e.text, highlights: p.highlights) + "</p>"
            out += "<p class=\"meta\"><span class=\"where\">\(HTMLMarkup.escape(e.span.description))</span>"
            if let c = e.context { out += " · " + HTMLMarkup.text(c) }
            out += " · fed " + p.feeds.map { "<a href=\"#\($0.anchor)\">\(HTMLMarkup.escape($0.label))</a>" }.joined(separator: ", ")
            out += "</p></li>"
        }
        return out + "</ol></section>"
    }

    private static func outline(_ paper: Paper) -> String {
        guard !paper.sections.isEmpty else { return "" }
        func visit(_ s: Section) -> String {
            let counts = OutlineWriter.counts(s.blocks).summary
            var li = "<li>" + (s.number.map { HTMLMarkup.escape($0) + " " } ?? "") + HTMLMarkup.text(s.title)
            if s.appendix { li += " <span class=\"tag\">appendix</span>" }
            if !counts.isEmpty { li += " <span class=\"note\">— \(HTMLMarkup.escape(counts))</span>" }
            li += " <span class=\"where\">\(HTMLMarkup.escape(s.span.short))</span>"
            if !s.subsections.isEmpty { li += "<ul>" + s.subsections.map(visit).joined() + "</ul>" }
            return li + "</li>"
        }
        return "<section id=\"outline\"><h2>Outline</h2><ul class=\"outline\">" + paper.sections.map(visit).joined() + "</ul></section>"
    }

    private static func problems(_ diagnostics: [Diagnostic]) -> String {
        let shown = diagnostics.filter { $0.severity != .note }
        guard !shown.isEmpty else { return "" }
        return "<section id=\"problems\"><h2>Reading problems</h2><ul>" + shown.map { p in
            "<li><span class=\"where\">\(HTMLMarkup.escape(p.location?.description ?? "-"))</span> "
                + "<span class=\"tag \(p.severity.rawValue)\">\(p.severity.rawValue)</span> \(HTMLMarkup.escape(p.message))"
                + " <span class=\"note\">[\(HTMLMarkup.escape(p.id))]</span></li>"
        }.joined() + "</ul></section>"
    }
}
