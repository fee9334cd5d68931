import Testing
import PaperModel
@testable import Readers

@Suite struct HTMLParserTests {
    func parse(_ s: String, maxDepth: Int = 160) -> (HTMLDocument, HTMLParser) {
        var p = HTMLParser(bytes: Array(s.utf8), maxDepth: maxDepth)
        let d = p.parse()
        return (d, p)
    }

    func elements(_ d: HTMLDocument, _ name: String) -> [Int] {
        d.all(in: d.root, where: { $0.name == name }, stop: { _ in false })
    }

    @Test func entitiesAreDecoded() {
        let (d, _) = parse("<p>a &amp; b &lt;c&gt; &#916;&#x394; x&nbsp;y &bogus; &amp z &#0;</p>")
        #expect(d.plainText(d.root) == "a & b <c> ΔΔ x y &bogus; & z \u{FFFD}")
    }

    @Test func attributesInEveryForm() throws {
        let (d, _) = parse(#"<DIV Class="ltx_para  ltx_x" id='S1.p1' data-x=plain hidden alttext="a &lt; b &amp;&quot;">x</DIV>"#)
        let div = try #require(elements(d, "div").first)
        #expect(d[div].classes == ["ltx_para", "ltx_x"])
        #expect(d[div].attribute("id") == "S1.p1")
        #expect(d[div].attribute("data-x") == "plain")
        #expect(d[div].attribute("hidden") == "")
        #expect(d[div].attribute("alttext") == "a < b &\"")
    }

    @Test func commentsScriptsAndStylesAreSkipped() {
        let (d, p) = parse("<p>a<!-- <b>not</b> -->b<script>if (a < b) { '</p>' }</script><style>p > a {}</style>c</p>")
        #expect(d.plainText(d.root) == "abc")
        #expect(elements(d, "b").isEmpty)
        #expect(p.problems == 0)
    }

    @Test func voidAndSelfClosingElementsHaveNoChildren() {
        let (d, p) = parse("<p>a<br>b<img src=x>c<br/>d<hr />e</p>")
        #expect(elements(d, "p").count == 1)
        #expect(d[elements(d, "p")[0]].children.count == 9)
        #expect(p.problems == 0)
    }

    @Test func omittedEndTagsAreImplied() {
        let (d, p) = parse("<ul><li>a<li>b</ul><table><tr><td>1<td>2<tr><td>3</table><div><p>x<p>y</div>")
        #expect(elements(d, "li").count == 2)
        #expect(elements(d, "li").allSatisfy { d[d[$0].parent].name == "ul" })
        #expect(elements(d, "tr").count == 2)
        #expect(elements(d, "td").allSatisfy { d[d[$0].parent].name == "tr" })
        #expect(elements(d, "p").allSatisfy { d[d[$0].parent].name == "div" })
        #expect(p.problems == 0)
    }

    @Test func strayAndMisnestedTagsAreTolerated() {
        let (d, p) = parse("<div><span>a</div>b</span></em><p>c")
        #expect(d.plainText(d.root) == "abc")
        #expect(p.problems >= 2) // <span> closed by </div>, </span> and </em> close nothing
        #expect(p.firstProblem != nil)
    }

    @Test func mathContentIsNotParsed() throws {
        let (d, _) = parse(#"<p>x <math alttext="a&lt;b"><mi>a</mi><mo>&lt;</mo><mi>b</mi></math> y</p>"#)
        #expect(elements(d, "mi").isEmpty)
        let math = try #require(elements(d, "math").first)
        #expect(d[math].attribute("alttext") == "a<b")
        #expect(d[math].rawEnd > d[math].rawStart)
        #expect(d.plainText(d.root) == "x a<b y")
    }

    @Test func positionsAreLinesAndColumns() throws {
        let (d, _) = parse("<html>\n<body>\nαβ <p id=x>t</p>\n</body>")
        let p = try #require(elements(d, "p").first)
        let pos = d.position(of: d[p].start)
        #expect(pos.line == 3)
        #expect(pos.column == 4) // α and β are one column each
        #expect(d.position(of: 0) == (1, 1))
    }

    @Test func nestingIsCapped() {
        let deep = String(repeating: "<div>", count: 5000) + "x" + String(repeating: "</div>", count: 5000)
        let (d, p) = parse(deep, maxDepth: 100)
        var depth = 0
        var n = elements(d, "div").last!
        while n > 0 { depth += 1; n = d[n].parent }
        #expect(depth <= 101)
        #expect(p.problems > 0)
        #expect(d.plainText(d.root) == "x")
    }

    @Test func truncatedMarkupEndsThePage() {
        for s in ["<p>a<!-- open", "<p>a<math alttext='x'>", "<p a=\"open", "<p>a</p", "<p>a<", "<", "&", "&#x", "<!DOCTYPE"] {
            let (d, _) = parse(s)
            #expect(d.nodes.count >= 1, "\(s)")
        }
    }

    @Test func cdataIsText() {
        let (d, _) = parse("<p><![CDATA[a<b]]>c</p>")
        #expect(d.plainText(d.root) == "a<bc")
    }
}
