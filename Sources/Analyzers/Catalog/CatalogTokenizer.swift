import PaperModel

/// One token of text as the catalogue matchers see it.
///
/// Letters and digits form separate tokens ("CIFAR10" is `CIFAR`, `10`), so a letter/digit
/// boundary, a space, a hyphen or an underscore all separate tokens alike. Soft separators
/// (whitespace, hyphens, dashes, `_`, `~`, `$`, `{`, `}`, TeX thin spaces) are not tokens: they
/// live in the gap before the next token. Every other character is a one-character `punct` token.
struct CatalogToken: Sendable {
    enum Kind: Sendable { case word, number, punct, command }

    /// How the token's text relates to its bytes in the source.
    enum Spelling: UInt8, Sendable {
        /// The bytes as written.
        case asWritten
        /// A multiplication sign (`\times`, `×`): "x".
        case times
        /// A curly single quote or a backtick: "'".
        case quote
        /// A curly double quote: "\"".
        case doubleQuote
        /// A wave dash (`∼`, `〜`): "~".
        case tilde
        /// A TeX escape (`\%`): the bytes after the backslash.
        case escaped
    }

    let kind: Kind
    /// The tokenized string, shared by all its tokens. A token keeps byte offsets into it and
    /// builds its text only when asked: most tokens are only ever tested by ``digest``, and
    /// building two strings for each was most of the cost of tokenizing.
    let source: String
    /// Byte offsets in `source`: the token is `start..<end`; the gap before it starts at `gap`.
    let start: Int32
    let end: Int32
    let gap: Int32
    /// ``TokenDigest`` of ``lower``.
    let digest: UInt16
    let spelling: Spelling
    /// The scalar right before the token is a letter or digit (so the token starts inside a word).
    let glued: Bool
    /// The gap before this token contains a paragraph break (two newlines).
    let paragraphBreakBefore: Bool

    /// Text as written (for `\times` / `×`: "x"; for curly quotes: the straight quote).
    var text: String {
        switch spelling {
        case .asWritten: return bytes(Int(start), Int(end))
        case .times: return "x"
        case .quote: return "'"
        case .doubleQuote: return "\""
        case .tilde: return "~"
        case .escaped: return bytes(Int(start) + 1, Int(end))
        }
    }

    /// ``text`` lower-cased.
    var lower: String {
        guard spelling == .asWritten else { return CatalogTokenizer.asciiLowercased(text) }
        return withBytes(Int(start), Int(end)) { CatalogTokenizer.asciiLowercased($0) }
    }

    /// `lower == s`, without building ``lower`` when both are ASCII (the byte comparison is
    /// then the same as the string comparison; other text is compared as strings).
    func lowerIs(_ s: String) -> Bool {
        guard spelling == .asWritten else { return lower == s }
        var s = s
        let same: Bool? = s.withUTF8 { sb in
            withBytes(Int(start), Int(end)) { tb in
                for c in sb where c >= 0x80 { return nil }
                for c in tb where c >= 0x80 { return nil }
                guard tb.count == sb.count else { return false }
                for k in 0..<tb.count where tb[k].asciiLowercased != sb[k] { return false }
                return true
            }
        }
        return same ?? (lower == s)
    }

    /// Where the token is in the source string.
    var range: Range<String.Index> { index(Int(start))..<index(Int(end)) }

    /// Start of the gap before this token (the previous token's end, or the string's start).
    var gapStart: String.Index { index(Int(gap)) }

    var isWord: Bool { kind == .word }
    var isNumber: Bool { kind == .number }

    private func index(_ offset: Int) -> String.Index {
        source.utf8.index(source.utf8.startIndex, offsetBy: offset)
    }

    private func bytes(_ from: Int, _ to: Int) -> String {
        withBytes(from, to) { String(decoding: $0, as: UTF8.self) }
    }

    private func withBytes<R>(_ from: Int, _ to: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        var source = source
        return source.withUTF8 { body(UnsafeBufferPointer(rebasing: $0[from..<to])) }
    }
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
        s.value &- 0x30 < 10
    }

    static func isAlnum(_ s: Unicode.Scalar) -> Bool {
        if s.isASCII { return isDigit(s) || isLetter(s) }
        return isDigit(s) || s.properties.isAlphabetic
    }

    /// `lowercased()`, without the Unicode machinery when the text is ASCII (also used by the
    /// core analysis, per sentence).
    static func asciiLowercased(_ t: String) -> String {
        var bytes = t
        // ASCII without a capital is its own lower case: no new string.
        return bytes.withUTF8 { b in b.contains { $0 >= 0x80 || $0 &- 0x41 < 26 } ? asciiLowercased(b) : t }
    }

    /// The UTF-8 `bytes` as a string, lower-cased like the `String` overload: one
    /// string built, not two.
    static func asciiLowercased(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        var upper = false
        for c in bytes {
            if c >= 0x80 { return String(decoding: bytes, as: UTF8.self).lowercased() }
            if c &- 0x41 < 26 { upper = true }
        }
        guard upper else { return String(decoding: bytes, as: UTF8.self) }
        return String(unsafeUninitializedCapacity: bytes.count) { out in
            for (k, c) in bytes.enumerated() { out[k] = c.asciiLowercased }
            return bytes.count
        }
    }

    /// TeX commands that stand for a multiplication sign (read as the word "x").
    static let timesCommands: Set<String> = ["times", "texttimes"]

    /// Digests of the texts that replace a token's bytes.
    private enum Digests {
        static let x = TokenDigest.of("x")
        static let quote = TokenDigest.of("'")
        static let doubleQuote = TokenDigest.of("\"")
        static let tilde = TokenDigest.of("~")
    }

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

    /// What an ASCII byte is to the tokenizer (one table look-up instead of the scalar
    /// predicates, which the byte loop asked in turn for every byte).
    private enum ByteClass: UInt8 {
        /// `\n`: counted for paragraph breaks.
        case newline
        /// Space, tab, CR, VT, FF: a soft separator that keeps the newline count.
        case space
        /// `-` `_` `~` `$` `{` `}`: a soft separator that resets the newline count.
        case soft
        case digit
        case letter
        case backslash
        /// A backtick: a quote token.
        case backtick
        /// Any other ASCII byte: a one-byte punctuation token.
        case punct
    }

    /// ``ByteClass`` of each ASCII byte, as raw values.
    private static let byteClasses: [UInt8] = (0..<128).map { (v: Int) -> UInt8 in
        let c: ByteClass = switch v {
        case 0x0A: .newline
        case 0x20, 0x09, 0x0B, 0x0C, 0x0D: .space
        case 0x2D, 0x5F, 0x7E, 0x24, 0x7B, 0x7D: .soft
        case 0x30...0x39: .digit
        case 0x41...0x5A, 0x61...0x7A: .letter
        case 0x5C: .backslash
        case 0x60: .backtick
        default: .punct
        }
        return c.rawValue
    }

    private static func tokenize(_ text: String, _ b: UnsafeBufferPointer<UInt8>) -> [CatalogToken] {
        // The state lives inside the closure: variables captured from outside it and mutated
        // by the local functions below are checked for exclusive access at run time, at every
        // access.
        byteClasses.withUnsafeBufferPointer { classes in
            let n = b.count
            var tokens: [CatalogToken] = []
            // Most texts have one token per 4–6 bytes; a third of the bytes leaves room for dense
            // ones ("1, 2, 3") without growing the array.
            tokens.reserveCapacity(n / 3 + 2)
            var lastEnd = -1
            var lastWasNumber = false
            var i = 0
            var gapStart = 0
            var newlinesInGap = 0
            var sawParagraphBreak = false

            /// Whether the scalar ending right before byte `start` is a letter or digit.
            func glued(_ start: Int) -> Bool {
                guard start > 0 else { return false }
                let p = b[start - 1]
                if p < 0x80 {
                    let c = classes[Int(p)]
                    return c == ByteClass.letter.rawValue || c == ByteClass.digit.rawValue
                }
                return isAlnum(scalar(b, previousStart(b, start)).0)
            }

            func append(_ kind: CatalogToken.Kind, _ spelling: CatalogToken.Spelling, _ digest: UInt16, _ start: Int, _ end: Int) {
                tokens.append(CatalogToken(kind: kind, source: text, start: Int32(start), end: Int32(end), gap: Int32(gapStart),
                                           digest: digest, spelling: spelling, glued: glued(start),
                                           paragraphBreakBefore: sawParagraphBreak))
                gapStart = end
                lastEnd = end
                lastWasNumber = kind == .number
                newlinesInGap = 0
                sawParagraphBreak = false
            }

            /// The digest of bytes `start..<end` lower-cased, in one pass over them (ASCII); no string
            /// is built.
            func digest(_ start: Int, _ end: Int) -> UInt16 {
                var h: UInt32 = 2_166_136_261
                for k in start..<end {
                    let c = b[k]
                    if c >= 0x80 {
                        return TokenDigest.of(String(decoding: UnsafeBufferPointer(rebasing: b[start..<end]), as: UTF8.self).lowercased())
                    }
                    h = (h ^ UInt32(c.asciiLowercased)) &* 16_777_619
                }
                return UInt16(truncatingIfNeeded: h ^ (h >> 16))
            }

            /// A token that is its bytes `start..<end`.
            func pushBytes(_ kind: CatalogToken.Kind, _ start: Int, _ end: Int) {
                append(kind, .asWritten, digest(start, end), start, end)
            }

            /// A word from `start` (its first scalar, `first`, is a letter) to the end of its
            /// letters; "8xV100": a run starting with a lower-case x right after a number is
            /// "x" + rest.
            func word(_ start: Int, first: Unicode.Scalar) {
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
                if first == "x", lastWasNumber, lastEnd == start, start + 1 < i {
                    pushBytes(.word, start, start + 1)
                    pushBytes(.word, start + 1, i)
                } else {
                    pushBytes(.word, start, i)
                }
            }

            /// A backslash at `i`: a command, a TeX space, an escaped character, or (at the end)
            /// nothing.
            func command() {
                let start = i
                let next = i + 1
                guard next < n else {
                    i += 1
                    return
                }
                let (c, l) = scalar(b, next)
                if c.isASCII, isLetter(c) {
                    var j = next
                    while j < n, b[j] < 0x80, isLetter(Unicode.Scalar(b[j])) { j += 1 }
                    if isTimesCommand(b, next, j) {
                        append(.word, .times, Digests.x, start, j)
                    } else {
                        pushBytes(.command, start, j)
                    }
                    i = j
                    return
                }
                // "\," "\;" "\!" "\:" "\ " are spaces; "\%" "\&" "\_" are the character itself.
                if c == "," || c == ";" || c == "!" || c == ":" || c.properties.isWhitespace || isSoft(c) {
                    i = next + l
                    return
                }
                append(.punct, .escaped, digest(next, next + l), start, next + l)
                i = next + l
            }

            while i < n {
                let c0 = b[i]
                if c0 < 0x80 {
                    switch ByteClass(rawValue: classes[Int(c0)])! {
                    case .newline:
                        newlinesInGap += 1
                        if newlinesInGap >= 2 { sawParagraphBreak = true }
                        i += 1
                    case .space:
                        i += 1
                    case .soft:
                        newlinesInGap = 0
                        i += 1
                    case .digit:
                        let start = i
                        while i < n, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
                        pushBytes(.number, start, i)
                    case .letter:
                        let start = i
                        i += 1
                        word(start, first: Unicode.Scalar(c0))
                    case .backslash:
                        command()
                    case .backtick:
                        append(.punct, .quote, Digests.quote, i, i + 1)
                        i += 1
                    case .punct:
                        pushBytes(.punct, i, i + 1)
                        i += 1
                    }
                    continue
                }
                // Non-ASCII: the scalar predicates decide.
                let (s, len) = scalar(b, i)
                if isSoft(s) {
                    if !s.properties.isWhitespace { newlinesInGap = 0 }
                    i += len
                    continue
                }
                if isLetter(s) {
                    let start = i
                    i += len
                    word(start, first: s)
                    continue
                }
                let end = i + len
                switch s {
                case "\u{00D7}", "\u{2A2F}":   // × ⨯
                    append(.word, .times, Digests.x, i, end)
                case "\u{2019}", "\u{2018}", "\u{02BC}":
                    append(.punct, .quote, Digests.quote, i, end)
                case "\u{201C}", "\u{201D}":
                    append(.punct, .doubleQuote, Digests.doubleQuote, i, end)
                case "\u{223C}", "\u{301C}":   // ∼ 〜
                    append(.punct, .tilde, Digests.tilde, i, end)
                default:
                    pushBytes(.punct, i, end)
                }
                i = end
            }

            return tokens
        }
    }

    /// True when the scalar right after `index` in `text` is not a letter or digit.
    static func endsWord(_ text: String, at index: String.Index) -> Bool {
        let scalars = text.unicodeScalars
        guard index < scalars.endIndex else { return true }
        return !isAlnum(scalars[index])
    }
}
