import Testing
@testable import PaperModel

@Suite("Text search")
struct TextSearchTests {
    @Test("finds ASCII and UTF-8 needles, first occurrence first")
    func finds() {
        let s = "We use β₁ = 0.9 and β₂ = 0.999; then β₁ again."
        #expect(s.contains("β₂ = 0.999"))
        #expect(!s.contains("β₃"))
        let r = s.range(of: "β₁")
        #expect(r.map { s[$0] } == "β₁")
        #expect(r.map { s.distance(from: s.startIndex, to: $0.lowerBound) } == 7)
        #expect(s.dropFirst(10).contains("again"))
        #expect(s.dropFirst(10).range(of: "β₁").map { s[$0] } == "β₁")
    }

    @Test("an empty needle, a longer needle and a needle at the very end")
    func edges() {
        #expect(!"abc".contains(""))
        #expect(!"ab".contains("abc"))
        #expect("abc".contains("bc"))
        #expect("".range(of: "a") == nil)
    }

    @Test("a match ending inside a character (before a combining accent) does not count")
    func combining() {
        #expect(!"cafe\u{301}".contains("cafe"))
        #expect("cafe\u{301} au lait".contains("au"))
        #expect("café".contains("café"))
    }
}
