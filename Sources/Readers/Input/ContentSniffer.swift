import PaperModel

/// Tells the kind of an input from its bytes; the file name's extension only breaks ties.
enum ContentSniffer {
    enum TextKind: Equatable { case latex, html, text }

    /// `%PDF-` within the first 1024 bytes (some PDFs have junk before the header).
    static func isPDF(_ bytes: [UInt8]) -> Bool {
        let head = bytes.prefix(1024)
        let magic = Array("%PDF-".utf8)
        guard head.count >= magic.count else { return false }
        for i in head.startIndex...(head.endIndex - magic.count) where head[i] == 0x25 {
            if head[i..<(i + magic.count)].elementsEqual(magic) { return true }
        }
        return false
    }

    static func isZip(_ bytes: [UInt8]) -> Bool {
        bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0x50, 0x4B, 0x05, 0x06])
    }

    /// A UTF-16 or UTF-32 byte-order mark.
    static func isWideText(_ bytes: [UInt8]) -> Bool {
        bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF])
    }

    static let latexExtensions: Set<String> = ["tex", "ltx", "latex"]
    static let htmlExtensions: Set<String> = ["html", "htm", "xhtml"]

    /// The kind of valid UTF-8 text (BOM removed); `ext` is the lower-cased extension or "".
    static func classify(_ text: [UInt8], ext: String) -> TextKind {
        if isHTML(text, ext: ext) { return .html }
        if latexExtensions.contains(ext) { return .latex }
        return looksLikeLaTeX(text) ? .latex : .text
    }

    // MARK: HTML

    /// `<!DOCTYPE html` or `<html` at the start, after whitespace, an XML declaration and
    /// comments; or any tag at the start of a `.html` file.
    static func isHTML(_ text: [UInt8], ext: String) -> Bool {
        let head = Array(text.prefix(4096))
        var i = skipSpace(head, 0)
        for _ in 0..<16 {
            if startsWith(head, i, "<?xml") {
                guard let end = find(head, "?>", from: i) else { return false }
                i = skipSpace(head, end + 2)
            } else if startsWith(head, i, "<!--") {
                guard let end = find(head, "-->", from: i + 4) else { return false }
                i = skipSpace(head, end + 3)
            } else {
                break
            }
        }
        if startsWith(head, i, "<!doctype html") || startsWith(head, i, "<html") { return true }
        return htmlExtensions.contains(ext) && i < head.count && head[i] == UInt8(ascii: "<")
    }

    private static func skipSpace(_ b: [UInt8], _ start: Int) -> Int {
        var i = start
        while i < b.count, b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x0C { i += 1 }
        return i
    }

    /// Case-insensitive ASCII prefix test at `i`.
    private static func startsWith(_ b: [UInt8], _ i: Int, _ s: String) -> Bool {
        let p = Array(s.utf8)
        guard i + p.count <= b.count else { return false }
        for k in 0..<p.count where b[i + k].asciiLowercased != p[k] { return false }
        return true
    }

    private static func find(_ b: [UInt8], _ s: String, from: Int) -> Int? {
        let p = Array(s.utf8)
        guard b.count >= p.count, from <= b.count - p.count else { return nil }
        for i in from...(b.count - p.count) where b[i] == p[0] && b[i..<(i + p.count)].elementsEqual(p) { return i }
        return nil
    }

    // MARK: LaTeX

    /// Commands that make a file LaTeX on their own, at the start of a line.
    static let decisiveCommands: Set<String> = [
        "documentclass", "documentstyle", "section", "chapter", "input", "include", "usepackage",
    ]

    /// Commands typical of a LaTeX source rather than of math in prose.
    static let structuralCommands: Set<String> = [
        "begin", "label", "ref", "eqref", "cref", "Cref", "autoref", "cite", "citep", "citet", "emph",
        "textbf", "textit", "texttt", "item", "section", "subsection", "subsubsection", "paragraph",
        "footnote", "caption", "usepackage", "newcommand", "renewcommand", "def", "maketitle", "title",
        "author", "bibliography", "bibliographystyle", "includegraphics", "centering", "vspace",
        "hspace", "noindent", "url", "href", "input", "include", "newtheorem", "appendix",
    ]

    /// Environments that are math (their content is skipped like `$…$`).
    static let mathEnvironments: Set<String> = [
        "equation", "equation*", "align", "align*", "gather", "gather*", "multline", "multline*",
        "eqnarray", "eqnarray*", "displaymath", "math", "flalign", "flalign*",
    ]

    /// Whether text is a LaTeX source: a decisive command at the start of a line
    /// (`\documentclass`, `\begin{document}`, `\section{`, `\input{`, …), or several structural
    /// commands of at least two kinds outside math. Markdown code fences are ignored; math
    /// (`$…$`, `$$…$$`, `\(…\)`, `\[…\]`, equation environments) does not count.
    static func looksLikeLaTeX(_ bytes: [UInt8]) -> Bool {
        let b = Array(bytes.prefix(1 << 20))
        var structural = 0
        var kinds: Set<String> = []
        enum Mode: Equatable { case prose, dollar, doubleDollar, paren, bracket, environment(String) }
        var mode = Mode.prose
        var i = 0
        var lineStart = true      // only spaces so far on this line
        var inFence = false
        var blankLine = true      // the line so far is blank (to end runaway `$` at paragraphs)

        while i < b.count {
            let c = b[i]
            if c == 0x0A {
                if blankLine && (mode == .dollar || mode == .paren) { mode = .prose }
                i += 1
                lineStart = true
                blankLine = true
                // Code fences (``` or ~~~) toggle a block that is not looked at.
                var j = i
                while j < b.count && (b[j] == 0x20 || b[j] == 0x09) { j += 1 }
                if startsWith(b, j, "```") || startsWith(b, j, "~~~") {
                    inFence.toggle()
                    while i < b.count && b[i] != 0x0A { i += 1 }
                }
                continue
            }
            if inFence || c == 0x20 || c == 0x09 || c == 0x0D {
                i += 1
                continue
            }
            let atLineStart = lineStart
            lineStart = false
            blankLine = false

            if c == UInt8(ascii: "%") && mode == .prose {
                if atLineStart { kinds.insert("%") }  // a comment line: one more sign, counted once
                while i < b.count && b[i] != 0x0A { i += 1 }
                continue
            }
            if c == UInt8(ascii: "$") {
                let double = i + 1 < b.count && b[i + 1] == UInt8(ascii: "$")
                switch mode {
                case .prose: mode = double ? .doubleDollar : .dollar
                case .dollar: mode = .prose
                case .doubleDollar: if double { mode = .prose }
                default: break
                }
                i += double ? 2 : 1
                continue
            }
            guard c == UInt8(ascii: "\\") else { i += 1; continue }

            // A control sequence.
            var j = i + 1
            while j < b.count, (0x41...0x5A).contains(b[j]) || (0x61...0x7A).contains(b[j]) { j += 1 }
            if j == i + 1 {
                // A control symbol: \( \) \[ \] open/close math; others (\$, \\, \%) are skipped.
                if j < b.count {
                    switch (b[j], mode) {
                    case (UInt8(ascii: "("), .prose): mode = .paren
                    case (UInt8(ascii: ")"), .paren): mode = .prose
                    case (UInt8(ascii: "["), .prose): mode = .bracket
                    case (UInt8(ascii: "]"), .bracket): mode = .prose
                    default: break
                    }
                }
                i = j + 1
                continue
            }
            let name = String(decoding: b[(i + 1)..<j], as: UTF8.self)
            i = j
            let argument = braceArgument(b, j)
            if name == "end", case .environment(let env) = mode, argument == env {
                mode = .prose
                continue
            }
            guard mode == .prose else { continue }
            if name == "begin", let env = argument, mathEnvironments.contains(env) {
                mode = .environment(env)
                continue
            }
            if atLineStart {
                if name == "begin" && argument == "document" { return true }
                if decisiveCommands.contains(name) && opensArgument(b, j) { return true }
            }
            if structuralCommands.contains(name) {
                structural += 1
                kinds.insert(name)
            }
        }
        if kinds.contains("%") { structural += 1 }
        return structural >= 3 && kinds.count >= 2
    }

    /// `{` (or `*{`, `[`) right after a command name.
    private static func opensArgument(_ b: [UInt8], _ i: Int) -> Bool {
        var j = i
        if j < b.count && b[j] == UInt8(ascii: "*") { j += 1 }
        return j < b.count && (b[j] == UInt8(ascii: "{") || b[j] == UInt8(ascii: "["))
    }

    /// The text of `{…}` right after a command (no nesting), if short.
    private static func braceArgument(_ b: [UInt8], _ i: Int) -> String? {
        guard i < b.count, b[i] == UInt8(ascii: "{") else { return nil }
        var j = i + 1
        while j < b.count && j - i < 64 {
            if b[j] == UInt8(ascii: "}") { return String(decoding: b[(i + 1)..<j], as: UTF8.self) }
            if b[j] == UInt8(ascii: "{") || b[j] == 0x0A { return nil }
            j += 1
        }
        return nil
    }
}
