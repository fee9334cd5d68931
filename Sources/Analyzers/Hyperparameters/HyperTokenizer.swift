import Foundation

/// Splits a sentence (prose with inline `$…$` TeX) into ``HyperToken``s: words, numbers with
/// their units and scales ("3e-4", "40K", "5%", "2,000,000"), written lists ("{1e-5, 2e-5}"),
/// and inline math read by ``HyperMathReader``. Citations (`[key]`, "(Smith et al., 2020)") are
/// dropped and flagged on the next token. One pass over the Unicode scalars.
enum HyperTokenizer {
    /// The tokens made so far, with the state that joins the next one to them (a struct with
    /// mutating methods rather than closures over local variables, which cost an exclusivity
    /// check on every access).
    struct TokenSink {
        var out: [HyperToken] = []
        var hyphen = false
        var cite = false

        /// Appends, then marks the token in the array: marking the consumed argument first made
        /// it a local that `append` copied (its Strings retained) and then destroyed.
        @inline(__always)
        mutating func push(_ t: consuming HyperToken) {
            out.append(t)
            if hyphen || cite {
                let k = out.count - 1
                out[k].hyphenBefore = hyphen
                out[k].citeBefore = cite
                hyphen = false
                cite = false
            }
        }

        /// Digits at `i` that belong to the word before them: joined by a hyphen ("GPT-2",
        /// "ResNet-50", "T5-11B"), or by a slash to a hyphenated word ("ViT-B/16"). The word takes
        /// them in; returns where they end.
        mutating func gluedName(_ s: [Unicode.Scalar], at i: Int) -> Int? {
            guard i >= 2, let k = out.indices.last else { return nil }
            var word = k
            if hyphen, out[k].kind == .word, out[k].end == i - 1, HyperTokenizer.isLetter(s[i - 2]) {
                word = k
            } else if s[i - 1] == "/", out[k].kind == .punct, out[k].end == i, k >= 1, out[k - 1].kind == .word,
                      out[k - 1].end == i - 1, out[k - 1].hyphenBefore {
                word = k - 1
            } else {
                return nil
            }
            var j = i
            while j < s.count, HyperTokenizer.isDigit(s[j]) || HyperTokenizer.isLetter(s[j])
                    || (s[j] == "." && j + 1 < s.count && HyperTokenizer.isDigit(s[j + 1])) { j += 1 }
            if word < k { out.removeLast() }
            out[word].end = j
            out[word].norm = HyperTokenizer.lowered(s, out[word].start, j)
            out[word].lower = out[word].norm
            // Annotated again: the flags were the shorter word's.
            out[word].flags = []
            hyphen = false
            return j
        }

        /// The last token is a number that ends at `i` ("5" before "%").
        func lastIsNumber(endingAt i: Int) -> Bool {
            guard let k = out.indices.last else { return false }
            return out[k].kind == .number && out[k].end == i
        }
    }

    static let numberWords: [String: Double] = [
        "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
        "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
        "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
        "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    ]

    /// Powers of ten written as words after a number.
    static let scaleWords: [String: Int] = ["thousand": 3, "million": 6, "billion": 9, "trillion": 12]

    /// A number or a scale written as a word, for one look-up per word.
    enum QuantityWord: Sendable {
        case number(Double)
        case scale(Int)
    }

    static let quantityWords = WordTable<QuantityWord>(
        numberWords.map { ($0.key, QuantityWord.number($0.value)) } + scaleWords.map { ($0.key, QuantityWord.scale($0.value)) })

    @inline(__always) static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 0x30 && c.value <= 0x39 }

    @inline(__always) static func isLetter(_ c: Unicode.Scalar) -> Bool {
        if c.value < 0x80 { return (c.value >= 0x41 && c.value <= 0x5A) || (c.value >= 0x61 && c.value <= 0x7A) }
        return c.properties.isAlphabetic
    }

    @inline(__always) static func isGreek(_ c: Unicode.Scalar) -> Bool {
        (c.value >= 0x0391 && c.value <= 0x03C9) || c.value == 0x03F5 || c.value == 0x03D5
    }

    static func isSpace(_ c: Unicode.Scalar) -> Bool {
        c == " " || c == "\n" || c == "\t" || c == "\r" || c == "\u{00A0}" || c == "~"
    }

    /// One-scalar strings of ASCII, made once (punctuation tokens hold them).
    static let asciiStrings: [String] = (0..<128).map { String(UnicodeScalar(UInt8($0))) }

    /// - Parameter unicodeExponents: read "10−8" as 10⁻⁸ (text extracted from PDF loses superscripts).
    static func tokenize(_ text: String, unicodeExponents: Bool = false, memo: HyperMemo? = nil) -> [HyperToken] {
        tokenize(scalars: ScalarText.scalars(text), unicodeExponents: unicodeExponents, memo: memo)
    }

    /// ``tokenize(_:unicodeExponents:memo:)`` of a sentence already decoded to scalars (the
    /// extractor keeps them for the glossary and the sentence reader).
    /// - Parameter lexicon: when given, words carry their ``HyperLexicon`` flags already (the
    ///   memo's word cache knows them): ``HyperLexicon/annotate(_:)`` skips them.
    static func tokenize(scalars s: [Unicode.Scalar], unicodeExponents: Bool = false, memo: HyperMemo? = nil,
                         lexicon: HyperLexicon? = nil) -> [HyperToken] {
        var sink = TokenSink()
        sink.out.reserveCapacity(s.count / 3)
        var words = memo?.lendWords()
        defer { if let words { memo?.restoreWords(words) } }
        var i = 0
        func str(_ a: Int, _ b: Int) -> String {
            if b == a + 1, s[a].value < 0x80 { return asciiStrings[Int(s[a].value)] }
            return ScalarText.string(s, a, b)
        }
        func prevIsAlnum(_ k: Int) -> Bool { k > 0 && (isLetter(s[k - 1]) || isDigit(s[k - 1])) }

        while i < s.count {
            let c = s[i]
            if isSpace(c) { sink.hyphen = false; i += 1; continue }
            // Inline math.
            if c == "$" {
                var j = i + 1
                var display = false
                if j < s.count, s[j] == "$" { display = true; j += 1 }
                let start = j
                while j < s.count, !(s[j] == "$" && s[j - 1] != "\\") { j += 1 }
                let end = j
                j += display ? 2 : 1
                mathTokens(s, min(start, s.count), min(end, s.count), start: i, end: min(j, s.count), memo: memo, into: &sink)
                i = min(j, s.count)
                continue
            }
            if c == "\\" {
                let n = i + 1 < s.count ? s[i + 1] : " "
                if n == "%" {
                    if sink.lastIsNumber(endingAt: i) {
                        sink.out[sink.out.count - 1].isPercent = true
                        sink.out[sink.out.count - 1].end = i + 2
                    }
                    i += 2
                    continue
                }
                if n == "{" {
                    if let (t, e) = braced(s, i, open: 2, close: "}") { sink.push(t); i = e; continue }
                    i += 2
                    continue
                }
                if n.isASCII, isLetter(n) {
                    var j = i + 1
                    while j < s.count, s[j].isASCII, isLetter(s[j]) { j += 1 }
                    var t = HyperToken(.word, raw: "", norm: str(i, j), start: i, end: j)
                    t.lower = t.norm
                    sink.push(t)
                    i = j
                    continue
                }
                i += 2
                continue
            }
            if c == "{" {
                if let (t, e) = braced(s, i, open: 1, close: "}") { sink.push(t); i = e; continue }
                i += 1
                continue
            }
            if c == "[" {
                // A citation holds letters; "[6,12,24,16]" is a list.
                var j = i + 1
                var letters = false
                while j < s.count, s[j] != "]", s[j] != "[" { if isLetter(s[j]) { letters = true }; j += 1 }
                if j < s.count, s[j] == "]" {
                    if letters {
                        sink.cite = true
                        i = j + 1
                        continue
                    }
                    if let (t, e) = braced(s, i, open: 1, close: "]") { sink.push(t); i = e; continue }
                }
                sink.push(HyperToken(.punct, raw: "[", norm: "[", start: i, end: i + 1))
                i += 1
                continue
            }
            if c == "(" {
                // "(Kingma & Ba, 2014)": an author-year citation.
                var j = i + 1
                var letters = false
                var year = false
                var digitsRun = 0
                while j < s.count, s[j] != ")", s[j] != "(", j - i < 200 {
                    if isLetter(s[j]) { letters = true }
                    if isDigit(s[j]) { digitsRun += 1 } else { digitsRun = 0 }
                    if digitsRun == 4 { year = true }
                    j += 1
                }
                if j < s.count, s[j] == ")", letters, year {
                    let inner = str(i + 1, j)
                    if ScalarText.contains(inner, "et al") || ScalarText.contains(inner, byte: 0x26) || ScalarText.contains(inner, " and ")
                        || hasNameAndYear(s, i + 1, j) {
                        sink.cite = true
                        i = j + 1
                        continue
                    }
                }
                sink.push(HyperToken(.punct, raw: "(", norm: "(", start: i, end: i + 1))
                i += 1
                continue
            }
            // Numbers (a minus sign only where a number starts).
            let minus = (c == "-" || c == "\u{2212}") && i + 1 < s.count && isDigit(s[i + 1])
                && (i == 0 || isSpace(s[i - 1]) || s[i - 1] == "(" || s[i - 1] == "=" || s[i - 1] == "{" || s[i - 1] == ",")
            if isDigit(c) || minus || (c == "." && i + 1 < s.count && isDigit(s[i + 1]) && !prevIsAlnum(i)) {
                // "GPT-2", "ResNet-50", "ViT-B/16": digits glued to a word name a model, not a value.
                if isDigit(c), let j = sink.gluedName(s, at: i) {
                    i = j
                    continue
                }
                if let (t, e) = number(s, i, unicodeExponents: unicodeExponents) {
                    // Letters glued after a number that are no unit ("2nd", "32x32", "3090") make a word.
                    if e < s.count, isLetter(s[e]) {
                        var j = e
                        while j < s.count, isLetter(s[j]) || isDigit(s[j]) { j += 1 }
                        var w = HyperToken(.word, raw: "", norm: lowered(s, i, j), start: i, end: j)
                        w.lower = w.norm
                        sink.push(w)
                        i = j
                        continue
                    }
                    sink.push(t)
                    i = e
                    continue
                }
            }
            if isLetter(c) {
                var j = i
                while j < s.count, isLetter(s[j]) { j += 1 }
                // Digits glued after letters belong to the word ("beta1", "GPT2", "A100", "β1").
                while j < s.count, isDigit(s[j]) || isLetter(s[j]) { j += 1 }
                if isGreek(c), j - i <= 3 {
                    let w = str(i, j)
                    let key = memo?.symbolKey(w) ?? HyperparameterVocabulary.symbolKey(w)
                    var t = HyperToken(.symbol, raw: w, norm: key, start: i, end: j)
                    t.symbols = [key]
                    t.symbolTeX = [w]
                    sink.push(t)
                } else {
                    // Read once per paper (lower-cased, singular, number word, flags), then copied.
                    let word = words != nil ? words!.word(s, i, j, lexicon: lexicon) : HyperWordCache.Word(s, i, j)
                    let lower = word.lower
                    let quantity = word.quantity
                    // "1 million", "130 Billion": a scale written as a word.
                    if case .scale(let scale) = quantity, let last = sink.out.indices.last, sink.out[last].kind == .number,
                       !sink.out[last].isPercent, !sink.out[last].scaled, s[sink.out[last].end..<i].allSatisfy(isSpace) {
                        let k = sink.out.count - 1
                        sink.out[k].value = ExactDecimal.scaled(sink.out[k].value, by: scale)
                        sink.out[k].scaled = true
                        sink.out[k].isInteger = sink.out[k].value == sink.out[k].value.rounded()
                        sink.out[k].end = j
                        i = j
                        continue
                    }
                    if case .number(let v) = quantity {
                        var t = HyperToken(.number, raw: "", norm: lower, start: i, end: j)
                        t.value = v
                        t.isInteger = true
                        t.spelled = true
                        t.lower = lower
                        sink.push(t)
                    } else {
                        // Built in the call: a token in a variable was copied into the sink.
                        sink.push(HyperToken(.word, raw: "", norm: word.norm, lower: lower, start: i, end: j, flags: word.flags ?? []))
                    }
                }
                i = j
                continue
            }
            switch c {
            case "-", "\u{2010}", "\u{2011}", "_":
                // A hyphen joins words ("mini-batch", "5-layer"); a spaced dash is punctuation.
                if i > 0, !isSpace(s[i - 1]), i + 1 < s.count, !isSpace(s[i + 1]) {
                    sink.hyphen = true
                } else {
                    sink.push(HyperToken(.punct, raw: "-", norm: "-", start: i, end: i + 1))
                }
                i += 1
            case "%":
                if sink.lastIsNumber(endingAt: i) {
                    sink.out[sink.out.count - 1].isPercent = true
                    sink.out[sink.out.count - 1].end = i + 1
                } else {
                    sink.push(HyperToken(.punct, raw: "%", norm: "%", start: i, end: i + 1))
                }
                i += 1
            case "#":
                // "#Layers" reads "number of layers".
                var t = HyperToken(.word, raw: "", norm: "num", start: i, end: i + 1)
                t.lower = "#"
                sink.push(t)
                i += 1
            case "\u{00D7}":
                var t = HyperToken(.word, raw: "", norm: "x", start: i, end: i + 1)
                t.lower = "x"
                sink.push(t)
                i += 1
            case "\u{2212}", "\u{2013}", "\u{2014}":
                sink.push(HyperToken(.punct, raw: str(i, i + 1), norm: "–", start: i, end: i + 1))
                i += 1
            case "\u{2208}":   // ∈
                sink.push(HyperToken(.punct, raw: "∈", norm: "∈", start: i, end: i + 1))
                i += 1
            default:
                let ch = str(i, i + 1)
                sink.push(HyperToken(.punct, raw: ch, norm: ch, start: i, end: i + 1))
                i += 1
            }
        }
        return sink.out
    }

    /// Text without TeX (PDF, plain text) writes the symbols of "$bT = 65,536$" or "$k = 10$" as
    /// words: a word of one to three Latin letters that names no setting, right before "=" and a
    /// value, becomes the symbol it is, as in the TeX.
    /// - Parameter tokens: annotated (``HyperLexicon/annotate(_:)``).
    static func markLatinSymbols(_ tokens: inout [HyperToken], text: String, memo: HyperMemo) {
        var scalars: [Unicode.Scalar]?
        for k in tokens.indices where tokens[k].kind == .word && k + 2 < tokens.count && tokens[k].end - tokens[k].start <= 3 {
            guard tokens[k + 1].kind == .punct, tokens[k + 1].norm == "=", tokens[k + 2].kind.isValue,
                  !tokens[k].flags.contains(.link), !tokens[k].hyphenBefore, memo.canonical(forPhrase: tokens[k].norm) == nil else { continue }
            if scalars == nil { scalars = ScalarText.scalars(text) }
            guard let s = scalars, tokens[k].end <= s.count,
                  s[tokens[k].start..<tokens[k].end].allSatisfy({ $0.isASCII && isLetter($0) }) else { continue }
            let w = ScalarText.string(s, tokens[k].start, tokens[k].end)
            let key = memo.symbolKey(w)
            var t = HyperToken(.symbol, raw: w, norm: key, start: tokens[k].start, end: tokens[k].end)
            t.symbols = [key]
            t.symbolTeX = [w]
            t.citeBefore = tokens[k].citeBefore
            t.flags = tokens[k].flags
            tokens[k] = t
        }
    }

    /// A number in prose at `i`: sign, digits with thousands commas, decimals, exponent ("3e-4"),
    /// a scale suffix (K, M, B, T) and a percent sign.
    static func number(_ s: [Unicode.Scalar], _ i0: Int, unicodeExponents: Bool) -> (HyperToken, Int)? {
        var i = i0
        var text = ""
        if s[i] == "-" || s[i] == "\u{2212}" { text = "-"; i += 1 }
        var intDigits = 0
        while i < s.count, isDigit(s[i]) { text.unicodeScalars.append(s[i]); i += 1; intDigits += 1 }
        if intDigits >= 1, intDigits <= 3 {
            while i + 4 <= s.count, s[i] == ",", s[(i + 1)..<(i + 4)].allSatisfy(isDigit),
                  i + 4 == s.count || !isDigit(s[i + 4]) {
                text.unicodeScalars.append(contentsOf: s[(i + 1)..<(i + 4)])
                i += 4
            }
        }
        var isInt = true
        if i + 1 < s.count, s[i] == ".", isDigit(s[i + 1]) {
            isInt = false
            text.append(".")
            i += 1
            while i < s.count, isDigit(s[i]) { text.unicodeScalars.append(s[i]); i += 1 }
        }
        guard var v = ExactDecimal.value(text) else { return nil }
        // Exponent: "3e-4", "1e-08", "2E5" (parsed with the mantissa, so 3e-4 is exactly 0.0003).
        if i + 1 < s.count, s[i] == "e" || s[i] == "E" {
            var j = i + 1
            var sign = 1
            if j < s.count, s[j] == "-" || s[j] == "\u{2212}" || s[j] == "+" { if s[j] != "+" { sign = -1 }; j += 1 }
            var e = ""
            while j < s.count, isDigit(s[j]), e.count < 4 { e.unicodeScalars.append(s[j]); j += 1 }
            if !e.isEmpty, j == s.count || !(isLetter(s[j]) || isDigit(s[j])), let ev = Int(e),
               let exact = ExactDecimal.value(text, exponent: sign * ev) {
                v = exact
                isInt = isInt && sign > 0
                i = j
            }
        } else if unicodeExponents, text == "10", i + 1 < s.count, s[i] == "\u{2212}" {
            // PDF text: "10−8" is 10⁻⁸ with the superscript flattened.
            var j = i + 1
            var e = ""
            while j < s.count, isDigit(s[j]), e.count < 2 { e.unicodeScalars.append(s[j]); j += 1 }
            if !e.isEmpty, j == s.count || !isDigit(s[j]), let ev = Int(e), let exact = ExactDecimal.value("1", exponent: -ev) {
                v = exact
                isInt = false
                i = j
            }
        }
        var scaled = false
        if i < s.count, s[i] == "K" || s[i] == "k" || s[i] == "M" || s[i] == "B" || s[i] == "T",
           i + 1 == s.count || !isLetter(s[i + 1]) {
            switch s[i] {
            case "K", "k": v = ExactDecimal.scaled(v, by: 3)
            case "M": v = ExactDecimal.scaled(v, by: 6)
            case "B": v = ExactDecimal.scaled(v, by: 9)
            default: v = ExactDecimal.scaled(v, by: 12)
            }
            scaled = true
            isInt = v == v.rounded()
            i += 1
        }
        var pct = false
        if i < s.count, s[i] == "%" { pct = true; i += 1 }
        var t = HyperToken(.number, raw: "", norm: "", start: i0, end: i)
        t.value = v
        t.isInteger = isInt
        t.isPercent = pct
        t.scaled = scaled
        return (t, i)
    }

    /// A written list "{1e-5, 2e-5}" or "[6, 12, 24]" starting at `i` (the opener is `open` scalars long).
    static func braced(_ s: [Unicode.Scalar], _ i: Int, open: Int, close: Unicode.Scalar) -> (HyperToken, Int)? {
        var j = i + open
        var vals: [Double] = []
        var ints = true
        var pct = false
        while j < s.count {
            while j < s.count, isSpace(s[j]) { j += 1 }
            guard j < s.count else { return nil }
            // Math inside the list: "{$10^{-4}$, ...}".
            guard let (t, e) = number(s, j, unicodeExponents: false) else { return nil }
            vals.append(t.isPercent ? ExactDecimal.fraction(percent: t.value) : t.value)
            ints = ints && t.isInteger
            pct = pct || t.isPercent
            j = e
            while j < s.count, isSpace(s[j]) { j += 1 }
            guard j < s.count else { return nil }
            if s[j] == "," || s[j] == ";" { j += 1; continue }
            if s[j] == "\\", j + 1 < s.count, s[j + 1] == close, close == "}" { j += 2; break }
            if s[j] == close { j += 1; break }
            return nil
        }
        guard !vals.isEmpty else { return nil }
        var t = HyperToken(.list, raw: ScalarText.string(s, i, min(j, s.count)), norm: "", start: i, end: j)
        t.values = vals
        t.isSet = close == "}"
        t.isInteger = ints
        return (t, j)
    }

    /// Whether scalars `a..<b` hold a capitalised name and a year, as in "Smith, 2020" or "Smith
    /// 1999": `[A-Z][a-z]+,? (19|20)\d\d`. Scanned by hand: a regular expression is compiled
    /// on every call (and its first use loads ICU's tables, about 8 M instructions).
    static func hasNameAndYear(_ s: [Unicode.Scalar], _ a: Int, _ b: Int) -> Bool {
        func isUpper(_ k: Int) -> Bool { s[k].value >= 0x41 && s[k].value <= 0x5A }
        func isLower(_ k: Int) -> Bool { s[k].value >= 0x61 && s[k].value <= 0x7A }
        // `\d` is any decimal digit, as in ICU.
        func isDecimal(_ k: Int) -> Bool {
            isDigit(s[k]) || (s[k].value >= 0x80 && s[k].properties.generalCategory == .decimalNumber)
        }
        var i = a
        while i < b {
            guard isUpper(i) else { i += 1; continue }
            var j = i + 1
            while j < b, isLower(j) { j += 1 }
            // The regular expression backtracks over the lower-case run; only its whole length can
            // be followed by ",", " " or a year, so the longest run decides.
            if j > i + 1 {
                var k = j
                if k < b, s[k] == "," { k += 1 }
                if k + 5 <= b, s[k] == " ",
                   (s[k + 1] == "1" && s[k + 2] == "9") || (s[k + 1] == "2" && s[k + 2] == "0"),
                   isDecimal(k + 3), isDecimal(k + 4) {
                    return true
                }
            }
            i = j
        }
        return false
    }

    /// Lower-cased text of scalars `a..<b` (ASCII without a detour through Unicode case mapping).
    static func lowered(_ s: [Unicode.Scalar], _ a: Int, _ b: Int) -> String {
        var ascii = true
        for k in a..<b where !s[k].isASCII { ascii = false; break }
        if ascii {
            return String(unsafeUninitializedCapacity: b - a) { buf in
                for k in a..<b {
                    var v = UInt8(truncatingIfNeeded: s[k].value)
                    if v >= 0x41 && v <= 0x5A { v += 0x20 }
                    buf[k - a] = v
                }
                return b - a
            }
        }
        return ScalarText.string(s, a, b).lowercased()
    }

    /// Tokens for the inline formula of scalars `a..<b` of `s`, at `start..<end` of the sentence,
    /// pushed to `sink`. The memo keeps each formula's token: a repeated formula is a copy of it
    /// (sharing its out-of-line detail, which no one changes once a token is made) rather than
    /// a new detail object and new arrays.
    static func mathTokens(_ s: [Unicode.Scalar], _ a: Int, _ b: Int, start: Int, end: Int, memo: HyperMemo?,
                           into sink: inout TokenSink) {
        var (t, equals) = memo?.formula(s, a, b) ?? formulaToken(HyperMathReader.read(Array(s[a..<b]), memo: nil))
        if equals { sink.push(HyperToken(.punct, raw: "=", norm: "=", start: start, end: start + 1)) }
        t.start = start
        t.end = end
        sink.push(t)
    }

    /// The token of a formula read as `reading` (at offset 0), and whether an "=" token comes
    /// before it (`= 1`: the relation sign and a value without a symbol).
    static func formulaToken(_ reading: HyperMathReader.Reading) -> (HyperToken, equals: Bool) {
        switch reading {
        case .values(let vals, let isSet, _, let pct, let ints):
            if vals.count == 1, !isSet {
                var t = HyperToken(.number, raw: "", norm: "", start: 0, end: 0)
                t.value = vals[0]
                t.isPercent = pct
                t.isInteger = ints
                return (t, false)
            }
            var t = HyperToken(.list, raw: "", norm: "", start: 0, end: 0)
            t.values = pct ? vals.map(ExactDecimal.fraction(percent:)) : vals
            t.isSet = isSet
            t.isInteger = ints
            return (t, false)
        case .symbols(let tex, let keys):
            var t = HyperToken(.symbol, raw: "", norm: keys[0], start: 0, end: 0)
            t.symbols = keys
            t.symbolTeX = tex
            return (t, false)
        case .relations(let rels, _):
            var t = HyperToken(.relation, raw: "", norm: "", start: 0, end: 0)
            t.relations = rels
            return (t, false)
        case .bareEquals(let v, let pct, let ints):
            var t = HyperToken(.number, raw: "", norm: "", start: 0, end: 0)
            t.value = v
            t.isPercent = pct
            t.isInteger = ints
            return (t, true)
        case .other(let mentioned):
            var t = HyperToken(.math, raw: "", norm: "", start: 0, end: 0)
            t.symbols = mentioned.map(\.key)
            t.symbolTeX = mentioned.map(\.tex)
            return (t, false)
        }
    }
}
