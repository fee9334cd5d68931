/// Turns the bytes of one source file into tokens with positions (after pandoc's LaTeX reader:
/// tokens first, positions everywhere). Comments are dropped; the bodies of verbatim-like
/// environments and `\verb` become single `.verbatim` tokens; the `comment` environment is
/// skipped. `@` counts as a letter in `.sty`/`.cls` files and between `\makeatletter` and
/// `\makeatother`.
struct Tokenizer {
    static let verbatimEnvironments: Set<String> = [
        "verbatim", "verbatim*", "Verbatim", "BVerbatim", "lstlisting", "minted", "alltt", "filecontents",
        "filecontents*", "lstinline", "spverbatim", "minted*", "pyverbatim", "pycode", "code",
    ]
    static let skippedEnvironments: Set<String> = ["comment"]

    let bytes: [UInt8]
    let file: Int32
    var atLetter: Bool
    private var i = 0
    private var line: Int32 = 1
    private var lineStart = 0
    /// Column bookkeeping: the last index whose column was computed on the current line.
    private var columnIndex = 0
    private var columnValue: Int32 = 1

    init(bytes: [UInt8], file: Int32, atLetter: Bool = false) {
        self.bytes = bytes
        self.file = file
        self.atLetter = atLetter
    }

    private var location: TokenLocation {
        mutating get { TokenLocation(file: file, line: line, column: column(at: i), offset: Int32(i)) }
    }

    /// The 1-based column of a byte index on the current line, counting characters (UTF-8 lead
    /// bytes); computed incrementally from the previous call.
    private mutating func column(at index: Int) -> Int32 {
        if columnIndex < lineStart || columnIndex > index {
            columnIndex = lineStart
            columnValue = 1
        }
        while columnIndex < index {
            if bytes[columnIndex] & 0xC0 != 0x80 { columnValue += 1 }
            columnIndex += 1
        }
        return columnValue
    }

    private func isLetter(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (atLetter && b == 0x40)
    }

    private mutating func newline() {
        // Handles \n, \r\n and \r.
        if bytes[i] == 0x0D, i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
        i += 1
        line += 1
        lineStart = i
    }

    private func isNewline(_ b: UInt8) -> Bool { b == 0x0A || b == 0x0D }
    private func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0C }

    /// Tokenizes the whole file.
    mutating func tokenize() -> [Token] {
        var out: [Token] = []
        out.reserveCapacity(bytes.count / 3)
        var pendingSpace: TokenLocation? = nil
        var newlines = 0

        func flushSpace(_ out: inout [Token]) {
            if let loc = pendingSpace {
                out.append(Token(newlines >= 2 ? .paragraph : .space, newlines >= 2 ? "\n\n" : " ", loc))
            }
            pendingSpace = nil
            newlines = 0
        }

        while i < bytes.count {
            let b = bytes[i]
            // Whitespace and comments collapse into one space or a paragraph break.
            if isBlank(b) || isNewline(b) {
                if pendingSpace == nil { pendingSpace = location }
                if isNewline(b) { newlines += 1; newline() } else { i += 1 }
                continue
            }
            if b == 0x25 { // %
                if pendingSpace == nil { pendingSpace = nil }
                // A comment eats the rest of the line and the newline: no space from it.
                while i < bytes.count, !isNewline(bytes[i]) { i += 1 }
                if i < bytes.count { newline() }
                // Leading blanks of the next line are skipped.
                while i < bytes.count, isBlank(bytes[i]) { i += 1 }
                continue
            }
            flushSpace(&out)
            let loc = location
            switch b {
            case 0x5C: // backslash
                i += 1
                guard i < bytes.count else { out.append(Token(.text, "\\", loc)); break }
                if isLetter(bytes[i]) {
                    let s = i
                    while i < bytes.count, isLetter(bytes[i]) { i += 1 }
                    let name = text(s, i)
                    // Spaces after a control word are not tokens; one newline is also skipped.
                    skipSpacesAfterControlWord()
                    if name == "makeatletter" { atLetter = true; continue }
                    if name == "makeatother" { atLetter = false; continue }
                    out.append(Token(.control, name, loc))
                    if name == "begin" { handleBegin(&out) }
                    if name == "verb" { handleVerb(&out) }
                } else if isNewline(bytes[i]) {
                    out.append(Token(.control, " ", loc))
                    newline()
                } else {
                    // Control symbol: one character (may be multi-byte UTF-8).
                    let s = i
                    i += 1
                    while i < bytes.count, bytes[i] & 0xC0 == 0x80 { i += 1 }
                    out.append(Token(.control, text(s, i), loc))
                }
            case 0x7B: i += 1; out.append(Token(.beginGroup, "{", loc))
            case 0x7D: i += 1; out.append(Token(.endGroup, "}", loc))
            case 0x24: i += 1; out.append(Token(.mathShift, "$", loc))
            case 0x26: i += 1; out.append(Token(.alignment, "&", loc))
            case 0x23: i += 1; out.append(Token(.parameter, "#", loc))
            case 0x5E: i += 1; out.append(Token(.superscript, "^", loc))
            case 0x5F: i += 1; out.append(Token(.subscript, "_", loc))
            case 0x7E: i += 1; out.append(Token(.active, "~", loc))
            case 0x00: i += 1 // NUL bytes are dropped.
            default:
                let s = i
                while i < bytes.count {
                    let c = bytes[i]
                    if c == 0x5C || c == 0x7B || c == 0x7D || c == 0x24 || c == 0x26 || c == 0x23 || c == 0x5E
                        || c == 0x5F || c == 0x7E || c == 0x25 || c == 0x00 || isBlank(c) || isNewline(c) { break }
                    i += 1
                }
                out.append(Token(.text, text(s, i), loc))
            }
        }
        flushSpace(&out)
        return out
    }

    /// One-byte ASCII strings, made once: single characters are the most common tokens of math.
    private static let asciiStrings: [String] = (0..<128).map { String(decoding: [UInt8($0)], as: UTF8.self) }

    /// The text of `bytes[start..<end]`.
    private func text(_ start: Int, _ end: Int) -> String {
        if end - start == 1, bytes[start] < 0x80 { return Self.asciiStrings[Int(bytes[start])] }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    private mutating func skipSpacesAfterControlWord() {
        while i < bytes.count, isBlank(bytes[i]) { i += 1 }
        if i < bytes.count, isNewline(bytes[i]) {
            // One newline is skipped, unless a blank line follows (that is a paragraph break).
            var k = i
            if bytes[k] == 0x0D, k + 1 < bytes.count, bytes[k + 1] == 0x0A { k += 1 }
            k += 1
            while k < bytes.count, isBlank(bytes[k]) { k += 1 }
            if k < bytes.count, isNewline(bytes[k]) { return }
            newline()
            while i < bytes.count, isBlank(bytes[i]) { i += 1 }
        }
    }

    /// After `\begin`: if the environment is verbatim-like, read its body raw.
    private mutating func handleBegin(_ out: inout [Token]) {
        var k = i
        while k < bytes.count, isBlank(bytes[k]) { k += 1 }
        guard k < bytes.count, bytes[k] == 0x7B else { return }
        var e = k + 1
        while e < bytes.count, bytes[e] != 0x7D, !isNewline(bytes[e]), e - k < 40 { e += 1 }
        guard e < bytes.count, bytes[e] == 0x7D else { return }
        let name = String(decoding: bytes[(k + 1)..<e], as: UTF8.self)
        let skipped = Self.skippedEnvironments.contains(name)
        guard skipped || Self.verbatimEnvironments.contains(name) else { return }
        let endMarker = Array("\\end{\(name)}".utf8)
        let bodyStart = e + 1
        var j = bodyStart
        var found = -1
        while j + endMarker.count <= bytes.count {
            if bytes[j] == 0x5C, bytes[j..<(j + endMarker.count)].elementsEqual(endMarker) { found = j; break }
            j += 1
        }
        let bodyEnd = found >= 0 ? found : bytes.count
        if skipped {
            // Drop `\begin` and everything through `\end{comment}`.
            out.removeLast()
            advance(to: found >= 0 ? found + endMarker.count : bytes.count)
            return
        }
        out.append(Token(.beginGroup, "{", location))
        advance(to: k + 1)
        out.append(Token(.text, name, location))
        advance(to: e)
        out.append(Token(.endGroup, "}", location))
        advance(to: bodyStart)
        let loc = location
        out.append(Token(.verbatim, String(decoding: bytes[bodyStart..<bodyEnd], as: UTF8.self), loc))
        advance(to: bodyEnd)
    }

    /// `\verb|…|` and `\verb*|…|`.
    private mutating func handleVerb(_ out: inout [Token]) {
        guard i < bytes.count else { return }
        if bytes[i] == 0x2A { i += 1 }
        guard i < bytes.count, !isNewline(bytes[i]) else { return }
        let delimiter = bytes[i]
        i += 1
        let s = i
        while i < bytes.count, bytes[i] != delimiter, !isNewline(bytes[i]) { i += 1 }
        out.append(Token(.verbatim, String(decoding: bytes[s..<i], as: UTF8.self), location))
        if i < bytes.count, bytes[i] == delimiter { i += 1 }
    }

    /// Moves forward, keeping line bookkeeping right.
    private mutating func advance(to target: Int) {
        while i < target, i < bytes.count {
            if isNewline(bytes[i]) { newline() } else { i += 1 }
        }
    }
}
