import Foundation
import PaperModel
import Testing
@testable import Readers

// The non-hostile reader fixtures: verbatim, conditionals, macros (+ mymacros.sty), tables. Each
// fixture's header comment states the right reading; the expectations below restate it.

@Suite struct LaTeXVerbatimTests {
    private func read() throws -> ReadResult { try #require(latexRead(LaTeXTestPaths.fixture("verbatim.tex"))) }

    @Test func verbatimIsNotStructure() throws {
        let r = try read()
        #expect(r.paper.metadata.title == "Verbatim Must Stay Verbatim")
        #expect(r.paper.sectionTitles == ["Real Section", "After the Listings"])
        #expect(r.paper.allSections.count == 2)
        #expect(r.paper.algorithms.isEmpty)
        #expect(!r.paper.allBlocks.contains { if case .list = $0.block { true } else { false } })
        // No attempt to \input{x}, no complaint about the unmatched $ and { inside verbatim.
        #expect(r.diagnostics(.includeMissing).isEmpty)
        #expect(r.diagnostics.filter { $0.severity >= .warning }.isEmpty, "\(r.diagnostics)")
        #expect(r.paper.source.files == ["verbatim.tex"])
    }

    @Test func listingBodiesKeptAsCode() throws {
        let raws = try read().paper.rawBlocks
        #expect(raws.map(\.name) == ["verbatim", "lstlisting"])
        try #require(raws.count == 2)
        #expect(raws[0].tex.contains("\\section{Not a section}\n\\begin{algorithm}"))
        #expect(raws[0].tex.contains("$ unmatched dollar { unmatched brace"))
        #expect(raws[1].tex.contains("\\caption{Also not an algorithm}\n\\input{x}"))
        #expect(raws.map(\.span.line) == [16, 25])
    }

    @Test func commentedOutSectionIgnored() throws {
        let paper = try read().paper
        #expect(!paper.allTexts.contains { $0.contains("Commented Out") })
    }

    @Test func verbInlineKeepsItsArgumentLiterally() throws {
        let r = try read()
        let first = try #require(r.paper.paragraphs.first)
        #expect(first.text.contains("\\input{x}"))
        #expect(first.text.contains("in the source."))
        #expect(!first.text.contains("\\verb"))
        #expect(r.diagnostics.filter { $0.message.contains("\\verb") }.isEmpty)

    }
}

@Suite struct LaTeXConditionalTests {
    private func read() throws -> ReadResult { try #require(latexRead(LaTeXTestPaths.fixture("conditionals.tex"))) }

    @Test func trueBranchesTaken() throws {
        let paper = try read().paper
        #expect(paper.metadata.title == "Conditional Titles: arXiv Version")
        #expect(paper.abstract.map(\.text) == ["This is the long arXiv abstract."])
        #expect(paper.sectionTitles == ["Introduction", "Extended Appendix"])
        #expect(paper.paragraphs.map(\.text).contains("Body text shared by both versions."))
        #expect(paper.paragraphs.map(\.text).contains("Material only in the arXiv version."))
    }

    @Test(arguments: ["Conference", "conference", "Draft note", "Hidden Section", "iffalse", "Camera-Ready", "\\ifarxiv", "\\fi"])
    func falseBranchesSkipped(_ phrase: String) throws {
        let texts = try read().paper.allTexts
        #expect(!texts.contains { $0.contains(phrase) }, "\(texts.filter { $0.contains(phrase) })")
    }
}

@Suite struct LaTeXMacroTests {
    private func read() throws -> ReadResult { try #require(latexRead(LaTeXTestPaths.fixture("macros.tex"))) }

    @Test func titleAndSections() throws {
        let paper = try read().paper
        #expect(paper.metadata.title == "Macro Expansion with MacroKit")
        #expect(paper.sectionTitles == ["Notation", "Training"])
        #expect(paper.source.files == ["macros.tex", "mymacros.sty"])
    }

    struct Expansion: Sendable, CustomStringConvertible {
        var written: String
        var expanded: String
        var description: String { written }
    }

    /// Inline math of the "Notation" paragraph, as the fixture's header states it.
    static let notation: [Expansion] = [
        .init(written: "$\\R$", expanded: "$\\mathbb{R}^{n}$"),
        .init(written: "$\\R[d]$", expanded: "$\\mathbb{R}^{d}$"),
        .init(written: "$\\vect{x}$", expanded: "$\\boldsymbol{x}$"),
        .init(written: "$\\pair{\\vect{u}}{\\vect{v}}$", expanded: "$\\langle \\boldsymbol{u}, \\boldsymbol{v} \\rangle$"),
        .init(written: "$\\eps$", expanded: "$\\varepsilon$"),
    ]

    @Test(arguments: Self.notation)
    func inlineExpansion(_ e: Expansion) throws {
        let paragraph = try #require(try read().paper.paragraphs.first { $0.text.hasPrefix("Parameters live in") })
        #expect(latexSquash(paragraph.text).contains(latexSquash(e.expanded)), "\(paragraph.text)")
    }

    @Test func providecommandDoesNotOverride() throws {
        let texts = try read().paper.allTexts
        #expect(!texts.contains { $0.contains("\\mathbb{Q}") })
        #expect(!texts.contains { $0.contains("\\mathbf") }, "\\renewcommand replaced \\vect")
    }

    @Test func starredOperatorAndStyleFileMacrosInDisplayMath() throws {
        let e = try #require(try read().paper.equation(labelled: "eq:argmin"))
        let tex = latexSquash(e.tex)
        #expect(tex.contains("\\operatorname*{arg\\,min}_{\\theta\\in\\mathbb{R}^{d}}"), "\(e.tex)")
        #expect(tex.contains("\\mathcal{L}(\\theta;\\mathcal{D})"), "\(e.tex)")
        #expect(e.numbers == ["1"])
    }

    struct MyAlg: Sendable, CustomStringConvertible {
        var title: String
        var contains: [String]
        var description: String { title }
    }

    /// `\newenvironment{myalg}[1][Algorithm]{\paragraph{#1.}\itshape}{\par}`, used without and with
    /// the optional argument; the body uses \lr (\eta), \gradsym (\nabla), \loss, \dataset, \sign.
    static let myalg: [MyAlg] = [
        .init(title: "Algorithm", contains: ["\\eta", "\\nabla \\mathcal{L}(\\theta; \\mathcal{D})"]),
        .init(title: "Update Rule", contains: ["\\operatorname{sign}(\\nabla \\mathcal{L})", "$\\eta = 10^{-4}$"]),
    ]

    @Test(arguments: Self.myalg)
    func newenvironmentWithOptionalArgument(_ m: MyAlg) throws {
        let paper = try read().paper
        let training = try #require(paper.sections.first { $0.title == "Training" })
        let heading = try #require(training.subsections.first { $0.title == m.title },
                                   "\(training.subsections.map(\.title))")
        let text = heading.blocks.compactMap { if case .paragraph(let p) = $0 { p.text } else { nil } }.joined()
        for piece in m.contains {
            #expect(latexSquash(text).contains(latexSquash(piece)), "\(text)")
        }
        #expect(!text.contains("\\lr") && !text.contains("\\gradsym") && !text.contains("\\loss"))
    }
}

@Suite struct LaTeXTableTests {
    private func table(_ label: String) throws -> Table {
        let r = try #require(latexRead(LaTeXTestPaths.fixture("tables.tex")))
        return try #require(r.paper.table(labelled: label))
    }

    @Test func plainRulesTable() throws {
        let t = try table("tab:rules")
        #expect(t.caption == "Accuracy with plain rules.")
        #expect(t.columnCount == 4)
        #expect(t.grid == [
            ["Method", "CIFAR-10", "CIFAR-10", "Cost"],
            ["Method", "Top-1", "Top-5", "Cost"],
            ["Baseline", "91.2", "99.6", "1x"],
            ["Ours (A & B)", "93.1", "99.8", "1.02x"],
        ])
        let header = try #require(t.rows.first).cells
        #expect(header.contains { $0.text == "Method" && $0.column == 0 && $0.rowSpan == 2 })
        #expect(header.contains { $0.text == "CIFAR-10" && $0.column == 1 && $0.columnSpan == 2 })
        #expect(header.contains { $0.text == "Cost" && $0.column == 3 && $0.rowSpan == 2 })
        #expect(t.span.file == "tables.tex")
        #expect(t.span.line == 24)
        #expect(t.rows.map(\.span.line) == [30, 32, 34, 35])
    }

    @Test func booktabsTable() throws {
        let t = try table("tab:booktabs")
        #expect(t.caption == "Settings with booktabs rules.")
        #expect(t.columnCount == 4)
        let grid = t.grid
        try #require(grid.count == 5, "\(grid)")
        #expect(grid[0] == ["", "", "Model size", "Model size"])
        #expect(grid[2] == ["Optimizer", "Learning rate", "$10^{-3}$", "$3 \\times 10^{-4}$"])
        #expect(grid[3] == ["Optimizer", "Batch size", "128", "256"])
        #expect(grid[4] == ["Data", "Augmentation", "crop & flip", "crop & flip"])
        #expect(t.span.line == 40)
        #expect(grid[1] == ["Group", "Setting", "Small", "Large"])
    }
}

// MARK: - Title commands of venue styles

@Suite struct LaTeXTitleCommandTests {
    @Test(arguments: ["title", "icmltitle", "aistatstitle"])
    func titleCommand(_ command: String) throws {
        let body = "\\maketitle\n\\section{Intro}\nText."
        let source = "\\documentclass{article}\n\\\(command){A Title of Venue Style}\n\\begin{document}\n\(body)\n\\end{document}\n"
        let r = try latexRead(files: ["main.tex": source])
        #expect(r.paper.metadata.title == "A Title of Venue Style")
    }
}
