/// Splits text that carries inline math as `$…$` (the reader's convention for paragraphs,
/// captions and algorithm lines) into prose and math pieces.
struct InlineMath: Sendable, Hashable {
    /// One piece of a line: prose as written, or the TeX between a pair of dollars.
    enum Piece: Sendable, Hashable {
        case prose(String)
        case math(String)
    }

    var pieces: [Piece]

    init(_ text: String) {
        var pieces: [Piece] = []
        var current = ""
        var inMath = false
        var previous: Character = " "
        var iterator = text.makeIterator()
        var pendingSecondDollar = false
        while let c = iterator.next() {
            if c == "$" && previous != "\\" {
                // `$$` opens or closes display math inside a line: treat it as one dollar.
                if pendingSecondDollar { pendingSecondDollar = false; previous = c; continue }
                if !current.isEmpty || inMath { pieces.append(inMath ? .math(current) : .prose(current)) }
                current = ""
                inMath.toggle()
                previous = c
                continue
            }
            pendingSecondDollar = false
            current.append(c)
            previous = c
        }
        if !current.isEmpty {
            // An unclosed `$`: what follows is kept as prose, never lost.
            pieces.append(inMath ? .prose("$" + current) : .prose(current))
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
        split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
    }

    /// Lowercased words (letters, digits, hyphens and underscores), in order.
    var words: [String] {
        lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "'") }).map(String.init)
    }
}
