import Foundation
import Testing
@testable import DeconstructKit

// `deconstruct compare REFERENCE CANDIDATE`, run as a user runs it, on the bundled example
// paper and its LaTeXML page (Tests/ReadersTests/Fixtures/html).

@Suite(.timeLimit(.minutes(5))) struct CompareCommandTests {
    static let latex = CommandPaths.example("lookahead-momentum")
    static let html = CommandPaths.fixture("html/lookahead-momentum.html")

    /// F1 of `field` in the printed table.
    static func f1(_ field: String, _ out: String) -> Double? {
        out.split(separator: "\n").first { $0.hasPrefix(field) }.flatMap { $0.split(separator: " ").last }.flatMap { Double($0) }
    }

    @Test func aPaperAgreesWithItself() throws {
        let run = try deconstruct(["compare", Self.latex, Self.latex])
        #expect(run.status == 0, "\(run)")
        for field in ["hyperparameters", "datasets", "sections"] {
            #expect(Self.f1(field, run.stdout) == 1.0, "\(field): \(run.stdout)")
        }
        #expect(run.stdout.contains("(latex)"))
    }

    @Test func latexAgainstItsHTMLPage() throws {
        let run = try deconstruct(["compare", "-v", Self.latex, Self.html])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("(html)"))
        #expect((Self.f1("sections", run.stdout) ?? 0) == 1.0, "\(run.stdout)")
        #expect((Self.f1("hyperparameters", run.stdout) ?? 0) >= 0.8, "\(run.stdout)")
    }

    @Test func minF1FailsBelowTheFloor() throws {
        // An unrelated paper as candidate: nothing agrees.
        let other = CommandPaths.example("adam-algorithm.tex")
        let run = try deconstruct(["compare", "--min-f1", "0.5", Self.latex, other])
        #expect(run.status == 3, "\(run)")
        let ok = try deconstruct(["compare", "--min-f1", "0.5", Self.latex, Self.latex])
        #expect(ok.status == 0, "\(ok)")
    }

    @Test func missingInputExitsOne() throws {
        let run = try deconstruct(["compare", Self.latex, "/nonexistent/paper.pdf"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("deconstruct: "))
    }
}
