/// Splits text that carries inline math as `$…$` (the reader's convention for paragraphs,
/// captions and algorithm lines) into prose and math pieces.
public struct InlineMath: Sendable, Hashable {
    /// One piece of a line: prose as written, or the TeX between a pair of dollars.
    public enum Piece: Sendable, Hashable {
        case prose(String)
        case math(String)
    }

    public var pieces: [Piece]

    public init(_ text: String) {
        var pieces: [Piece] = []
        var inMath = false
        var copy = text
        copy.withUTF8 { b in
            func piece(_ start: Int, _ end: Int) -> String { String(decoding: UnsafeBufferPointer(rebasing: b[start..<end]), as: UTF8.self) }
            var start = 0
            // From one `$` to the next (`memchr`: most bytes are no dollar).
            var next = 0
            while let i = ByteScan.firstIndex(of: 0x24, in: b, from: next) {
                next = i + 1
                guard i == 0 || b[i - 1] != 0x5C else { continue }   // an unescaped `$`
                if i > start || inMath { pieces.append(inMath ? .math(piece(start, i)) : .prose(piece(start, i))) }
                start = i + 1
                inMath.toggle()
            }
            if start < b.count {
                // An unclosed `$`: what follows is kept as prose, never lost.
                pieces.append(inMath ? .prose("$" + piece(start, b.count)) : .prose(piece(start, b.count)))
            }
        }
        self.pieces = pieces
    }

    /// The TeX of every math piece, in order.
    var math: [String] { pieces.compactMap { if case .math(let m) = $0 { m } else { nil } } }

    /// The prose with every math piece removed and spaces collapsed.
    var proseOnly: String {
        pieces.compactMap { if case .prose(let p) = $0 { p } else { nil } }.joined(separator: " ").collapsedSpaces
    }

    /// True when the text is one math piece, with at most punctuation around it.
    var isSingleMath: Bool {
        math.count == 1 && proseOnly.allSatisfy { ".,;:".contains($0) || $0 == " " }
    }

    /// The text with dollars removed (math kept as TeX), spaces collapsed.
    var flattened: String {
        pieces.map { switch $0 { case .prose(let p): p; case .math(let m): m } }.joined().collapsedSpaces
    }
}

extension String {
    /// Trimmed, with runs of white space as one space.
    var collapsedSpaces: String {
        // ASCII text whose only white space is single spaces between words (most lines) is
        // already collapsed; other ASCII text with spaces alone is collapsed on bytes. Anything
        // else takes the Character split (`\r\n` is one Character, neither `\r` nor `\n`).
        var ascii = true, collapsed = true
        var previous = UInt8(ascii: " ")
        for b in utf8 {
            if b >= 0x80 || b == UInt8(ascii: "\n") || b == UInt8(ascii: "\t") || b == UInt8(ascii: "\r") { ascii = false; break }
            if b == UInt8(ascii: " ") && previous == UInt8(ascii: " ") { collapsed = false }
            previous = b
        }
        if ascii {
            if collapsed && previous != UInt8(ascii: " ") { return self }
            if collapsed && isEmpty { return "" }
            var out: [UInt8] = []
            out.reserveCapacity(utf8.count)
            for b in utf8 {
                if b == UInt8(ascii: " ") {
                    if let last = out.last, last != UInt8(ascii: " ") { out.append(b) }
                } else {
                    out.append(b)
                }
            }
            if out.last == UInt8(ascii: " ") { out.removeLast() }
            return String(decoding: out, as: UTF8.self)
        }
        return split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
    }

    /// `words.count`, without making the words (ASCII text is counted on bytes).
    var wordCount: Int {
        let bytes = utf8
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return words.count }
        var count = 0
        var inWord = false
        for b in bytes {
            let isWord = Self.isWordByte(b)
            if isWord && !inWord { count += 1 }
            inWord = isWord
        }
        return count
    }

    /// The ASCII bytes of a word in ``words`` and ``wordCount``: letters of either case, digits,
    /// `-`, `_`, `'`.
    private static func isWordByte(_ b: UInt8) -> Bool {
        b &- 0x61 < 26 || b &- 0x41 < 26 || b &- 0x30 < 10 || b == UInt8(ascii: "-") || b == UInt8(ascii: "_") || b == UInt8(ascii: "'")
    }

    /// Lowercased words (letters, digits, hyphens and underscores), in order.
    var words: [String] {
        // ASCII text (nearly all of it) is split on bytes: the Character properties cost
        // hundreds of instructions a character and the glossary asks for words often.
        let bytes = utf8
        guard bytes.allSatisfy({ $0 < 0x80 }) else {
            return lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "'") }).map(String.init)
        }
        var out: [String] = []
        var word: [UInt8] = []
        for b in bytes {
            if Self.isWordByte(b) {
                word.append(b &- 0x41 < 26 ? b + 32 : b)
            } else if !word.isEmpty {
                out.append(String(decoding: word, as: UTF8.self))
                word.removeAll(keepingCapacity: true)
            }
        }
        if !word.isEmpty { out.append(String(decoding: word, as: UTF8.self)) }
        return out
    }
}
