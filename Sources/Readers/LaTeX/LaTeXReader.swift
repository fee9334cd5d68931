import Foundation
import PaperModel

/// Reads LaTeX sources (a tree of files in memory) into the ``Paper`` model.
public struct LaTeXReader: Sendable {
    public var limits: ReaderLimits

    public init(limits: ReaderLimits = .default) {
        self.limits = limits
    }

    /// Reads the paper whose files are in `tree`. Throws only when no main file can be found;
    /// every other problem is a diagnostic on a (possibly partial) result.
    public func read(_ tree: SourceTree) throws(InputError) -> ReadResult {
        let main = try MainFileFinder.find(in: tree)
        var expander = Expander(tree: tree, limits: limits)
        expander.start(main: main.path)
        let bodyOnly = !main.hasDocumentEnvironment
        var builder = DocumentBuilder(expander: expander, vocabulary: .shared, limits: limits, bodyOnly: bodyOnly)
        var paper = builder.build(source: SourceInfo(kind: .latex, input: tree.origin, mainFile: main.path))
        paper.source.files = builder.ex.files.paths
        if paper.metadata.arxivID == nil { paper.metadata.arxivID = ArxivID.find(in: tree.origin) }
        // Encoding problems matter only in files the paper actually reads, and the expander
        // reports those itself when it decodes them.
        let treeDiagnostics = tree.diagnostics.filter { $0.id != DiagnosticID.inputEncoding.rawValue }
        var diagnostics = treeDiagnostics + main.diagnostics + builder.ex.diagnostics + builder.diagnostics
        if !main.hasDocumentEnvironment, main.hasDocumentClass {
            diagnostics.append(Diagnostic(.noDocument, .warning,
                                          "\(main.path) has \\documentclass but no \\begin{document}; read as a body",
                                          at: SourceSpan(file: main.path, line: 1, column: 1)))
        }
        return ReadResult(paper: paper, diagnostics: diagnostics)
    }
}

/// arXiv identifiers in file names (`1412.6980v9.tar.gz`, `arXiv-2305.18290`).
public enum ArxivID {
    public static func find(in name: String) -> String? {
        let leaf = name.split(separator: "/").last.map(String.init) ?? name
        guard let r = leaf.range(of: #"(?<![0-9])[0-9]{4}\.[0-9]{4,5}(v[0-9]+)?(?![0-9])"#, options: .regularExpression)
        else { return nil }
        return String(leaf[r])
    }
}
