import Testing
@testable import Analyzers

/// How the catalogue matchers' tokenizer splits text: one case per phenomenon.
@Suite struct CatalogTokenizerTests {
    /// Each token as "kind:text", with `^` when glued to the scalar before it and `¶` when a
    /// paragraph break precedes it.
    static func shape(_ text: String) -> [String] {
        CatalogTokenizer.tokenize(text).map { t in
            (t.paragraphBreakBefore ? "¶" : "") + (t.glued ? "^" : "") + "\(t.kind):\(t.text)"
        }
    }

    @Test(arguments: [
        ("CIFAR10 and ImageNet-1k", ["word:CIFAR", "^number:10", "word:and", "word:ImageNet", "number:1", "^word:k"]),
        ("8xV100 GPUs", ["number:8", "^word:x", "^word:V", "^number:100", "word:GPUs"]),
        ("4 x A100", ["number:4", "word:x", "word:A", "^number:100"]),
        ("xa after a word", ["word:xa", "word:after", "word:a", "word:word"]),
        ("8 \\times 16", ["number:8", "word:x", "number:16"]),
        ("8×16 ⨯ 2", ["number:8", "^word:x", "number:16", "word:x", "number:2"]),
        ("a \\emph{b} \\, c", ["word:a", "command:\\emph", "word:b", "word:c"]),
        ("50\\% of $x_t$", ["number:50", "^punct:%", "word:of", "word:x", "word:t"]),
        ("trailing \\", ["word:trailing"]),
        ("\u{2018}it\u{2019}s `q' \u{201C}d\u{201D}", ["punct:'", "word:it", "^punct:'", "word:s", "punct:'", "word:q", "^punct:'",
                                                  "punct:\"", "word:d", "^punct:\""]),
        ("a ∼ b 〜 c", ["word:a", "punct:~", "word:b", "punct:~", "word:c"]),
        ("Café naïve", ["word:Café", "word:naïve"]),
        ("ε-greedy, 3–5 runs.", ["word:ε", "word:greedy", "^punct:,", "number:3", "number:5", "word:runs", "^punct:."]),
        ("a\u{00A0}b\u{2010}c", ["word:a", "word:b", "word:c"]),
        ("é1", ["word:é", "^number:1"]),
        ("a\u{7}b", ["word:a", "^punct:\u{7}", "word:b"]),
    ])
    func splitsText(_ text: String, _ expected: [String]) {
        #expect(Self.shape(text) == expected)
    }

    @Test func paragraphBreaksNeedTwoNewlinesInOneGap() {
        #expect(Self.shape("a\n\nb") == ["word:a", "¶word:b"])
        #expect(Self.shape("a\n \t\nb") == ["word:a", "¶word:b"])
        #expect(Self.shape("a\nb\nc") == ["word:a", "word:b", "word:c"])
        // A hyphen (a soft separator that is not whitespace) restarts the count.
        #expect(Self.shape("a\n-\nb") == ["word:a", "word:b"])
        #expect(Self.shape("a\n\u{2013}\nb") == ["word:a", "word:b"])
        #expect(Self.shape("\n\nfirst") == ["¶word:first"])
    }

    @Test func tokensKeepTheirPlaceAndLowerCase() {
        let text = "We use  Adam-W on 8×V100"
        let tokens = CatalogTokenizer.tokenize(text)
        #expect(tokens.map(\.lower) == ["we", "use", "adam", "w", "on", "8", "x", "v", "100"])
        #expect(tokens.map { String(text[$0.range]) } == ["We", "use", "Adam", "W", "on", "8", "×", "V", "100"])
        // The gap before "Adam" holds both spaces.
        #expect(text[tokens[1].range.upperBound..<tokens[2].range.lowerBound] == "  ")
        #expect(tokens[2].gapStart == tokens[1].range.upperBound)
        #expect(tokens.allSatisfy { $0.digest == TokenDigest.of($0.lower) })
    }
}
