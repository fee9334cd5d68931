import Foundation
import PaperModel
@testable import Readers

// Helpers of the HTML* tests: short pages, the fixture and the example paper, comparisons that
// ignore what LaTeXML's TeX writes differently from the source.

enum HTMLTest {
    /// The repository root, found from this file's path.
    static let repository: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var fixture: URL { repository.appendingPathComponent("Tests/ReadersTests/Fixtures/html/lookahead-momentum.html") }
    static var example: URL { repository.appendingPathComponent("Examples/lookahead-momentum") }

    /// The corpus folder: `$DECONSTRUCT_CORPUS`, else `/work/shared/corpus`; nil when absent.
    static var corpus: URL? {
        let path = ProcessInfo.processInfo.environment["DECONSTRUCT_CORPUS"] ?? "/work/shared/corpus"
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else { return nil }
        return URL(fileURLWithPath: path)
    }

    /// Reads a page given as a string.
    static func read(_ html: String, name: String = "page.html") -> ReadResult {
        HTMLReader().read(name: name, text: html)
    }

    /// A LaTeXML-like page around `body` (what goes inside `article.ltx_document`).
    static func page(_ body: String, title: String = "A Title") -> String {
        """
        <!DOCTYPE html><html lang="en"><head><title>\(title)</title></head><body>
        <div class="ltx_page_main"><div class="ltx_page_content">
        <article class="ltx_document">
        <h1 class="ltx_title ltx_title_document">\(title)</h1>
        \(body)
        </article></div></div></body></html>
        """
    }

    /// TeX compared as LaTeXML and the LaTeX reader both mean it: no whitespace, and single-token
    /// scripts without braces (`_{t}` ≡ `_t`, LaTeXML's form vs the author's).
    static func canonicalTeX(_ s: String) -> String {
        let chars = Array(s.filter { !$0.isWhitespace })
        var out = ""
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "_" || c == "^", i + 3 < chars.count, chars[i + 1] == "{", chars[i + 3] == "}",
               chars[i + 2].isLetter || chars[i + 2].isNumber {
                out.append(c)
                out.append(chars[i + 2])
                i += 4
                continue
            }
            out.append(c)
            i += 1
        }
        return out
    }

    /// Every section in document order.
    static func sections(_ p: Paper) -> [Section] { p.allSections }

    /// Paragraphs in a section's own blocks (theorems and lists included, subsections not).
    static func paragraphCount(_ s: Section) -> Int {
        var n = 0
        func visit(_ blocks: [Block]) {
            for b in blocks {
                switch b {
                case .paragraph: n += 1
                case .theorem(let t): visit(t.blocks)
                case .list(let l): l.items.forEach { visit($0.blocks) }
                default: break
                }
            }
        }
        visit(s.blocks)
        return n
    }

    /// The LaTeX reader's result for a folder or file of sources.
    static func latex(_ path: String) throws -> ReadResult {
        guard case .latex(let tree) = try InputLoader.load(path: path) else {
            throw InputError(.inputUnsupported, file: path, "not LaTeX")
        }
        return try LaTeXReader().read(tree)
    }
}
