import Foundation
import Testing
import PaperModel
@testable import Readers

// Tables rebuilt from word boxes (PDFTableBuilder, PDFStructure+Tables), glyph repair, float
// anchoring and token joins, on synthetic pages.

@Suite struct PDFTableTests {
    /// A page: a section, prose, a caption "Table 1: …" above a table of `rows` (cells as
    /// (text, x)) set 8 pt apart in a 7 pt font, more prose below.
    static func page(rows: [[(String, Double)]], rowOffsets: [Double]? = nil, mention: Bool = true, size: Double = 7) -> SyntheticDocument {
        var d = SyntheticDocument()
        var y = 70.0
        d.line("1 Experiments", x: 72, y: y, size: 12); y += 20
        for l in Prose.lines(3, seed: 1) { d.line(l, x: 72, y: y); y += 12 }
        if mention { d.line("The settings are listed in Table 1 and used for all runs.", x: 72, y: y); y += 12 }
        y += 14
        d.line("Table 1: Hyperparameters of the runs.", x: 200, y: y); y += 18
        for (k, r) in rows.enumerated() {
            let top = y + (rowOffsets?[k] ?? Double(k) * (size + 2))
            // Each cell's words one space apart, cells at their x.
            var parts: [(String, Double, Double, Double)] = []
            var end = r[0].1
            for c in r {
                for (w, word) in c.0.split(separator: " ").enumerated() {
                    parts.append((String(word), w == 0 ? c.1 - end : size * 0.3, size, 0))
                    end = (w == 0 ? c.1 : end + size * 0.3) + SyntheticDocument.width(String(word), size)
                }
            }
            d.pieces(parts, x: r[0].1, y: top)
        }
        y += (rowOffsets?.last ?? Double(rows.count) * (size + 2)) + 24
        for l in Prose.lines(3, seed: 4) { d.line(l, x: 72, y: y); y += 12 }
        return d
    }

    static func table(_ d: SyntheticDocument) throws -> Table {
        let p = d.read().paper
        return try #require(p.tables.first)
    }

    @Test func rowsAndColumnsOfASimpleTable() throws {
        let rows: [[(String, Double)]] = [
            [("Model", 100), ("Size", 200), ("lr", 300), ("batch", 400)],
            [("Small", 100), ("125M", 200), ("6e-4", 300), ("256", 400)],
            [("Large", 100), ("770M", 200), ("2e-4", 300), ("512", 400)],
        ]
        let t = try Self.table(Self.page(rows: rows))
        #expect(t.number == "1")
        #expect(t.caption == "Hyperparameters of the runs.")
        #expect(t.grid == [["Model", "Size", "lr", "batch"], ["Small", "125M", "6e-4", "256"], ["Large", "770M", "2e-4", "512"]])
    }

    @Test func multirowCellSpansTheRowsItIsCentredOn() throws {
        // "ResNet" stands midway between the AdamW and Lion rows, whose Model column is empty.
        let rows: [[(String, Double)]] = [
            [("Model", 100), ("Optimizer", 200), ("lr", 300)],
            [("AdamW", 200), ("3e-3", 300)],
            [("ResNet", 100)],
            [("Lion", 200), ("3e-4", 300)],
            [("AdamW", 200), ("1e-2", 300)],
            [("Mixer", 100)],
            [("Lion", 200), ("3e-3", 300)],
        ]
        let offsets: [Double] = [0, 12, 16, 20, 32, 36, 40]
        let t = try Self.table(Self.page(rows: rows, rowOffsets: offsets))
        #expect(t.grid == [["Model", "Optimizer", "lr"], ["ResNet", "AdamW", "3e-3"], ["ResNet", "Lion", "3e-4"],
                           ["Mixer", "AdamW", "1e-2"], ["Mixer", "Lion", "3e-3"]])
        #expect(t.rows[1].cells.first?.rowSpan == 2)
    }

    @Test func stackedHeaderTextJoinsItsRow() throws {
        let rows: [[(String, Double)]] = [
            [("Stoch", 200)],
            [("Model", 100), ("lr", 300)],
            [("Depth", 200)],
            [("Small", 100), ("0.1", 200), ("3e-4", 300)],
            [("Large", 100), ("0.2", 200), ("1e-4", 300)],
        ]
        let t = try Self.table(Self.page(rows: rows, rowOffsets: [0, 4, 8, 18, 27]))
        #expect(t.grid.first == ["Model", "Stoch Depth", "lr"])
        #expect(t.grid.count == 3)
    }

    @Test func labelRowSpansTheTable() throws {
        let rows: [[(String, Double)]] = [
            [("Model", 100), ("lr", 250), ("wd", 400)],
            [("Pre-train on the JFT-300M dataset", 170)],
            [("ViT-B", 100), ("1e-4", 250), ("0.3", 400)],
        ]
        let t = try Self.table(Self.page(rows: rows))
        #expect(t.rows.count == 3)
        #expect(t.rows[1].cells.count == 1)
        #expect((t.rows[1].cells.first?.columnSpan ?? 0) >= 2)
    }

    @Test func rowsOfWordsAtBodySizeStayInTheTable() throws {
        // Cells of prose at the body's size, one wide column gap per row: table rows, not text.
        let rows: [[(String, Double)]] = [
            [("circle(x, y)", 100), ("Circle at the given point", 300)],
            [("rectangle(x1, y1, x2, y2)", 100), ("Rectangle with the two corners", 300)],
            [("line(x1, y1, x2, y2)", 100), ("Line from one point to the other", 300)],
        ]
        let t = try Self.table(Self.page(rows: rows, size: 10))
        #expect(t.rows.count == 3)
        #expect(t.grid.last == ["line(x1, y1, x2, y2)", "Line from one point to the other"])
    }

    @Test func tableFloatsToTheSectionThatFirstNamesIt() {
        var d = Self.page(rows: [[("Model", 100), ("lr", 300)], [("Small", 100), ("6e-4", 300)]], mention: false)
        // A later section names the table; the table moves there.
        var y = 600.0
        d.line("2 Setup", x: 72, y: y, size: 12); y += 20
        d.line("We use the values of Table 1 for every model we train here.", x: 72, y: y)
        let p = d.read().paper
        let setup = p.sections.first { $0.number == "2" }
        #expect(setup?.blocks.contains { if case .table = $0 { true } else { false } } == true)
        #expect(p.sections.first?.blocks.contains { if case .table = $0 { true } else { false } } == false)
    }

    @Test func mentionsOfFloats() {
        #expect(PDFFloatAnchoring.mentions("see Table 3, and Tables 4 and 5; Fig. 2.") == ["table:3", "table:4", "table:5", "figure:2"])
        #expect(PDFFloatAnchoring.mentions("the table 12 below (Figure A.1)").contains("figure:A.1"))
        #expect(PDFFloatAnchoring.mentions("a table of numbers").isEmpty)
    }

    @Test func glyphRepair() {
        #expect(PDFGlyphRepair.repair("\u{0F} = 10", anglesPaired: false) == "ϵ = 10")
        #expect(PDFGlyphRepair.repair("\u{10}x\u{11}", anglesPaired: false) == "(x)")
        #expect(PDFGlyphRepair.repair("p \u{1C} T", anglesPaired: false) == "p ≪ T")
        #expect(PDFGlyphRepair.repair("\u{1C}a\u{1D}", anglesPaired: true) == "⟨a⟩")
        #expect(PDFGlyphRepair.repair("\u{FB01}ne", anglesPaired: false) == "fine")
        #expect(!PDFGlyphRepair.needsRepair("plain ascii β"))
    }

    @Test func scientificNotationAndThousandsAreJoined() {
        var d = SyntheticDocument()
        d.pieces([("lr", 0, 10, 0), ("3e", 4, 10, 0), ("−", 1.5, 10, 0), ("4", 1.5, 10, 0), ("and", 4, 10, 0),
                  ("65,", 4, 10, 0), ("536", 1, 10, 0), ("tokens", 4, 10, 0)], x: 72, y: 100)
        let text = PDFLayout.build(BBoxParser.parse(Array(d.xhtml.utf8))).lines.first?.text
        #expect(text == "lr 3e−4 and 65,536 tokens")
    }

    @Test func numericPowerReadsAsInlineMath() {
        let base = PDFRun(text: "224", x0: 0, y0: 0, x1: 15, y1: 10)
        let sup = PDFRun(text: "2", x0: 15, y0: -3, x1: 19, y1: 4, script: .sup)
        #expect(PDFLayout.numericPower([base, sup]) == "$224^{2}$")
        let minus = PDFRun(text: "−8", x0: 15, y0: -3, x1: 22, y1: 4, script: .sup)
        #expect(PDFLayout.numericPower([PDFRun(text: "10", x0: 0, y0: 0, x1: 10, y1: 10), minus]) == "$10^{-8}$")
        #expect(PDFLayout.numericPower([PDFRun(text: "units", x0: 0, y0: 0, x1: 20, y1: 10), sup]) == nil)
    }
}
