import Testing
@testable import Analyzers

/// The byte scans of the core give the answers of the `String` code they replace.
@Suite struct CoreByteScanTests {
    static let texts = [
        "", "$", "a $x$ b", "\\$5 and $y$", "The Operation is element-wise.", "OPERATIONS", "operatio",
        "we denote by ", "We Denote By ", "let us write ", "denote  ", "x denote ", "écrire denote by ",
        "İ denote by ", "denote by é", "to the power of", "TO THE POWER", "tto the power", "\u{212A}ey",
        " is the learning rate, and", "  Is The step size (default)", "is the é rate, x", "are our Θ.x",
        "a-b c_d e'f", "Über-fast rates", "one,two;three", "x\r\ny", "$$", "a\\$b$c$d",
    ]

    /// The byte loop `CoreAnalyzer.mayContain` used before.
    static func foldedLoop(_ text: String, _ word: String) -> Bool {
        let b = Array(text.utf8), w = Array(word.utf8)
        guard !w.isEmpty else { return true }
        guard b.count >= w.count else { return false }
        for start in 0...(b.count - w.count) where b[start] | 0x20 == w[0] | 0x20 {
            var k = 1
            while k < w.count, b[start + k] | 0x20 == w[k] | 0x20 { k += 1 }
            if k == w.count { return true }
        }
        return false
    }

    @Test func foldedSearchMatchesTheByteLoop() {
        for text in Self.texts {
            for word in ["operation", "to the power", "eq", "$", " ", "x", "é", "denote by "] {
                #expect(CoreAnalyzer.mayContain(text, lowercased: word) == Self.foldedLoop(text, word), "\(text) / \(word)")
            }
            #expect(GlossaryBuilder.hasDollarByte(text) == text.utf8.contains(UInt8(ascii: "$")))
        }
    }

    @Test func wordCountIsTheNumberOfWords() {
        for text in Self.texts { #expect(text.wordCount == text.words.count, "\(text)") }
    }

    @Test func endingsAreReadAsOnTheLowerCasedText() {
        for text in Self.texts {
            #expect(GlossaryBuilder.endsLowercased(text, with: "denote by ") == CatalogTokenizer.asciiLowercased(text).hasSuffix("denote by "), "\(text)")
            #expect(GlossaryBuilder.endsLowercased(text, with: "denote ") == CatalogTokenizer.asciiLowercased(text).hasSuffix("denote "), "\(text)")
            #expect(GlossaryBuilder.endsLowercased(text, with: "write ") == CatalogTokenizer.asciiLowercased(text).hasSuffix("write "), "\(text)")
        }
    }

    @Test func theLeadingClauseKeepsWhatTheDefinitionTestsRead() {
        let leads = ["is the ", "is a ", "are our ", "the ", "a ", "an "]
        for text in Self.texts {
            let whole = String(CatalogTokenizer.asciiLowercased(text).drop(while: { $0 == " " }))
            let clause = GlossaryBuilder.leadingClauseLowercased(text)
            // The first byte decides whether a lead is looked for: a stop byte starts none.
            #expect(whole.utf8.first == clause.utf8.first || whole.utf8.first.map { ".,;:()$".utf8.contains($0) } == true, "\(text)")
            for lead in leads {
                #expect(whole.hasPrefix(lead) == clause.hasPrefix(lead), "\(text) / \(lead)")
            }
            // What `phrase` reads: up to the first of `.,;:()$`.
            let stops: Set<Character> = [".", ",", ";", ":", "(", ")", "$"]
            #expect(String(whole.prefix(while: { !stops.contains($0) })) == String(clause.prefix(while: { !stops.contains($0) })), "\(text)")
        }
    }

    @Test func inlineMathSplitsAtUnescapedDollars() {
        #expect(InlineMath("a $x$ b").pieces == [.prose("a "), .math("x"), .prose(" b")])
        #expect(InlineMath("\\$5 and $y$").pieces == [.prose("\\$5 and "), .math("y")])
        #expect(InlineMath("$$").pieces == [.math("")])
        #expect(InlineMath("a\\$b$c$d").pieces == [.prose("a\\$b"), .math("c"), .prose("d")])
        #expect(InlineMath("x $y").pieces == [.prose("x "), .prose("$y")])
        #expect(InlineMath("$").pieces == [])
    }
}
