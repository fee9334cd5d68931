import Foundation
import PaperModel

/// The token stream the document builder reads: it pulls in `\input`/`\include`d files (which
/// keep their own names and lines), records and expands the paper's own macros and
/// environments, and follows `\if…` conditionals. Every expansion is counted and capped, so
/// `\def\a{\a\a}\a` stops quickly with a diagnostic instead of hanging.
struct Expander {
    private struct Frame {
        var tokens: [Token]
        var index = 0
        /// The file this frame reads, for include cycles and `\endinput`; nil for macro bodies.
        var file: String?
    }

    let tree: SourceTree
    let limits: ReaderLimits
    let vocabulary: LaTeXVocabulary
    private let protected: Set<String>
    private(set) var files = SourceFiles()
    private(set) var diagnostics: [Diagnostic] = []

    private(set) var macros: [String: Macro] = [:]
    /// The names in `macros`, for skipping the lookup of most commands.
    private var macroNames = NameFilter()
    private(set) var environments: [String: EnvironmentMacro] = [:]
    private(set) var theorems: [String: TheoremDeclaration] = [:]
    private(set) var packages: Set<String> = []
    private(set) var documentClass: String?
    /// Counters numbered within another (`\numberwithin{equation}{section}`).
    private(set) var numberWithin: [String: String] = [:]
    private var conditionals: [String: Bool] = [:]
    /// Files being read (and tokens set aside when a file was pulled in): the innermost is
    /// `top` (kept out of the array so that reading a token does not go through it), the
    /// others are in `stack`, innermost last. An exhausted frame without a file stands for none.
    private var top = Frame(tokens: [], file: nil)
    private var stack: [Frame] = []
    /// Tokens put back or produced by expansion, read before the frames; stored in reverse.
    private var pending: [Token] = []
    private var includeDepth = 0
    private var expansions = 0
    private var expandedTokens = 0
    private var limitReached = false
    private var loadedStyles: Set<String> = []

    init(tree: SourceTree, limits: ReaderLimits, vocabulary: LaTeXVocabulary = .shared) {
        self.tree = tree
        self.limits = limits
        self.vocabulary = vocabulary
        self.protected = vocabulary.protectedNames
    }

    // MARK: Files

    /// Starts reading the main file.
    mutating func start(main path: String) {
        _ = pushFile(path, at: nil, styleFile: false)
    }

    /// Tokenizes another file of the tree without reading it into the stream (for `.bbl`).
    mutating func tokenizeFile(_ path: String) -> [Token]? {
        guard let bytes = tree.data(path) else { return nil }
        let text = decode(bytes, path: path)
        let index = files.add(path: path, bytes: text)
        var tokenizer = Tokenizer(bytes: text, file: index, atLetter: false)
        return tokenizer.tokenize()
    }

    /// Decodes a file as UTF-8; invalid UTF-8 is read as Latin-1 with a warning.
    private mutating func decode(_ bytes: [UInt8], path: String) -> [UInt8] {
        var data = bytes
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { data.removeFirst(3) }
        if UTF8Check.firstInvalidByte(data) == nil { return data }
        diagnostics.append(Diagnostic(.inputEncoding, .warning,
                                      "\(path) is not valid UTF-8; read as Latin-1",
                                      at: SourceSpan(file: path, line: 1, column: 1)))
        return Array(String(data.map { Character(Unicode.Scalar($0)) }).utf8)
    }

    private mutating func pushFile(_ path: String, at location: TokenLocation?, styleFile: Bool) -> Bool {
        guard let bytes = tree.data(path) else { return false }
        let text = decode(bytes, path: path)
        let index = files.add(path: path, bytes: text)
        var tokenizer = Tokenizer(bytes: text, file: index, atLetter: styleFile)
        if !pending.isEmpty {
            // Tokens already read past the \input belong after the included file.
            push(Frame(tokens: pending.reversed(), file: nil))
            pending.removeAll()
        }
        push(Frame(tokens: tokenizer.tokenize(), file: path))
        includeDepth += 1
        return true
    }

    private mutating func push(_ frame: Frame) {
        stack.append(top)
        top = frame
    }

    private var openFiles: [String] {
        var files = stack.compactMap(\.file)
        if let file = top.file { files.append(file) }
        return files
    }

    /// The file of the innermost frame that reads one.
    private var currentFile: String? {
        top.file ?? stack.last(where: { $0.file != nil })?.file
    }

    /// Resolves `\input{name}` against the tree: the name as given, with `.tex` added, and relative
    /// to the including file's folder. Paths that leave the root are refused.
    private mutating func resolveInclude(_ raw: String, relativeTo base: String?, at loc: TokenLocation,
                                         extensions: [String] = ["", ".tex"]) -> String? {
        let name = raw.trimmedSpace.replacingOccurrences(of: "\"", with: "")
        if name.isEmpty { return nil }
        if name.hasPrefix("/") || name.hasPrefix("~") || name.contains("\\") {
            diagnostics.append(Diagnostic(.includeOutsideRoot, .warning,
                                          "refused to read '\(name)': it is outside the paper's folder",
                                          at: files.span(loc)))
            return nil
        }
        var bases = [""]
        if let base, let slash = base.lastIndex(of: "/") { bases.append(String(base[..<slash]) + "/") }
        var escaped = false
        for b in bases {
            for ext in extensions {
                guard let path = IncludePath.normalize(b + name + ext) else { escaped = true; continue }
                if tree.data(path) != nil { return path }
            }
        }
        if escaped {
            diagnostics.append(Diagnostic(.includeOutsideRoot, .warning,
                                          "refused to read '\(name)': it is outside the paper's folder",
                                          at: files.span(loc)))
        }
        return nil
    }

    private mutating func include(_ name: String, at loc: TokenLocation, relativeTo base: String? = nil,
                                  quietIfMissing: Bool = false) {
        guard let path = resolveInclude(name, relativeTo: base ?? currentFile, at: loc) else {
            if !quietIfMissing, !IncludePath.normalizeEscapes(name) {
                diagnostics.append(Diagnostic(.includeMissing, .warning,
                                              "cannot find '\(name)' to include (looked for \(name) and \(name).tex)",
                                              at: files.span(loc)))
            }
            return
        }
        if openFiles.contains(path) {
            diagnostics.append(Diagnostic(.includeCycle, .warning,
                                          "'\(path)' includes itself (through \(openFiles.joined(separator: " → "))); not read again",
                                          at: files.span(loc)))
            return
        }
        if openFiles.count >= limits.maxIncludeDepth {
            diagnostics.append(Diagnostic(.includeDepth, .error,
                                          "includes nest deeper than \(limits.maxIncludeDepth) files; '\(path)' not read",
                                          at: files.span(loc)))
            return
        }
        _ = pushFile(path, at: loc, styleFile: false)
    }

    // MARK: Raw access

    /// The next token without expansion.
    mutating func nextRaw() -> Token? {
        if let t = pending.popLast() { return t }
        while true {
            let i = top.index
            if i < top.tokens.count {
                top.index = i + 1
                return top.tokens[i]
            }
            guard let below = stack.popLast() else {
                if top.file != nil { top = Frame(tokens: [], file: nil) }
                return nil
            }
            top = below
        }
    }

    /// Puts tokens back so that they are read next.
    mutating func pushBack(_ tokens: [Token]) {
        pending.append(contentsOf: tokens.reversed())
    }

    mutating func pushBack(_ token: Token) { pending.append(token) }

    /// The next token that is not a space, without expansion; spaces are consumed.
    mutating func peekNonSpaceRaw() -> Token? {
        while let t = nextRaw() {
            if t.kind == .space { continue }
            pushBack(t)
            return t
        }
        return nil
    }

    /// A balanced `{…}` group without expansion (the braces removed), or a single token if no
    /// group follows. Nil at the end of input.
    mutating func readArgumentRaw() -> [Token]? {
        guard let t = peekNonSpaceRaw() else { return nil }
        if t.kind == .beginGroup {
            _ = nextRaw()
            return readBalancedRaw(until: .endGroup)
        }
        _ = nextRaw()
        if t.kind == .text, t.text.count > 1 {
            // A single-character argument: split the run.
            let first = String(t.text.first!)
            var rest = t
            rest.text = String(t.text.dropFirst())
            rest.location.column += 1
            rest.location.offset += Int32(first.utf8.count)
            pushBack(rest)
            return [Token(.text, first, t.location)]
        }
        return t.kind == .endGroup ? [] : [t]
    }

    /// Tokens up to the matching closing group (consumed, not returned).
    private mutating func readBalancedRaw(until closer: Token.Kind) -> [Token] {
        var depth = 0
        var out: [Token] = []
        out.reserveCapacity(16)
        while let t = nextRaw() {
            if t.kind == .beginGroup { depth += 1 }
            if t.kind == .endGroup {
                if depth == 0 { return out }
                depth -= 1
            }
            out.append(t)
            if out.count > limits.maxTokens { break }
        }
        return out
    }

    /// `[…]` if one follows (spaces skipped), balanced in braces; nil if none.
    mutating func readOptionalRaw() -> [Token]? {
        guard let t = peekNonSpaceRaw(), t.kind == .text, t.text.hasPrefix("[") else { return nil }
        _ = nextRaw()
        var out: [Token] = []
        var rest = t
        rest.text.removeFirst()
        var pending: [Token] = rest.text.isEmpty ? [] : [rest]
        var depth = 0
        var bracketDepth = 0
        while true {
            guard let tok = pending.isEmpty ? nextRaw() : pending.removeFirst() else { return out }
            if tok.kind == .beginGroup { depth += 1 }
            if tok.kind == .endGroup { depth -= 1 }
            if tok.kind == .text, depth == 0, tok.text.contains("]") || tok.text.contains("[") {
                var acc = ""
                for (k, ch) in tok.text.enumerated() {
                    if ch == "[" { bracketDepth += 1 }
                    if ch == "]" {
                        if bracketDepth == 0 {
                            if !acc.isEmpty { out.append(Token(.text, acc, tok.location)) }
                            let remainder = String(tok.text.dropFirst(k + 1))
                            if !remainder.isEmpty {
                                var r = tok
                                r.text = remainder
                                r.location.column += Int32(k + 1)
                                r.location.offset += Int32(tok.text.prefix(k + 1).utf8.count)
                                pushBack(r)
                            }
                            return out
                        }
                        bracketDepth -= 1
                    }
                    acc.append(ch)
                }
                out.append(Token(.text, acc, tok.location))
                continue
            }
            out.append(tok)
            if out.count > 100_000 { return out }
        }
    }

    /// A star after a command (`\section*`), consumed if present.
    mutating func readStar() -> Bool {
        guard let t = nextRaw() else { return false }
        if t.kind == .text, t.text.hasPrefix("*") {
            if t.text.count > 1 {
                var rest = t
                rest.text.removeFirst()
                rest.location.column += 1
                rest.location.offset += 1
                pushBack(rest)
            }
            return true
        }
        pushBack(t)
        return false
    }

    /// The name in a `{name}` group or a control sequence (`\newcommand\foo`).
    private mutating func readDefinedName() -> String? {
        guard let arg = readArgumentRaw() else { return nil }
        let meaningful = arg.filter { $0.kind != .space }
        guard meaningful.count == 1, meaningful[0].kind == .control else { return nil }
        return meaningful[0].text
    }

    private static func plain(_ tokens: [Token]) -> String {
        tokens.map { $0.kind == .space ? " " : $0.text }.joined().trimmedSpace
    }

    // MARK: Expansion

    /// Commands the expander itself interprets (definitions, includes, conditionals, …).
    static let primitives: Set<String> = ["algnewcommand", "algrenewcommand", "newcommand", "renewcommand", "providecommand", "DeclareRobustCommand", "newrobustcmd", "renewrobustcmd", "providerobustcmd", "NewDocumentCommand", "RenewDocumentCommand", "ProvideDocumentCommand", "DeclareDocumentCommand", "def", "gdef", "edef", "xdef", "let", "global", "long", "protected", "DeclareMathOperator", "newenvironment", "renewenvironment", "provideenvironment", "newtheorem", "declaretheorem", "newif", "input", "include", "subfile", "InputIfFileExists", "subinputfrom", "includefrom", "import", "subimport", "inputfrom", "subincludefrom", "usepackage", "RequirePackage", "documentclass", "numberwithin", "endinput", "csname", "expandafter", "noexpand", "protect", "relax", "ignorespaces", "nobreak", "unskip", "iftrue", "iffalse", "else", "or", "fi", "ifthenelse", "newboolean", "provideboolean", "setboolean"]

    /// The next token after expansion: definitions are recorded and consumed, includes are
    /// followed, conditionals are decided, the paper's macros are replaced by their bodies.
    static let primitiveNames = NameFilter(primitives)

    mutating func next() -> Token? {
        while let t = nextRaw() {
            guard t.kind == .control else { return t }
            if limitReached { return t }
            if Self.primitiveNames.mightContain(t.text), Self.primitives.contains(t.text) {
                switch t.text {
                case "newcommand", "renewcommand", "providecommand", "DeclareRobustCommand", "newrobustcmd",
                     "renewrobustcmd", "providerobustcmd", "algnewcommand", "algrenewcommand":
                    defineCommand(kind: t.text, at: t.location)
                case "NewDocumentCommand", "RenewDocumentCommand", "ProvideDocumentCommand", "DeclareDocumentCommand":
                    defineDocumentCommand(at: t.location)
                case "def", "gdef", "edef", "xdef":
                    defineDef(at: t.location)
                case "let", "global", "long", "protected":
                    if t.text == "let" { defineLet(at: t.location) }
                case "DeclareMathOperator":
                    let star = readStar()
                    guard let name = readDefinedName(), let body = readArgumentRaw() else { continue }
                    let op = Token(.control, "operatorname", t.location)
                    var b: [Token] = [op]
                    if star { b.append(Token(.text, "*", t.location)) }
                    b.append(Token(.beginGroup, "{", t.location))
                    b += body
                    b.append(Token(.endGroup, "}", t.location))
                    define(name, Macro(parameters: 0, optionalDefault: nil, body: b), at: t.location, overwrite: true)
                case "newenvironment", "renewenvironment", "provideenvironment":
                    defineEnvironment(at: t.location, provide: t.text == "provideenvironment")
                case "newtheorem":
                    declareTheorem(at: t.location)
                case "declaretheorem":
                    let options = readOptionalRaw().map(Self.plain) ?? ""
                    guard let nameTokens = readArgumentRaw() else { continue }
                    let names = Self.plain(nameTokens).split(separator: ",").map { $0.trimmedSpace }
                    for name in names where !name.isEmpty {
                        var title = name.prefix(1).uppercased() + name.dropFirst()
                        if let r = options.range(of: "name=") {
                            title = String(options[r.upperBound...].prefix { $0 != "," && $0 != "]" })
                        }
                        theorems[name] = TheoremDeclaration(title: title, counter: name, within: nil, numbered: true)
                    }
                case "newif":
                    if let n = nextRaw(), n.kind == .control, n.text.hasPrefix("if") {
                        let flag = String(n.text.dropFirst(2))
                        conditionals[flag] = false
                    }
                case "input", "include", "subfile", "InputIfFileExists", "subinputfrom", "includefrom":
                    let name: String
                    if let peek = peekNonSpaceRaw(), peek.kind != .beginGroup {
                        // TeX's `\input file`: the name runs to the next space.
                        var raw = ""
                        while let n = nextRaw() {
                            guard n.kind == .text || n.kind == .subscript else {
                                if n.kind != .space { pushBack(n) }
                                break
                            }
                            raw += n.text
                        }
                        name = raw
                    } else {
                        guard let arg = readArgumentRaw() else { continue }
                        name = Self.plain(arg)
                    }
                    include(name, at: t.location, quietIfMissing: t.text == "InputIfFileExists")
                case "import", "subimport", "inputfrom", "subincludefrom":
                    guard let dir = readArgumentRaw(), let file = readArgumentRaw() else { continue }
                    var folder = Self.plain(dir)
                    if !folder.isEmpty, !folder.hasSuffix("/") { folder += "/" }
                    include(folder + Self.plain(file), at: t.location)
                case "usepackage", "RequirePackage":
                    let options = readOptionalRaw()
                    guard let arg = readArgumentRaw() else { continue }
                    _ = readOptionalRaw() // date
                    for name in Self.plain(arg).split(separator: ",").map({ $0.trimmedSpace })
                    where !name.isEmpty {
                        packages.insert(name)
                        loadStyle(name, at: t.location)
                    }
                    _ = options
                    // The builder still wants to know about packages, but the command itself is consumed.
                case "documentclass":
                    _ = readOptionalRaw()
                    if let arg = readArgumentRaw() { documentClass = Self.plain(arg) }
                case "numberwithin":
                    guard let a = readArgumentRaw(), let b = readArgumentRaw() else { continue }
                    numberWithin[Self.plain(a)] = Self.plain(b)
                case "endinput":
                    if top.file != nil {
                        top = stack.popLast() ?? Frame(tokens: [], file: nil)
                    } else if let i = stack.lastIndex(where: { $0.file != nil }) {
                        stack.removeSubrange(i...)
                        top = stack.popLast() ?? Frame(tokens: [], file: nil)
                    }
                case "csname":
                    var name = ""
                    while let n = next(), !n.isControl("endcsname") { name += n.kind == .control ? n.text : n.text }
                    pushBack(Token(.control, name, t.location))
                case "expandafter", "noexpand", "protect", "relax", "ignorespaces", "nobreak", "unskip":
                    continue
                case "iftrue": continue
                case "iffalse": skipConditional(atElse: false)
                case "else", "or":
                    // Reached the end of a taken branch: skip the rest up to `\fi`.
                    skipConditional(atElse: true)
                case "fi": continue
                case "ifthenelse":
                    guard let cond = readArgumentRaw(), let yes = readArgumentRaw(), let no = readArgumentRaw() else { continue }
                    pushBack(evaluateIfThenElse(cond) ? yes : no)
                case "newboolean", "provideboolean":
                    if let a = readArgumentRaw() { conditionals[Self.plain(a)] = false }
                case "setboolean":
                    if let a = readArgumentRaw(), let b = readArgumentRaw() {
                        conditionals[Self.plain(a)] = Self.plain(b).lowercased() == "true"
                    }
                default: break
                }
                continue
            }
            if Self.startsWithIf(t.text), handleConditional(t) { continue }
            if !conditionals.isEmpty, let flag = switchName(t.text) {
                conditionals[flag.name] = flag.value
                continue
            }
            if !environments.isEmpty, t.text == "begin" || t.text == "end", let expanded = expandEnvironment(t) {
                pushBack(expanded)
                continue
            }
            if macroNames.mightContain(t.text), let macro = macros[t.text] {
                if let alias = macro.aliasOf { return Token(.control, alias, t.location) }
                if let body = expand(macro, name: t.text, at: t.location) {
                    pushBack(body)
                    continue
                }
            }
            return t
        }
        return nil
    }

    /// Whether a command name starts with `if`, on bytes.
    private static func startsWithIf(_ name: String) -> Bool {
        var u = name.utf8.makeIterator()
        return u.next() == 0x69 && u.next() == 0x66
    }

    /// `\arxivtrue` / `\arxivfalse` for a flag made by `\newif\ifarxiv`.
    private func switchName(_ name: String) -> (name: String, value: Bool)? {
        if name.hasSuffix("true") {
            let flag = String(name.dropLast(4))
            if conditionals[flag] != nil { return (flag, true) }
        } else if name.hasSuffix("false") {
            let flag = String(name.dropLast(5))
            if conditionals[flag] != nil { return (flag, false) }
        }
        return nil
    }

    private func evaluateIfThenElse(_ cond: [Token]) -> Bool {
        // \boolean{name} or \equal{a}{b}; anything else counts as true.
        let s = cond.filter { $0.kind != .space }
        if let i = s.firstIndex(where: { $0.isControl("boolean") }), i + 2 < s.count, s[i + 1].kind == .beginGroup {
            return conditionals[s[i + 2].text] ?? false
        }
        return true
    }

    /// Decides an `\if…` conditional. Returns false when the token is not a conditional.
    private mutating func handleConditional(_ t: Token) -> Bool {
        let name = t.text
        let value: Bool
        if let flag = conditionals[String(name.dropFirst(2))] {
            value = flag
        } else {
            switch name {
            case "ifdefined":
                guard let n = nextRaw() else { return true }
                value = n.kind == .control && (macros[n.text] != nil || environments[n.text] != nil)
            case "ifx":
                guard let a = nextRaw(), let b = nextRaw() else { return true }
                if b.isControl("undefined") || b.isControl("relax") || b.isControl("@undefined") {
                    value = a.kind == .control && macros[a.text] == nil
                } else {
                    value = a.kind == b.kind && a.text == b.text
                }
            case "ifcsname":
                var csname = ""
                while let n = nextRaw(), !n.isControl("endcsname") { csname += n.text }
                value = macros[csname] != nil
            case "ifnum", "ifdim":
                value = evaluateNumericComparison()
            case "ifmmode", "ifvmode", "ifhmode", "ifinner", "if@twocolumn", "if@twoside":
                value = false
            case "ifcase":
                return false
            case "if", "ifcat":
                _ = nextRaw(); _ = nextRaw()
                value = true
            case "ifodd":
                value = true
            default:
                // An \if… that is not a conditional we know: leave it in the stream.
                if macros[name] != nil { return false }
                if name.count > 2, conditionals[String(name.dropFirst(2))] == nil,
                   !["ifpdf", "ifthenelse", "iftoggle", "ifluatex", "ifxetex", "ifPDFTeX"].contains(name) {
                    return false
                }
                value = name == "ifpdf" || name == "ifPDFTeX"
            }
        }
        if !value { skipConditional(atElse: false) }
        return true
    }

    /// Whether `s` is a whole comparison of two literal numbers, `-1.5pt < 2` (what
    /// `^-?\d+(\.\d+)?(pt)?\s*[<>=]\s*-?\d+(\.\d+)?(pt)?$` matches).
    static func isNumericComparison(_ s: String) -> Bool {
        let bytes = Array(s.utf8)
        var i = 0
        func spaces() { while i < bytes.count, bytes[i] == 0x20 || (0x09...0x0D).contains(bytes[i]) { i += 1 } }
        func digits() -> Bool {
            let start = i
            while i < bytes.count, (0x30...0x39).contains(bytes[i]) { i += 1 }
            return i > start
        }
        func number() -> Bool {
            if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard digits() else { return false }
            if i + 1 < bytes.count, bytes[i] == UInt8(ascii: "."), (0x30...0x39).contains(bytes[i + 1]) {
                i += 1
                _ = digits()
            }
            if i + 1 < bytes.count, bytes[i] == UInt8(ascii: "p"), bytes[i + 1] == UInt8(ascii: "t") { i += 2 }
            return true
        }
        guard number() else { return false }
        spaces()
        guard i < bytes.count, [UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "=")].contains(bytes[i]) else { return false }
        i += 1
        spaces()
        return number() && i == bytes.count
    }

    private mutating func evaluateNumericComparison() -> Bool {
        // Reads `<a> <rel> <b>` where both are literal numbers; anything else counts as true.
        var parts: [Token] = []
        while parts.count < 6, let n = nextRaw() {
            if n.kind == .space { if parts.count >= 3 { break } else { continue } }
            parts.append(n)
            let joined = parts.map(\.text).joined()
            if Self.isNumericComparison(joined) { break }
        }
        let s = parts.map(\.text).joined()
        for rel in ["<", ">", "="] {
            let sides = s.split(separator: Character(rel), maxSplits: 1)
            if sides.count == 2,
               let a = Double(sides[0].replacingOccurrences(of: "pt", with: "")),
               let b = Double(sides[1].replacingOccurrences(of: "pt", with: "")) {
                return rel == "<" ? a < b : rel == ">" ? a > b : a == b
            }
        }
        return true
    }

    /// Skips tokens of a branch not taken: to the matching `\else` (when `atElse` is false) or
    /// to the matching `\fi`.
    private mutating func skipConditional(atElse: Bool) {
        var depth = 0
        while let t = nextRaw() {
            guard t.kind == .control else { continue }
            if t.text == "fi" {
                if depth == 0 { return }
                depth -= 1
            } else if t.text == "else" || t.text == "or" {
                if depth == 0 && !atElse { return }
            } else if t.text.hasPrefix("if"), isConditionalName(t.text) {
                depth += 1
            }
        }
    }

    private func isConditionalName(_ name: String) -> Bool {
        ["iftrue", "iffalse", "ifx", "ifdefined", "ifcsname", "ifnum", "ifdim", "ifmmode", "ifvmode", "ifhmode",
         "ifinner", "ifcase", "if", "ifcat", "ifodd", "ifpdf", "ifPDFTeX", "ifluatex", "ifxetex", "ifeof",
         "ifvoid", "ifhbox", "ifvbox", "if@twocolumn", "if@twoside"].contains(name)
            || conditionals[String(name.dropFirst(2))] != nil
    }

    // MARK: Definitions

    private mutating func define(_ name: String, _ macro: Macro, at loc: TokenLocation, overwrite: Bool) {
        if protected.contains(name) {
            diagnostics.append(Diagnostic(.macroProtected, .note,
                                          "definition of \\\(name) ignored: the reader interprets it itself",
                                          at: files.span(loc)))
            return
        }
        if !overwrite, macros[name] != nil { return }
        macros[name] = macro
        macroNames.insert(name)
    }

    private mutating func defineCommand(kind: String, at loc: TokenLocation) {
        _ = readStar()
        guard let name = readDefinedName() else {
            diagnostics.append(Diagnostic(.macroBadDefinition, .warning, "\\\(kind) without a command name",
                                          at: files.span(loc)))
            return
        }
        let count = readOptionalRaw().flatMap { Int(Self.plain($0)) } ?? 0
        let optional = count > 0 ? readOptionalRaw() : nil
        guard let body = readArgumentRaw() else { return }
        define(name, Macro(parameters: min(count, 9), optionalDefault: optional, body: body), at: loc,
               overwrite: kind != "providecommand" && kind != "algnewcommand")
    }

    /// xparse: `\NewDocumentCommand{\name}{m O{default} s}{body}` (m, o, O{…}, s are understood).
    private mutating func defineDocumentCommand(at loc: TokenLocation) {
        guard let name = readDefinedName(), let spec = readArgumentRaw(), let body = readArgumentRaw() else { return }
        let letters = Self.plain(spec).filter { "mOoS s".contains($0) && $0 != " " }
        var optional: [Token]? = nil
        if letters.first == "O", let i = spec.firstIndex(where: { $0.kind == .beginGroup }) {
            var depth = 0
            var j = i
            var inner: [Token] = []
            while j < spec.count {
                if spec[j].kind == .beginGroup { depth += 1; if depth == 1 { j += 1; continue } }
                if spec[j].kind == .endGroup { depth -= 1; if depth == 0 { break } }
                inner.append(spec[j])
                j += 1
            }
            optional = inner
        } else if letters.first == "o" {
            optional = []
        }
        define(name, Macro(parameters: letters.count, optionalDefault: optional, body: body), at: loc, overwrite: true)
    }

    /// `\def\name<parameter text>{body}`, with delimited parameters.
    private mutating func defineDef(at loc: TokenLocation) {
        guard let nameToken = nextRaw(), nameToken.kind == .control else { return }
        // Parameter text, split into single characters so delimiters can be matched.
        var paramText: [Token] = []
        while let t = nextRaw() {
            if t.kind == .beginGroup { break }
            if t.kind == .text { paramText += Self.characters(t) } else { paramText.append(t) }
            if paramText.count > 200 { return }
        }
        var prefix: [Token] = []
        var delimiters: [[Token]] = []
        var i = 0
        var count = 0
        while i < paramText.count {
            let t = paramText[i]
            if t.kind == .parameter, i + 1 < paramText.count, paramText[i + 1].kind == .text,
               let d = Int(paramText[i + 1].text) {
                count = max(count, d)
                delimiters.append([])
                i += 2
                continue
            }
            if delimiters.isEmpty { prefix.append(t) } else { delimiters[delimiters.count - 1].append(t) }
            i += 1
        }
        let body = readBalancedRaw(until: .endGroup)
        let delimited = !prefix.isEmpty || delimiters.contains { !$0.isEmpty }
        define(nameToken.text,
               Macro(parameters: count, optionalDefault: nil, delimiters: delimited ? delimiters : nil,
                     prefix: prefix, body: body),
               at: loc, overwrite: true)
    }

    /// `\let\a\b` or `\let\a=\b`: \a takes \b's meaning (a copy of a paper macro, or \b itself).
    private mutating func defineLet(at loc: TokenLocation) {
        guard let a = nextRaw(), a.kind == .control else { return }
        var b = nextRaw()
        while let x = b, x.kind == .space || (x.kind == .text && x.text == "=") { b = nextRaw() }
        guard let target = b else { return }
        if target.kind == .control, let m = macros[target.text] {
            define(a.text, m, at: loc, overwrite: true)
        } else if target.kind == .control, target.text.hasPrefix("if") || ["fi", "else", "relax"].contains(target.text) {
            return
        } else {
            define(a.text, Macro(parameters: 0, optionalDefault: nil, body: [target],
                                 aliasOf: target.kind == .control ? target.text : nil), at: loc, overwrite: true)
        }
    }

    private mutating func defineEnvironment(at loc: TokenLocation, provide: Bool) {
        _ = readStar()
        guard let nameTokens = readArgumentRaw() else { return }
        let name = Self.plain(nameTokens)
        let count = readOptionalRaw().flatMap { Int(Self.plain($0)) } ?? 0
        let optional = count > 0 ? readOptionalRaw() : nil
        guard let begin = readArgumentRaw(), let end = readArgumentRaw() else { return }
        if vocabulary.environments[name] != nil || vocabulary.theorems[name] != nil && name == "proof" {
            diagnostics.append(Diagnostic(.macroProtected, .note,
                                          "definition of environment '\(name)' ignored: the reader interprets it itself",
                                          at: files.span(loc)))
            return
        }
        if provide, environments[name] != nil { return }
        environments[name] = EnvironmentMacro(parameters: min(count, 9), optionalDefault: optional, begin: begin, end: end)
    }

    /// `\newtheorem{name}{Title}`, `\newtheorem{name}[shared]{Title}`, `\newtheorem{name}{Title}[within]`,
    /// `\newtheorem*{name}{Title}`.
    private mutating func declareTheorem(at loc: TokenLocation) {
        let star = readStar()
        guard let nameTokens = readArgumentRaw() else { return }
        let shared = readOptionalRaw().map(Self.plain)
        guard let titleTokens = readArgumentRaw() else { return }
        let within = readOptionalRaw().map(Self.plain)
        let name = Self.plain(nameTokens)
        theorems[name] = TheoremDeclaration(title: Self.plain(titleTokens), counter: shared ?? name,
                                            within: within ?? shared.flatMap { theorems[$0]?.within },
                                            numbered: !star)
    }

    /// Loads `name.sty` when the paper ships it; other packages are only recorded.
    private mutating func loadStyle(_ name: String, at loc: TokenLocation) {
        let file = name.hasSuffix(".sty") ? name : name + ".sty"
        guard !loadedStyles.contains(file), !vocabulary.isTemplateStyle(file) else { return }
        guard let path = resolveInclude(file, relativeTo: currentFile, at: loc, extensions: [""]) else { return }
        loadedStyles.insert(file)
        if openFiles.count >= limits.maxIncludeDepth { return }
        _ = pushFile(path, at: loc, styleFile: true)
    }

    // MARK: Expansion of macros and environments

    private mutating func countExpansion(_ produced: Int, name: String, at loc: TokenLocation) -> Bool {
        expansions += 1
        expandedTokens += produced
        if expansions > limits.maxExpansions || expandedTokens > limits.maxTokens || pending.count > limits.maxPendingTokens {
            limitReached = true
            diagnostics.append(Diagnostic(.macroLimit, .error,
                                          "macro expansion stopped at \\\(name): more than \(limits.maxExpansions) expansions or \(limits.maxTokens) tokens (a macro that calls itself?); the rest is read unexpanded",
                                          at: files.span(loc)))
            return false
        }
        return true
    }

    private mutating func expand(_ macro: Macro, name: String, at loc: TokenLocation) -> [Token]? {
        var args: [[Token]] = []
        if let delimiters = macro.delimiters {
            guard matchPrefix(macro.prefix) else {
                return nil
            }
            for delimiter in delimiters {
                args.append(delimiter.isEmpty ? (readArgumentRaw() ?? []) : readDelimited(by: delimiter))
            }
        } else {
            var remaining = macro.parameters
            if let optional = macro.optionalDefault {
                args.append(readOptionalRaw() ?? optional)
                remaining -= 1
            }
            for _ in 0..<max(0, remaining) { args.append(readArgumentRaw() ?? []) }
        }
        let body = substitute(macro.body, args: args, at: loc)
        guard countExpansion(body.count, name: name, at: loc) else { return nil }
        return body
    }

    /// Replaces `#n` in a body by the arguments; every token takes the invocation's location,
    /// so evidence points to where the macro is used.
    private func substitute(_ body: [Token], args: [[Token]], at loc: TokenLocation) -> [Token] {
        var out: [Token] = []
        out.reserveCapacity(body.count)
        var i = 0
        while i < body.count {
            let t = body[i]
            if t.kind == .parameter, i + 1 < body.count {
                let n = body[i + 1]
                if n.kind == .parameter {
                    out.append(Token(.parameter, "#", loc))
                    i += 2
                    continue
                }
                if n.kind == .text, let digit = n.text.first, let d = digit.wholeNumberValue {
                    if d >= 1, d <= args.count { out += args[d - 1] }
                    if n.text.count > 1 { out.append(Token(.text, String(n.text.dropFirst()), loc)) }
                    i += 2
                    continue
                }
            }
            var copy = t
            copy.location = loc
            out.append(copy)
            i += 1
        }
        return out
    }

    private static func characters(_ t: Token) -> [Token] {
        t.text.map { Token(.text, String($0), t.location) }
    }

    /// Matches the literal prefix of a delimited `\def`; on mismatch nothing is consumed.
    private mutating func matchPrefix(_ prefix: [Token]) -> Bool {
        guard !prefix.isEmpty else { return true }
        var consumed: [Token] = []
        var pending: [Token] = []
        for p in prefix {
            if pending.isEmpty {
                guard let t = nextRaw() else { pushBack(consumed); return false }
                consumed.append(t)
                pending = t.kind == .text ? Self.characters(t) : [t]
            }
            let t = pending.removeFirst()
            if t.kind != p.kind || t.text != p.text {
                pushBack(consumed)
                return false
            }
        }
        if !pending.isEmpty { pushBack([Token(.text, pending.map(\.text).joined(), pending[0].location)]) }
        return true
    }

    /// Reads tokens up to a delimiter (consumed), at brace depth zero.
    private mutating func readDelimited(by delimiter: [Token]) -> [Token] {
        var out: [Token] = []
        var depth = 0
        var queue: [Token] = []
        while true {
            guard let t = queue.isEmpty ? nextRaw() : queue.removeFirst() else { return out }
            if t.kind == .text, t.text.count > 1 {
                queue = Self.characters(t) + queue
                continue
            }
            if t.kind == .beginGroup { depth += 1 }
            if t.kind == .endGroup { depth -= 1 }
            out.append(t)
            if depth == 0, out.count >= delimiter.count {
                let tail = out.suffix(delimiter.count)
                if zip(tail, delimiter).allSatisfy({ $0.kind == $1.kind && ($0.kind != .text || $0.text == $1.text) }) {
                    out.removeLast(delimiter.count)
                    if out.first?.kind == .beginGroup, out.last?.kind == .endGroup { out = Array(out.dropFirst().dropLast()) }
                    return out
                }
            }
            if out.count > 100_000 { return out }
        }
    }

    /// `\begin{name}`/`\end{name}` of an environment the paper defines: its begin/end code.
    private mutating func expandEnvironment(_ t: Token) -> [Token]? {
        guard let open = peekNonSpaceRaw(), open.kind == .beginGroup else { return nil }
        _ = nextRaw()
        let nameTokens = readBalancedRaw(until: .endGroup)
        let name = Self.plain(nameTokens)
        guard let env = environments[name] else {
            pushBack([open] + nameTokens + [Token(.endGroup, "}", open.location)])
            return nil
        }
        if t.text == "end" {
            guard countExpansion(env.end.count, name: "end{\(name)}", at: t.location) else { return nil }
            return substitute(env.end, args: [], at: t.location)
        }
        var args: [[Token]] = []
        var remaining = env.parameters
        if let optional = env.optionalDefault {
            args.append(readOptionalRaw() ?? optional)
            remaining -= 1
        }
        for _ in 0..<max(0, remaining) { args.append(readArgumentRaw() ?? []) }
        guard countExpansion(env.begin.count, name: "begin{\(name)}", at: t.location) else { return nil }
        return substitute(env.begin, args: args, at: t.location)
    }

    /// The text a paper macro expands to, if it has no parameters (e.g. `\algorithmicrequire`).
    func macroText(_ name: String) -> String? {
        guard let m = macros[name], m.parameters == 0 else { return nil }
        return m.body.filter { $0.kind == .text || $0.kind == .space }.map { $0.kind == .space ? " " : $0.text }.joined()
    }

    mutating func report(_ d: Diagnostic) { diagnostics.append(d) }
}
