/// A block-level node of a section.
public enum Block: Hashable, Sendable {
    case paragraph(Paragraph)
    case equation(Equation)
    case algorithm(Algorithm)
    case table(Table)
    case figure(Figure)
    case theorem(TheoremBlock)
    case list(ListBlock)
    /// A construct the reader does not model, kept as its TeX (never dropped silently).
    case raw(RawBlock)

    public var span: SourceSpan {
        switch self {
        case .paragraph(let x): x.span
        case .equation(let x): x.span
        case .algorithm(let x): x.span
        case .table(let x): x.span
        case .figure(let x): x.span
        case .theorem(let x): x.span
        case .list(let x): x.span
        case .raw(let x): x.span
        }
    }

    /// The name of the case, as written in JSON (`"type"`).
    public var typeName: String {
        switch self {
        case .paragraph: "paragraph"
        case .equation: "equation"
        case .algorithm: "algorithm"
        case .table: "table"
        case .figure: "figure"
        case .theorem: "theorem"
        case .list: "list"
        case .raw: "raw"
        }
    }
}

extension Block: Codable {
    private enum TypeKey: String, CodingKey { case type }

    public init(from decoder: Decoder) throws {
        let type = try decoder.container(keyedBy: TypeKey.self).decode(String.self, forKey: .type)
        switch type {
        case "paragraph": self = .paragraph(try Paragraph(from: decoder))
        case "equation": self = .equation(try Equation(from: decoder))
        case "algorithm": self = .algorithm(try Algorithm(from: decoder))
        case "table": self = .table(try Table(from: decoder))
        case "figure": self = .figure(try Figure(from: decoder))
        case "theorem": self = .theorem(try TheoremBlock(from: decoder))
        case "list": self = .list(try ListBlock(from: decoder))
        case "raw": self = .raw(try RawBlock(from: decoder))
        default:
            throw DecodingError.dataCorruptedError(forKey: .type, in: try decoder.container(keyedBy: TypeKey.self),
                                                   debugDescription: "unknown block type \(type)")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: TypeKey.self)
        try c.encode(typeName, forKey: .type)
        switch self {
        case .paragraph(let x): try x.encode(to: encoder)
        case .equation(let x): try x.encode(to: encoder)
        case .algorithm(let x): try x.encode(to: encoder)
        case .table(let x): try x.encode(to: encoder)
        case .figure(let x): try x.encode(to: encoder)
        case .theorem(let x): try x.encode(to: encoder)
        case .list(let x): try x.encode(to: encoder)
        case .raw(let x): try x.encode(to: encoder)
        }
    }
}

/// A paragraph of prose. Inline math stays in the text as `$…$` with its TeX.
public struct Paragraph: Codable, Hashable, Sendable {
    public var id: String
    public var text: String
    public var sentences: [Sentence]
    /// Labels this paragraph refers to (`\ref`, `\eqref`, `\cref`, …).
    public var references: [String]
    /// Citation keys (`\cite`, `\citep`, …).
    public var citations: [String]
    public var span: SourceSpan

    public init(id: String, text: String, sentences: [Sentence], references: [String] = [],
                citations: [String] = [], span: SourceSpan) {
        self.id = id
        self.text = text
        self.sentences = sentences
        self.references = references
        self.citations = citations
        self.span = span
    }
}

/// One sentence of a paragraph, with where it starts.
public struct Sentence: Codable, Hashable, Sendable {
    public var text: String
    public var span: SourceSpan

    public init(text: String, span: SourceSpan) {
        self.text = text
        self.span = span
    }
}

/// Display math: the TeX (with the paper's macros expanded), its environment, labels and number.
public struct Equation: Codable, Hashable, Sendable {
    public var id: String
    /// TeX after the paper's own macros are expanded.
    public var tex: String
    /// The TeX exactly as written in the source file, when it differs from `tex`.
    public var source: String?
    /// `equation`, `align`, `align*`, `$$`, `\[`, `gather`, …
    public var environment: String
    /// Rows of a multi-line environment (split at `\\`), each with its own label and number.
    public var rows: [EquationRow]
    public var labels: [String]
    /// The printed number(s), e.g. `3` (none for starred environments).
    public var numbers: [String]
    public var span: SourceSpan

    public init(id: String, tex: String, source: String? = nil, environment: String, rows: [EquationRow] = [],
                labels: [String] = [], numbers: [String] = [], span: SourceSpan) {
        self.id = id
        self.tex = tex
        self.source = source
        self.environment = environment
        self.rows = rows
        self.labels = labels
        self.numbers = numbers
        self.span = span
    }
}

public struct EquationRow: Codable, Hashable, Sendable {
    public var tex: String
    public var label: String?
    public var number: String?

    public init(tex: String, label: String? = nil, number: String? = nil) {
        self.tex = tex
        self.label = label
        self.number = number
    }
}

public struct Figure: Codable, Hashable, Sendable {
    public var id: String
    public var caption: String
    public var label: String?
    public var number: String?
    public var span: SourceSpan
    /// Text drawn inside the figure (axis titles, legends, panel labels), line by line, where
    /// the source has it as text (PDF); nil when there is none.
    public var content: [String]?

    public init(id: String, caption: String, label: String? = nil, number: String? = nil, span: SourceSpan,
                content: [String]? = nil) {
        self.id = id
        self.caption = caption
        self.label = label
        self.number = number
        self.span = span
        self.content = content
    }
}

/// Theorem-like environments and proofs. Their contents are blocks, so that analyzers can tell
/// proof-only math from the method's math.
public struct TheoremBlock: Codable, Hashable, Sendable {
    public var id: String
    /// The kind as named in the source: `theorem`, `lemma`, `proof`, `definition`, …
    public var kind: String
    /// The general class: theorem, lemma, proof, definition, corollary, proposition, remark, assumption, example, other.
    public var category: String
    /// Optional title, e.g. `\begin{theorem}[Convergence]`.
    public var title: String?
    public var label: String?
    public var number: String?
    public var blocks: [Block]
    public var span: SourceSpan

    public init(id: String, kind: String, category: String, title: String? = nil, label: String? = nil,
                number: String? = nil, blocks: [Block] = [], span: SourceSpan) {
        self.id = id
        self.kind = kind
        self.category = category
        self.title = title
        self.label = label
        self.number = number
        self.blocks = blocks
        self.span = span
    }
}

/// An itemize/enumerate/description list; each item holds blocks.
public struct ListBlock: Codable, Hashable, Sendable {
    public var id: String
    public var ordered: Bool
    public var items: [ListItem]
    public var span: SourceSpan

    public init(id: String, ordered: Bool, items: [ListItem], span: SourceSpan) {
        self.id = id
        self.ordered = ordered
        self.items = items
        self.span = span
    }
}

public struct ListItem: Codable, Hashable, Sendable {
    public var label: String?
    public var blocks: [Block]
    public var span: SourceSpan

    public init(label: String? = nil, blocks: [Block], span: SourceSpan) {
        self.label = label
        self.blocks = blocks
        self.span = span
    }
}

/// An unmodelled construct kept as TeX, e.g. an unknown environment or a tikzpicture.
public struct RawBlock: Codable, Hashable, Sendable {
    public var id: String
    /// Environment or command name.
    public var name: String
    public var tex: String
    public var span: SourceSpan

    public init(id: String, name: String, tex: String, span: SourceSpan) {
        self.id = id
        self.name = name
        self.tex = tex
        self.span = span
    }
}
