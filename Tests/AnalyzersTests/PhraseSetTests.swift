import Testing
@testable import Analyzers

/// The byte scan behind the card's phrase lists.
@Suite struct PhraseSetTests {
    let set = PhraseSet(["we propose", "outperform", "state of the art", "x", "our"])

    @Test func matchesComeInListOrderWhateverTheCase() {
        #expect(set.matches(in: "Our method, We Propose it, OUTPERFORMS the State of the Art") ==
                ["we propose", "outperform", "state of the art", "our"])
        #expect(set.matches(in: "nothing to see") == [])
        // A one-byte phrase at the very end, and a phrase cut off by the end.
        #expect(set.matches(in: "ends with x") == ["x"])
        #expect(set.matches(in: "we propos") == [])
        // Non-ASCII bytes around a phrase.
        #expect(set.matches(in: "Über: wir — our café") == ["our"])
    }

    @Test func containsAnyStopsAtTheFirstPhrase() {
        #expect(set.containsAny(in: "yes, OUR result"))
        #expect(!set.containsAny(in: "none here"))
        #expect(!PhraseSet([]).containsAny(in: "anything"))
    }

    @Test func anEmptyPhraseIsInEveryText() {
        let withEmpty = PhraseSet(["", "abc"])
        #expect(withEmpty.matches(in: "zzz") == [""])
        #expect(withEmpty.matches(in: "xabc") == ["", "abc"])
        #expect(withEmpty.containsAny(in: ""))
    }
}
