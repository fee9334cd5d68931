import Foundation
import Testing
import PaperModel
@testable import Readers

@Suite struct PDFParserTests {
    @Test func parsesPagesWordsEntitiesAndMeta() {
        let xhtml = """
        <html><head><title>A &amp; B</title><meta name="Author" content="Ada Lovelace, Alan Turing"/></head><body><doc>
        <page width="595.276000" height="841.890000"><flow><block xMin="1" yMin="2" xMax="3" yMax="4"><line xMin="1" yMin="2" xMax="3" yMax="4">
        <word xMin="104.959040" yMin="61.044583" xMax="143.205440" yMax="72.726943">R&amp;D&lt;x&gt;</word>
        <word xMin="145.5" yMin="61.0" xMax="150.0" yMax="72.7">&#946;&#x3b3;</word>
        </line></block></flow></page>
        <page width="612" height="792"></page>
        </doc></body></html>
        """
        var s = xhtml
        let doc = s.withUTF8 { BBoxParser.parse($0) }
        #expect(doc.title == "A & B")
        #expect(doc.meta["Author"] == "Ada Lovelace, Alan Turing")
        #expect(doc.pages.count == 2)
        #expect(doc.pages[0].width == 595.276)
        #expect(doc.pages[0].words.map(\.text) == ["R&D<x>", "βγ"])
        #expect(abs(doc.pages[0].words[0].x0 - 104.95904) < 1e-9)
        #expect(doc.pages[0].words[0].line == doc.pages[0].words[1].line)
        #expect(doc.pages[1].words.isEmpty)
    }

    @Test func parsesNumbers() {
        func p(_ s: String) -> Double {
            let b = Array(s.utf8)
            return b.withUnsafeBufferPointer { BBoxParser.parseDouble($0, 0, b.count) }
        }
        #expect(p("104.959040") == 104.95904)
        #expect(p("-3.5") == -3.5)
        #expect(p("12") == 12)
        #expect(p("1.5e2") == 150)
    }
}

@Suite struct PDFLayoutTests {
    /// Two columns of prose: the left column is read to its end before the right one.
    @Test func readsTwoColumnsLeftFirst() {
        var d = SyntheticDocument()
        let left = Prose.lines(20, perLine: 7, seed: 0)
        let right = Prose.lines(20, perLine: 7, seed: 5)
        for k in 0..<20 {
            d.line((k == 0 ? "LEFTSTART " : "") + left[k] + (k == 19 ? " LEFTEND" : ""), x: 72, y: 100 + Double(k) * 12)
            d.line((k == 0 ? "RIGHTSTART " : "") + right[k] + (k == 19 ? " RIGHTEND" : ""), x: 320, y: 100 + Double(k) * 12)
        }
        let layout = PDFLayout.build(BBoxParser.parse(Array(d.xhtml.utf8)))
        let texts = layout.lines.map(\.text)
        let ls = texts.firstIndex { $0.contains("LEFTSTART") }!, le = texts.firstIndex { $0.contains("LEFTEND") }!
        let rs = texts.firstIndex { $0.contains("RIGHTSTART") }!, re = texts.firstIndex { $0.contains("RIGHTEND") }!
        #expect(ls < le && le < rs && rs < re)
        // No line mixes the two columns.
        #expect(!texts.contains { $0.contains("LEFTSTART") && $0.contains("RIGHTSTART") })
        #expect(Set(layout.lines.map(\.region)).count == 2)
    }

    /// A full-width title over two columns stays first; the columns follow in order.
    @Test func spanningTitleThenColumns() {
        var d = SyntheticDocument()
        d.line("A Title That Spans Both Columns Of The Page", x: 150, y: 60, size: 16)
        let left = Prose.lines(15, perLine: 7), right = Prose.lines(15, perLine: 7, seed: 3)
        for k in 0..<15 {
            d.line(left[k] + (k == 14 ? " LEFTEND" : ""), x: 72, y: 120 + Double(k) * 12)
            d.line((k == 0 ? "RIGHTSTART " : "") + right[k], x: 320, y: 120 + Double(k) * 12)
        }
        let layout = PDFLayout.build(BBoxParser.parse(Array(d.xhtml.utf8)))
        let texts = layout.lines.map(\.text)
        #expect(texts.first?.hasPrefix("A Title") == true)
        #expect(texts.firstIndex { $0.contains("LEFTEND") }! < texts.firstIndex { $0.contains("RIGHTSTART") }!)
    }

    /// A two-column paper over two pages: a paragraph runs on across the column break and the
    /// page break; headings in either column open sections.
    @Test func paragraphsRunAcrossColumnsAndPages() throws {
        var d = SyntheticDocument()
        let words = Prose.words
        func lineText(_ k: Int) -> String { (0..<7).map { words[(k * 7 + $0) % words.count] }.joined(separator: " ") }
        var k = 0
        for page in 0..<2 {
            d.newPage()
            for col in 0..<2 {
                let x = col == 0 ? 72.0 : 320.0
                var y = 72.0
                if page == 0 && col == 0 {
                    d.line("1 Introduction", x: x, y: y, size: 12); y += 20
                }
                for row in 0..<40 {
                    if page == 1 && col == 1 && row == 10 {
                        y += 8
                        d.line("2 Method", x: x, y: y, size: 12); y += 20
                    }
                    var t = lineText(k)
                    if page == 1 && col == 1 && row == 9 { t += " END." }
                    if page == 1 && col == 1 && row == 10 { t = "Second " + t }
                    d.line(t, x: x, y: y, width: t.hasSuffix("END.") ? nil : 220)
                    y += 12
                    k += 1
                }
            }
        }
        let p = d.read().paper
        #expect(p.sections.map(\.number) == ["1", "2"])
        let intro = try #require(p.sections.first)
        #expect(intro.blocks.count == 1, "one paragraph over two columns and two pages")
        guard case .paragraph(let para) = intro.blocks.first else { Issue.record("not a paragraph"); return }
        #expect(para.text.hasSuffix("END."))
        #expect(para.span.page == 1)
        // Words keep their order: line 40 (first of the right column) follows line 39.
        #expect(para.text.contains(lineText(39) + " " + lineText(40)))
        #expect(para.text.contains(lineText(119) + " " + lineText(120)))
        #expect(p.sections[1].blocks.count == 1)
    }

    /// A single column with a word gap that happens to line up stays one column.
    @Test func singleColumnIsNotSplit() {
        var d = SyntheticDocument()
        for (k, l) in Prose.lines(30, perLine: 14).enumerated() { d.line(l, x: 72, y: 80 + Double(k) * 12) }
        let layout = PDFLayout.build(BBoxParser.parse(Array(d.xhtml.utf8)))
        #expect(Set(layout.lines.map(\.region)).count == 1)
        #expect(layout.lines.count == 30)
    }

    /// Running headers, page numbers and margin line numbers are dropped.
    @Test func dropsHeadersFootersAndLineNumbers() {
        var d = SyntheticDocument()
        for p in 0..<4 {
            d.newPage()
            d.line("Under review as a conference paper at ICLR 2024", x: 72, y: 40)
            for (k, l) in Prose.lines(25, perLine: 13, seed: p).enumerated() {
                let y = 100 + Double(k) * 12
                d.line(l, x: 100, y: y)
                d.line(String(format: "%03d", p * 25 + k), x: 60, y: y)
            }
            d.line("\(p + 1)", x: 300, y: 750)
        }
        let r = d.read()
        let all = r.paper.allBlocks.compactMap { if case .paragraph(let p) = $0.block { p.text } else { nil } }.joined(separator: " ")
        #expect(!all.contains("Under review"))
        #expect(!all.contains("001"))
        #expect(!all.contains(" 3 "))
        #expect(all.contains("training set"))
    }

    /// Touching words are one token; a smaller glyph set lower is a subscript, higher a superscript.
    @Test func mergesScriptsIntoTokens() {
        var d = SyntheticDocument()
        for (k, l) in Prose.lines(8).enumerated() { d.line(l, x: 72, y: 80 + Double(k) * 12) }
        // g_t^2 ← β_1
        d.pieces([("g", 0, 10, 0), ("t", 0, 7, 4), ("2", -3.5, 7, -2), ("←", 3, 10, 0), ("β", 3, 10, 0), ("1", 0, 7, 4)], x: 200, y: 200)
        let layout = PDFLayout.build(BBoxParser.parse(Array(d.xhtml.utf8)))
        let line = layout.lines.first { $0.text.contains("←") }!
        #expect(line.tokens.map(\.text) == ["gt2", "←", "β1"])
        #expect(line.tokens[0].runs.map(\.script) == [.base, .sub, .sup])
        #expect(PDFMath.tex(line.tokens) == "g_t^2 \\gets \\beta_1")
    }
}

@Suite struct PDFTextTests {
    private func paragraphs(_ d: SyntheticDocument) -> [String] {
        d.read().paper.allBlocks.compactMap { if case .paragraph(let p) = $0.block { p.text } else { nil } }
    }

    @Test func undoesLineEndHyphenationButKeepsCompounds() {
        var d = SyntheticDocument()
        let lines = [
            "We describe a second-order method and its optimization for large models in",
            "detail and a first step of the optimiza-",
            "tion and of the second-",
            "order terms which we study for the large-scale setting in all",
            "our experiments with the method.",
        ]
        for (k, l) in lines.enumerated() { d.line(l, x: 72, y: 100 + Double(k) * 12) }
        let text = paragraphs(d).joined(separator: " ")
        #expect(text.contains("of the optimization and"))
        #expect(text.contains("the second-order terms"))
        #expect(!text.contains("optimiza-"))
    }

    @Test func splitsParagraphsAtGapsAndIndents() {
        var d = SyntheticDocument()
        var y = 100.0
        for l in Prose.lines(4, seed: 1) { d.line(l, x: 72, y: y); y += 12 }
        y += 10  // a blank gap
        for l in Prose.lines(4, seed: 2) { d.line(l, x: 72, y: y); y += 12 }
        let indented = Prose.lines(4, seed: 3)
        for (k, l) in indented.enumerated() { d.line(l, x: k == 0 ? 87 : 72, y: y); y += 12 }
        let ps = paragraphs(d)
        #expect(ps.count == 3)
        let r = d.read()
        let first = r.paper.paragraphs.first!
        #expect(first.span.page == 1)
        #expect(first.span.line == 1)
        #expect(first.span.box != nil)
        #expect(!first.sentences.isEmpty)
    }
}
