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

    /// `lowercased()`, without the Unicode machinery when the text is ASCII.
    static func asciiLowercased(_ t: String) -> String {
        guard t.utf8.allSatisfy({ $0 < 0x80 }) else { return t.lowercased() }
        guard t.utf8.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) else { return t }
        return String(decoding: t.utf8.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 32 : $0 }, as: UTF8.self)
    }

    /// TeX commands that stand for a multiplication sign (read as the word "x").
    static let timesCommands: Set<String> = ["times", "texttimes"]

    static func tokenize(_ text: String) -> [CatalogToken] {
        let scalars = text.unicodeScalars
        var tokens: [CatalogToken] = []
        tokens.reserveCapacity(text.utf8.count / 4)
        var i = scalars.startIndex
        var gapStart = i
        var newlinesInGap = 0
        var sawParagraphBreak = false

        func push(_ kind: CatalogToken.Kind, _ t: String, _ start: String.Index, _ end: String.Index) {
            var glued = false
            if start > scalars.startIndex {
                let prev = scalars[scalars.index(before: start)]
                glued = isAlnum(prev)
            }
            tokens.append(CatalogToken(kind: kind, text: t, lower: asciiLowercased(t), range: start..<end,
                                       gapStart: gapStart, glued: glued,
                                       paragraphBreakBefore: sawParagraphBreak))
            gapStart = end
            newlinesInGap = 0
            sawParagraphBreak = false
        }

        while i < scalars.endIndex {
            let s = scalars[i]
            if s == "\n" {
                newlinesInGap += 1
                if newlinesInGap >= 2 { sawParagraphBreak = true }
                i = scalars.index(after: i)
                continue
            }
            if isSoft(s) {
                if !s.properties.isWhitespace { newlinesInGap = 0 }
                i = scalars.index(after: i)
                continue
            }
            if isDigit(s) {
                let start = i
                while i < scalars.endIndex, isDigit(scalars[i]) { i = scalars.index(after: i) }
                push(.number, String(scalars[start..<i]), start, i)
                continue
            }
            if isLetter(s) {
                let start = i
                while i < scalars.endIndex, isLetter(scalars[i]) { i = scalars.index(after: i) }
                // "8xV100": a run starting with a lower-case x right after a number is "x" + rest.
                if s == "x", let last = tokens.last, last.isNumber, last.range.upperBound == start,
                   scalars.index(after: start) < i {
                    let afterX = scalars.index(after: start)
                    push(.word, "x", start, afterX)
                    push(.word, String(scalars[afterX..<i]), afterX, i)
                } else {
                    push(.word, String(scalars[start..<i]), start, i)
                }
                continue
            }
            if s == "\\" {
                let start = i
                let next = scalars.index(after: i)
                if next < scalars.endIndex {
                    let n = scalars[next]
                    if isLetter(n), n.isASCII {
                        var j = next
                        while j < scalars.endIndex, scalars[j].isASCII, isLetter(scalars[j]) { j = scalars.index(after: j) }
                        let name = String(scalars[next..<j])
                        if timesCommands.contains(name) {
                            push(.word, "x", start, j)
                        } else {
                            push(.command, "\\" + name, start, j)
                        }
                        i = j
                        continue
                    }
                    // "\," "\;" "\!" "\:" "\ " are spaces; "\%" "\&" "\_" are the character itself.
                    if n == "," || n == ";" || n == "!" || n == ":" || n.properties.isWhitespace {
                        i = scalars.index(after: next)
                        continue
                    }
                    if isSoft(n) {
                        i = scalars.index(after: next)
                        continue
                    }
                    let end = scalars.index(after: next)
                    push(.punct, String(n), start, end)
                    i = end
                    continue
                }
                i = scalars.index(after: i)
                continue
            }
            let end = scalars.index(after: i)
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
                push(.punct, String(s), i, end)
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
