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
            let text = uncommented(bytes)
            candidates.append((path, contains(text, "\\documentclass"), contains(text, "\\begin{document}"), bytes.count))
            for name in includedNames(text) {
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

    /// Whether `needle` occurs in `haystack` (bytes).
    static func contains(_ haystack: [UInt8], _ needle: String) -> Bool {
        firstIndex(of: Array(needle.utf8), in: haystack, from: 0) != nil
    }

    static func firstIndex(of needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var i = start
        let last = haystack.count - needle.count
        while i <= last {
            if haystack[i] == first {
                var k = 1
                while k < needle.count, haystack[i + k] == needle[k] { k += 1 }
                if k == needle.count { return i }
            }
            i += 1
        }
        return nil
    }

    /// The text with `%` comments removed (escaped `\%` kept).
    static func uncommented(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var inComment = false
        var previous: UInt8 = 0
        for b in bytes {
            if b == 0x0A { inComment = false }
            if !inComment, b == 0x25, previous != 0x5C { inComment = true }
            if !inComment { out.append(b) }
            previous = b
        }
        return out
    }

    /// Names given to `\input`/`\include`/`\subfile` in a file's text.
    static func includedNames(_ text: [UInt8]) -> [String] {
        var out: [String] = []
        for command in ["\\input{", "\\include{", "\\subfile{"] {
            let needle = Array(command.utf8)
            var from = 0
            while let i = firstIndex(of: needle, in: text, from: from) {
                let start = i + needle.count
                guard let close = text[start...].firstIndex(of: 0x7D) else { break }
                out.append(String(decoding: text[start..<close], as: UTF8.self).trimmedSpace)
                from = close
            }
        }
        return out
    }
}
