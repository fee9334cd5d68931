import Testing
import PaperModel
@testable import Readers

/// LaTeXML constructs one at a time, in the markup LaTeXML 0.8.7 writes.
@Suite struct HTMLReaderTests {
    @Test func numberedAndUnnumberedRowsOfAnAlignment() throws {
        let r = HTMLTest.read(HTMLTest.page("""
        <section id="S1" class="ltx_section"><h2 class="ltx_title ltx_title_section"><span class="ltx_tag ltx_tag_section">1 </span>Method</h2>
        <div id="S1.p1" class="ltx_para"><p class="ltx_p">We have</p>
        <table id="S1.EGx1" class="ltx_equationgroup ltx_eqn_align ltx_eqn_table">
        <tbody id="S1.E1"><tr class="ltx_equation ltx_eqn_row ltx_align_baseline">
        <td class="ltx_eqn_cell ltx_eqn_center_padleft"></td>
        <td class="ltx_td ltx_align_right ltx_eqn_cell"><math alttext="\\displaystyle x"><mi>x</mi></math></td>
        <td class="ltx_td ltx_align_left ltx_eqn_cell"><math alttext="\\displaystyle=\\frac{a}{b}%
        +c"><mi>…</mi></math></td>
        <td class="ltx_eqn_cell ltx_eqn_center_padright"></td>
        <td rowspan="1" class="ltx_eqn_cell ltx_eqn_eqno ltx_align_middle ltx_align_right"><span class="ltx_tag ltx_tag_equation ltx_align_right">(1.1)</span></td>
        </tr></tbody>
        <tbody id="S1.E2"><tr class="ltx_equation ltx_eqn_row ltx_align_baseline">
        <td class="ltx_eqn_cell ltx_eqn_center_padleft"></td>
        <td class="ltx_td ltx_eqn_cell"></td>
        <td class="ltx_td ltx_align_left ltx_eqn_cell"><math alttext="\\displaystyle=d\\,\\%"><mi>…</mi></math></td>
        <td class="ltx_eqn_cell ltx_eqn_center_padright"></td>
        <td rowspan="1" class="ltx_eqn_cell ltx_eqn_eqno ltx_align_middle ltx_align_right"><span class="ltx_tag ltx_tag_equation ltx_align_right">(1.2)</span></td>
        </tr></tbody>
        </table>
        <table id="S1.Ex1" class="ltx_equation ltx_eqn_table"><tbody><tr class="ltx_equation ltx_eqn_row ltx_align_baseline">
        <td class="ltx_eqn_cell ltx_eqn_center_padleft"></td>
        <td class="ltx_eqn_cell ltx_align_center"><math alttext="y=1" display="block"><mi>y</mi></math></td>
        <td class="ltx_eqn_cell ltx_eqn_center_padright"></td></tr></tbody></table>
        </div></section>
        """))
        let eqs = r.paper.equations
        #expect(eqs.count == 2)
        let e = try #require(eqs.first)
        #expect(e.environment == "align")
        #expect(e.tex == "x & =\\frac{a}{b}+c \\\\\n & =d\\,\\%")
        #expect(e.numbers == ["1.1", "1.2"])
        #expect(e.labels == ["S1.E1", "S1.E2"])
        #expect(e.rows.map(\.label) == ["S1.E1", "S1.E2"])
        #expect(r.paper.labels["S1.E2"] == NodeRef(kind: .equation, id: e.id, number: "1.2"))
        #expect(eqs[1].environment == "equation*")
        #expect(eqs[1].tex == "y=1")
        #expect(eqs[1].numbers.isEmpty)
    }

    @Test func tableCellsTakeTheirGridColumns() throws {
        let r = HTMLTest.read(HTMLTest.page("""
        <figure id="S1.T1" class="ltx_table">
        <figcaption class="ltx_caption"><span class="ltx_tag ltx_tag_table">Table 3: </span>Results <math alttext="\\pm"><mo>±</mo></math> std.</figcaption>
        <table class="ltx_tabular">
        <tr class="ltx_tr"><td class="ltx_td" rowspan="2">A</td><td class="ltx_td" colspan="2">B</td></tr>
        <tr class="ltx_tr"><td class="ltx_td">b1</td><td class="ltx_td">b2</td></tr>
        <tr class="ltx_tr"><td class="ltx_td">C<span class="ltx_note ltx_role_footnote"><sup class="ltx_note_mark">2</sup><span class="ltx_note_outer"><span class="ltx_note_content"><sup class="ltx_note_mark">2</sup><span class="ltx_tag ltx_tag_note">2</span>A note.</span></span></span></td><td class="ltx_td"><span class="ltx_text ltx_font_bold">1.0</span></td><td class="ltx_td">2.0</td></tr>
        </table></figure>
        """))
        let t = try #require(r.paper.front.first.flatMap { if case .table(let t) = $0 { t } else { nil } })
        #expect(t.number == "3")
        #expect(t.caption == "Results $\\pm$ std.")
        #expect(t.rows[1].cells.map(\.column) == [1, 2])
        #expect(t.grid == [["A", "B", "B"], ["A", "b1", "b2"], ["C", "1.0", "2.0"]])
        #expect(r.paper.footnotes.map(\.text) == ["A note."])
        #expect(r.paper.labels["S1.T1"]?.kind == .table)
    }

    @Test func theoremsAndProofs() throws {
        let r = HTMLTest.read(HTMLTest.page("""
        <div id="Thmlemma2" class="ltx_theorem ltx_theorem_lemma">
        <h6 class="ltx_title ltx_runin ltx_title_theorem"><span class="ltx_tag ltx_tag_theorem"><span class="ltx_text ltx_font_bold">Lemma 3.2</span></span><span class="ltx_text ltx_font_bold"> (Smoothness)</span><span class="ltx_text ltx_font_bold">.</span></h6>
        <div class="ltx_para"><p class="ltx_p"><span class="ltx_text ltx_font_italic">The loss is smooth.</span></p></div></div>
        <div class="ltx_proof"><h6 class="ltx_title ltx_runin ltx_font_italic ltx_title_proof">Proof.</h6>
        <div class="ltx_para"><p class="ltx_p">Obvious. ∎</p></div></div>
        """))
        let blocks = r.paper.front.compactMap { if case .theorem(let t) = $0 { t } else { nil } }
        #expect(blocks.count == 2)
        #expect(blocks[0].kind == "lemma")
        #expect(blocks[0].category == "lemma")
        #expect(blocks[0].number == "3.2")
        #expect(blocks[0].title == "Smoothness")
        #expect(blocks[1].kind == "proof")
        #expect(blocks[1].title == nil)
        guard case .paragraph(let p)? = blocks[1].blocks.first else { Issue.record("no proof text"); return }
        #expect(p.text == "Obvious.")
    }

    @Test func listsKeepTheirKindAndLabels() {
        let r = HTMLTest.read(HTMLTest.page("""
        <ol class="ltx_enumerate"><li class="ltx_item"><span class="ltx_tag ltx_tag_item">1.</span><div class="ltx_para"><p class="ltx_p">First.</p></div></li>
        <li class="ltx_item"><span class="ltx_tag ltx_tag_item">2.</span><div class="ltx_para"><p class="ltx_p">Second.</p></div></li></ol>
        <dl class="ltx_description"><dt class="ltx_item"><span class="ltx_tag ltx_tag_item"><span class="ltx_text ltx_font_bold">Data</span></span></dt>
        <dd class="ltx_item"><div class="ltx_para"><p class="ltx_p">MNIST.</p></div></dd></dl>
        """))
        let lists = r.paper.front.compactMap { if case .list(let l) = $0 { l } else { nil } }
        #expect(lists.count == 2)
        #expect(lists[0].ordered)
        #expect(lists[0].items.count == 2)
        #expect(lists[0].items.map(\.label) == [nil, nil])
        #expect(lists[1].items.first?.label == "Data")
        #expect(r.paper.paragraphs.map(\.text) == ["First.", "Second.", "MNIST."])
    }

    @Test func listingLinesHaveKindsAndDepths() throws {
        let r = HTMLTest.read(HTMLTest.page("""
        <figure id="alg2" class="ltx_float ltx_float_algorithm ltx_framed_top">
        <figcaption class="ltx_caption"><span class="ltx_tag ltx_tag_float"><span class="ltx_text ltx_font_bold">Algorithm 2</span> </span>Search</figcaption>
        <div class="ltx_listing">
        <div class="ltx_listingline"><span class="ltx_text ltx_font_bold">Input:</span> data <math alttext="D"><mi>D</mi></math></div>
        <div class="ltx_listingline"><span class="ltx_tag ltx_tag_listingline">1:</span><span class="ltx_text ltx_font_bold">for</span> <span class="ltx_text ltx_font_bold">all</span> <math alttext="x\\in D"><mi>…</mi></math> <span class="ltx_text ltx_font_bold">do</span></div>
        <div class="ltx_listingline"><span class="ltx_tag ltx_tag_listingline">2:</span><span class="ltx_text ltx_font_bold">if</span> <math alttext="x&gt;0"><mi>…</mi></math> <span class="ltx_text ltx_font_bold">then</span></div>
        <div class="ltx_listingline"><span class="ltx_tag ltx_tag_listingline">3:</span>Call <math alttext="f(x)"><mi>…</mi></math> <span class="ltx_text" style="float:right;"><math alttext="\\triangleright"><mo>▷</mo></math> the work</span></div>
        <div class="ltx_listingline"><span class="ltx_tag ltx_tag_listingline">4:</span><span class="ltx_text ltx_font_bold">else</span></div>
        <div class="ltx_listingline"><span class="ltx_tag ltx_tag_listingline">5:</span><span class="ltx_text ltx_font_bold">repeat</span></div>
        <div class="ltx_listingline"><span class="ltx_tag ltx_tag_listingline">6:</span>wait</div>
        <div class="ltx_listingline"><span class="ltx_tag ltx_tag_listingline">7:</span><span class="ltx_text ltx_font_bold">until</span> done</div>
        <div class="ltx_listingline"><span class="ltx_tag ltx_tag_listingline">8:</span><span class="ltx_text ltx_font_bold">end if</span></div>
        <div class="ltx_listingline"><span class="ltx_tag ltx_tag_listingline">9:</span><span class="ltx_text ltx_font_bold">end for</span></div>
        <div class="ltx_listingline"><span class="ltx_tag ltx_tag_listingline">10:</span><span class="ltx_text ltx_font_bold">return</span> best</div>
        </div></figure>
        """))
        let a = try #require(r.paper.algorithms.first)
        #expect(a.number == "2")
        #expect(a.caption == "Search")
        #expect(a.lines.map(\.kind) == [.input, .forAll, .if, .state, .else, .repeat, .state, .until, .endIf, .endFor, .return])
        #expect(a.lines.map(\.depth) == [0, 0, 1, 2, 1, 2, 3, 2, 1, 0, 0])
        #expect(a.lines[1].text == "$x\\in D$")
        #expect(a.lines[2].text == "$x>0$")
        #expect(a.lines[3].text == "Call $f(x)$")
        #expect(a.lines[3].comment == "the work")
        #expect(r.paper.labels["alg2"]?.kind == .algorithm)
    }

    @Test func algorithm2eLinesAreRead() throws {
        let r = HTMLTest.read(HTMLTest.page("""
        <figure id="alg1" class="ltx_float ltx_float_algorithm"><figcaption class="ltx_caption"><span class="ltx_tag ltx_tag_float">Algorithm 1</span> Fit</figcaption>
        <div class="ltx_algorithm"><div class="ltx_line"><span class="ltx_text ltx_font_bold">Input:</span> data</div>
        <div class="ltx_line"><span class="ltx_text ltx_font_bold">while</span> not done <span class="ltx_text ltx_font_bold">do</span></div>
        <div class="ltx_line">step</div><div class="ltx_line"><span class="ltx_text ltx_font_bold">end</span></div></div></figure>
        """))
        let a = try #require(r.paper.algorithms.first)
        #expect(a.number == "1")
        #expect(a.lines.map(\.kind) == [.input, .while, .state, .endWhile])
        #expect(a.lines.map(\.depth) == [0, 0, 1, 0])
    }

    @Test func unexpandedCommandsGiveOneNote() {
        let r = HTMLTest.read(HTMLTest.page("""
        <span class="ltx_ERROR undefined">\\foo</span>
        <div class="ltx_para"><p class="ltx_p">Text <span class="ltx_ERROR undefined">\\bar</span> more <span class="ltx_ERROR undefined">\\bar</span>.</p></div>
        """))
        let notes = r.diagnostics.filter { $0.id == DiagnosticID.htmlLaTeXMLError.rawValue }
        #expect(notes.count == 1)
        #expect(notes.first?.severity == .note)
        #expect(notes.first?.message.contains("3 command(s)") == true)
        #expect(notes.first?.message.contains("\\foo \\bar") == true)
        #expect(r.paper.paragraphs.first?.text == "Text \\bar more \\bar.")
        guard case .raw(let raw)? = r.paper.front.first else { Issue.record("no raw block"); return }
        #expect(raw.tex == "\\foo")
    }

    @Test func preambleDebrisBeforeTheTitleIsLeftOut() {
        let r = HTMLTest.read("""
        <html><body><article class="ltx_document"><span class="ltx_ERROR undefined">\\definecolor</span>
        <div id="p1" class="ltx_para"><p class="ltx_p">mycolor rgb 0,0,1</p></div>
        <h1 class="ltx_title ltx_title_document">Real Title</h1>
        <div class="ltx_para"><p class="ltx_p">Body.</p></div></article></body></html>
        """)
        #expect(r.paper.metadata.title == "Real Title")
        #expect(r.paper.paragraphs.map(\.text) == ["Body."])
        #expect(r.diagnostics.contains { $0.message.contains("before the title left out") })
    }

    @Test func citationsOfBothKinds() {
        let r = HTMLTest.read(HTMLTest.page("""
        <div class="ltx_para"><p class="ltx_p">As in <cite class="ltx_cite ltx_citemacro_citep">(Smith, <a href="#bib.bib3" class="ltx_ref">2020</a>)</cite> and
        <cite class="ltx_cite">[<span class="ltx_ref ltx_missing_citation ltx_ref_self">jones2019</span>]</cite>, see Section <a href="#S2" class="ltx_ref"><span class="ltx_text ltx_ref_tag">2</span></a>.</p></div>
        """))
        let p = r.paper.paragraphs.first
        #expect(p?.text == "As in (Smith, 2020) and [jones2019], see Section 2.")
        #expect(p?.citations == ["bib.bib3", "jones2019"])
        #expect(p?.references == ["S2"])
    }

    @Test func authorsFromLinesOfNamesAndAffiliation() {
        let r = HTMLTest.read(HTMLTest.page("""
        <div class="ltx_authors"><span class="ltx_creator ltx_role_author"><span class="ltx_personname">Ann Lee<math alttext="{}^{*}"><mi>…</mi></math>, Bo Chen and Carl de Vries
        <br class="ltx_break">Dan Roe
        <br class="ltx_break">University of Somewhere
        <br class="ltx_break"><span class="ltx_text ltx_font_typewriter">{ann,bo}@some.edu</span></span><span class="ltx_author_notes">Equal contribution.</span></span></div>
        """))
        #expect(r.paper.metadata.authors.map(\.name) == ["Ann Lee", "Bo Chen", "Carl de Vries", "Dan Roe"])
        #expect(r.paper.metadata.authors.allSatisfy { $0.affiliation == "University of Somewhere" })
    }

    @Test func arxivPageTitleAndIdentifier() {
        let r = HTMLTest.read("""
        <html><head><title>[1711.00123] Backpropagation through the Void</title>
        <link rel="canonical" href="https://arxiv.org/abs/1711.00123v3"></head>
        <body><p>Text.</p></body></html>
        """)
        #expect(r.paper.metadata.title == "Backpropagation through the Void")
        #expect(r.paper.metadata.arxivID == "1711.00123v3")
    }

    @Test func plainHTMLIsReadWithHeadings() {
        let r = HTMLTest.read("""
        <html><body><h1>My Paper</h1><p>Intro text.</p>
        <h2>Method</h2><p>We do <b>this</b>.</p><h3>Detail</h3><p>More.</p>
        <h2>Results</h2><table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr></table>
        <ul><li>one</li><li>two</li></ul></body></html>
        """)
        #expect(r.paper.metadata.title == "My Paper")
        #expect(r.paper.front.count == 1)
        #expect(r.paper.sections.map(\.title) == ["Method", "Results"])
        #expect(r.paper.sections[0].subsections.map(\.title) == ["Detail"])
        #expect(r.paper.tables.first?.grid == [["a", "b"], ["1", "2"]])
        #expect(r.paper.sections[1].blocks.map(\.typeName) == ["table", "list"])
        #expect(r.diagnostics.contains { $0.message.contains("not a LaTeXML page") })
    }

    @Test func sectionsNestWithAppendixAndParagraphLevels() {
        let r = HTMLTest.read(HTMLTest.page("""
        <section id="A1" class="ltx_appendix"><h2 class="ltx_title ltx_title_appendix"><span class="ltx_tag ltx_tag_appendix">Appendix A </span>Proofs</h2>
        <section id="A1.SS1" class="ltx_subsection"><h3 class="ltx_title ltx_title_subsection"><span class="ltx_tag ltx_tag_subsection">A.1 </span>Lemmas</h3>
        <section id="A1.SS1.SSS0.Px1" class="ltx_paragraph"><h5 class="ltx_title ltx_title_paragraph">Setup.</h5>
        <div class="ltx_para"><p class="ltx_p">Text.</p></div></section></section></section>
        """))
        let all = r.paper.allSections
        #expect(all.map(\.title) == ["Proofs", "Lemmas", "Setup"])
        #expect(all.map(\.number) == ["A", "A.1", nil])
        #expect(all.map(\.level) == [1, 2, 4])
        #expect(all.allSatisfy { $0.appendix })
        #expect(r.paper.labels["A1.SS1"]?.number == "A.1")
    }

    @Test func emptyAndGarbagePagesGiveWarningsNotCrashes() {
        for s in ["", "   ", "<<<>>>", "not html at all", "<html></html>"] {
            let r = HTMLTest.read(s)
            #expect(r.diagnostics.contains { $0.severity >= .warning } || r.paper.paragraphs.count > 0, "\(s)")
        }
    }
}
