/// A TeX token with the UTF-8 range it came from. Tokens produced by a macro or by a Unicode
/// character spelled as TeX carry the range of that macro call or character (`expanded`).
///
/// A plain value without references (a command is a number, see ``CommandNames``): the parser
/// copies tokens all the time in its lookahead, and copies of Strings cost retains and releases.
struct Token: Sendable {
    enum Kind: Equatable, Sendable {
        /// `\name`, by number; `\,` is the command `,`. ``CommandNames`` has the name.
        case command(CommandID)
        /// Any other single character: letters, digits, punctuation, Unicode symbols.
        case char(Unicode.Scalar)
        case open, close, sup, sub, align, space
    }

    var kind: Kind
    // Offsets in 32 bits and the fields ordered by size: 24 bytes a token instead of 40, so
    // `peek()`, `advance()` and `token(at:)`, asked several times per token, return it in
    // registers rather than through memory. (A formula is far below 2 GB.)
    private var startOffset: Int32
    private var endOffset: Int32
    /// For commands, what the tables say about them.
    let flags: MathTables.CommandClass
    /// For known commands, the index of ``command`` in `MathTables.commandInfo` (else 0).
    let infoIndex: UInt16
    var expanded: Bool

    /// UTF-8 offset of the token's first byte.
    var start: Int {
        get { Int(startOffset) }
        set { startOffset = Int32(truncatingIfNeeded: newValue) }
    }

    /// UTF-8 offset after the token's last byte.
    var end: Int {
        get { Int(endOffset) }
        set { endOffset = Int32(truncatingIfNeeded: newValue) }
    }

    init(kind: Kind, start: Int, end: Int, expanded: Bool = false) {
        self.kind = kind
        self.startOffset = Int32(truncatingIfNeeded: start)
        self.endOffset = Int32(truncatingIfNeeded: end)
        self.expanded = expanded
        if case .command(let id) = kind, id.isKnown {
            infoIndex = UInt16(id.raw)
            flags = MathTables.commandInfo[Int(id.raw)].flags
        } else {
            infoIndex = 0
            flags = MathTables.CommandClass(rawValue: 0)
        }
    }

    /// What the tables say about this command (empty for other tokens).
    var command: MathTables.CommandInfo { MathTables.commandInfo[Int(infoIndex)] }

    /// Whether this is the command `word` (`\left`, `\\`, …), without comparing Strings.
    func isCommand(_ word: MathTables.StructuralWord) -> Bool { infoIndex != 0 && command.word == word }

    var isCommandToken: Bool {
        if case .command = kind { true } else { false }
    }

    func isChar(_ scalar: Unicode.Scalar) -> Bool { kind == .char(scalar) }

    var scalar: Unicode.Scalar? {
        if case .char(let scalar) = kind { scalar } else { nil }
    }
}

/// Turns UTF-8 bytes into tokens. Comments are dropped, runs of white space become one `.space`,
/// Unicode math characters become the tokens of their TeX spelling.
enum Lexer {
    /// Returns whether any token is a command with the `cleaned` class (else ``TokenCleaner``
    /// has nothing to do, and the parse skips its pass over the tokens).
    @discardableResult
    static func tokenize(_ bytes: [UInt8], into tokens: inout [Token], names: inout CommandNames, invalid: inout [Int]) -> Bool {
        bytes.withUnsafeBufferPointer { buffer in
            tokenize(buffer, into: &tokens, names: &names, invalid: &invalid)
        }
    }

    private static func tokenize(_ bytes: UnsafeBufferPointer<UInt8>, into tokens: inout [Token], names: inout CommandNames,
                                 invalid: inout [Int]) -> Bool {
        let lookup = MathTables.commandLookup
        var needsCleaning = false
        /// Appends a command token, noting whether the cleaner must see it.
        func appendCommand(_ token: Token) {
            if token.flags.contains(.cleaned) { needsCleaning = true }
            tokens.append(token)
        }
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            switch b {
            case UInt8(ascii: "\\"):
                guard i + 1 < n else {
                    tokens.append(Token(kind: .char("\\"), start: i, end: i + 1))
                    i += 1
                    continue
                }
                let next = bytes[i + 1]
                if isLetter(next) {
                    var j = i + 1
                    while j < n && isLetter(bytes[j]) { j += 1 }
                    if let id = lookup.id(bytes, (i + 1)..<j) {
                        appendCommand(Token(kind: .command(id), start: i, end: j))
                        i = j
                        continue
                    }
                    var name = String(decoding: bytes[(i + 1)..<j], as: UTF8.self)
                    // The common spacing fix `\let\originalleft\left` + `\renewcommand{\left}{…}`.
                    if name == "originalleft" { name = "left" } else if name == "originalright" { name = "right" }
                    appendCommand(Token(kind: .command(names.id(name)), start: i, end: j))
                    i = j
                } else if next < 0x80 {
                    let id = lookup.id(bytes, (i + 1)..<(i + 2)) ?? names.id(String(UnicodeScalar(next)))
                    appendCommand(Token(kind: .command(id), start: i, end: i + 2))
                    i += 2
                } else {
                    let (scalar, length) = decode(bytes, at: i + 1)
                    appendCommand(Token(kind: .command(names.id(String(scalar))), start: i, end: i + 1 + length))
                    i += 1 + length
                }
            case UInt8(ascii: "{"): tokens.append(Token(kind: .open, start: i, end: i + 1)); i += 1
            case UInt8(ascii: "}"): tokens.append(Token(kind: .close, start: i, end: i + 1)); i += 1
            case UInt8(ascii: "^"): tokens.append(Token(kind: .sup, start: i, end: i + 1)); i += 1
            case UInt8(ascii: "_"): tokens.append(Token(kind: .sub, start: i, end: i + 1)); i += 1
            case UInt8(ascii: "&"): tokens.append(Token(kind: .align, start: i, end: i + 1)); i += 1
            case UInt8(ascii: "|") where i + 1 < n && bytes[i + 1] == UInt8(ascii: "|"):
                // `||` is how many authors write `\|` (norms, `D(p || q)`).
                appendCommand(Token(kind: .command(.doubleBar), start: i, end: i + 2))
                i += 2
            case UInt8(ascii: "%"):
                while i < n && bytes[i] != UInt8(ascii: "\n") { i += 1 }
            case UInt8(ascii: "."):
                // `...` is an ellipsis.
                if i + 2 < n && bytes[i + 1] == UInt8(ascii: ".") && bytes[i + 2] == UInt8(ascii: ".") {
                    appendCommand(Token(kind: .command(.dots), start: i, end: i + 3))
                    i += 3
                } else {
                    tokens.append(Token(kind: .char("."), start: i, end: i + 1))
                    i += 1
                }
            case UInt8(ascii: "~"), 0...0x20, 0x7F:
                // `~` is a space. (`$` stays a token: the parser reads it as space, except
                // inside `\text{…}`, where it delimits math.)
                let start = i
                while i < n, bytes[i] <= 0x20 || bytes[i] == UInt8(ascii: "~") || bytes[i] == 0x7F { i += 1 }
                if tokens.last?.kind != .space { tokens.append(Token(kind: .space, start: start, end: i)) }
            case 0x80...:
                let (scalar, length) = decode(bytes, at: i)
                if scalar == "\u{FFFD}" && length == 1 { invalid.append(i) }
                i = appendUnicode(scalar, bytes: bytes, at: i, length: length, into: &tokens, names: &names, needsCleaning: &needsCleaning)
            default:
                tokens.append(Token(kind: .char(UnicodeScalar(b)), start: i, end: i + 1))
                i += 1
            }
        }
        return needsCleaning
    }

    /// Appends the tokens for one non-ASCII character (or a run of superscript or subscript
    /// characters, read together so `x⁻¹` is `x^{-1}`); returns the next byte offset.
    private static func appendUnicode(_ scalar: Unicode.Scalar, bytes: UnsafeBufferPointer<UInt8>, at start: Int, length: Int, into tokens: inout [Token],
                                      names: inout CommandNames, needsCleaning: inout Bool) -> Int {
        var end = start + length
        var spelling: String
        if let tex = MathTables.unicode[scalar] {
            spelling = tex
            if let marker = tex.first, marker == "^" || marker == "_", tex.count >= 4 {
                // Gather the run: `⁻¹` -> `^{-1}`.
                var inner = String(tex.dropFirst(2).dropLast())
                while end < bytes.count, bytes[end] >= 0x80 {
                    let (next, nextLength) = decode(bytes, at: end)
                    guard let more = MathTables.unicode[next], more.first == marker, more.count >= 4 else { break }
                    inner += more.dropFirst(2).dropLast()
                    end += nextLength
                }
                spelling = "\(marker){\(inner)}"
            }
        } else if let tex = alphanumeric(scalar) {
            spelling = tex
        } else {
            tokens.append(Token(kind: .char(scalar), start: start, end: end))
            return end
        }
        var inner: [Token] = []
        var ignored: [Int] = []
        if tokenize(Array(spelling.utf8), into: &inner, names: &names, invalid: &ignored) { needsCleaning = true }
        for var token in inner {
            token.start = start
            token.end = end
            token.expanded = true
            tokens.append(token)
        }
        return end
    }

    /// `𝐱` -> `\mathbf{x}`, `𝔼` -> `\mathbb{E}`, `𝟙` -> `\mathbb{1}`.
    private static func alphanumeric(_ scalar: Unicode.Scalar) -> String? {
        let value = scalar.value
        if value >= 0x1D400 && value <= 0x1D6A3 {
            let index = Int(value - 0x1D400)
            let style = MathTables.alphanumericStyles[index / 52]
            let letter = index % 52
            let char = letter < 26 ? Character(UnicodeScalar(UInt8(65 + letter))) : Character(UnicodeScalar(UInt8(97 + letter - 26)))
            return "\\\(style){\(char)}"
        }
        if value >= 0x1D7CE && value <= 0x1D7FF {
            let index = Int(value - 0x1D7CE)
            let style = ["mathbf", "mathbb", "mathsf", "mathsf", "mathtt"][index / 10]
            return "\\\(style){\(index % 10)}"
        }
        return nil
    }

    static func isLetter(_ b: UInt8) -> Bool {
        (b >= 65 && b <= 90) || (b >= 97 && b <= 122)
    }

    /// Decodes one UTF-8 scalar; invalid bytes decode as U+FFFD of length 1.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> (Unicode.Scalar, Int) {
        let b0 = bytes[i]
        let n = bytes.count
        func continuation(_ k: Int) -> UInt32? {
            guard i + k < n, bytes[i + k] & 0xC0 == 0x80 else { return nil }
            return UInt32(bytes[i + k] & 0x3F)
        }
        var value: UInt32
        var length: Int
        switch b0 {
        case 0xC2...0xDF:
            guard let c1 = continuation(1) else { return ("\u{FFFD}", 1) }
            value = (UInt32(b0 & 0x1F) << 6) | c1
            length = 2
        case 0xE0...0xEF:
            guard let c1 = continuation(1), let c2 = continuation(2) else { return ("\u{FFFD}", 1) }
            value = (UInt32(b0 & 0x0F) << 12) | (c1 << 6) | c2
            length = 3
            if value < 0x800 { return ("\u{FFFD}", 1) }
        case 0xF0...0xF4:
            guard let c1 = continuation(1), let c2 = continuation(2), let c3 = continuation(3) else { return ("\u{FFFD}", 1) }
            value = (UInt32(b0 & 0x07) << 18) | (c1 << 12) | (c2 << 6) | c3
            length = 4
            if value < 0x10000 { return ("\u{FFFD}", 1) }
        default:
            return ("\u{FFFD}", 1)
        }
        guard let scalar = Unicode.Scalar(value) else { return ("\u{FFFD}", 1) }
        return (scalar, length)
    }
}

/// A macro body, lexed once when the parser is made.
struct MacroBody: Sendable {
    var tokens: [Token] = []
    var names = CommandNames()
}

/// Expands the caller's argument-free macros on the token stream, with limits so that a
/// recursive definition cannot hang the parser.
struct MacroExpander {
    let macros: [String: MacroBody]
    private(set) var limitHit = false
    private var expansions = 0
    private let budget: Int

    static let maxDepth = 32
    static let maxExpansions = 20_000

    init(macros: [String: MacroBody], inputCount: Int) {
        self.macros = macros
        self.budget = 50_000 + 20 * inputCount
    }

    mutating func expand(_ tokens: [Token], names: inout CommandNames) -> [Token] {
        guard !macros.isEmpty else { return tokens }
        var out: [Token] = []
        out.reserveCapacity(tokens.count)
        expand(tokens, depth: 0, call: nil, names: &names, into: &out)
        return out
    }

    private mutating func expand(_ tokens: [Token], depth: Int, call: Token?, names: inout CommandNames, into out: inout [Token]) {
        for var token in tokens {
            if let call {
                token.start = call.start
                token.end = call.end
                token.expanded = true
            }
            if case .command(let id) = token.kind, let body = macros[names.name(id)] {
                if depth < Self.maxDepth && expansions < Self.maxExpansions && out.count + body.tokens.count <= budget {
                    expansions += 1
                    // The body's commands are numbered in its own names; renumber them in the parse's.
                    let renumbered = body.tokens.map { t -> Token in
                        guard case .command(let bodyID) = t.kind else { return t }
                        return Token(kind: .command(names.id(body.names.name(bodyID))), start: t.start, end: t.end, expanded: t.expanded)
                    }
                    expand(renumbered, depth: depth + 1, call: token, names: &names, into: &out)
                    continue
                }
                limitHit = true
            }
            out.append(token)
        }
    }
}

/// Removes what the parser never needs (spacing, sizes, colours, `\label`, `\tag`) and records
/// labels and tags.
struct TokenCleaner {
    var labels: [String] = []
    var tags: [String] = []

    mutating func clean(_ tokens: [Token], input: [UInt8], names: CommandNames) -> [Token] {
        // Most formulas hold nothing to remove: keep their tokens without copying them.
        let n = tokens.count
        var i = 0
        while i < n && !tokens[i].flags.contains(.cleaned) { i += 1 }
        guard i < n else { return tokens }
        var out: [Token] = []
        out.reserveCapacity(n)
        out.append(contentsOf: tokens[..<i])
        while i < n {
            // The tokens between two that this pass acts on are copied in one go.
            var kept = i
            while kept < n && !tokens[kept].flags.contains(.cleaned) { kept += 1 }
            if kept > i {
                out.append(contentsOf: tokens[i..<kept])
                i = kept
                continue
            }
            let token = tokens[i]
            guard case .command(let id) = token.kind else {
                out.append(token)
                i += 1
                continue
            }
            let flags = token.flags
            let name = names.name(id)
            // The commands this pass handles by name are all `special`: skip the comparisons for the others.
            let special = flags.contains(.special)
            if flags.contains(.ignored) {
                i += 1
            } else if flags.contains(.ignoredWithArgument) || special && (name == "textcolor" || name == "colorbox") {
                var j = skipStar(tokens, i + 1)
                j = skipOptional(tokens, j)
                let (argument, after) = braceArgument(tokens, j)
                if name == "label", let argument { labels.append(tokenText(tokens[argument], input: input, names: names)) }
                if name == "tag", let argument { tags.append(tokenText(tokens[argument], input: input, names: names)) }
                i = after
            } else if special && (name == "mkern" || name == "kern" || name == "mskip" || name == "hskip" || name == "mspace") {
                i = skipDimension(tokens, i + 1)
                if name == "hskip" { out.append(Token(kind: .command(.quad), start: token.start, end: token.end, expanded: token.expanded)) }
            } else if special && name == "hspace" {
                let (_, after) = braceArgument(tokens, skipStar(tokens, i + 1))
                out.append(Token(kind: .command(.quad), start: token.start, end: token.end, expanded: token.expanded))
                i = after
            } else if flags.contains(.transparent) {
                i += 1
                if name == "cancelto" {
                    let (_, after) = braceArgument(tokens, i)
                    i = after
                }
            } else {
                out.append(token)
                i += 1
            }
        }
        return out
    }

    private func skipStar(_ tokens: [Token], _ i: Int) -> Int {
        i < tokens.count && tokens[i].isChar("*") ? i + 1 : i
    }

    private func skipOptional(_ tokens: [Token], _ start: Int) -> Int {
        var i = start
        while i < tokens.count && tokens[i].kind == .space { i += 1 }
        guard i < tokens.count, tokens[i].isChar("[") else { return start }
        var j = i + 1
        while j < tokens.count && j < i + 64 {
            if tokens[j].isChar("]") { return j + 1 }
            j += 1
        }
        return start
    }

    /// `\mkern-1.5mu`, `\mspace{2mu}`: skips a dimension.
    private func skipDimension(_ tokens: [Token], _ start: Int) -> Int {
        var i = start
        while i < tokens.count && tokens[i].kind == .space { i += 1 }
        if i < tokens.count && tokens[i].kind == .open { return braceArgument(tokens, i).after }
        while i < tokens.count, let scalar = tokens[i].scalar, "+-0123456789.,".unicodeScalars.contains(scalar) { i += 1 }
        var letters = 0
        while i < tokens.count, letters < 2, let scalar = tokens[i].scalar, scalar.isASCII, Lexer.isLetter(UInt8(scalar.value)) {
            i += 1
            letters += 1
        }
        return i
    }

    /// The token range inside a brace group starting at `start` (after spaces), or a single token.
    func braceArgument(_ tokens: [Token], _ start: Int) -> (argument: Range<Int>?, after: Int) {
        var i = start
        while i < tokens.count && tokens[i].kind == .space { i += 1 }
        guard i < tokens.count else { return (nil, i) }
        guard tokens[i].kind == .open else { return (i..<(i + 1), i + 1) }
        var depth = 0
        var j = i
        while j < tokens.count {
            if tokens[j].kind == .open { depth += 1 }
            if tokens[j].kind == .close {
                depth -= 1
                if depth == 0 { return ((i + 1)..<j, j + 1) }
            }
            j += 1
        }
        return ((i + 1)..<tokens.count, tokens.count)
    }
}

/// The text of some tokens: the source itself when they came straight from it, else their
/// spellings joined.
func tokenText(_ tokens: ArraySlice<Token>, input: [UInt8], names: CommandNames) -> String {
    guard let first = tokens.first, let last = tokens.last else { return "" }
    if !tokens.contains(where: { $0.expanded }), first.start <= last.end, last.end <= input.count {
        return String(decoding: input[first.start..<last.end], as: UTF8.self)
    }
    var result = ""
    for token in tokens { result += names.spelling(token) }
    return result
}
