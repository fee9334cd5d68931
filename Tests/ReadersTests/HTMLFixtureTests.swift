import Foundation
import Testing
import PaperModel
@testable import Readers

/// The example paper written by hand in LaTeXML's markup reads into the same model as its LaTeX
/// sources. Differences that are LaTeXML's, not the reader's, are compared modulo them:
/// TeX modulo whitespace and `_{t}` vs `_t`; citation keys are the page's `bib.bibN` ids and
/// labels are element ids (`S2.E1`), since the page does not keep `\label` names.
@Suite struct HTMLFixtureTests {
    let html: ReadResult
    let tex: ReadResult

    init() throws {
        let text = try String(contentsOf: HTMLTest.fixture, encoding: .utf8)
        html = HTMLReader().read(name: "lookahead-momentum.html", text: text)
        tex = try HTMLTest.latex(HTMLTest.example.path)
    }

    @Test func metadataMatches() {
        #expect(html.paper.metadata.title == tex.paper.metadata.title)
        #expect(html.paper.metadata.authors == tex.paper.metadata.authors)
        #expect(html.paper.source.kind == .html)
        #expect(html.diagnostics.isEmpty, "\(html.diagnostics.map(\.description))")
    }

    @Test func abstractMatches() {
        #expect(html.paper.abstract.count == tex.paper.abstract.count)
        #expect(html.paper.abstract.map(\.sentences.count) == tex.paper.abstract.map(\.sentences.count))
        #expect(html.paper.abstract.first?.text.contains("Damped Adaptive Momentum (Dam)") == true)
        #expect(html.paper.abstract.first?.text.contains("$\\alpha/\\lambda$") == true)
    }

    @Test func sectionsMatch() {
        let h = HTMLTest.sections(html.paper)
        let t = HTMLTest.sections(tex.paper)
        #expect(h.map(\.title) == t.map(\.title))
        #expect(h.map(\.number) == t.map(\.number))
        #expect(h.map(\.level) == t.map(\.level))
        #expect(h.map(\.appendix) == t.map(\.appendix))
        #expect(h.map(\.starred) == t.map(\.starred))
        #expect(h.map(HTMLTest.paragraphCount) == t.map(HTMLTest.paragraphCount))
        #expect(h.map { $0.blocks.map(\.typeName) } == t.map { $0.blocks.map(\.typeName) })
    }

    @Test func sentencesMatch() {
        let h = html.paper.allBlocks.compactMap { if case .paragraph(let p) = $0.block { p.sentences.count } else { nil } }
        let t = tex.paper.allBlocks.compactMap { if case .paragraph(let p) = $0.block { p.sentences.count } else { nil } }
        #expect(h == t)
    }

    @Test func equationsMatch() {
        let h = html.paper.equations
        let t = tex.paper.equations
        #expect(h.count == 3)
        #expect(h.map { HTMLTest.canonicalTeX($0.tex) } == t.map { HTMLTest.canonicalTeX($0.tex) })
        #expect(h.map(\.numbers) == t.map(\.numbers))
        #expect(h.map(\.environment) == t.map(\.environment))
        #expect(h.map { $0.rows.map { HTMLTest.canonicalTeX($0.tex) } } == t.map { $0.rows.map { HTMLTest.canonicalTeX($0.tex) } })
        #expect(h.map { $0.rows.map(\.number) } == t.map { $0.rows.map(\.number) })
        #expect(h[0].labels == ["S2.E1"])
        #expect(html.paper.labels["S2.E2"]?.number == "2")
    }

    @Test func algorithmMatches() throws {
        let h = try #require(html.paper.algorithms.first)
        let t = try #require(tex.paper.algorithms.first)
        #expect(html.paper.algorithms.count == tex.paper.algorithms.count)
        #expect(h.lines.count == t.lines.count)
        #expect(h.lines.map(\.kind) == t.lines.map(\.kind))
        #expect(h.lines.map(\.depth) == t.lines.map(\.depth))
        #expect(h.lines.map(\.comment) == t.lines.map(\.comment))
        #expect(h.number == t.number)
        #expect(h.steps.count == t.steps.count)
        #expect(h.caption.hasPrefix("Damped Adaptive Momentum (Dam). $g_{t}^{2}$ denotes"))
        #expect(h.lines[9].text == "$\\theta_{t}$ not converged")
        #expect(h.lines.last?.text == "$\\theta_{t}$")
        #expect(h.span.line > 1)
    }

    @Test func tablesMatch() {
        let h = html.paper.tables
        let t = tex.paper.tables
        #expect(h.count == t.count)
        #expect(h.map(\.number) == t.map(\.number))
        #expect(h.map(\.caption) == t.map(\.caption))
        #expect(h.map { $0.grid.map { $0.map(HTMLTest.canonicalTeX) } } == t.map { $0.grid.map { $0.map(HTMLTest.canonicalTeX) } })
        #expect(h.first?.rows[0].cells.last?.columnSpan == 2)
        #expect(h.first?.rows[3].cells.first?.rowSpan == 2)
        #expect(h.first?.rows[4].cells.map(\.column) == [1, 2])
    }

    @Test func theoremMatches() {
        func theorems(_ p: Paper) -> [TheoremBlock] {
            p.allBlocks.compactMap { if case .theorem(let t) = $0.block { t } else { nil } }
        }
        let h = theorems(html.paper)
        let t = theorems(tex.paper)
        #expect(h.map(\.kind) == t.map(\.kind))
        #expect(h.map(\.category) == t.map(\.category))
        #expect(h.map(\.title) == t.map(\.title))
        #expect(h.map(\.number) == t.map(\.number))
        #expect(h.map { $0.blocks.map(\.typeName) } == t.map { $0.blocks.map(\.typeName) })
    }

    @Test func footnotesAndBibliographyMatch() {
        #expect(html.paper.footnotes.count == tex.paper.footnotes.count)
        #expect(html.paper.footnotes.map { HTMLTest.canonicalTeX($0.text) } == tex.paper.footnotes.map { HTMLTest.canonicalTeX($0.text) })
        #expect(html.paper.bibliography.count == tex.paper.bibliography.count)
        #expect(html.paper.bibliography.map(\.text) == tex.paper.bibliography.map(\.text))
        #expect(html.paper.bibliography.map(\.key) == ["bib.bib1", "bib.bib2", "bib.bib3", "bib.bib4"])
    }

    @Test func citationsAndReferencesAreKept() {
        let intro = html.paper.sections[0]
        guard case .paragraph(let p) = intro.blocks[0] else { Issue.record("no paragraph"); return }
        #expect(p.text.hasPrefix("Adam [1] is the default optimizer"))
        #expect(p.citations == ["bib.bib1"])
        let method = html.paper.sections[1]
        guard case .paragraph(let q) = method.blocks[5] else { Issue.record("no paragraph"); return }
        #expect(q.text.hasPrefix("All operations in (1) and (2) are element-wise."))
        #expect(q.references == ["S2.E1", "S2.E2", "alg1"])
    }

    @Test func evidencePointsIntoThePage() throws {
        let method = html.paper.sections[1]
        #expect(method.span.file == "lookahead-momentum.html")
        #expect(method.span.line == 88)
        guard case .paragraph(let p) = method.blocks[0] else { Issue.record("no paragraph"); return }
        #expect(p.span.line == 92)
        // "Like Adam, …" starts on the page's line 93, after the math.
        let text = try String(contentsOf: HTMLTest.fixture, encoding: .utf8)
        let line = text.components(separatedBy: "\n")[92]
        let at = try #require(line.range(of: "Like Adam"))
        #expect(p.sentences[1].span.line == 93)
        #expect(p.sentences[1].span.column == line.unicodeScalars.distance(from: line.startIndex, to: at.lowerBound) + 1)
        let eq = try #require(html.paper.equations.first)
        #expect(eq.span.line == 98)
        #expect(eq.span.endLine == 113)
    }
}
