import Foundation
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

    @Test("replaces every occurrence, left to right, without overlaps")
    func replaces() {
        #expect("a$b$$c".replacingOccurrences(of: "$", with: "") == "abc")
        #expect("aaa".replacingOccurrences(of: "aa", with: "b") == "ba")
        #expect("β₁ and β₁".replacingOccurrences(of: "β₁", with: "beta1") == "beta1 and beta1")
        #expect("hat(x)".replacingOccurrences(of: "hat(", with: "hat ") == "hat x)")
        #expect("abc".replacingOccurrences(of: "", with: "x") == "abc")
        #expect("abc".replacingOccurrences(of: "d", with: "x") == "abc")
        #expect("cafe\u{301} cafe".replacingOccurrences(of: "cafe", with: "tea") == "cafe\u{301} tea")
    }

    /// With Foundation imported, `contains` must still resolve to the byte search (analyzers call
    /// it per sentence; Foundation's goes through NSString). The two differ on an emoji with a
    /// skin-tone modifier: Foundation compares whole characters and says no.
    @Test("the byte search wins overload resolution over Foundation's")
    func overloadInEffect() {
        let thumbs = "\u{1F44D}\u{1F3FD}"
        #expect(thumbs.contains("\u{1F44D}"))
        #expect(Substring(thumbs).contains("\u{1F44D}"))
        #expect(thumbs.range(of: "\u{1F44D}") != nil)
        #expect(thumbs.replacingOccurrences(of: "\u{1F44D}", with: "+") == "+\u{1F3FD}")
    }
}
