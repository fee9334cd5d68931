import Foundation
import PaperModel
import Testing
@testable import Readers

// Golden files: the model dump of each input lies in Tests/ReadersTests/Golden/NAME.txt.
// Re-record deliberately with `DECONSTRUCT_RECORD=1 swift test --filter LaTeXGoldenTests` (the
// test then fails, saying it recorded) and review the change with `git diff`.

@Suite struct LaTeXGoldenTests {
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var input: String
        var description: String { name }
    }

    static let cases: [Case] = [
        .init(name: "lookahead-momentum", input: LaTeXTestPaths.example("lookahead-momentum")),
        .init(name: "adam-algorithm", input: LaTeXTestPaths.example("adam-algorithm.tex")),
        .init(name: "adam-algorithm2e", input: LaTeXTestPaths.example("adam-algorithm2e.tex")),
        .init(name: "sgd-algpseudocode", input: LaTeXTestPaths.example("sgd-algpseudocode.tex")),
        .init(name: "tables", input: LaTeXTestPaths.fixture("tables.tex")),
    ]

    @Test(arguments: Self.cases)
    func modelDumpMatchesGolden(_ c: Case) throws {
        let result = try #require(latexRead(c.input))
        let dump = LaTeXModelDump.dump(result)
        if let failure = LaTeXGolden.check(dump, name: c.name) {
            Issue.record(Comment(rawValue: failure))
        }
    }

    /// The dump does not depend on where the input lies or on reading order.
    @Test func dumpIsDeterministic() throws {
        let path = LaTeXTestPaths.example("lookahead-momentum")
        let a = try #require(latexRead(path))
        let b = try #require(latexRead(path))
        #expect(LaTeXModelDump.dump(a) == LaTeXModelDump.dump(b))
        #expect(!LaTeXModelDump.dump(a).contains(LaTeXTestPaths.root))
    }

    @Test func diffShowsTheFirstDifferingLines() {
        let expected = (1...30).map { "line \($0)" }.joined(separator: "\n")
        var lines = (1...30).map { "line \($0)" }
        lines[14] = "changed 15"
        lines.insert("inserted", at: 20)
        let d = LaTeXGolden.diff(expected: expected, actual: lines.joined(separator: "\n"))
        #expect(d.hasPrefix("@@ -15,6 +15,7 @@\n  line 13\n  line 14\n- line 15\n"))
        #expect(d.contains("+ changed 15\n"))
        #expect(d.contains("+ inserted\n"))
        #expect(!d.contains("line 12"))
        #expect(d.hasSuffix("  line 21\n  line 22\n"))
    }
}
