import PaperModel

/// Text being collected from inline HTML: whitespace collapsed, math as `$TeX$`, with anchors
/// that map offsets of the text back to bytes of the page (for sentence locations), and the
/// references and citations met on the way.
struct HTMLInlineText {
    var bytes: [UInt8] = []
    private var pendingSpace = false
    /// (UTF-8 offset in the text, byte offset in the page) at the start of each word.
    private(set) var anchors: [(out: Int, source: Int)] = []
    var references: [String] = []
    var citations: [String] = []
    /// When set, `<br>` ends a line (`\n`) instead of being a space (author blocks).
    var breakLines = false

    var isEmpty: Bool { bytes.isEmpty }

    mutating func space() { pendingSpace = true }

    mutating func lineBreak() {
        if breakLines {
            bytes.append(0x0A)
            pendingSpace = false
        } else {
            pendingSpace = true
        }
    }

    @inline(__always)
    private mutating func beforeContent(source: Int?) {
        if pendingSpace, let last = bytes.last, last != 0x20, last != 0x0A { bytes.append(0x20) }
        pendingSpace = false
        if let source { anchors.append((bytes.count, source)) }
    }

    /// Appends a string as one piece (math, a reference's text).
    mutating func append(_ s: String, source: Int? = nil) {
        guard !s.isEmpty else { return }
        beforeContent(source: source)
        bytes.append(contentsOf: s.utf8)
    }

    /// Appends the text of a byte range of the page, decoding references and collapsing space.
    mutating func appendSource(_ b: [UInt8], _ range: Range<Int>) {
        var k = range.lowerBound
        let end = range.upperBound
        var anchor = true
        while k < end {
            let c = b[k]
            if HTMLEntities.isSpace(c) {
                // Each word is anchored, so that a sentence maps to its exact place.
                anchor = true
                pendingSpace = true
                k += 1
                continue
            }
            if c == 0x26, let (value, length) = HTMLEntities.reference(b, at: k, end: end) {
                if value == " " { pendingSpace = true } else {
                    beforeContent(source: anchor ? k : nil)
                    anchor = false
                    bytes.append(contentsOf: value.utf8)
                }
                k += length
                continue
            }
            if c == 0xC2, k + 1 < end, b[k + 1] == 0xA0 {
                pendingSpace = true
                k += 2
                continue
            }
            beforeContent(source: anchor ? k : nil)
            anchor = false
            bytes.append(c)
            k += 1
        }
    }

    var text: String {
        var b = bytes[...]
        while let l = b.last, l == 0x20 || l == 0x0A { b = b.dropLast() }
        return String(decoding: b, as: UTF8.self)
    }

    /// The page offset of the text at UTF-8 offset `offset`.
    func source(at offset: Int) -> Int? {
        var lo = 0, hi = anchors.count - 1
        var best: Int?
        while lo <= hi {
            let mid = (lo + hi) / 2
            if anchors[mid].out <= offset { best = mid; lo = mid + 1 } else { hi = mid - 1 }
        }
        return best.map { anchors[$0].source }
    }
}

extension HTMLDocument {
    /// A span from the start of node `i` to its end.
    func span(_ i: Int, file: String) -> SourceSpan {
        let node = nodes[i]
        let s = position(of: node.start)
        let e = position(of: node.end)
        return SourceSpan(file: file, line: s.line, column: s.column, endLine: e.line, endColumn: e.column)
    }

    /// A span from the start of `first` to the end of `last`.
    func span(from first: Int, to last: Int, file: String) -> SourceSpan {
        let s = position(of: nodes[first].start)
        let e = position(of: nodes[last].end)
        return SourceSpan(file: file, line: s.line, column: s.column, endLine: e.line, endColumn: e.column)
    }

    /// A point span at a byte offset.
    func point(_ offset: Int, file: String) -> SourceSpan {
        let p = position(of: offset)
        return SourceSpan(file: file, line: p.line, column: p.column)
    }
}
