import Foundation
import Testing
import PaperModel
@testable import Readers

@Suite struct PDFStructureTests {
    /// A small paper: title, abstract, numbered sections and subsections, an appendix, references.
    static func paper() -> SyntheticDocument {
        var d = SyntheticDocument()
        var y = 70.0
        func body(_ n: Int, seed: Int) {
            for l in Prose.lines(n, seed: seed) { d.line(l, x: 72, y: y); y += 12 }
            y += 8
        }
        func heading(_ t: String, size: Double = 12) {
            y += 8
            d.line(t, x: 72, y: y, size: size)
            y += 18
        }
        d.line("Learning Things Quickly", x: 200, y: y, size: 18); y += 26
        d.line("Ada Lovelace Alan Turing", x: 220, y: y); y += 30
        d.line("Abstract", x: 280, y: y, size: 12); y += 18
        for l in Prose.lines(4, perLine: 11, seed: 9) { d.line(l, x: 110, y: y); y += 12 }
        y += 10
        heading("1 Introduction"); body(5, seed: 1)
        heading("2 Method"); body(4, seed: 2)
        heading("2.1 Setup", size: 10); body(4, seed: 3)
        heading("2.2 Training details", size: 10); body(3, seed: 4)
        heading("3 Results"); body(5, seed: 5)
        d.newPage(); y = 70
        heading("References")
        for (k, r) in ["[1] A. Author. A paper about things. In Proceedings, 2019.",
                       "[2] B. Writer and C. Someone. Another paper. Journal of Stuff, 2020.",
                       "[3] D. Person. Yet another one. arXiv preprint, 2021."].enumerated() {
            d.line(r, x: 72, y: y); y += 12
            if k == 1 { d.line("pages 1-10.", x: 86, y: y); y += 12 }
        }
        heading("A Proofs"); body(3, seed: 6)
        heading("A.1 Lemma one", size: 10); body(3, seed: 7)
        return d
    }

    @Test func buildsTitleAbstractAndSectionTree() {
        let p = PDFStructureTests.paper().read().paper
        #expect(p.metadata.title == "Learning Things Quickly")
        #expect(p.abstract.count == 1)
        #expect(p.abstract.first?.text.hasPrefix("Store") == false)
        let top = p.sections.map { "\($0.number ?? "*") \($0.title)" }
        #expect(top == ["1 Introduction", "2 Method", "3 Results", "* References", "A Proofs"])
        let method = p.sections[1]
        #expect(method.subsections.map(\.number) == ["2.1", "2.2"])
        #expect(method.subsections.map(\.level) == [2, 2])
        #expect(method.subsections[1].title == "Training details")
        let app = p.sections[4]
        #expect(app.appendix)
        #expect(!p.sections[0].appendix)
        #expect(app.subsections.first?.number == "A.1")
        #expect(app.subsections.first?.appendix == true)
        #expect(p.sections[0].blocks.count == 1)
    }

    @Test func readsAuthorsUnderTheTitle() {
        let p = PDFStructureTests.paper().read().paper
        #expect(p.metadata.authors.map(\.name) == ["Ada Lovelace", "Alan Turing"])
        #expect(PDFStructure.authors(fromLines: ["Rafael Rafailov∗† Archit Sharma∗†", "Stefano Ermon†‡ Christopher D. Manning†",
                                                 "Stanford University", "{a,b}@cs.stanford.edu"])
                == ["Rafael Rafailov", "Archit Sharma", "Stefano Ermon", "Christopher D. Manning"])
    }

    @Test func wrapsTheoremsAndProofs() throws {
        var d = SyntheticDocument()
        var y = 70.0
        d.line("A Paper Title", x: 200, y: y, size: 18); y += 30
        d.line("1 Theory", x: 72, y: y, size: 12); y += 20
        for l in Prose.lines(2) { d.line(l, x: 72, y: y); y += 12 }
        y += 8
        d.line("Theorem 2.1 (Convergence). Under the assumptions the iterates converge to a point.", x: 72, y: y); y += 20
        d.line("Proof. We bound each term of the sum and conclude by induction over the steps.", x: 72, y: y); y += 20
        d.line("This finishes the argument for every step of the method. □", x: 72, y: y); y += 20
        for l in Prose.lines(2, seed: 3) { d.line(l, x: 72, y: y); y += 12 }
        let blocks = try #require(d.read().paper.sections.first?.blocks)
        let kinds = blocks.map { b -> String in
            if case .theorem(let t) = b { return "\(t.category):\(t.number ?? "-"):\(t.title ?? "-"):\(t.blocks.count)" }
            return b.typeName
        }
        #expect(kinds == ["paragraph", "theorem:2.1:Convergence:1", "proof:-:-:2", "paragraph"])
        #expect(PDFStructure.theoremStart("Lemma 1 Restated. Two reward functions")?.kind == "lemma")
        #expect(PDFStructure.theoremStart("Theorem shows that") == nil)
        #expect(PDFStructure.theoremStart("Proof of Theorem 1. Consider")?.category == "proof")
    }

    @Test func splitsBibliographyByBracketLabels() {
        let p = PDFStructureTests.paper().read().paper
        #expect(p.bibliography.map(\.key) == ["1", "2", "3"])
        #expect(p.bibliography[1].text.hasSuffix("pages 1-10."))
        #expect(p.bibliography[0].span.page == 2)
    }

    @Test func rejectsOutOfSequenceNumbers() {
        var d = SyntheticDocument()
        var y = 70.0
        d.line("A Paper Title", x: 200, y: y, size: 18); y += 30
        for t in ["1 Introduction", "7 Things that are not a heading", "2 Method"] {
            y += 10
            d.line(t, x: 72, y: y, size: 12); y += 18
            for l in Prose.lines(3) { d.line(l, x: 72, y: y); y += 12 }
        }
        let p = d.read().paper
        #expect(p.sections.map(\.number) == ["1", "2"])
    }

    /// Text drawn inside a figure (legend, axis title) is kept as the figure's content, not
    /// dropped and not read as prose.
    @Test func figureTextIsTheFiguresContent() {
        var d = SyntheticDocument()
        var y = 70.0
        for l in Prose.lines(4) { d.line(l, x: 72, y: y); y += 12 }
        y += 40
        d.line("Fragments on SR-MMP", x: 120, y: y, size: 7); y += 9
        d.line("training steps", x: 250, y: y, size: 7); y += 16
        d.line("Figure 3: Features most predictive of toxicity.", x: 72, y: y, size: 9); y += 20
        for l in Prose.lines(3, seed: 2) { d.line(l, x: 72, y: y); y += 12 }
        let p = d.read().paper
        #expect(p.figures.map(\.number) == ["3"])
        #expect(p.figures.first?.content == ["Fragments on SR-MMP", "training steps"])
        #expect(!p.paragraphs.contains { $0.text.contains("SR-MMP") })
    }

    @Test func recognizesEquationsWithNumbersAndCaptions() {
        var d = SyntheticDocument()
        var y = 70.0
        for l in Prose.lines(4) { d.line(l, x: 72, y: y); y += 12 }
        y += 6
        // y = W x + b      (3)
        d.pieces([("y", 0, 10, 0), ("=", 4, 10, 0), ("W", 4, 10, 0), ("x", 3, 10, 0), ("+", 4, 10, 0), ("b", 4, 10, 0)], x: 260, y: y)
        d.line("(3)", x: 520, y: y)
        y += 20
        for l in Prose.lines(3, seed: 2) { d.line(l, x: 72, y: y); y += 12 }
        y += 14
        d.line("Figure 2: The loss over training steps for both runs.", x: 72, y: y, size: 9); y += 20
        d.line("Table 1: Final accuracy of each model.", x: 72, y: y, size: 9); y += 14
        for row in [["Model", "Accuracy", "Params"], ["Ours", "91.2", "10M"], ["Baseline", "88.0", "12M"]] {
            for (c, cell) in row.enumerated() { d.line(cell, x: 150 + Double(c) * 90, y: y, size: 9) }
            y += 11
        }
        y += 9
        for l in Prose.lines(3, seed: 4) { d.line(l, x: 72, y: y); y += 12 }
        let p = d.read().paper
        #expect(p.equations.count == 1)
        #expect(p.equations.first?.numbers == ["3"])
        #expect(p.equations.first?.tex == "y = W x + b")
        #expect(p.figures.map(\.number) == ["2"])
        #expect(p.figures.first?.caption == "The loss over training steps for both runs.")
        #expect(p.tables.first?.caption == "Final accuracy of each model.")
        #expect(p.tables.first?.rows.count == 3)
        #expect(p.tables.first?.columnCount == 3)
        #expect(p.tables.first?.grid.dropFirst().first == ["Ours", "91.2", "10M"])
    }
}

@Suite struct PDFEquationTests {
    /// y = ∑_{i=1}^{N} x_i  (1), the limits set on rows of their own under and over the ∑.
    @Test func attachesLimitsToBigOperators() throws {
        var d = SyntheticDocument()
        var y = 70.0
        for l in Prose.lines(4) { d.line(l, x: 72, y: y); y += 12 }
        y += 14
        // "∑" is 5 pt wide at x = 281.5 (after "y", "=" and gaps).
        d.pieces([("y", 0, 10, 0), ("=", 4, 10, 0), ("∑", 4, 10, 0), ("x", 4, 10, 0), ("i", 0, 7, 4)], x: 264, y: y)
        d.line("N", x: 283, y: y - 9, size: 7)
        d.line("i=1", x: 280, y: y + 13, size: 7)
        d.line("(1)", x: 520, y: y)
        y += 30
        for l in Prose.lines(3, seed: 2) { d.line(l, x: 72, y: y); y += 12 }
        let eq = try #require(d.read().paper.equations.first)
        #expect(eq.tex == "y = \\sum_{i=1}^N x_i")
        #expect(eq.numbers == ["1"])
        #expect(eq.environment == "equation")
    }
}

@Suite struct PDFAlgorithmTests {
    /// An Adam-like box: caption, Require lines, initializations, an indented while loop with
    /// comments, end while and return.
    static func document(numbered: Bool) -> SyntheticDocument {
        var d = SyntheticDocument()
        var y = 70.0
        for l in Prose.lines(3) { d.line(l, x: 72, y: y); y += 12 }
        y += 14
        d.line("Algorithm 1: Adam, our proposed algorithm for stochastic optimization.", x: 72, y: y); y += 12
        let body: [(Int, String)] = [
            (0, "Require: α: Stepsize"),
            (0, "Require: β1, β2 ∈ [0, 1): decay rates"),
            (1, "m0 ← 0 (Initialize first moment vector)"),
            (1, "t ← 0"),
            (1, "while θt not converged do"),
            (2, "t ← t + 1"),
            (2, "gt ← ∇f(θ) ▷ Get gradients"),
            (2, "if t > 10 then"),
            (3, "mt ← β1 · mt−1"),
            (2, "else"),
            (3, "mt ← 0"),
            (2, "end if"),
            (1, "end while"),
            (1, "return θt"),
        ]
        for (k, (depth, text)) in body.enumerated() {
            let x = 72 + Double(depth) * 10 + (numbered ? 16 : 0)
            if numbered { d.line("\(k + 1):", x: 72, y: y) }
            d.line(text, x: x, y: y)
            y += 12
        }
        y += 18
        for l in Prose.lines(3, seed: 7) { d.line(l, x: 72, y: y); y += 12 }
        return d
    }

    @Test(arguments: [false, true])
    func readsAlgorithmBox(numbered: Bool) throws {
        let p = PDFAlgorithmTests.document(numbered: numbered).read().paper
        let alg = try #require(p.algorithms.first)
        #expect(p.algorithms.count == 1)
        #expect(alg.number == "1")
        #expect(alg.syntax == "pdf")
        #expect(alg.caption.hasPrefix("Adam, our proposed algorithm"))
        let kinds = alg.lines.map(\.kind)
        #expect(kinds == [.require, .require, .assign, .assign, .while, .assign, .assign, .if, .assign, .else, .assign,
                          .endIf, .endWhile, .return])
        #expect(alg.lines.map(\.depth) == [0, 0, 0, 0, 0, 1, 1, 1, 2, 1, 2, 1, 0, 0])
        #expect(alg.lines[2].comment == "Initialize first moment vector")
        #expect(alg.lines[6].comment == "Get gradients")
        #expect(alg.lines[4].text == "$\\theta_t$ not converged")
        #expect(alg.lines[7].text == "$t > 10$")
        #expect(alg.lines[8].text == "$m_t \\gets \\beta_1 \\cdot m_{t-1}$")
        #expect(!alg.lines.contains { $0.text.contains("1:") || $0.text.hasPrefix("Require") })
        #expect(alg.steps.count == 10, "else counts as a step, as in the gold annotations")
        // The prose after the box is not part of it.
        #expect(p.paragraphs.count == 2)
        #expect(alg.lines[0].span.page == 1)
    }

    @Test func readsAProgramListing() throws {
        var d = SyntheticDocument()
        var y = 70.0
        for l in Prose.lines(3) { d.line(l, x: 72, y: y); y += 12 }
        y += 14
        d.line("Program 1: Discovered optimizer. It only tracks momentum.", x: 72, y: y); y += 12
        for (depth, code) in [(0, "def train(w, g, m, lr):"), (1, "update = interp(g, m, 0.9)"), (1, "update = sign(update)"),
                              (1, "for i in range(3):"), (2, "w = w - update"), (1, "return update, m")] {
            d.line(code, x: 72 + Double(depth) * 12, y: y, size: 8)
            y += 10
        }
        y += 18
        for l in Prose.lines(3, seed: 5) { d.line(l, x: 72, y: y); y += 12 }
        let p = d.read().paper
        let prog = try #require(p.algorithms.first)
        #expect(prog.id.hasPrefix("prog"))
        #expect(prog.caption == "Discovered optimizer. It only tracks momentum.")
        #expect(prog.lines.map(\.kind) == [.function, .assign, .assign, .for, .assign, .return])
        #expect(prog.lines.map(\.depth) == [0, 1, 1, 1, 2, 1])
        #expect(p.labels["program:1"]?.id == prog.id)
        #expect(p.labels["algorithm:1"] == nil)
    }

    @Test func proseStartingWithAlgorithmIsNotACaption() {
        var d = SyntheticDocument()
        var y = 70.0
        d.line("Algorithm 1 shows the method and we describe each step below in turn.", x: 72, y: y); y += 12
        for l in Prose.lines(4) { d.line(l, x: 72, y: y); y += 12 }
        #expect(d.read().paper.algorithms.isEmpty)
    }

    @Test(arguments: [
        ("for each atom a in molecule", AlgorithmLine.Kind.forAll, "atom a in molecule"),
        ("for i = 1 to N do", .for, "$i = 1$ to $N$"),
        ("repeat", .repeat, ""),
        ("until converged", .until, "converged"),
        ("Input: data D", .input, "data $D$"),
        ("Output: θ", .output, "$\\theta$"),
        ("Initialize: w ← 0", .initialize, "$w \\gets 0$"),
        ("procedure Train(D)", .procedure, "Train(D)"),
        ("Compute the loss L", .state, "Compute the loss $L$"),
        ("else if x > 0 then", .elseIf, "$x > 0$"),
        ("end for", .endFor, ""),
    ])
    func classifiesKeywords(line: String, kind: AlgorithmLine.Kind, text: String) {
        var d = SyntheticDocument()
        d.line(line, x: 72, y: 100)
        let layout = PDFLayout.build(BBoxParser.parse(Array(d.xhtml.utf8)))
        let (k, t, _) = PDFAlgorithmBuilder.classify(layout.lines[0].tokens)
        #expect(k == kind)
        #expect(t == text)
    }
}

@Suite struct PDFMathTests {
    @Test(arguments: [
        ("θ", "\\theta"), ("∇f", "\\nabla f"), ("α·β", "\\alpha\\cdot\\beta"), ("x≤y", "x\\leq y"),
        ("1−β", "1-\\beta"), ("m̂", "\\hat{m}"), ("softmax(x)", "\\mathrm{softmax}(x)"), ("log(p)", "\\log(p)"),
    ])
    func mapsUnicodeToTeX(input: String, tex: String) {
        var b = TeXBuilder()
        b.append(text: input)
        #expect(b.text == tex)
    }

    @Test func guessesMergedSubscripts() {
        #expect(PDFMath.mergedScript("mt−1")! == ("m", "t−1"))
        #expect(PDFMath.mergedScript("βt")! == ("β", "t"))
        #expect(PDFMath.mergedScript("at") == nil)
        #expect(PDFMath.mergedScript("model") == nil)
    }

    @Test func equationNumbers() {
        #expect(PDFStructure.equationNumber("(3)") == "3")
        #expect(PDFStructure.equationNumber("(A.2)") == "A.2")
        #expect(PDFStructure.equationNumber("(12b)") == "12b")
        #expect(PDFStructure.equationNumber("(a)") == nil)
        #expect(PDFStructure.equationNumber("(ii)") == nil)
    }
}

