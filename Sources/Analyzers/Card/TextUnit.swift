import PaperModel

/// A piece of a paper's text that analyzers read — a sentence, a table row, a caption, an
/// algorithm line — with where it stands and the role of its section.
public struct TextUnit: Sendable {
    public enum Kind: String, Sendable {
        case sentence, tableRow, caption, algorithmLine, listItem
        /// Text drawn inside a figure (legends, axis titles), all its lines as one unit.
        case figureText
    }

    public var kind: Kind
    public var text: String
    public var span: SourceSpan
    /// abstract, introduction, relatedWork, background, method, experiments, results, conclusion,
    /// appendix, other (roles of tables, captions and algorithms are `table`, `caption`, `algorithm`).
    public var role: String
    /// The innermost section's title with its number (`4.1 Setup`), or "Abstract".
    public var context: String
    /// Inside a theorem, lemma or proof.
    public var inTheory: Bool

    /// The text split for the catalogue matchers, once for all of them (filled by
    /// `Paper.textUnits`; empty for units made elsewhere, which are tokenized when matched).
    var tokens: [CatalogToken] = []

    /// ``tokens``, or the text tokenized now.
    var catalogTokens: [CatalogToken] { tokens.isEmpty ? CatalogTokenizer.tokenize(text) : tokens }

    public var evidence: Evidence { Evidence(span: span, text: text, context: context) }
}

extension Paper {
    /// Every sentence, table row, caption and algorithm line of the paper, in order, with its
    /// section role (bibliography and footnotes excluded).
    public func textUnits(rules: CardRules = .shared) -> [TextUnit] {
        var out: [TextUnit] = []
        for s in abstract.flatMap(\.sentences) {
            out.append(TextUnit(kind: .sentence, text: s.text, span: s.span, role: "abstract", context: "Abstract", inTheory: false))
        }
        // allBlocks lists the abstract's paragraphs first; they are read above.
        var roles: [String: String?] = [:]
        func role(of s: Section) -> String? {
            if let r = roles[s.id] { return r }
            let r = rules.role(ofTitle: s.title)
            roles[s.id] = r
            return r
        }
        // Role and context depend only on the section path. `allBlocks` gives every block of a
        // section the same path array, so they are worked out when the array changes (compared
        // by its storage: the same storage is the same path), not per block.
        var current: (path: UnsafeRawPointer?, role: String, context: String)?
        for located in allBlocks.dropFirst(abstract.count) {
            let path = located.sectionPath
            let id = path.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
            if current == nil || current!.path != id {
                var sectionRole = "other"
                if located.inAppendix {
                    sectionRole = "appendix"
                } else {
                    for s in path.reversed() {
                        if let r = role(of: s) { sectionRole = r; break }
                    }
                }
                let context = located.section.map { s in (s.number.map { "\($0) " } ?? "") + s.title } ?? "Front matter"
                current = (id, sectionRole, context)
            }
            let sectionRole = current!.role
            let context = current!.context
            let theory = !located.theoremPath.isEmpty
            switch located.block {
            case .paragraph(let p):
                for s in p.sentences {
                    out.append(TextUnit(kind: .sentence, text: s.text, span: s.span, role: sectionRole, context: context,
                                        inTheory: theory))
                }
            case .table(let t):
                if !t.caption.isEmpty {
                    out.append(TextUnit(kind: .caption, text: t.caption, span: t.span, role: "caption",
                                        context: t.number.map { "Table \($0)" } ?? context, inTheory: false))
                }
                // A comparison table lists methods in its first column: those cells are not data.
                let header = t.rows.first?.cells.first?.text.lowercased().trimmingCharacters(in: .whitespaces) ?? ""
                let methodColumn = rules.methodColumnHeaders.contains(header)
                for (k, row) in t.rows.enumerated() {
                    let cells = methodColumn && k > 0 && row.cells.count > 1 ? Array(row.cells.dropFirst()) : row.cells
                    out.append(TextUnit(kind: .tableRow, text: cells.map(\.text).joined(separator: " | "), span: row.span,
                                        role: "table", context: t.number.map { "Table \($0)" } ?? context, inTheory: false))
                }
            case .figure(let f):
                if !f.caption.isEmpty {
                    out.append(TextUnit(kind: .caption, text: f.caption, span: f.span, role: "caption",
                                        context: f.number.map { "Figure \($0)" } ?? context, inTheory: false))
                }
                if let lines = f.content, !lines.isEmpty {
                    out.append(TextUnit(kind: .figureText, text: lines.joined(separator: " | "), span: f.span, role: "caption",
                                        context: f.number.map { "Figure \($0)" } ?? context, inTheory: false))
                }
            case .algorithm(let a):
                let name = a.number.map { "Algorithm \($0)" } ?? context
                if !a.caption.isEmpty {
                    for s in SentenceSplitter.split(a.caption) {
                        out.append(TextUnit(kind: .caption, text: s.text, span: a.span, role: "algorithm", context: name,
                                            inTheory: false))
                    }
                }
                for line in a.lines where !line.text.isEmpty {
                    out.append(TextUnit(kind: .algorithmLine, text: line.text, span: line.span, role: "algorithm",
                                        context: name, inTheory: false))
                }
            default:
                break
            }
        }
        for i in out.indices { out[i].tokens = CatalogTokenizer.tokenize(out[i].text) }
        return out
    }
}
