import Testing
import PaperModel
@testable import Analyzers

/// The hyperparameter extractor's caches and partial builds give what the plain computations give.
@Suite struct HyperCacheEquivalenceTests {
    /// Row by row, the grid is `Table.grid`, spans and empty cells included.
    @Test func tableGridRowByRow() {
        let span = SourceSpan(file: "t.tex", line: 1, column: 1)
        let rows = [
            TableRow(cells: [TableCell(text: "Setting", column: 0, rowSpan: 2), TableCell(text: "Model", column: 1, columnSpan: 2)], span: span),
            TableRow(cells: [TableCell(text: "Small", column: 1), TableCell(text: "", column: 2)], span: span),
            TableRow(cells: [TableCell(text: "lr", column: 0), TableCell(text: "1e-3", column: 1, rowSpan: 3),
                             TableCell(text: "3e-4", column: 2)], span: span),
            TableRow(cells: [], span: span),
            TableRow(cells: [TableCell(text: "Dropout", column: 0), TableCell(text: "0.1", column: 2, columnSpan: 4)], span: span),
        ]
        let table = Table(id: "t", caption: "", number: nil, rows: rows, span: span)
        var grid = HyperTableGrid(table)
        var built: [[String]] = []
        while grid.next < grid.count { built.append(grid.nextRow()) }
        #expect(grid.width == table.columnCount)
        #expect(built == table.grid)
    }

    /// A word read from the cache (first or later time, any case) is the word read from scratch,
    /// with the lexicon's flags.
    @Test func wordCache() {
        let lexicon = HyperparameterExtractor().index.lexicon
        let text = "Learning rates and learning RATES: two layers, 3 Layers, twelve heads, a million steps, βs"
        let s = Array(text.unicodeScalars)
        var cache = HyperWordCache()
        for _ in 0..<2 {
            var i = 0
            while i < s.count {
                guard HyperTokenizer.isLetter(s[i]) else { i += 1; continue }
                var j = i
                while j < s.count, HyperTokenizer.isLetter(s[j]) { j += 1 }
                let cached = cache.word(s, i, j, lexicon: lexicon)
                let plain = HyperWordCache.Word(s, i, j)
                #expect(cached.lower == plain.lower)
                #expect(cached.norm == plain.norm)
                #expect(String(describing: cached.quantity) == String(describing: plain.quantity))
                #expect(cached.flags == lexicon.flags(norm: plain.norm, lower: plain.lower))
                i = j
            }
        }
    }

    /// A formula read again from the memo gives the tokens it gave the first time, and those
    /// read without a memo, at its own place in the sentence.
    @Test func formulaMemo() {
        let memo = HyperMemo(vocabulary: .shared)
        let texts = [
            "We set $\\alpha = 10^{-3}$ and $\\beta_1, \\beta_2$ to $0.9, 0.95$; again $\\alpha = 10^{-3}$, $= 1$, $\\tau > 0$.",
            "Then -$\\beta_1, \\beta_2$ [Kingma] $\\lambda \\in \\{0.1, 1\\}$ $30\\%$ and $= 1$ $\\tau > 0$ $0.9, 0.95$.",
        ]
        func fields(_ t: HyperToken) -> String {
            "\(t.kind) \(t.norm) \(t.start)-\(t.end) \(t.value) \(t.isSet) \(t.isInteger) \(t.isPercent) \(t.values) "
                + "\(t.symbols) \(t.symbolTeX) \(t.relations) \(t.hyphenBefore) \(t.citeBefore)"
        }
        for _ in 0..<2 {
            for text in texts {
                let memoized = HyperTokenizer.tokenize(text, memo: memo).map(fields)
                #expect(memoized == HyperTokenizer.tokenize(text).map(fields))
            }
        }
    }

    @Test(arguments: ["rate", "lr", "Adam", "β-decay", "cafés", "step3", "", "ab c", "ΣΑΣ"])
    func lettersOnBytes(word: String) {
        #expect(HyperGlossary.isLetters(atLeast: 3, word) == (word.count >= 3 && word.allSatisfy(\.isLetter)))
    }
}
