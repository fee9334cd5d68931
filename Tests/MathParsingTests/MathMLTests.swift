import Foundation
import MathParsing
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The MathML printer: the shape of the markup for each node kind, escaping, fonts, and that
/// every formula of the corpus prints as well-formed XML.
@Suite struct MathMLTests {
    private func mathML(_ tex: String, display: Bool = false) -> String {
        MathParser().parse(tex).root.mathML(display: display, alttext: tex)
    }

    @Test func adamUpdateLine() {
        let m = mathML("m_t \\gets \\beta_1 m_{t-1} + (1-\\beta_1) g_t")
        #expect(m.hasPrefix("<math alttext=\"m_t \\gets"))
        #expect(m.contains("<msub><mrow><mi>m</mi></mrow><mrow><mi>t</mi></mrow></msub>"))
        #expect(m.contains("<mo>←</mo>"))
        #expect(m.contains("<mi>β</mi>"))
        #expect(m.contains("<mo>−</mo>"))
        // The parenthesised factor keeps its parentheses.
        #expect(m.contains("<mo>(</mo>"))
        #expect(m.hasSuffix("</math>"))
    }

    @Test func structures() {
        #expect(mathML("\\frac{a}{\\sqrt{b} + \\epsilon}").contains("<mfrac><mrow><mi>a</mi></mrow><mrow><mrow><msqrt><mi>b</mi></msqrt>"))
        #expect(mathML("\\sqrt[3]{x}").contains("<mroot>"))
        #expect(mathML("x_t^2").contains("<msubsup><mrow><mi>x</mi></mrow><mrow><mi>t</mi></mrow><mrow><mn>2</mn></mrow></msubsup>"))
        #expect(mathML("\\sum_{i=1}^{n} x_i").contains("<munderover><mo largeop=\"true\" movablelimits=\"true\">∑</mo>"))
        #expect(mathML("\\int_0^1 f(x) dx").contains("<msubsup><mo largeop=\"true\" movablelimits=\"true\">∫</mo>"))
        #expect(mathML("\\hat{m}_t").contains("<mover accent=\"true\"><mrow><mi>m</mi></mrow><mo>^</mo></mover>"))
        #expect(mathML("\\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix}").contains("<mtable columnalign=\"center\"><mtr><mtd><mi>a</mi></mtd><mtd><mi>b</mi></mtd></mtr>"))
        #expect(mathML("x", display: true).hasPrefix("<math display=\"block\""))
    }

    @Test func precedenceGivesParentheses() {
        let grouped = mathML("(a + b) c")
        let flat = mathML("a + b c")
        #expect(grouped.contains("<mo>(</mo>"))
        #expect(!flat.contains("<mo>(</mo>"))
    }

    @Test func fontsBecomeMathLetters() {
        #expect(mathML("\\mathbb{R}").contains("<mi>ℝ</mi>"))
        #expect(mathML("\\mathbf{x}").contains("<mi>𝐱</mi>"))
        #expect(mathML("\\mathcal{L}").contains("<mi>ℒ</mi>"))
        #expect(mathML("\\mathbb{E}_{x}[f(x)]").contains("𝔼"))
        #expect(mathML("\\mathrm{d}").contains("<mi mathvariant=\"normal\">d</mi>"))
    }

    @Test func textIsEscaped() {
        let m = mathML("a < b \\text{ if } c > \"d\" \\& e")
        #expect(m.contains("<mo>&lt;</mo>"))
        #expect(m.contains("<mo>&gt;</mo>"))
        #expect(m.contains("alttext=\"a &lt; b \\text{ if } c &gt; &quot;d&quot; \\&amp; e\""))
        #expect(!m.contains("\"d\""))
    }

    @Test func glyphs() {
        #expect(MathML.glyph("beta") == "β")
        #expect(MathML.glyph("le") == "≤")
        #expect(MathML.glyph("varepsilon") == "ε")
        #expect(MathML.glyph("softmax") == nil)
    }

    #if canImport(FoundationXML) || os(macOS)
    /// Every display formula of the real papers prints as well-formed XML.
    @Test func corpusFormulasAreWellFormed() throws {
        let papers = Corpus.papers()
        guard !papers.isEmpty else {
            print("skipped: no corpus (../shared/corpus or DECONSTRUCT_CORPUS)")
            return
        }
        var count = 0
        for paper in papers {
            let parser = MathParser(macros: paper.macros)
            for tex in paper.equations {
                let markup = parser.parse(tex).root.mathML(display: true, alttext: tex)
                let xml = XMLParser(data: Data(markup.utf8))
                #expect(xml.parse(), "\(paper.name): \(tex.prefix(120)) → \(xml.parserError.map { "\($0)" } ?? "")")
                count += 1
            }
        }
        #expect(count > 500)
    }
    #endif
}
