import Foundation
import PaperModel

/// Finds the main file of a LaTeX tree: the one with `\documentclass` and `\begin{document}`
/// that no other file includes; for flattened sources without a preamble, the largest file
/// that no other file includes.
enum MainFileFinder {
    struct Choice {
        var path: String
        var hasDocumentClass: Bool
        var hasDocumentEnvironment: Bool
        var diagnostics: [Diagnostic]
    }

    static let preferredNames = ["main.tex", "paper.tex", "ms.tex", "article.tex", "manuscript.tex"]

    static func find(in tree: SourceTree) throws(InputError) -> Choice {
        var candidates: [(path: String, documentClass: Bool, document: Bool, size: Int)] = []
        var included = Set<String>()
        // A tree of one file (standard input, a gzipped single file) is that file, whatever its name.
        let single = tree.files.count == 1
        for path in tree.paths where single || path.hasSuffix(".tex") || path.hasSuffix(".ltx") || path.hasSuffix(".latex") {
            guard let bytes = tree.data(path) else { continue }
            let facts = scan(bytes)
            candidates.append((path, facts.documentClass, facts.document, bytes.count))
            for name in facts.included {
                included.insert(name)
                included.insert(name + ".tex")
                if let slash = path.lastIndex(of: "/") { included.insert(String(path[..<slash]) + "/" + name + ".tex") }
            }
        }
        if let preferred = tree.preferredMain, let c = candidates.first(where: { $0.path == preferred }) {
            return Choice(path: c.path, hasDocumentClass: c.documentClass, hasDocumentEnvironment: c.document, diagnostics: [])
        }
        guard !candidates.isEmpty else {
            throw InputError(.mainFileMissing, file: tree.origin,
                             "no .tex file found; give a LaTeX source (.tex, folder or arXiv .tar.gz), a PDF, HTML or .txt")
        }
        func rank(_ c: (path: String, documentClass: Bool, document: Bool, size: Int)) -> (Int, Int, Int, Int) {
            (c.documentClass && c.document ? 2 : c.document ? 1 : 0,
             included.contains(c.path) ? 0 : 1,
             preferredNames.contains(c.path.split(separator: "/").last.map(String.init) ?? "") ? 1 : 0,
             c.size)
        }
        let sorted = candidates.sorted { rank($0) > rank($1) }
        let best = sorted[0]
        var diagnostics: [Diagnostic] = []
        let rivals = sorted.dropFirst().filter { rank($0).0 == rank(best).0 && rank($0).1 == rank(best).1 && rank($0).0 == 2 }
        if !rivals.isEmpty {
            diagnostics.append(Diagnostic(.mainFileAmbiguous, .note,
                                          "several files could be the main file (\(([best.path] + rivals.map(\.path)).joined(separator: ", "))); read \(best.path)",
                                          at: SourceSpan(file: best.path, line: 1, column: 1)))
        }
        return Choice(path: best.path, hasDocumentClass: best.documentClass, hasDocumentEnvironment: best.document,
                      diagnostics: diagnostics)
    }

    /// What the main-file choice needs to know of one file, outside `%` comments.
    struct FileFacts {
        var documentClass = false
        var document = false
        /// Names given to `\input`/`\include`/`\subfile`.
        var included: [String] = []
    }

    /// Commands that pull in another file.
    private static let includeCommands: [StaticString] = ["\\input{", "\\include{", "\\subfile{"]

    /// One pass over a file's bytes, skipping comments (an escaped `\%` is not one), without
    /// copying the text.
    static func scan(_ bytes: [UInt8]) -> FileFacts {
        bytes.withUnsafeBufferPointer { b in
            var facts = FileFacts()
            var i = 0
            while i < b.count {
                let c = b[i]
                if c == 0x25, i == 0 || b[i - 1] != 0x5C {
                    // A comment runs to the end of the line.
                    i = b[i...].firstIndex(of: 0x0A) ?? b.count
                    continue
                }
                if c == 0x5C, i + 1 < b.count {
                    // The letter after the backslash picks the commands worth matching.
                    let letter = b[i + 1]
                    if letter == 0x64, !facts.documentClass, matches(b, i, "\\documentclass") { facts.documentClass = true }
                    if letter == 0x62, !facts.document, matches(b, i, "\\begin{document}") { facts.document = true }
                    for command in includeCommands where (letter == 0x69 || letter == 0x73) && matches(b, i, command) {
                        let start = i + command.utf8CodeUnitCount
                        guard let close = b[start...].firstIndex(of: 0x7D) else { break }
                        facts.included.append(String(decoding: UnsafeBufferPointer(rebasing: b[start..<close]), as: UTF8.self).trimmedSpace)
                    }
                }
                i += 1
            }
            return facts
        }
    }

    /// Whether `needle` stands in `b` at offset `i`.
    private static func matches(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ needle: StaticString) -> Bool {
        let n = needle.utf8CodeUnitCount
        guard i + n <= b.count else { return false }
        let p = needle.utf8Start
        for k in 0..<n where b[i + k] != p[k] { return false }
        return true
    }
}
