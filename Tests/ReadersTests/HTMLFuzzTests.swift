import Foundation
import Testing
import PaperModel
@testable import Readers

/// Garbage in, a (possibly empty) paper out: random bytes, random tag soup, every truncation
/// of a real-looking page, and pathological nesting never crash or hang the reader.
@Suite struct HTMLFuzzTests {
    /// SplitMix64: reproducible randomness without Foundation's generators.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(max(1, n))) }
        mutating func pick<T>(_ a: [T]) -> T { a[below(a.count)] }
    }

    func readsWithinTime(_ text: String, seconds: Double = 2, _ comment: @autoclosure () -> String = "") {
        let start = Date()
        let r = HTMLReader().read(name: "fuzz.html", text: text)
        _ = r.paper.allBlocks.count
        _ = r.paper.tables.map(\.grid)
        #expect(Date().timeIntervalSince(start) < seconds, "\(comment())")
    }

    @Test func randomBytes() {
        var rng = Random(state: 1)
        let alphabet = Array("<>/=\"'&;#!-[] \n\tabcdpxyz0123456789αλ∎".unicodeScalars)
        for _ in 0..<400 {
            let n = rng.below(3000)
            var s = String.UnicodeScalarView()
            for _ in 0..<n { s.append(rng.pick(alphabet)) }
            readsWithinTime(String(s))
        }
        // Arbitrary bytes, decoded as the input loader would.
        for _ in 0..<100 {
            let bytes = (0..<rng.below(4000)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            readsWithinTime(String(decoding: bytes, as: UTF8.self))
        }
    }

    @Test func randomTagSoup() {
        var rng = Random(state: 7)
        let names = ["div", "span", "p", "section", "table", "tbody", "tr", "td", "th", "ul", "ol", "li", "math", "figure",
                     "figcaption", "h2", "h6", "a", "br", "cite", "sup", "dl", "dt", "dd", "script", "article"]
        let classes = ["ltx_para", "ltx_p", "ltx_section", "ltx_subsection", "ltx_paragraph", "ltx_appendix", "ltx_title",
                       "ltx_tag", "ltx_equation", "ltx_equationgroup", "ltx_eqn_eqno", "ltx_tag_equation", "ltx_table",
                       "ltx_figure", "ltx_float", "ltx_float_algorithm", "ltx_listing", "ltx_listingline", "ltx_caption",
                       "ltx_tabular", "ltx_td", "ltx_tr", "ltx_theorem", "ltx_proof", "ltx_itemize", "ltx_enumerate",
                       "ltx_item", "ltx_note", "ltx_role_footnote", "ltx_note_content", "ltx_bibliography", "ltx_bibitem",
                       "ltx_bibblock", "ltx_ERROR", "ltx_abstract", "ltx_authors", "ltx_personname", "ltx_title_document",
                       "ltx_ref", "ltx_missing_citation", "ltx_document"]
        let words = ["\\State", "\\For", "{algorithmic}", "{algorithm}", "for", "end for", "while", "return", "x", "Theorem 1",
                     "(3)", "Table 2:", "&amp;", "&#x3B1;", "∎", "1.3em", "Appendix A", ".", ""]
        for round in 0..<300 {
            var s = ""
            var open: [String] = []
            for _ in 0..<rng.below(400) {
                switch rng.below(10) {
                case 0, 1, 2:
                    let name = rng.pick(names)
                    var attrs = " class=\"\(rng.pick(classes)) \(rng.pick(classes))\""
                    if rng.below(3) == 0 { attrs += " id=\"S\(rng.below(9)).E\(rng.below(9))\"" }
                    if rng.below(4) == 0 { attrs += " colspan=\"\(rng.below(5) - 1)\" rowspan=\"\(rng.pick(["2", "x", "99999999999", "-3"]))\"" }
                    if name == "math" { attrs += " alttext=\"\(rng.pick(["x%\n+1", "\\displaystyle a", "", "&lt;"]))\"" }
                    if name == "a" { attrs += " href=\"#\(rng.pick(["bib.bib1", "S1", "", "alg1"]))\"" }
                    s += "<\(name)\(attrs)>"
                    open.append(name)
                case 3, 4:
                    if let last = open.popLast() { s += "</\(rng.below(5) == 0 ? rng.pick(names) : last)>" }
                default:
                    s += rng.pick(words) + " "
                }
            }
            readsWithinTime(s, "round \(round)")
        }
    }

    @Test func everyTruncationOfTheFixture() throws {
        let text = try String(contentsOf: HTMLTest.fixture, encoding: .utf8)
        let bytes = Array(text.utf8)
        var cut = 0
        var count = 0
        while cut < bytes.count {
            readsWithinTime(String(decoding: bytes[..<cut], as: UTF8.self), "cut at \(cut)")
            cut += 97
            count += 1
        }
        #expect(count > 100)
        // Cut right after the abstract: title, authors and abstract survive.
        let at = try #require(text.range(of: "<section id=\"S1\""))
        let r = HTMLReader().read(name: "cut.html", text: String(text[..<at.lowerBound]))
        #expect(r.paper.metadata.title?.hasPrefix("Damped Adaptive Momentum") == true)
        #expect(r.paper.abstract.count == 1)
    }

    @Test func pathologicalShapes() {
        let deepDivs = String(repeating: "<div class=\"ltx_para\">", count: 5_000) + "x"
        readsWithinTime(deepDivs, seconds: 5, "deep divs")
        let deepSections = String(repeating: "<section class=\"ltx_section\"><h2 class=\"ltx_title\">T</h2>", count: 2_000)
        readsWithinTime(deepSections, seconds: 5, "deep sections")
        let manyParagraphs = String(repeating: "<p>a", count: 5_000)
        readsWithinTime(manyParagraphs, seconds: 5, "unclosed paragraphs")
        let manyStrays = String(repeating: "</div></span>", count: 5_000)
        readsWithinTime(manyStrays, seconds: 5, "stray end tags")
        let hugeSpan = "<table class=\"ltx_tabular\"><tr><td colspan=\"1000000\" rowspan=\"1000000\">x</td></tr><tr><td>y</td></tr></table>"
        readsWithinTime(hugeSpan, "huge spans")
        let longAttribute = "<div class=\"" + String(repeating: "a ", count: 50_000)
        readsWithinTime(longAttribute, seconds: 5, "unclosed attribute")
        let openMath = "<p>x<math alttext=\"y\">" + String(repeating: "<mi>z</mi>", count: 5_000)
        readsWithinTime(openMath, seconds: 5, "unclosed math")
        let entities = String(repeating: "&#x1F600;&#99999999;&amp", count: 2_000)
        readsWithinTime(entities, seconds: 5, "entities")
        let nestedLists = String(repeating: "<ul class=\"ltx_itemize\"><li class=\"ltx_item\">", count: 2_000)
        readsWithinTime(nestedLists, seconds: 5, "nested lists")
    }
}
