import Testing
import PaperModel
@testable import Readers

// Each problem of an HTML page is reported under its own stable id, once per kind, at its
// first occurrence; a clean LaTeXML page reports nothing.

@Suite struct HTMLDiagnosticTests {
    static func ids(_ r: ReadResult) -> [String] { r.diagnostics.map(\.id) }

    @Test func cleanPageHasNoDiagnostics() {
        let r = HTMLTest.read(HTMLTest.page("""
        <section class="ltx_section"><h2 class="ltx_title ltx_title_section">1 Intro</h2>
        <div class="ltx_para"><p class="ltx_p">We set <math alttext="\\alpha=0.1" display="inline"><mi>α</mi></math>.</p></div>
        </section>
        """))
        #expect(r.diagnostics.isEmpty, "\(r.diagnostics)")
    }

    @Test func unclosedElementAndStrayEndTagHaveTheirOwnIds() {
        let r = HTMLTest.read(HTMLTest.page("""
        <div class="ltx_para"><p class="ltx_p">One <span>open</div></em>
        <div class="ltx_para"><p class="ltx_p">Two.</p></div>
        """))
        let unclosed = r.diagnostics.filter { $0.id == DiagnosticID.htmlUnclosedElement.rawValue }
        let stray = r.diagnostics.filter { $0.id == DiagnosticID.htmlStrayEndTag.rawValue }
        #expect(unclosed.count == 1)
        #expect(unclosed.first?.message.contains("<span>") == true)
        #expect(unclosed.first?.severity == .warning)
        #expect(stray.count == 1)
        #expect(stray.first?.message.contains("</em>") == true)
        #expect(!Self.ids(r).contains(DiagnosticID.htmlMalformed.rawValue))
        // Both kinds point at their first occurrence, the span before the stray tag.
        #expect((unclosed.first?.location?.column ?? 0) > 0)
    }

    @Test func truncatedPageIsReported() {
        let r = HTMLTest.read(HTMLTest.page("<div class=\"ltx_para\"><p class=\"ltx_p\">Text.</p></div>") + "<!-- cut")
        #expect(Self.ids(r).contains(DiagnosticID.htmlTruncated.rawValue))
        #expect(r.paper.paragraphs.first?.text == "Text.")
    }

    @Test func deepNestingIsReportedOnce() {
        let deep = String(repeating: "<div>", count: 300) + "deep" + String(repeating: "</div>", count: 300)
        let r = HTMLTest.read(HTMLTest.page(deep))
        #expect(r.diagnostics.filter { $0.id == DiagnosticID.htmlNestingLimit.rawValue }.count == 1)
    }

    @Test func plainPageIsNotLaTeXML() {
        let r = HTMLTest.read("<html><body><h1>Title</h1><p>Some text here.</p></body></html>")
        let d = r.diagnostics.filter { $0.id == DiagnosticID.htmlNotLaTeXML.rawValue }
        #expect(d.count == 1)
        #expect(d.first?.severity == .note)
        #expect(!Self.ids(r).contains(DiagnosticID.htmlEmpty.rawValue))
    }

    @Test func emptyPageIsReported() {
        let r = HTMLTest.read("<html><body></body></html>")
        #expect(Self.ids(r).contains(DiagnosticID.htmlEmpty.rawValue))
    }

    @Test func mathWithoutAlttextIsCountedAndStillRead() {
        let r = HTMLTest.read(HTMLTest.page("""
        <div class="ltx_para"><p class="ltx_p">A <math display="inline"><semantics><mi>x</mi><annotation encoding="application/x-tex">x_1</annotation></semantics></math>
        and <math display="inline"><mi>y</mi></math> and <math alttext="z" display="inline"><mi>z</mi></math>.</p></div>
        """))
        let d = r.diagnostics.filter { $0.id == DiagnosticID.htmlMathNoAlttext.rawValue }
        #expect(d.count == 1)
        #expect(d.first?.message.hasPrefix("2 ") == true)
        #expect(r.paper.paragraphs.first?.text.contains("$x_1$") == true)
    }

    @Test func unexpandedCommandsAndPreambleTextHaveTheirOwnIds() {
        let r = HTMLTest.read("""
        <!DOCTYPE html><html><body><div class="ltx_page_main"><div class="ltx_page_content">
        <article class="ltx_document">
        <div class="ltx_para"><p class="ltx_p">\\newcommand junk LaTeXML printed</p></div>
        <h1 class="ltx_title ltx_title_document">T</h1>
        <div class="ltx_para"><p class="ltx_p">Text <span class="ltx_ERROR undefined">\\foo</span>.</p></div>
        </article></div></div></body></html>
        """)
        #expect(Self.ids(r).contains(DiagnosticID.htmlLaTeXMLError.rawValue))
        #expect(Self.ids(r).contains(DiagnosticID.htmlPreambleDropped.rawValue))
    }

    @Test func htmlIdsAreDistinctAndNamespaced() {
        let html = DiagnosticID.allCases.filter { $0.rawValue.hasPrefix("html.") }
        #expect(html.count >= 10)
        #expect(Set(html.map(\.rawValue)).count == html.count)
    }
}
