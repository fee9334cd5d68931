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

/// arXiv identifiers in file names (`1412.6980v9.tar.gz`, `arXiv-2305.18290`): four digits, a
/// dot, four or five digits, an optional version, with no digit on either side.
public enum ArxivID {
    public static func find(in name: String) -> String? {
        let leaf = Array((name.split(separator: "/").last.map(String.init) ?? name).utf8)
        func isDigit(_ i: Int) -> Bool { i >= 0 && i < leaf.count && leaf[i] >= 0x30 && leaf[i] <= 0x39 }
        func digits(from i: Int) -> Int { var j = i; while isDigit(j) { j += 1 }; return j - i }
        var i = 0
        while i + 9 < leaf.count + 1 {
            if !isDigit(i - 1), digits(from: i) == 4, i + 4 < leaf.count, leaf[i + 4] == UInt8(ascii: ".") {
                let tail = digits(from: i + 5)
                if tail == 4 || tail == 5 {
                    var end = i + 5 + tail
                    if end < leaf.count, leaf[end] == UInt8(ascii: "v"), digits(from: end + 1) > 0 {
                        end += 1 + digits(from: end + 1)
                    }
                    return String(decoding: leaf[i..<end], as: UTF8.self)
                }
            }
            i += 1
        }
        return nil
    }
}
