/// Splits a claim sentence into words, numbers (with a percent sign or a factor sign) and
/// punctuation, for ``ClaimMeasurementReader``. Inline math is skipped unless it is a plain
/// number (`$93.1\%$`).
enum ClaimTokenizer {
    struct Token: Sendable {
        enum Kind: Sendable { case word, number, punct }
        var kind: Kind
        /// As written.
        var text: String
        var lower: String
        var value: Double = 0
        var isPercent = false
        /// "3×", "2x": a factor.
        var isFactor = false
        /// Scalar offsets in the sentence.
        var start: Int
        var end: Int
    }

    static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 0x30 && c.value <= 0x39 }

    /// Unicode's Alphabetic and White_Space properties, answered without the property tables
    /// for ASCII (the table lookup cost more than the rest of the tokenizer).
    static func isAlpha(_ c: Unicode.Scalar) -> Bool {
        guard c.isASCII else { return c.properties.isAlphabetic }
        return (c.value | 0x20) &- 0x61 < 26
    }

    static func isSpace(_ c: Unicode.Scalar) -> Bool {
        guard c.isASCII else { return c.properties.isWhitespace }
        return c.value == 0x20 || (c.value >= 0x09 && c.value <= 0x0D)
    }

    static func tokenize(_ text: String) -> [Token] {
        var contiguous = text
        return contiguous.withUTF8 { tokenize(text, utf8: $0) }
    }

    private static func tokenize(_ text: String, utf8: UnsafeBufferPointer<UInt8>) -> [Token] {
        // The scalars, and where each starts in the UTF-8 (one more for the end): a token's
        // string is built straight from its bytes.
        var s: [Unicode.Scalar] = []
        var offsets: [Int32] = []
        s.reserveCapacity(utf8.count)
        offsets.reserveCapacity(utf8.count + 1)
        var offset: Int32 = 0
        for c in text.unicodeScalars {
            s.append(c)
            offsets.append(offset)
            offset += Int32(UTF8.width(c))
        }
        offsets.append(offset)
        var out: [Token] = []
        var i = 0
        func str(_ a: Int, _ b: Int) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: utf8[Int(offsets[a])..<Int(offsets[b])]), as: UTF8.self)
        }
        while i < s.count {
            let c = s[i]
            if isSpace(c) || c == "~" { i += 1; continue }
            if c == "$" {
                // Inline math: a plain number ("$93.1\%$") or nothing.
                var j = i + 1
                while j < s.count, s[j] != "$" { j += 1 }
                let innerScalars = mathNumberScalars(s[(i + 1)..<min(j, s.count)])
                if let (t, e) = number(innerScalars, 0), e == innerScalars.count {
                    var t = t
                    t.start = i
                    t.end = min(j + 1, s.count)
                    out.append(t)
                } else {
                    out.append(Token(kind: .punct, text: "$", lower: "$", start: i, end: min(j + 1, s.count)))
                }
                i = min(j + 1, s.count)
                continue
            }
            if isDigit(c) || (c == "." && i + 1 < s.count && isDigit(s[i + 1])) {
                // Digits glued to letters before ("ResNet-18") are part of a word, handled below.
                if let (t, e) = number(s, i), e == s.count || !isAlpha(s[e]) || s[e] == "x" || s[e] == "×" {
                    var t = t
                    t.start = i
                    t.end = e
                    var end = e
                    if end < s.count, s[end] == "x" || s[end] == "×", end + 1 == s.count || !isAlpha(s[end + 1]) {
                        t.isFactor = true
                        end += 1
                        t.end = end
                    }
                    out.append(t)
                    i = end
                    continue
                }
            }
            if isAlpha(c) || isDigit(c) {
                var j = i
                while j < s.count, isAlpha(s[j]) || isDigit(s[j]) || s[j] == "@"
                        || ((s[j] == "-" || s[j] == "/" || s[j] == "'") && j + 1 < s.count && (isAlpha(s[j + 1]) || isDigit(s[j + 1]))) {
                    j += 1
                }
                let w = str(i, j)
                out.append(Token(kind: .word, text: w, lower: CatalogTokenizer.asciiLowercased(w), start: i, end: j))
                i = j
                continue
            }
            if c == "\\", i + 1 < s.count, s[i + 1] == "%" {
                i += 2
                continue
            }
            let p = str(i, i + 1)
            out.append(Token(kind: .punct, text: p, lower: p, start: i, end: i + 1))
            i += 1
        }
        return out
    }

    /// Inline math as a number would read: `\%` is "%", thin spaces (`\,`) and spaces go. One
    /// left-to-right pass (Foundation's `replacingOccurrences`, three times, cost far more).
    static func mathNumberScalars(_ math: ArraySlice<Unicode.Scalar>) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(math.count)
        var k = math.startIndex
        while k < math.endIndex {
            let c = math[k]
            if c == "\\", k + 1 < math.endIndex {
                if math[k + 1] == "%" { out.append("%"); k += 2; continue }
                if math[k + 1] == "," { k += 2; continue }
            }
            if c != " " { out.append(c) }
            k += 1
        }
        return out
    }

    /// A number at `i`: digits with thousands commas and decimals, and a percent sign ("%",
    /// "\%", " %").
    static func number(_ s: [Unicode.Scalar], _ i0: Int) -> (Token, Int)? {
        var i = i0
        var text = ""
        while i < s.count, isDigit(s[i]) { text.unicodeScalars.append(s[i]); i += 1 }
        while i + 3 < s.count, s[i] == ",", isDigit(s[i + 1]), isDigit(s[i + 2]), isDigit(s[i + 3]),
              i + 4 == s.count || !isDigit(s[i + 4]) {
            text.unicodeScalars.append(contentsOf: s[(i + 1)...(i + 3)])
            i += 4
        }
        if i + 1 < s.count, s[i] == ".", isDigit(s[i + 1]) {
            text.append(".")
            i += 1
            while i < s.count, isDigit(s[i]) { text.unicodeScalars.append(s[i]); i += 1 }
        }
        guard let v = ExactDecimal.value(text) else { return nil }
        var pct = false
        if i < s.count, s[i] == "%" { pct = true; i += 1 }
        else if i + 1 < s.count, s[i] == "\\", s[i + 1] == "%" { pct = true; i += 2 }
        else if i + 1 < s.count, s[i] == " ", s[i + 1] == "%" { pct = true; i += 2 }
        return (Token(kind: .number, text: text, lower: text, value: v, isPercent: pct, start: i0, end: i), i)
    }
}
