import Foundation
import Testing
@testable import Analyzers

/// The proposal reader's own text helpers agree with the Foundation calls they replace.
@Suite struct ProposalTextTests {
    @Test(arguments: [
        ("We Propose a method", "we propose"),
        ("Here we PROPOSE X and we propose Y", "we propose"),
        ("nothing here", "we propose"),
        ("we propos", "we propose"),
        ("", "we propose"),
        ("short", ""),
        ("Café: we introduce Ω-Net", "we introduce"),
        ("Weiß: WE INTRODUCE it", "we introduce"),
        ("tail match: we present", "we present"),
    ])
    func cueSearchMatchesFoundation(_ text: String, _ cue: String) {
        let ours = ProposalAnalyzer.caseInsensitiveRange(of: cue, in: text)
        let foundation = text.range(of: cue, options: .caseInsensitive)
        #expect(ours == foundation)
        if let ours { #expect(text[ours].lowercased() == cue.lowercased()) }
    }

    @Test(arguments: ["(DAM),", "“Adam”.", "plain", ",.;:", "", "'quoted'", "(Schedule-Free)", "é,", "\"a\u{301}\"", "(x"])
    func coreMatchesTrimming(_ word: String) {
        let punctuation = CharacterSet(charactersIn: ",.;:()\"“”'")
        #expect(ProposalAnalyzer.core(word) == word.trimmingCharacters(in: punctuation))
    }
}
