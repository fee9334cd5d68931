import PaperModel

/// Replaces the placeholders that `\ref`, `\eqref`, `\cref`, … leave in text with what LaTeX
/// prints ("3.1", "(4)", "Algorithm 1"), once every label is known.
struct ReferenceResolver {
    static let open: Character = "\u{E000}"
    static let close: Character = "\u{E001}"

    let labels: [String: NodeRef]
    let theoremTitles: [String: String]
    private(set) var unresolved: Set<String> = []

    init(labels: [String: NodeRef], theoremTitles: [String: String]) {
        self.labels = labels
        self.theoremTitles = theoremTitles
    }

    static func placeholder(kind: String, labels: [String]) -> String {
        "\(open)\(kind)|\(labels.joined(separator: ","))\(close)"
    }

    /// Whether a text holds a placeholder (U+E000 is EE 80 80 in UTF-8).
    static func hasPlaceholder(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { b in
            var from = 0
            while let i = b[from...].firstIndex(of: 0xEE) {
                if i + 2 < b.count, b[i + 1] == 0x80, b[i + 2] == 0x80 { return true }
                from = i + 1
            }
            return false
        }
    }

    mutating func resolve(_ text: String) -> String {
        guard Self.hasPlaceholder(text) else { return text }
        // Placeholders are U+E000 kind|labels U+E001: EE 80 80 … EE 80 81 in UTF-8.
        var text = text
        let out = text.withUTF8 { b -> [UInt8] in
            var out: [UInt8] = []
            out.reserveCapacity(b.count)
            var i = 0
            while i < b.count {
                // Copy up to the next EE byte in one go.
                let next = b[i...].firstIndex(of: 0xEE) ?? b.count
                if next > i {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: b[i..<next]))
                    i = next
                    continue
                }
                if i + 2 < b.count, b[i + 1] == 0x80, b[i + 2] == 0x80 {
                    var j = i + 3
                    while j + 2 < b.count, !(b[j] == 0xEE && b[j + 1] == 0x80 && b[j + 2] == 0x81) { j += 1 }
                    guard j + 2 < b.count else { break }
                    let (kind, keys) = Self.kindAndKeys(UnsafeBufferPointer(rebasing: b[(i + 3)..<j]))
                    out.appendUTF8(render(kind: kind, keys: keys))
                    i = j + 3
                    continue
                }
                out.append(b[i])
                i += 1
            }
            return out
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The `kind|key,key` body of a placeholder, split on bytes (on characters if not ASCII).
    private static func kindAndKeys(_ body: UnsafeBufferPointer<UInt8>) -> (kind: String, keys: [String]) {
        guard body.allSatisfy({ $0 < 0x80 }) else {
            let text = String(decoding: body, as: UTF8.self)
            let parts = text.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
            return (String(parts.first ?? ""), parts.count > 1 ? parts[1].split(separator: ",").map(String.init) : [])
        }
        guard let bar = body.firstIndex(of: 0x7C) else { return (String(decoding: body, as: UTF8.self), []) }
        let keys = body[(bar + 1)...].split(separator: 0x2C).map { String(decoding: $0, as: UTF8.self) }
        return (String(decoding: body[..<bar], as: UTF8.self), keys)
    }

    private mutating func render(kind: String, keys: [String]) -> String {
        let rendered = keys.map { key -> String in
            guard let ref = labels[key] else {
                unresolved.insert(key)
                return "??"
            }
            let number = ref.number ?? "?"
            switch kind {
            case "paren": return "(\(number))"
            case "typed": return "\(Self.name(of: ref)) \(ref.kind == .equation ? "(\(number))" : number)"
            case "page": return "p. ?"
            case "algline": return "line \(number)"
            default: return number
            }
        }
        return rendered.joined(separator: ", ")
    }

    static func name(of ref: NodeRef) -> String {
        switch ref.kind {
        case .section: "Section"
        case .equation: "Equation"
        case .algorithm: "Algorithm"
        case .algorithmLine: "line"
        case .table: "Table"
        case .figure: "Figure"
        case .theorem: "Theorem"
        case .footnote: "footnote"
        case .item: "item"
        case .other: ""
        }
    }

    /// Resolves every text of the paper in place.
    mutating func resolve(_ paper: inout Paper) {
        paper.abstract = paper.abstract.map { resolve($0) }
        paper.front = paper.front.map { resolve($0) }
        paper.sections = paper.sections.map { resolve($0) }
        paper.footnotes = paper.footnotes.map { f in var f = f; f.text = resolve(f.text); return f }
        paper.bibliography = paper.bibliography.map { e in var e = e; e.text = resolve(e.text); return e }
    }

    private mutating func resolve(_ s: Section) -> Section {
        var s = s
        s.title = resolve(s.title)
        s.blocks = s.blocks.map { resolve($0) }
        s.subsections = s.subsections.map { resolve($0) }
        return s
    }

    private mutating func resolve(_ p: Paragraph) -> Paragraph {
        guard Self.hasPlaceholder(p.text) else { return p }
        var p = p
        p.text = resolve(p.text)
        p.sentences = p.sentences.map { s in var s = s; s.text = resolve(s.text); return s }
        return p
    }

    private mutating func resolve(_ b: Block) -> Block {
        switch b {
        case .paragraph(let p): return .paragraph(resolve(p))
        case .algorithm(var a):
            a.caption = resolve(a.caption)
            a.lines = a.lines.map { l in
                var l = l
                l.text = resolve(l.text)
                l.comment = l.comment.map { resolve($0) }
                return l
            }
            return .algorithm(a)
        case .table(var t):
            t.caption = resolve(t.caption)
            t.rows = t.rows.map { r in
                var r = r
                r.cells = r.cells.map { c in var c = c; c.text = resolve(c.text); return c }
                return r
            }
            return .table(t)
        case .figure(var f):
            f.caption = resolve(f.caption)
            return .figure(f)
        case .theorem(var t):
            t.blocks = t.blocks.map { resolve($0) }
            return .theorem(t)
        case .list(var l):
            l.items = l.items.map { i in var i = i; i.blocks = i.blocks.map { resolve($0) }; return i }
            return .list(l)
        case .equation, .raw:
            return b
        }
    }
}
