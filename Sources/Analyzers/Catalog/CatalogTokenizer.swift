/// One token of text as the catalogue matchers see it.
///
/// Letters and digits form separate tokens ("CIFAR10" is `CIFAR`, `10`), so a letter/digit
/// boundary, a space, a hyphen or an underscore all separate tokens alike. Soft separators
/// (whitespace, hyphens, dashes, `_`, `~`, `$`, `{`, `}`, TeX thin spaces) are not tokens: they
/// live in the gap before the next token. Every other character is a one-character `punct` token.
struct CatalogToken: Sendable {
    enum Kind: Sendable { case word, number, punct, command }

    let kind: Kind
    /// Text as written (for `\times` / `×`: "x"; for curly quotes: the straight quote).
    let text: String
    /// `text` lower-cased.
    let lower: String
    /// ``TokenDigest`` of `lower`.
    let digest: UInt16
    /// Where the token is in the source string.
    let range: Range<String.Index>
    /// Start of the gap before this token (the previous token's end, or the string's start).
    let gapStart: String.Index
    /// The scalar right before the token is a letter or digit (so the token starts inside a word).
    let glued: Bool
    /// The gap before this token contains a paragraph break (two newlines).
    let paragraphBreakBefore: Bool

    var isWord: Bool { kind == .word }
    var isNumber: Bool { kind == .number }
}

/// Splits text into ``CatalogToken``s. Pure and allocation-light; used by every catalogue matcher.
enum CatalogTokenizer {
    /// Characters that separate tokens without being tokens.
    static func isSoft(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII {
            let v = s.value
            return v == 0x2D || v == 0x5F || v == 0x7E || v == 0x24 || v == 0x7B || v == 0x7D || v == 0x20
                || (v >= 0x09 && v <= 0x0D)
        }
        switch s {
        case "-", "_", "~", "$", "{", "}", "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}", "\u{00A0}":
            return true
        default:
            return s.properties.isWhitespace
        }
    }

    static func isLetter(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII { return (s.value >= 0x41 && s.value <= 0x5A) || (s.value >= 0x61 && s.value <= 0x7A) }
        return s.properties.isAlphabetic && !isDigit(s)
    }

    static func isDigit(_ s: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(s)
    }

    static func isAlnum(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII { return isDigit(s) || isLetter(s) }
        return isDigit(s) || s.properties.isAlphabetic
    }

    /// `lowercased()`, without the Unicode machinery when the text is ASCII (also used by the
    /// core analysis, per sentence).
    static func asciiLowercased(_ t: String) -> String {
        var bytes = t
        return bytes.withUTF8 { b in
            var upper = false
            for c in b {
                if c >= 0x80 { return t.lowercased() }
                if c &- 0x41 < 26 { upper = true }
            }
            guard upper else { return t }
            return String(unsafeUninitializedCapacity: b.count) { out in
                for (k, c) in b.enumerated() { out[k] = c &- 0x41 < 26 ? c + 32 : c }
                return b.count
            }
        }
    }

    /// TeX commands that stand for a multiplication sign (read as the word "x").
    static let timesCommands: Set<String> = ["times", "texttimes"]

    /// Is the command name in bytes `start..<end` one of ``timesCommands``? (Compared on bytes:
    /// no string is built for the name.)
    private static func isTimesCommand(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        let count = end - start
        guard count == 5 || count == 9 else { return false }
        let name = String(decoding: UnsafeBufferPointer(rebasing: b[start..<end]), as: UTF8.self)
        return timesCommands.contains(name)
    }

    /// Tokenizes `text`, walking its UTF-8 bytes (ASCII without any Unicode table lookup).
    static func tokenize(_ text: String) -> [CatalogToken] {
        var contiguous = text
        return contiguous.withUTF8 { bytes in tokenize(text, bytes) }
    }

    /// The scalar starting at byte `i` of valid UTF-8, and its length in bytes.
    @inline(__always)
    private static func scalar(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> (Unicode.Scalar, Int) {
        let b0 = UInt32(b[i])
        if b0 < 0x80 { return (Unicode.Scalar(UInt8(b0)), 1) }
        if b0 < 0xE0 { return (Unicode.Scalar((b0 & 0x1F) << 6 | UInt32(b[i + 1] & 0x3F)) ?? "\u{FFFD}", 2) }
        if b0 < 0xF0 {
            let v = (b0 & 0x0F) << 12 | UInt32(b[i + 1] & 0x3F) << 6 | UInt32(b[i + 2] & 0x3F)
            return (Unicode.Scalar(v) ?? "\u{FFFD}", 3)
        }
        let v = (b0 & 0x07) << 18 | UInt32(b[i + 1] & 0x3F) << 12 | UInt32(b[i + 2] & 0x3F) << 6 | UInt32(b[i + 3] & 0x3F)
        return (Unicode.Scalar(v) ?? "\u{FFFD}", 4)
    }

    /// The byte offset where the scalar ending right before `i` starts.
    @inline(__always)
    private static func previousStart(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        var j = i - 1
        while j > 0 && b[j] & 0xC0 == 0x80 { j -= 1 }
        return j
    }

    private static func tokenize(_ text: String, _ b: UnsafeBufferPointer<UInt8>) -> [CatalogToken] {
        let utf8 = text.utf8
        let base = utf8.startIndex
        func index(_ offset: Int) -> String.Index { utf8.index(base, offsetBy: offset) }
        let n = b.count
        var tokens: [CatalogToken] = []
        tokens.reserveCapacity(n / 4)
        var lastEnd = -1
        var lastWasNumber = false
        var i = 0
        var gapStart = 0
        var newlinesInGap = 0
        var sawParagraphBreak = false

        func append(_ kind: CatalogToken.Kind, _ t: String, _ lower: String, _ digest: UInt16, _ start: Int, _ end: Int) {
            var glued = false
            if start > 0 {
                let p = b[start - 1]
                glued = p < 0x80 ? isAlnum(Unicode.Scalar(p)) : isAlnum(scalar(b, previousStart(b, start)).0)
            }
            tokens.append(CatalogToken(kind: kind, text: t, lower: lower, digest: digest, range: index(start)..<index(end),
                                       gapStart: index(gapStart), glued: glued,
                                       paragraphBreakBefore: sawParagraphBreak))
            gapStart = end
            lastEnd = end
            lastWasNumber = kind == .number
            newlinesInGap = 0
            sawParagraphBreak = false
        }

        /// A token spelled differently from its bytes ("x" for `\times`, a straight quote for a curly one).
        func push(_ kind: CatalogToken.Kind, _ t: String, _ start: Int, _ end: Int) {
            let lower = asciiLowercased(t)
            append(kind, t, lower, TokenDigest.of(lower), start, end)
        }

        /// A token that is its bytes `start..<end`: the lower-case text and its digest come from one
        /// pass over the bytes, and an ASCII token with no capital shares one string for both
        /// (this runs for every token of every text unit, and for every catalogue spelling).
        func pushBytes(_ kind: CatalogToken.Kind, _ start: Int, _ end: Int) {
            let slice = UnsafeBufferPointer(rebasing: b[start..<end])
            let t = String(decoding: slice, as: UTF8.self)
            var ascii = true
            var upper = false
            var h: UInt32 = 2_166_136_261
            for c in slice {
                if c >= 0x80 { ascii = false; break }
                let l = c &- 0x41 < 26 ? c + 32 : c
                if l != c { upper = true }
                h = (h ^ UInt32(l)) &* 16_777_619
            }
            guard ascii else {
                let lower = t.lowercased()
                append(kind, t, lower, TokenDigest.of(lower), start, end)
                return
            }
            let digest = UInt16(truncatingIfNeeded: h ^ (h >> 16))
            guard upper else { return append(kind, t, t, digest, start, end) }
            let lower = String(unsafeUninitializedCapacity: slice.count) { out in
                for (k, c) in slice.enumerated() { out[k] = c &- 0x41 < 26 ? c + 32 : c }
                return slice.count
            }
            append(kind, t, lower, digest, start, end)
        }

        while i < n {
            let (s, len) = scalar(b, i)
            if s == "\n" {
                newlinesInGap += 1
                if newlinesInGap >= 2 { sawParagraphBreak = true }
                i += 1
                continue
            }
            if isSoft(s) {
                if !(s.isASCII ? s.value == 0x20 || (s.value >= 0x09 && s.value <= 0x0D) : s.properties.isWhitespace) {
                    newlinesInGap = 0
                }
                i += len
                continue
            }
            if isDigit(s) {
                let start = i
                while i < n, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
                pushBytes(.number, start, i)
                continue
            }
            if isLetter(s) {
                let start = i
                while i < n {
                    let c0 = b[i]
                    if c0 < 0x80 {
                        guard c0 | 0x20 &- 0x61 < 26 else { break }
                        i += 1
                        continue
                    }
                    let (c, l) = scalar(b, i)
                    guard isLetter(c) else { break }
                    i += l
                }
                // "8xV100": a run starting with a lower-case x right after a number is "x" + rest.
                if s == "x", lastWasNumber, lastEnd == start, start + 1 < i {
                    pushBytes(.word, start, start + 1)
                    pushBytes(.word, start + 1, i)
                } else {
                    pushBytes(.word, start, i)
                }
                continue
            }
            if s == "\\" {
                let start = i
                let next = i + 1
                if next < n {
                    let (c, l) = scalar(b, next)
                    if c.isASCII, isLetter(c) {
                        var j = next
                        while j < n, b[j] < 0x80, isLetter(Unicode.Scalar(b[j])) { j += 1 }
                        if isTimesCommand(b, next, j) {
                            push(.word, "x", start, j)
                        } else {
                            pushBytes(.command, start, j)
                        }
                        i = j
                        continue
                    }
                    // "\," "\;" "\!" "\:" "\ " are spaces; "\%" "\&" "\_" are the character itself.
                    if c == "," || c == ";" || c == "!" || c == ":" || c.properties.isWhitespace || isSoft(c) {
                        i = next + l
                        continue
                    }
                    push(.punct, String(c), start, next + l)
                    i = next + l
                    continue
                }
                i += 1
                continue
            }
            let end = i + len
            switch s {
            case "\u{00D7}", "\u{2A2F}":   // × ⨯
                push(.word, "x", i, end)
            case "\u{2019}", "\u{2018}", "\u{02BC}", "`":
                push(.punct, "'", i, end)
            case "\u{201C}", "\u{201D}":
                push(.punct, "\"", i, end)
            case "\u{223C}", "\u{301C}":   // ∼ 〜
                push(.punct, "~", i, end)
            default:
                pushBytes(.punct, i, end)
            }
            i = end
        }
        return tokens
    }

    /// True when the scalar right after `index` in `text` is not a letter or digit.
    static func endsWord(_ text: String, at index: String.Index) -> Bool {
        let scalars = text.unicodeScalars
        guard index < scalars.endIndex else { return true }
        return !isAlnum(scalars[index])
    }
}
