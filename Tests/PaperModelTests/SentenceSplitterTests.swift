import Testing
@testable import PaperModel

@Suite struct SentenceSplitterTests {
    @Test(arguments: [
        ("We train for 10 epochs. Then we stop.", 2),
        ("We use Adam, e.g. with a step of 0.001. It works.", 2),
        ("Results are in Fig. 3 and Tab. 2 of Smith et al. (2020). Good.", 2),
        ("The value is $x. y$ here. Next one!", 2),
        ("No full stop at the end", 1),
        ("Approx. three runs were made.", 1),
    ])
    func counts(text: String, expected: Int) {
        #expect(SentenceSplitter.split(text).count == expected)
    }

    @Test func offsetsPointAtSentenceStarts() {
        let text = "One. Two words. Three."
        let parts = SentenceSplitter.split(text)
        let bytes = Array(text.utf8)
        for p in parts { #expect(bytes[p.offset] == p.text.utf8.first) }
    }
}
