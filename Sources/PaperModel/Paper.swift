/// The document model every reader fills and every analyzer reads (after pandoc's
/// `Pandoc Meta [Block]`): metadata, an abstract, a tree of sections holding blocks, footnotes,
/// a bibliography and the labels that cross-references resolve to.
public struct Paper: Codable, Hashable, Sendable {
    public var metadata: Metadata
    public var abstract: [Paragraph]
    /// Blocks that stand before the first section heading (after the abstract).
    public var front: [Block]
    public var sections: [Section]
    public var footnotes: [Footnote]
    public var bibliography: [BibEntry]
    /// Every `\label` and the node it names.
    public var labels: [String: NodeRef]
    public var source: SourceInfo

    public init(metadata: Metadata = Metadata(), abstract: [Paragraph] = [], front: [Block] = [],
                sections: [Section] = [], footnotes: [Footnote] = [], bibliography: [BibEntry] = [],
                labels: [String: NodeRef] = [:], source: SourceInfo) {
        self.metadata = metadata
        self.abstract = abstract
        self.front = front
        self.sections = sections
        self.footnotes = footnotes
        self.bibliography = bibliography
        self.labels = labels
        self.source = source
    }
}

/// Title, authors and identifiers.
public struct Metadata: Codable, Hashable, Sendable {
    public var title: String?
    public var authors: [Author]
    public var arxivID: String?
    public var date: String?
    public var titleSpan: SourceSpan?

    public init(title: String? = nil, authors: [Author] = [], arxivID: String? = nil, date: String? = nil,
                titleSpan: SourceSpan? = nil) {
        self.title = title
        self.authors = authors
        self.arxivID = arxivID
        self.date = date
        self.titleSpan = titleSpan
    }
}

public struct Author: Codable, Hashable, Sendable {
    public var name: String
    public var affiliation: String?

    public init(name: String, affiliation: String? = nil) {
        self.name = name
        self.affiliation = affiliation
    }
}

/// What the paper was read from.
public struct SourceInfo: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, Sendable {
        case latex, text, pdf, html
    }

    public var kind: Kind
    /// The path the user gave.
    public var input: String
    /// The main file inside a folder or archive (LaTeX), else the input's name.
    public var mainFile: String
    /// Every file whose text went into the model, main file first.
    public var files: [String]
    public var pages: Int?

    public init(kind: Kind, input: String, mainFile: String, files: [String] = [], pages: Int? = nil) {
        self.kind = kind
        self.input = input
        self.mainFile = mainFile
        self.files = files
        self.pages = pages
    }
}

/// A reference to a labelled node.
public struct NodeRef: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, Sendable {
        case section, equation, algorithm, algorithmLine, table, figure, theorem, footnote, item, other
    }

    public var kind: Kind
    public var id: String
    /// The number LaTeX would print for it (`3.1`, `(4)`, `1`), where known.
    public var number: String?

    public init(kind: Kind, id: String, number: String? = nil) {
        self.kind = kind
        self.id = id
        self.number = number
    }
}

/// A numbered or starred section with its blocks and subsections.
public struct Section: Codable, Hashable, Sendable {
    public var id: String
    public var title: String
    /// `3.1`, `A.2`; nil for starred sections.
    public var number: String?
    /// 1 = section (or chapter/part mapped to 1), 2 = subsection, 3 = subsubsection, 4 = paragraph.
    public var level: Int
    public var starred: Bool
    public var appendix: Bool
    public var label: String?
    public var span: SourceSpan
    public var blocks: [Block]
    public var subsections: [Section]

    public init(id: String, title: String, number: String?, level: Int, starred: Bool, appendix: Bool,
                label: String? = nil, span: SourceSpan, blocks: [Block] = [], subsections: [Section] = []) {
        self.id = id
        self.title = title
        self.number = number
        self.level = level
        self.starred = starred
        self.appendix = appendix
        self.label = label
        self.span = span
        self.blocks = blocks
        self.subsections = subsections
    }
}

public struct Footnote: Codable, Hashable, Sendable {
    public var id: String
    public var text: String
    public var span: SourceSpan

    public init(id: String, text: String, span: SourceSpan) {
        self.id = id
        self.text = text
        self.span = span
    }
}

public struct BibEntry: Codable, Hashable, Sendable {
    public var key: String
    public var text: String
    public var span: SourceSpan

    public init(key: String, text: String, span: SourceSpan) {
        self.key = key
        self.text = text
        self.span = span
    }
}
