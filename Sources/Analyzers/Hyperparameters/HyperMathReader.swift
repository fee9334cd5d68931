import Foundation

/// Reads inline TeX math for settings: a number (`10^{-3}`, `1.5\times 10^{-4}`, `30\%`), a set
/// (`\{0.1, 1\}`), a symbol (`\tilde{w}`), or relations between a symbol and values
/// (`\beta_1=0.9,\beta_2=0.98`, `\lambda \in \{0.1, 1\}`, `H \vcentcolon= 20`,
/// `n=\lceil 128/\mathit{NFE}\rceil`). Hand-written lexer and parser: no regular expressions.
enum HyperMathReader {
    /// What a formula is, as far as settings go.
    enum Reading: Sendable {
        /// One or more numbers (`$0.9, 0.95$` gives two).
        case values([Double], isSet: Bool, isBracket: Bool, isPercent: Bool, isInteger: Bool)
        /// One or more bare symbols (`$\alpha_1, \alpha_2$`), as written and as keys.
        case symbols(tex: [String], keys: [String])
        /// Relations between symbols and values.
        case relations([HyperRelation], mentioned: [(tex: String, key: String)])
        /// `= 1`: a value with the relation sign but no symbol.
        case bareEquals(Double, isPercent: Bool, isInteger: Bool)
        /// Anything else; `mentioned` lists symbols constrained in it (`\tau > 0`).
        case other(mentioned: [(tex: String, key: String)])
    }

    enum Tok: Equatable, Sendable {
        case num(String)
        case cmd(String)
        /// A lexed character is always one scalar (kept as a scalar: making a Character of each
        /// one cost a String per lexeme).
        case ch(Unicode.Scalar)
        case open, close, setOpen, setClose
    }

    struct Lexeme: Sendable {
        let tok: Tok
        var start: Int
        var end: Int
        /// A one-character lexeme's scalar (a lexed character is always one scalar), NUL for others:
        /// the parser compares it rather than matching `.ch("=")` patterns, which build a Tok and
        /// compare Characters for every lexeme.
        let scalar: Unicode.Scalar

        init(tok: Tok, start: Int, end: Int) {
            self.tok = tok
            self.start = start
            self.end = end
            if case .ch(let c) = tok { scalar = c } else { scalar = "\u{0}" }
        }
    }

    static let dropped: Set<String> = [
        "left", "right", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr",
        "displaystyle", "textstyle", "scriptstyle", "quad", "qquad", "nonumber", "limits", "nolimits", "middle",
        "mathopen", "mathclose", "color", "negmedspace", "negthinspace", "medspace", "thinspace", "thickspace",
    ]
    static let transparent: Set<String> = [
        "text", "textrm", "mathrm", "mathit", "mathbf", "bm", "boldsymbol", "textbf", "texttt", "mathsf", "textit",
        "emph", "mathnormal", "rm", "bf", "it", "mathtt", "textnormal", "textsf", "mbox", "ensuremath", "pmb",
        "mathbold", "mathcal", "mathscr", "mathbb", "mathfrak",
    ]
    /// What the lexer does with a command, for one look-up per command name instead of two set
    /// look-ups (SipHash of the name) and four comparisons.
    enum CommandClass: Sendable { case dropped, transparent, setOpen, setClose, times }

    static let commandClasses = WordTable<CommandClass>(
        dropped.map { ($0, CommandClass.dropped) } + transparent.map { ($0, CommandClass.transparent) }
            + [("lbrace", .setOpen), ("rbrace", .setClose), ("times", .times), ("cdot", .times)])

    static let accents: Set<String> = ["tilde", "hat", "bar", "widetilde", "widehat", "overline", "vec", "dot", "ddot", "breve", "check", "mathring"]
    static let greek: Set<String> = Set(HyperparameterVocabulary.greek.keys)
    static let inequalities: Set<String> = [
        "le", "leq", "ge", "geq", "ll", "gg", "approx", "sim", "propto", "neq", "ne", "simeq", "lesssim", "gtrsim",
        "rightarrow", "to", "mapsto", "leftarrow", "gets", "leftrightarrow", "sim", "asymp", "subset", "subseteq",
        "notin", "cong", "equiv", "prec", "succ", "leqslant", "geqslant",
    ]

    // MARK: - Lexer

    /// Lexemes made so far; a transparent command (`\mathrm{…}`) waiting to extend the next one.
    struct LexemeSink {
        var out: [Lexeme] = []
        /// Where a transparent command began, so that the next lexeme's text covers it.
        var pendingStart: Int? = nil

        mutating func append(_ l: Lexeme) {
            var l = l
            if let p = pendingStart { l.start = min(l.start, p); pendingStart = nil }
            out.append(l)
        }
    }

    static func lex(_ s: [Unicode.Scalar]) -> [Lexeme] {
        var sink = LexemeSink()
        sink.out.reserveCapacity(s.count / 2)
        var i = 0
        // For each open brace: whether it belongs to a transparent command (its braces vanish).
        var braceStack: [Bool] = []
        var pendingTransparent = false
        // Where a transparent command began, so that the next lexeme's text covers it.
        func isLetter(_ c: Unicode.Scalar) -> Bool {
            if c.isASCII { return (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") }
            return c.properties.isAlphabetic
        }
        while i < s.count {
            let c = s[i]
            if c == " " || c == "\t" || c == "\n" || c == "~" || c == "&" { i += 1; continue }
            if c == "\\" {
                let j0 = i + 1
                guard j0 < s.count else { break }
                let n = s[j0]
                if n.isASCII, isLetter(n) {
                    var j = j0
                    while j < s.count, s[j].isASCII, isLetter(s[j]) { j += 1 }
                    let name = ScalarText.string(s, j0, j)
                    switch commandClasses[name] {
                    case .dropped:
                        i = j
                        continue
                    case .transparent:
                        pendingTransparent = true
                        if sink.pendingStart == nil { sink.pendingStart = i }
                        i = j
                        continue
                    case .setOpen: sink.append(Lexeme(tok: .setOpen, start: i, end: j)); i = j; continue
                    case .setClose: sink.append(Lexeme(tok: .setClose, start: i, end: j)); i = j; continue
                    case .times: sink.append(Lexeme(tok: .ch("×"), start: i, end: j)); i = j; continue
                    case nil: break
                    }
                    sink.append(Lexeme(tok: .cmd(name), start: i, end: j))
                    i = j
                    continue
                }
                switch n {
                case "{": sink.append(Lexeme(tok: .setOpen, start: i, end: j0 + 1))
                case "}": sink.append(Lexeme(tok: .setClose, start: i, end: j0 + 1))
                case "%": sink.append(Lexeme(tok: .ch("%"), start: i, end: j0 + 1))
                case "_": sink.append(Lexeme(tok: .ch("_"), start: i, end: j0 + 1))
                default: break   // \, \; \! \: \  \\ and friends: spacing
                }
                i = j0 + 1
                continue
            }
            if c == "{" {
                braceStack.append(pendingTransparent)
                if !pendingTransparent { sink.append(Lexeme(tok: .open, start: i, end: i + 1)) }
                pendingTransparent = false
                i += 1
                continue
            }
            pendingTransparent = false
            if c == "}" {
                let t = braceStack.popLast() ?? false
                if !t { sink.append(Lexeme(tok: .close, start: i, end: i + 1)) } else if !sink.out.isEmpty { sink.out[sink.out.count - 1].end = i + 1 }
                i += 1
                continue
            }
            let isDigit = c >= "0" && c <= "9"
            if isDigit || (c == "." && i + 1 < s.count && s[i + 1] >= "0" && s[i + 1] <= "9") {
                let start = i
                var intDigits = 0
                var commas = false
                while i < s.count, s[i] >= "0", s[i] <= "9" { i += 1; intDigits += 1 }
                // Thousands: "65,536" (no space, groups of exactly three digits).
                if intDigits >= 1, intDigits <= 3 {
                    while i + 4 <= s.count, s[i] == "," {
                        let g = s[(i + 1)..<(i + 4)]
                        guard g.allSatisfy({ $0 >= "0" && $0 <= "9" }) else { break }
                        if i + 4 < s.count, s[i + 4] >= "0", s[i + 4] <= "9" { break }
                        if i + 4 < s.count, s[i + 4] == "." { break }
                        commas = true
                        i += 4
                    }
                }
                if i + 1 < s.count, s[i] == ".", s[i + 1] >= "0", s[i + 1] <= "9" {
                    i += 1
                    while i < s.count, s[i] >= "0", s[i] <= "9" { i += 1 }
                }
                // The number's text is its ASCII scalars without the thousands commas, written in
                // one pass (appending scalar by scalar to a String costs several times more).
                let text = commas
                    ? String(unsafeUninitializedCapacity: i - start) { buf in
                        var n = 0
                        for k in start..<i where s[k] != "," { buf[n] = UInt8(truncatingIfNeeded: s[k].value); n += 1 }
                        return n
                    }
                    : ScalarText.string(s, start, i)
                sink.append(Lexeme(tok: .num(text), start: start, end: i))
                continue
            }
            let ch: Unicode.Scalar
            switch c {
            case "\u{2212}", "\u{2013}": ch = "-"
            case "\u{00D7}", "\u{22C5}", "\u{00B7}": ch = "×"
            default: ch = c
            }
            sink.append(Lexeme(tok: .ch(ch), start: i, end: i + 1))
            i += 1
        }
        return sink.out
    }

    // MARK: - Parser

    struct Scalar {
        var value: Double
        var isInteger: Bool
        var isPercent: Bool
        var end: Int
    }

    struct ValueList {
        var values: [Double]
        var isSet: Bool
        var isBracket: Bool
        var isPercent: Bool
        var isInteger: Bool
        var end: Int
    }

    /// A number starting at lexeme `i`: sign, mantissa, `e-5`, `\times 10^{-4}`, `10^{-3}`, `\%`, K/M/B.
    static func scalar(_ t: [Lexeme], _ i: Int) -> Scalar? {
        var j = i
        var sign = 1.0
        guard j < t.count else { return nil }
        if t[j].scalar == "-" { sign = -1; j += 1 } else if t[j].scalar == "+" { j += 1 }
        guard j < t.count, case .num(let m) = t[j].tok, let mv = Double(m) else { return nil }
        var v = mv
        var isInt = !m.contains(".")
        j += 1
        func exponent(_ k0: Int) -> (Int, Int)? {
            // `{-4}`, `-4`, `4`, `{4}` after `^` or `e`.
            var k = k0
            var braced = false
            if k < t.count, t[k].tok == .open { braced = true; k += 1 }
            var es = 1
            if k < t.count, t[k].scalar == "-" { es = -1; k += 1 } else if k < t.count, t[k].scalar == "+" { k += 1 }
            guard k < t.count, case .num(let e) = t[k].tok, !e.contains("."), let ev = Int(e) else { return nil }
            k += 1
            if braced {
                guard k < t.count, t[k].tok == .close else { return nil }
                k += 1
            }
            return (es * ev, k)
        }
        // Powers of ten shift the decimal text, so that `3 \times 10^{-4}` is exactly 0.0003.
        if j < t.count, t[j].scalar == "e" || t[j].scalar == "E", let (e, k) = exponent(j + 1),
           let exact = ExactDecimal.value(m, exponent: e) {
            v = exact
            isInt = isInt && e >= 0
            j = k
        } else if j + 2 < t.count, t[j].scalar == "×" || t[j].scalar == "x", case .num(let b) = t[j + 1].tok,
                  b == "10", t[j + 2].scalar == "^", let (e, k) = exponent(j + 3), let exact = ExactDecimal.value(m, exponent: e) {
            v = exact
            isInt = isInt && e >= 0
            j = k
        } else if j < t.count, t[j].scalar == "^", m == "10", let (e, k) = exponent(j + 1),
                  let exact = ExactDecimal.value("1", exponent: e) {
            v = exact
            isInt = e >= 0
            j = k
        } else if j < t.count, t[j].scalar == "^", m == "2", let (e, k) = exponent(j + 1) {
            v = pow(2, Double(e))   // powers of two are exact
            isInt = e >= 0
            j = k
        }
        var pct = false
        if j < t.count, t[j].scalar == "%" { pct = true; j += 1 }
        if !pct, j < t.count, case .ch(let c) = t[j].tok, c == "K" || c == "k" || c == "M" || c == "B",
           j + 1 == t.count || !isLetterTok(t[j + 1].tok) {
            v = ExactDecimal.scaled(v, by: c == "M" ? 6 : c == "B" ? 9 : 3)
            isInt = v == v.rounded()
            j += 1
        }
        return Scalar(value: sign * v, isInteger: isInt, isPercent: pct, end: j)
    }

    /// `Character.isLetter` of a lexed character: its one scalar's `isAlphabetic`.
    static func isLetterTok(_ t: Tok) -> Bool {
        if case .ch(let c) = t {
            if c.value < 0x80 { return (c.value >= 0x41 && c.value <= 0x5A) || (c.value >= 0x61 && c.value <= 0x7A) }
            return c.properties.isAlphabetic
        }
        return false
    }

    /// `Character.isLetter` of a one-character lexeme, from its scalar (the Character is that
    /// one scalar, and `isLetter` reads its `isAlphabetic`).
    @inline(__always) static func isLetter(_ l: Lexeme) -> Bool {
        let v = l.scalar.value
        if v < 0x80 { return (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) }
        return l.scalar.properties.isAlphabetic
    }

    /// A set `\{a, b\}`, a bracketed list `[a, b]`/`(a, b)`, or one number.
    static func valueList(_ t: [Lexeme], _ i: Int) -> ValueList? {
        guard i < t.count else { return nil }
        let opener = t[i].tok
        let isSet = opener == .setOpen
        let isBracket = t[i].scalar == "[" || t[i].scalar == "("
        if isSet || isBracket {
            var j = i + 1
            var vals: [Double] = []
            var pct = false
            var ints = true
            while j < t.count {
                guard let s = scalar(t, j) else { return nil }
                vals.append(s.value)
                pct = pct || s.isPercent
                ints = ints && s.isInteger
                j = s.end
                guard j < t.count else { return nil }
                if isSeparator(t[j]) { j += 1; continue }
                if isSet, t[j].tok == .setClose { return ValueList(values: vals, isSet: true, isBracket: false, isPercent: pct, isInteger: ints, end: j + 1) }
                if isBracket, t[j].scalar == "]" || t[j].scalar == ")" {
                    guard vals.count >= 2 else { return nil }
                    return ValueList(values: vals, isSet: false, isBracket: true, isPercent: pct, isInteger: ints, end: j + 1)
                }
                return nil
            }
            return nil
        }
        guard let s = scalar(t, i) else { return nil }
        return ValueList(values: [s.value], isSet: false, isBracket: false, isPercent: s.isPercent, isInteger: s.isInteger, end: s.end)
    }

    /// Relation operator at lexeme `j`: its kind (nil for inequalities) and length.
    static func relation(_ t: [Lexeme], _ j: Int) -> (op: HyperRelation.Op?, length: Int)? {
        // Asked of every lexeme of a formula: characters by their scalar, commands by name.
        switch t[j].scalar {
        case "\u{0}": break
        case "=": return (.equals, 1)
        case ":": return j + 1 < t.count && t[j + 1].scalar == "=" ? (.equals, 2) : nil
        case "<", ">", "≤", "≥", "≈", "∼", "~": return (nil, 1)
        default: return nil
        }
        guard case .cmd(let n) = t[j].tok else { return nil }
        switch n {
        case "vcentcolon": return j + 1 < t.count && t[j + 1].scalar == "=" ? (.equals, 2) : nil
        case "coloneqq", "coloneq", "eqqcolon", "triangleq", "defeq", "doteq": return (.equals, 1)
        case "in": return (.element, 1)
        default: return inequalities.contains(n) ? (nil, 1) : nil
        }
    }

    /// How a lexeme changes the nesting of braces, sets and brackets.
    @inline(__always) static func depthChange(_ l: Lexeme) -> Int {
        switch l.scalar {
        case "(", "[": return 1
        case ")", "]": return -1
        case "\u{0}":
            switch l.tok {
            case .open, .setOpen: return 1
            case .close, .setClose: return -1
            default: return 0
            }
        default: return 0
        }
    }

    /// A top-level separator of items: "," or ";" (or the Greek question mark, which is ";" to
    /// Character equality).
    @inline(__always) static func isSeparator(_ l: Lexeme) -> Bool {
        l.scalar == "," || l.scalar == ";" || l.scalar == "\u{037E}"
    }

    /// Lexemes `a..<b` form one symbol: a letter or Greek letter (or a short name such as `NFE`),
    /// with accents, fonts, sub- and superscripts.
    static func isSimpleSymbol(_ t: [Lexeme], _ a: Int, _ b: Int) -> Bool {
        guard a < b else { return false }
        var baseLetters = 0
        var depth = 0
        var inScript = false
        var k = a
        while k < b {
            switch t[k].tok {
            case .ch:
                // By scalar: comparing Characters goes through string comparison.
                let c = t[k].scalar
                if c == "_" || c == "^" || c == "'" {
                    inScript = true
                } else if isLetter(t[k]) {
                    if depth == 0 && !inScript { baseLetters += 1 }
                    if depth == 0 { inScript = false }
                } else if inScript || depth > 0 {
                    // digits are lexed as numbers; other characters in a script ("t-1") are fine
                    if c == "," || c == "=" { return false }
                } else {
                    return false
                }
            case .num:
                if !(inScript || depth > 0) { return false }
                if depth == 0 { inScript = false }
            case .cmd(let n):
                if greek.contains(n) {
                    if depth == 0 && !inScript { baseLetters += 1 }
                    if depth == 0 { inScript = false }
                } else if accents.contains(n) || n == "prime" || n == "star" || n == "ast" || n == "max" || n == "min"
                            || n == "text" || n == "operatorname" {
                    if !(accents.contains(n) || depth > 0 || inScript) && (n == "max" || n == "min") { return false }
                } else if depth == 0 && !inScript {
                    return false
                }
            case .open:
                depth += 1
            case .close:
                depth -= 1
                if depth < 0 { return false }
                if depth == 0 && inScript { inScript = false }
            case .setOpen, .setClose:
                return false
            }
            k += 1
        }
        return depth == 0 && baseLetters >= 1 && baseLetters <= 4
    }

    /// Reads the TeX of an inline formula (without the dollars).
    static func read(_ tex: String, memo: HyperMemo? = nil) -> Reading {
        read(ScalarText.scalars(tex), memo: memo)
    }

    static func read(_ s: [Unicode.Scalar], memo: HyperMemo? = nil) -> Reading {
        func key(_ t: String) -> String { memo?.symbolKey(t) ?? HyperparameterVocabulary.symbolKey(t) }
        let t = lex(s)
        if t.isEmpty { return .other(mentioned: []) }
        func text(_ a: Int, _ b: Int) -> String {
            guard a < b else { return "" }
            return ScalarText.string(s, t[a].start, t[b - 1].end)
        }
        // "= 1": the sign of a relation whose symbol is in the prose before.
        if t[0].scalar == "=", let v = valueList(t, 1), v.end == t.count, v.values.count == 1 {
            return .bareEquals(v.values[0], isPercent: v.isPercent, isInteger: v.isInteger)
        }
        var relations: [HyperRelation] = []
        var mentioned: [(String, String)] = []
        var items: [ValueList] = []
        var bareSymbols: [(String, String)] = []
        var otherItems = 0
        var i = 0
        let n = t.count
        while i < n {
            // Scan the item to the next top-level comma or relation.
            var j = i
            var depth = 0
            var op: (HyperRelation.Op?, Int)?
            while j < n {
                depth += depthChange(t[j])
                if depth == 0, isSeparator(t[j]) { break }
                if depth <= 0, let r = relation(t, j) { op = r; break }
                j += 1
            }
            guard let (kind, len) = op else {
                // An item without relation: numbers or a symbol.
                if let v = valueList(t, i), v.end == j {
                    items.append(v)
                } else if isSimpleSymbol(t, i, j) {
                    let tx = text(i, j)
                    bareSymbols.append((tx, key(tx)))
                } else {
                    otherItems += 1
                }
                i = j + 1
                continue
            }
            let lhsSimple = isSimpleSymbol(t, i, j)
            let lhs = text(i, j)
            let rhsStart = j + len
            guard let kindOp = kind, lhsSimple else {
                if lhsSimple { mentioned.append((lhs, key(lhs))) }
                // Skip to the next top-level comma.
                var k = rhsStart
                var d = 0
                while k < n {
                    d += depthChange(t[k])
                    if d <= 0, isSeparator(t[k]) { break }
                    k += 1
                }
                otherItems += 1
                i = k + 1
                continue
            }
            let key = key(lhs)
            // Symbols listed before: `\beta_1, \beta_2 = 0.9, 0.98`.
            if let v = valueList(t, rhsStart), v.end == n || isSeparator(t[v.end]) {
                var values = v.values
                var pct = v.isPercent
                var ints = v.isInteger
                var k = v.end
                var end = v.end
                // ", 0.95": more values for the same symbol (not the start of another relation).
                while k < n, t[k].scalar == ",", let w = valueList(t, k + 1), !w.isSet,
                      w.end == n || t[w.end].scalar == "," {
                    values += w.values
                    pct = pct || w.isPercent
                    ints = ints && w.isInteger
                    k = w.end
                    end = w.end
                }
                relations.append(HyperRelation(lhs: lhs, key: key, op: kindOp, values: values, isSet: v.isSet,
                                               isBracket: v.isBracket, expression: nil, raw: text(rhsStart, end),
                                               isPercent: pct, isInteger: ints))
                if !bareSymbols.isEmpty, values.count == bareSymbols.count + 1, kindOp == .equals {
                    // `\beta_1, \beta_2 = 0.9, 0.98`: one value per symbol.
                    let all = bareSymbols + [(lhs, key)]
                    relations.removeLast()
                    for (n, sym) in all.enumerated() {
                        relations.append(HyperRelation(lhs: sym.0, key: sym.1, op: .equals, values: [values[n]], isSet: false,
                                                       isBracket: false, expression: nil, raw: text(rhsStart, end),
                                                       isPercent: pct, isInteger: ints))
                    }
                    bareSymbols.removeAll()
                }
                i = end + 1
                continue
            }
            // A formula on the right: up to the next top-level comma.
            var k = rhsStart
            var d = 0
            var hasDigit = false
            var nested = false
            while k < n {
                d += depthChange(t[k])
                if case .num = t[k].tok { hasDigit = true }
                if d <= 0, isSeparator(t[k]) { break }
                if d <= 0, k > rhsStart, relation(t, k) != nil { nested = true }
                k += 1
            }
            if kindOp == .equals, hasDigit, !nested, k > rhsStart {
                let rhs = text(rhsStart, k)
                relations.append(HyperRelation(lhs: lhs, key: key, op: .equals, values: [], isSet: false, isBracket: false,
                                               expression: rhs, raw: rhs, isPercent: false, isInteger: false))
            } else {
                mentioned.append((lhs, key))
                otherItems += 1
            }
            i = k + 1
        }
        if !relations.isEmpty {
            return .relations(relations, mentioned: mentioned + bareSymbols)
        }
        if otherItems == 0, !items.isEmpty, bareSymbols.isEmpty {
            if items.count == 1 {
                let v = items[0]
                return .values(v.values, isSet: v.isSet, isBracket: v.isBracket, isPercent: v.isPercent, isInteger: v.isInteger)
            }
            // "0.9, 0.95": a bare tuple.
            guard items.allSatisfy({ $0.values.count == 1 }) else { return .other(mentioned: []) }
            return .values(items.map { $0.values[0] }, isSet: false, isBracket: false,
                           isPercent: items.contains { $0.isPercent }, isInteger: items.allSatisfy(\.isInteger))
        }
        if otherItems == 0, items.isEmpty, !bareSymbols.isEmpty {
            return .symbols(tex: bareSymbols.map(\.0), keys: bareSymbols.map(\.1))
        }
        return .other(mentioned: mentioned + bareSymbols)
    }
}
