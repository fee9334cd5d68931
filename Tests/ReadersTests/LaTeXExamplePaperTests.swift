import Foundation
import PaperModel
import Testing
@testable import Readers

// The bundled example paper, Examples/lookahead-momentum (main.tex + sections/method.tex +
// sections/experiments.tex). Every expectation below is a fact of the LaTeX source, not a copy
// of what the reader prints.

private let example: ReadResult? = latexRead(LaTeXTestPaths.example("lookahead-momentum"))

@Suite struct LaTeXExamplePaperTests {
    private func read() throws -> ReadResult { try #require(example, "the example paper could not be read") }

    // MARK: Metadata and source

    @Test func titleAndAuthors() throws {
        let paper = try read().paper
        #expect(paper.metadata.title == "Damped Adaptive Momentum: Bounding Per-Coordinate Steps in Adaptive Optimizers")
        #expect(paper.metadata.authors.map(\.name) == ["Ilse Varga", "Tomas Okafor"])
        #expect(paper.metadata.authors.map(\.affiliation) == ["Northfield Institute of Technology", "Lakeshore University"])
        #expect(paper.metadata.titleSpan?.file == "main.tex")
        #expect(paper.metadata.titleSpan?.line == 12)
    }

    @Test func filesReadMainFirst() throws {
        let source = try read().paper.source
        #expect(source.kind == .latex)
        #expect(source.mainFile == "main.tex")
        #expect(source.files == ["main.tex", "sections/method.tex", "sections/experiments.tex"])
    }

    @Test func abstractIsPresent() throws {
        let paper = try read().paper
        let text = paper.abstract.map(\.text).joined(separator: " ")
        #expect(text.hasPrefix("Adaptive optimizers such as Adam"))
        #expect(text.hasSuffix("under 2% of wall-clock time."))
        // `\dam{}` is `\textsc{Dam}`; `93.1\%` is a literal percent sign.
        #expect(text.contains("We introduce Damped Adaptive Momentum (Dam)"))
        #expect(text.contains("93.1% test accuracy"))
        #expect(paper.abstract.first?.span.file == "main.tex")
        #expect(paper.abstract.first?.span.line == 20)
    }

    @Test func noWarningsOrErrors() throws {
        let result = try read()
        #expect(result.diagnostics.filter { $0.severity >= .warning }.isEmpty, "\(result.diagnostics)")
    }

    // MARK: Sections

    struct SectionFact: Sendable, CustomStringConvertible {
        var number: String, title: String, label: String, appendix: Bool, file: String, line: Int
        var description: String { "\(number) \(title)" }
    }

    static let sectionFacts: [SectionFact] = [
        .init(number: "1", title: "Introduction", label: "sec:intro", appendix: false, file: "main.tex", line: 31),
        .init(number: "2", title: "Damped Adaptive Momentum", label: "sec:method", appendix: false,
              file: "sections/method.tex", line: 1),
        .init(number: "3", title: "Experimental Setup", label: "sec:experiments", appendix: false,
              file: "sections/experiments.tex", line: 1),
        .init(number: "4", title: "Results", label: "sec:results", appendix: false,
              file: "sections/experiments.tex", line: 51),
        .init(number: "5", title: "Conclusion", label: "sec:conclusion", appendix: false, file: "main.tex", line: 59),
        .init(number: "A", title: "Sensitivity to the Damping Coefficient", label: "app:lambda", appendix: true,
              file: "main.tex", line: 70),
    ]

    @Test func topLevelSectionsInOrder() throws {
        let paper = try read().paper
        #expect(paper.sections.map(\.title) == Self.sectionFacts.map(\.title))
    }

    @Test(arguments: Self.sectionFacts.indices)
    func section(_ index: Int) throws {
        let fact = Self.sectionFacts[index]
        let sections = try read().paper.sections
        try #require(sections.count > index)
        let s = sections[index]
        #expect(s.title == fact.title)
        #expect(s.number == fact.number)
        #expect(s.level == 1)
        #expect(!s.starred)
        #expect(s.appendix == fact.appendix)
        #expect(s.label == fact.label)
        #expect(s.span.file == fact.file)
        #expect(s.span.line == fact.line)
        #expect(try read().paper.labels[fact.label]?.number == fact.number)
    }

    /// `\paragraph{Datasets and models.}` and its siblings: unnumbered level-4 headings inside
    /// "Experimental Setup".
    @Test func paragraphHeadingsUnderExperimentalSetup() throws {
        let setup = try #require(try read().paper.sections.first { $0.title == "Experimental Setup" })
        #expect(setup.subsections.map(\.title) == ["Datasets and models", "Training details", "Hardware"])
        #expect(setup.subsections.allSatisfy { $0.level == 4 && $0.number == nil })
        #expect(setup.subsections.map(\.span.line) == [4, 13, 25])
        #expect(setup.subsections.allSatisfy { $0.span.file == "sections/experiments.tex" })
    }

    // MARK: The algorithm box

    private func algorithm() throws -> Algorithm {
        let algorithms = try read().paper.algorithms
        try #require(algorithms.count == 1, "one algorithm box, found \(algorithms.count)")
        return algorithms[0]
    }

    @Test func algorithmCaptionNumberSyntaxAndSpan() throws {
        let a = try algorithm()
        #expect(a.caption.contains("Damped Adaptive Momentum"))
        #expect(a.caption.contains("$\\lambda = 0.1$"))
        #expect(!a.caption.contains("\\dam"))
        #expect(a.number == "1")
        #expect(a.syntax == "algpseudocode")
        #expect(a.span.file == "sections/method.tex")
        #expect(a.span.line == 32)
    }

    @Test func algorithmLabel() throws {
        let result = try read()
        let a = try algorithm()
        #expect(a.label == "alg:dam")
        #expect(result.paper.labels["alg:dam"]?.kind == .algorithm)
        #expect(result.paper.labels["alg:dam"]?.number == "1")
    }

    @Test func sixRequireLinesFirst() throws {
        let a = try algorithm()
        #expect(a.lines.prefix(6).allSatisfy { $0.kind == .require && $0.depth == 0 })
        #expect(a.lines.filter { $0.kind == .require }.count == 6)
        #expect(a.lines.first?.text == "$\\alpha$: step size")
        #expect(a.lines.first?.span.line == 41)
    }

    /// 13 numbered lines: 3 initialisations, the while, 7 body statements, end while, return.
    @Test func whileLoopStructure() throws {
        let a = try algorithm()
        let numbered = a.lines.filter { $0.kind != .require }
        #expect(numbered.count == 13)
        let expected: [LaTeXLineShape] = [
            .init(.state, 0), .init(.state, 0), .init(.state, 0),
            .init(.while, 0),
        ] + Array(repeating: .init(.state, 1), count: 7) + [
            .init(.endWhile, 0), .init(.return, 0),
        ]
        #expect(numbered.map { LaTeXLineShape($0.kind, $0.depth) } == expected)
        #expect(numbered[3].text == "$\\theta_t$ not converged")
        #expect(numbered.last?.text == "$\\theta_t$")
        #expect(a.steps.count == 12)
        // One line per source line, from \State $m_0 \gets 0$ (line 47) to \Return (line 59).
        #expect(numbered.map(\.span.line) == Array(47...59))
        #expect(a.lines.allSatisfy { $0.span.file == "sections/method.tex" })
    }

    @Test func powerOfBetaKeptInTeX() throws {
        let a = try algorithm()
        let mHat = try #require(a.lines.first { $0.text.contains("\\hat{m}_t \\gets") })
        #expect(mHat.text.contains("\\beta_1^t"))
        let vHat = try #require(a.lines.first { $0.text.contains("\\hat{v}_t \\gets") })
        #expect(vHat.text.contains("\\beta_2^t"))
    }

    @Test func commentAttachedToThetaLine() throws {
        let a = try algorithm()
        let theta = try #require(a.lines.first { $0.text.contains("\\theta_t \\gets") })
        #expect(theta.comment == "damped update")
        #expect(!theta.text.contains("damped"))
        #expect(!theta.text.contains("\\Comment"))
        #expect(a.lines.filter { $0.comment != nil }.count == 1)
    }

    // MARK: Equations

    @Test func threeDisplayEquations() throws {
        let equations = try read().paper.equations
        #expect(equations.map(\.labels) == [["eq:bias"], ["eq:update"], ["eq:bound"]])
        #expect(equations.map(\.numbers) == [["1"], ["2"], ["3"]])
        #expect(equations.allSatisfy { $0.span.file == "sections/method.tex" })
        #expect(equations.map(\.span.line) == [10, 18, 72])
    }

    @Test func alignRowWithNonumberHasNoNumber() throws {
        let e = try #require(try read().paper.equation(labelled: "eq:bias"))
        #expect(e.environment == "align")
        try #require(e.rows.count == 2)
        #expect(e.rows[0].number == nil)
        #expect(e.rows[0].label == nil)
        #expect(e.rows[1].number == "1")
        #expect(e.rows[1].label == "eq:bias")
        #expect(!e.tex.contains("\\nonumber"))
        #expect(e.rows[0].tex.contains("\\beta_1^t"))
    }

    @Test func updateEquationNumberedWithMacrosExpanded() throws {
        let paper = try read().paper
        let e = try #require(paper.equation(labelled: "eq:update"))
        #expect(e.environment == "equation")
        #expect(e.numbers == ["2"])
        #expect(paper.labels["eq:update"]?.number == "2")
        #expect(e.tex.contains("\\mathbf{m}"))
        #expect(!e.tex.contains("\\vect"))
        #expect(!e.tex.contains("\\label"))
        #expect(e.source?.contains("\\vect") == true)
    }

    /// `\norm[\infty]{x}` is `\|x\|_{\infty}`; `\norm{x}` takes the default optional argument 2.
    @Test func normWithOptionalArgumentDefault() throws {
        let paper = try read().paper
        let e = try #require(paper.equation(labelled: "eq:bound"))
        let tex = latexSquash(e.tex)
        #expect(tex.contains("\\|\\theta_t-\\theta_{t-1}\\|_{\\infty}"))
        #expect(tex.contains("\\|\\theta_t-\\theta_{t-1}\\|_{2}"))
        #expect(!tex.contains("\\norm"))
    }

    @Test func boundEquationSitsInTheTheorem() throws {
        let paper = try read().paper
        let theorem = try #require(paper.theorems.first { $0.category == "theorem" })
        #expect(theorem.title == "Bounded steps")
        #expect(theorem.label == "thm:bound")
        #expect(theorem.number == "1")
        let inside = theorem.blocks.compactMap { if case .equation(let e) = $0 { e } else { nil } }
        #expect(inside.map(\.labels) == [["eq:bound"]])
        #expect(paper.theorems.contains { $0.category == "proof" })
    }

    // MARK: Cross-references and macros in the text

    struct ReferenceFact: Sendable, CustomStringConvertible {
        var label: String
        /// Text that the paragraph citing it must contain once the reference is resolved.
        var rendered: String
        var description: String { label }
    }

    static let referenceFacts: [ReferenceFact] = [
        .init(label: "thm:bound", rendered: "(Theorem 1)"),
        .init(label: "sec:experiments", rendered: "(Section 3)"),
        .init(label: "eq:bias", rendered: "All operations in (1) and (2) are element-wise."),
        .init(label: "tab:hparams", rendered: "Table 1 lists the CIFAR-10 settings per model."),
        .init(label: "tab:results", rendered: "Table 2 compares Dam with Adam"),
    ]

    @Test(arguments: Self.referenceFacts)
    func referenceResolvedInText(_ fact: ReferenceFact) throws {
        let paper = try read().paper
        let citing = paper.paragraphs.filter { $0.references.contains(fact.label) }
        #expect(!citing.isEmpty, "no paragraph refers to \(fact.label)")
        #expect(citing.contains { $0.text.contains(fact.rendered) }, "\(citing.map(\.text))")
    }

    @Test func noUnresolvedReferenceAnywhere() throws {
        let result = try read()
        let unresolved = result.paper.allTexts.filter { $0.contains("??") }
        #expect(unresolved.isEmpty, "\(unresolved)")
        #expect(result.diagnostics(.unresolvedReference).isEmpty)
        let algorithmRefs = result.paper.paragraphs.filter { $0.references.contains("alg:dam") }
        #expect(algorithmRefs.count == 3)
        #expect(algorithmRefs.allSatisfy { $0.text.contains("Algorithm 1") })
    }

    @Test(arguments: ["\\dam", "\\vect", "\\norm", "\\eqref", "\\ref", "\\cite", "\\textsc", "\\emph", "\\label"])
    func noUnexpandedCommandInAnyText(_ command: String) throws {
        let texts = try read().paper.allTexts
        let offending = texts.filter { text in
            // `\ref` must not match `\reflectbox`-like names: look for the command followed by a non-letter.
            var rest = text[...]
            while let r = rest.range(of: command) {
                let next = rest[r.upperBound...].first
                if next == nil || !next!.isLetter { return true }
                rest = rest[r.upperBound...]
            }
            return false
        }
        #expect(offending.isEmpty, "\(offending)")
    }

    @Test func citationsCollected() throws {
        let paper = try read().paper
        let datasets = try #require(paper.paragraphs.first { $0.text.hasPrefix("We evaluate on two tasks.") })
        #expect(datasets.citations == ["krizhevsky2009cifar", "he2016resnet", "marcus1993ptb"])
        #expect(datasets.text.contains("50,000 training and 10,000 test images"))
        // The footnote's text is not in the paragraph.
        #expect(!datasets.text.contains("horizontal flips"))
    }

    // MARK: Tables

    @Test func hyperparameterTableGrid() throws {
        let t = try #require(try read().paper.table(labelled: "tab:hparams"))
        #expect(t.caption == "Hyperparameters for the CIFAR-10 experiments.")
        #expect(t.number == "1")
        #expect(t.span.file == "sections/experiments.tex")
        #expect(t.span.line == 29)
        #expect(t.columnCount == 3)
        let grid = t.grid
        // 10 rows of cells: \toprule, \cmidrule, \midrule and \bottomrule are rules, not rows.
        try #require(grid.count == 10, "\(grid)")
        // \multicolumn{2}{c}{Model size} heads both model columns.
        #expect(grid[0] == ["", "Model size", "Model size"])
        #expect(t.rows[0].cells.contains { $0.text == "Model size" && $0.column == 1 && $0.columnSpan == 2 })
        // \multirow{2}{*}{Decay rates} labels both the beta_1 and the beta_2 rows.
        #expect(grid[3] == ["Decay rates", "$\\beta_1 = 0.9$", "$\\beta_1 = 0.9$"])
        #expect(grid[4] == ["Decay rates", "$\\beta_2 = 0.999$", "$\\beta_2 = 0.999$"])
        #expect(grid[6] == ["Batch size", "128", "128"])
        #expect(grid[9] == ["Warm-up epochs", "5", "5"])
    }

    @Test func cmidruleIsNotCellText() throws {
        let t = try #require(try read().paper.table(labelled: "tab:hparams"))
        try #require(t.grid.count > 1)
        // \cmidrule(lr){2-3}: the trim spec and column range are not text.
        #expect(t.grid[1] == ["Hyperparameter", "ResNet-18", "ResNet-50"])
    }

    @Test func resultsTableGrid() throws {
        let t = try #require(try read().paper.table(labelled: "tab:results"))
        #expect(t.number == "2")
        #expect(t.span.line == 60)
        #expect(t.grid == [
            ["Optimizer", "ResNet-18", "ResNet-50", "PTB perplexity"],
            ["SGD with momentum", "92.6", "93.9", "62.4"],
            ["Adam", "91.7", "93.0", "60.9"],
            ["Dam (ours)", "93.1", "94.2", "58.7"],
        ])
        #expect(t.rows.map(\.span.line) == [67, 69, 70, 71])
    }

    // MARK: Footnotes and bibliography

    @Test func footnoteAndBibliography() throws {
        let paper = try read().paper
        #expect(paper.footnotes.count == 1)
        #expect(paper.footnotes.first?.text.hasPrefix("Random $32 \\times 32$ crops") == true)
        #expect(paper.footnotes.first?.span.file == "sections/experiments.tex")
        #expect(paper.footnotes.first?.span.line == 7)
        #expect(paper.bibliography.map(\.key) == ["kingma2015adam", "krizhevsky2009cifar", "marcus1993ptb", "he2016resnet"])
        #expect(paper.bibliography.first?.text.contains("Adam: A method for stochastic optimization") == true)
        #expect(paper.bibliography.map(\.span.line) == [81, 83, 85, 88])
    }
}
