import Foundation
import PaperModel
import Testing
@testable import Readers

// Hostile fixtures (Tests/ReadersTests/Fixtures): each one's header says what the right reading
// is. The reader must return (no crash, no hang) with the expected diagnostics and keep what it
// can. Caps are lowered where that keeps a test fast; the time limit catches a hang.

@Suite(.timeLimit(.minutes(2))) struct LaTeXHostileTests {
    // MARK: Include cycle

    @Test func includeCycleIsReportedAndReadOnce() throws {
        let r = try #require(latexRead(LaTeXTestPaths.fixture("cycle")))
        let cycles = r.diagnostics(.includeCycle)
        #expect(cycles.count == 1)
        #expect(cycles.first?.location?.file == "a.tex")
        #expect(cycles.first?.location?.line == 5)
        #expect(r.paper.metadata.title == "Cycle Entry Point")
        #expect(r.paper.sectionTitles == ["Before the Cycle", "After the Cycle"])
        #expect(r.paper.source.files == ["main.tex", "a.tex"])
        let all = r.paper.paragraphs.map(\.text).joined(separator: "\n")
        #expect(all.components(separatedBy: "Text in a.tex.").count - 1 == 1)
        #expect(all.components(separatedBy: "Text in main.tex before the input.").count - 1 == 1)
        #expect(all.contains("Text in main.tex after the input."))
    }

    // MARK: Deep include chain (50 files; ReaderLimits.maxIncludeDepth decides)

    struct DepthCase: Sendable, CustomStringConvertible {
        var cap: Int
        var description: String { "maxIncludeDepth \(cap)" }
    }

    @Test(arguments: [DepthCase(cap: ReaderLimits.default.maxIncludeDepth), DepthCase(cap: 10), DepthCase(cap: 64)])
    func deepIncludeChain(_ c: DepthCase) throws {
        var limits = ReaderLimits()
        limits.maxIncludeDepth = c.cap
        let r = try #require(latexRead(LaTeXTestPaths.fixture("deep/d01.tex"), limits: limits))
        #expect(r.paper.metadata.title == "Deep Include Chain")
        let text = r.paper.allTexts.joined(separator: "\n")
        let levelsRead = min(50, c.cap)
        #expect(r.paper.source.files.count == levelsRead)
        #expect(text.contains(String(format: "Level %02d.", levelsRead)))
        if c.cap >= 50 {
            // The whole chain is read.
            #expect(r.diagnostics(.includeDepth).isEmpty)
            #expect(r.paper.sectionTitles == ["Bottom of the Chain"])
            #expect(text.contains("This sentence is only reachable at depth 50."))
        } else {
            let depth = r.diagnostics(.includeDepth)
            #expect(depth.count == 1)
            #expect(depth.first?.location?.file == String(format: "d%02d.tex", c.cap))
            #expect(!text.contains(String(format: "Level %02d.", c.cap + 1)))
            #expect(!text.contains("only reachable at depth 50"))
        }
    }

    // MARK: Expansion bombs

    @Test(arguments: [20_000, ReaderLimits.default.maxExpansions])
    func expansionBombsStopAtTheCap(_ maxExpansions: Int) throws {
        var limits = ReaderLimits()
        limits.maxExpansions = maxExpansions
        limits.maxTokens = min(limits.maxTokens, maxExpansions * 20)
        let r = try #require(latexRead(LaTeXTestPaths.fixture("bomb.tex"), limits: limits))
        #expect(!r.diagnostics(.macroLimit).isEmpty)
        #expect(r.paper.metadata.title == "Expansion Bomb")
        #expect(r.paper.sectionTitles == ["Survivor"])
        let text = r.paper.paragraphs.map(\.text).joined(separator: "\n")
        #expect(text.contains("The reader must get past this line:"))
        #expect(text.contains("The paragraph ends normally."))
        // 10^10 "ha"s would be 20 GB; what is kept must stay small.
        #expect(text.utf8.count < 1 << 20, "\(text.utf8.count) bytes of text")
    }

    /// `\let\originalleft\left` then `\renewcommand{\left}{…\originalleft}` (gmflow-2025): `\let`
    /// copies the primitive meaning, so there is no loop.
    @Test func letOfAPrimitiveDoesNotLoop() throws {
        var limits = ReaderLimits()
        limits.maxExpansions = 20_000
        limits.maxTokens = 400_000
        let preamble = """
            \\let\\originalleft\\left
            \\let\\originalright\\right
            \\renewcommand{\\left}{\\mathopen{}\\mathclose\\bgroup\\originalleft}
            \\renewcommand{\\right}{\\aftergroup\\egroup\\originalright}
            """
        let body = "\\section{S}\nWe have $\\left( x \\right)$ here.\n\\begin{equation}\n\\left[ y \\right]\n\\end{equation}"
        let r = try latexRead(files: ["main.tex": latexDocument(body, preamble: preamble)], limits: limits)
        #expect(r.diagnostics(.macroLimit).isEmpty, "\(r.diagnostics)")
        #expect(r.paper.equations.first.map { $0.tex.contains("y") && !$0.tex.contains("\\originalleft") } == true)
        #expect(r.paper.sectionTitles == ["S"])
        #expect(r.paper.paragraphs.first?.text.hasSuffix("here.") == true)
    }

    // MARK: Path escapes

    struct EscapeCase: Sendable, CustomStringConvertible {
        var line: Int
        var path: String
        var knownIssue: String?
        var description: String { "line \(line): \(path)" }
    }

    static let escapes: [EscapeCase] = [
        .init(line: 10, path: "../../etc/passwd"),
        .init(line: 11, path: "/etc/passwd"),
        .init(line: 12, path: "../../../etc/hostname"),
        .init(line: 13, path: "../../../../etc/shadow"),
        .init(line: 14, path: "~/.profile"),
    ]

    @Test(arguments: Self.escapes)
    func includeOutsideTheRootIsRefused(_ c: EscapeCase) throws {
        let r = try #require(latexRead(LaTeXTestPaths.fixture("escape.tex")))
        let onLine = r.diagnostics.filter { $0.location?.line == c.line }
        let refused = onLine.filter { $0.id == DiagnosticID.includeOutsideRoot.rawValue }
        // Refused whatever happens: nothing outside the fixture's folder is read.
        #expect(!refused.isEmpty, "\(onLine)")
        #expect(r.paper.source.files == ["escape.tex"])
        let check = {
            #expect(onLine.count == 1, "\(onLine)")
            #expect(refused.first?.message.contains("'\(c.path)'") == true, "\(refused)")
        }
        if let issue = c.knownIssue { withKnownIssue(Comment(rawValue: issue)) { check() } } else { check() }
    }

    @Test func escapeFixtureStillReadsItsText() throws {
        let r = try #require(latexRead(LaTeXTestPaths.fixture("escape.tex")))
        #expect(r.paper.metadata.title == "Path Escape")
        #expect(r.paper.sectionTitles == ["Includes That Must Be Refused"])
        let text = r.paper.paragraphs.map(\.text).joined(separator: "\n")
        #expect(text.contains("Relative escape:"))
        #expect(text.contains("The paragraph ends normally."))
        #expect(!text.contains("root:"))
        #expect(!text.contains("etc/hostname"))

    }

    // MARK: Unbalanced markup

    @Test func unbalancedMarkupIsReportedAndRead() throws {
        let r = try #require(latexRead(LaTeXTestPaths.fixture("unbalanced.tex")))
        #expect(r.paper.metadata.title == "Unbalanced Input")
        #expect(!r.diagnostics(.unclosedEnvironment).isEmpty)
        let unmatched = r.diagnostics(.unmatchedEnd)
        #expect(unmatched.contains { $0.message.contains("\\end{foo}") && $0.location?.line == 19 })
        let text = r.paper.paragraphs.map(\.text).joined(separator: "\n")
        #expect(text.contains("This paragraph has bold text that never closes"))
        #expect(text.contains("We use a learning rate of $10^{-3}$ and a batch size of 32."))
    }

    @Test func unbalancedRecoversAtSections() throws {
        let r = try #require(latexRead(LaTeXTestPaths.fixture("unbalanced.tex")))
        #expect(r.paper.sectionTitles == ["Introduction", "Method", "Results"])

        #expect(r.paper.sectionTitles.first == "Introduction")
        #expect(r.paper.sectionTitles.last == "Results")
    }

    @Test func unclosedInlineMathAtTheEndOfTheDocument() throws {
        let r = try #require(latexRead(LaTeXTestPaths.fixture("unbalanced.tex")))
        #expect(r.diagnostics(.unclosedMath).count == 1)
        #expect(!r.paper.allTexts.contains { $0.contains("\\end{document}") })

    }

    // MARK: Small caps on nesting: no stack overflow

    @Test func deeplyNestedGroupsAndEnvironments() throws {
        let depth = 5_000
        let body = "\\section{Deep}\n" + String(repeating: "\\begin{itemize}\\item {", count: depth) + "x"
            + String(repeating: "}\\end{itemize}", count: depth) + "\n\nAfter."
        var limits = ReaderLimits()
        limits.maxNesting = 64
        let r = try latexRead(files: ["main.tex": latexDocument(body)], limits: limits)
        #expect(r.paper.sectionTitles == ["Deep"])
        #expect(!r.diagnostics.isEmpty)
    }
}
