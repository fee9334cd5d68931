import Testing
@testable import Readers

/// Small text helpers of the LaTeX reader that replaced regular expressions (a byte or
/// character scan each; the cases pin the pattern they stand for).
@Suite struct LaTeXTextHelperTests {
    @Test(arguments: [
        ("Ada Lovelace$^{1}$", "Ada Lovelace"),
        ("Ada$^{1,2}$ Lovelace$^*$,", "Ada Lovelace"),
        ("Alan Turing*†", "Alan Turing"),
        ("Grace $^a$ Hopper $^b$", "Grace Hopper"),
        ("Cost $5 only", "Cost $5 only"),
        ("  Kurt   Gödel ; ", "Kurt Gödel"),
    ])
    func authorNamesLoseTheirMarks(_ raw: String, _ clean: String) {
        #expect(DocumentBuilder.cleanAuthorName(raw) == clean)
    }

    @Test(arguments: [
        ("1<2", true), ("-1.5pt < 2", true), ("10 = 10", true), ("3pt>\t-4", true),
        ("1<", false), ("<2", false), ("1 < 2 3", false), ("a<2", false), ("1.<2", false),
        ("1 << 2", false), ("1pt2<3", false), ("", false),
    ])
    func numericComparisons(_ text: String, _ isComparison: Bool) {
        #expect(Expander.isNumericComparison(text) == isComparison)
    }
}
