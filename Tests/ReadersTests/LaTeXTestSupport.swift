import Foundation
import PaperModel
import Testing
@testable import Readers

// Helpers of the LaTeX* tests: where the project's files are, reading a paper the way the CLI
// does (InputLoader, then LaTeXReader), and short ways to look at the model.

enum LaTeXTestPaths {
    /// The package root, found from this file's path (Tests/ReadersTests/LaTeXTestSupport.swift),
    /// so that tests read the fixtures where they lie instead of copies in the bundle.
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static func example(_ relative: String) -> String { root + "/Examples/" + relative }
    static func fixture(_ relative: String) -> String { root + "/Tests/ReadersTests/Fixtures/" + relative }
    static var goldenFolder: String { root + "/Tests/ReadersTests/Golden" }
}

/// Reads a paper from disk as the CLI does. Fails the test (and returns nil) if the input is
/// refused or is not LaTeX.
func latexRead(_ path: String, limits: ReaderLimits = .default,
               sourceLocation: SourceLocation = #_sourceLocation) -> ReadResult? {
    do {
        let input = try InputLoader.load(path: path, limits: limits)
        guard case .latex(let tree) = input else {
            Issue.record("\(path) was not detected as LaTeX", sourceLocation: sourceLocation)
            return nil
        }
        return try LaTeXReader(limits: limits).read(tree)
    } catch {
        Issue.record("\(path): \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// Reads LaTeX given as text (one file, or several), for small cases written in the test itself.
func latexRead(files: [String: String], main: String = "main.tex",
               limits: ReaderLimits = .default) throws -> ReadResult {
    var tree = SourceTree(origin: "inline", preferredMain: main)
    for (path, text) in files { tree.files[path] = Array(text.utf8) }
    return try LaTeXReader(limits: limits).read(tree)
}

/// A document body wrapped in the usual preamble.
func latexDocument(_ body: String, preamble: String = "") -> String {
    "\\documentclass{article}\n\(preamble)\n\\begin{document}\n\(body)\n\\end{document}\n"
}

extension ReadResult {
    var diagnosticIDs: [String] { diagnostics.map(\.id) }

    func diagnostics(_ id: DiagnosticID) -> [Diagnostic] { diagnostics.filter { $0.id == id.rawValue } }
}

extension Paper {
    /// Top-level section titles in order.
    var sectionTitles: [String] { sections.map(\.title) }

    /// Every piece of prose or TeX the model holds: title, abstract, paragraphs and sentences,
    /// section titles, captions, algorithm lines and comments, table cells, equations, footnotes,
    /// list and theorem contents. For "nothing unexpanded / unresolved anywhere" checks.
    var allTexts: [String] {
        var out: [String] = []
        if let t = metadata.title { out.append(t) }
        out += metadata.authors.map(\.name)
        out += footnotes.map(\.text)
        out += allSections.map(\.title)
        for located in allBlocks {
            switch located.block {
            case .paragraph(let p): out.append(p.text); out += p.sentences.map(\.text)
            case .equation(let e): out.append(e.tex); out += e.rows.map(\.tex)
            case .algorithm(let a):
                out.append(a.caption)
                for l in a.lines { out.append(l.text); if let c = l.comment { out.append(c) } }
            case .table(let t): out.append(t.caption); out += t.rows.flatMap { $0.cells.map(\.text) }
            case .figure(let f): out.append(f.caption)
            case .theorem(let t): if let title = t.title { out.append(title) }
            case .list(let l): out += l.items.compactMap(\.label)
            case .raw: break
            }
        }
        return out
    }

    func algorithm(labelled label: String) -> Algorithm? { algorithms.first { $0.label == label } }
    func equation(labelled label: String) -> Equation? { equations.first { $0.labels.contains(label) } }
    func table(labelled label: String) -> Table? { tables.first { $0.label == label } }

    /// Raw blocks (kept as TeX), e.g. verbatim and listings.
    var rawBlocks: [RawBlock] {
        allBlocks.compactMap { if case .raw(let r) = $0.block { r } else { nil } }
    }

    var theorems: [TheoremBlock] {
        allBlocks.compactMap { if case .theorem(let t) = $0.block { t } else { nil } }
    }
}

extension Algorithm {
    /// `(kind, depth)` of every line, for comparing structure in one expectation.
    var shape: [LaTeXLineShape] { lines.map { LaTeXLineShape($0.kind, $0.depth) } }
}

/// A line's kind and depth, printable in failure messages.
struct LaTeXLineShape: Equatable, CustomStringConvertible {
    var kind: AlgorithmLine.Kind
    var depth: Int
    init(_ kind: AlgorithmLine.Kind, _ depth: Int) { self.kind = kind; self.depth = depth }
    var description: String { "\(depth):\(kind.rawValue)" }
}

/// Removes all white space, to compare TeX whose spacing is not significant.
func latexSquash(_ s: String) -> String { String(s.unicodeScalars.filter { !CharacterSet.whitespacesAndNewlines.contains($0) }.map(Character.init)) }
