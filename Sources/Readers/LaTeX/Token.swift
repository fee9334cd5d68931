/// Where a token stands: an index into the reader's file table, a 1-based line and column, and
/// the byte offset in that file.
struct TokenLocation: Hashable, Sendable {
    var file: Int32
    var line: Int32
    var column: Int32
    var offset: Int32

    static let none = TokenLocation(file: -1, line: 0, column: 0, offset: 0)
}

/// A LaTeX token. Runs of ordinary characters are kept together as one `.text` token (split on
/// demand when a macro takes a single-character argument), which keeps the stream short.
struct Token: Hashable, Sendable {
    enum Kind: UInt8, Sendable {
        /// `\name` or `\<symbol>`; `text` holds the name without the backslash.
        case control
        /// A run of ordinary characters (letters, digits, punctuation).
        case text
        /// One or more spaces or a single newline (TeX collapses them).
        case space
        /// A blank line: the end of a paragraph.
        case paragraph
        case beginGroup, endGroup
        case mathShift, alignment, parameter, superscript, `subscript`
        /// `~`
        case active
        /// The raw body of a verbatim-like environment or of `\verb`.
        case verbatim
    }

    var kind: Kind
    var text: String
    var location: TokenLocation

    init(_ kind: Kind, _ text: String, _ location: TokenLocation) {
        self.kind = kind
        self.text = text
        self.location = location
    }

    func isControl(_ name: String) -> Bool { kind == .control && text == name }
    var isSpaceLike: Bool { kind == .space }

    /// The token written back as TeX.
    var tex: String {
        switch kind {
        case .control: "\\" + text
        case .space: " "
        case .paragraph: "\n\n"
        case .beginGroup: "{"
        case .endGroup: "}"
        case .mathShift: "$"
        case .alignment: "&"
        case .parameter: "#"
        case .superscript: "^"
        case .subscript: "_"
        case .active: "~"
        case .text, .verbatim: text
        }
    }
}

extension Array where Element == Token {
    /// The tokens written back as TeX, with a space after control words that a letter follows.
    var tex: String {
        var out: [UInt8] = []
        out.reserveCapacity(count * 4)
        for (i, t) in enumerated() {
            switch t.kind {
            case .control:
                out.append(0x5C)
                out.appendUTF8(t.text)
            case .text, .verbatim: out.appendUTF8(t.text)
            case .paragraph: out.append(0x0A); out.append(0x0A)
            case .space: out.append(0x20)
            case .beginGroup: out.append(0x7B)
            case .endGroup: out.append(0x7D)
            case .mathShift: out.append(0x24)
            case .alignment: out.append(0x26)
            case .parameter: out.append(0x23)
            case .superscript: out.append(0x5E)
            case .subscript: out.append(0x5F)
            case .active: out.append(0x7E)
            }
            // A control word followed by a letter, digit or another command gets the space the
            // tokenizer dropped (`\\gets 0`, `\\alpha = 1`, `\\cdot \\hat`).
            if t.kind == .control, i + 1 < count, Self.startsAlphabetic(t.text) {
                let n = self[i + 1]
                let spaced = (n.kind == .text && Self.startsWithoutClosingPunctuation(n.text))
                    || (n.kind == .control && Self.startsAlphabetic(n.text))
                if spaced { out.append(0x20) }
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether the first character is not one that needs no space before it (`()[]'.,;:!|*`);
    /// false for an empty string. Decided on bytes unless a non-ASCII byte follows the first.
    private static func startsWithoutClosingPunctuation(_ s: String) -> Bool {
        var u = s.utf8.makeIterator()
        guard let b = u.next() else { return false }
        let punctuation = b == 0x28 || b == 0x29 || b == 0x5B || b == 0x5D || b == 0x27 || b == 0x2E || b == 0x2C
            || b == 0x3B || b == 0x3A || b == 0x21 || b == 0x7C || b == 0x2A
        guard punctuation else { return true }
        // A combining mark after the punctuation makes a different first character.
        if let next = u.next(), next >= 0x80 { return !"()[]'.,;:!|*".contains(s.first!) }
        return false
    }

    /// Whether the first scalar is a letter (ASCII without a Unicode table lookup).
    private static func startsAlphabetic(_ s: String) -> Bool {
        guard let b = s.utf8.first else { return false }
        if b < 0x80 { return (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) }
        return s.unicodeScalars.first!.properties.isAlphabetic
    }
}
