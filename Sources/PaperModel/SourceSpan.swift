/// A place in a paper's sources: a file with line and column (1-based), or a PDF page and box.
///
/// Every node of the ``Paper`` model and every finding derived from it carries one, so that a
/// user can go from any extracted fact back to the sentence it came from.
public struct SourceSpan: Codable, Hashable, Sendable {
    /// Path of the file relative to the paper's root (or the name of the input file).
    public var file: String
    public var line: Int
    public var column: Int
    public var endLine: Int?
    public var endColumn: Int?
    /// 1-based page number, for sources laid out in pages (PDF).
    public var page: Int?
    /// Bounding box on the page, in PDF points: x, y of the top-left corner, width, height.
    public var box: Box?

    public init(file: String, line: Int, column: Int, endLine: Int? = nil, endColumn: Int? = nil,
                page: Int? = nil, box: Box? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.endLine = endLine
        self.endColumn = endColumn
        self.page = page
        self.box = box
    }

    /// A span covering `self` up to the end of `other` (same file assumed).
    public func through(_ other: SourceSpan) -> SourceSpan {
        guard other.file == file else { return self }
        var s = self
        s.endLine = other.endLine ?? other.line
        s.endColumn = other.endColumn ?? other.column
        return s
    }

    /// `file:line:col`, or `file p.N` for paged sources.
    public var description: String {
        if let page { return "\(file) p.\(page)" }
        return "\(file):\(line):\(column)"
    }

    /// Short form for tables: `file:line` or `p.N`.
    public var short: String {
        if let page { return "p.\(page)" }
        return "\(file):\(line)"
    }
}

/// A rectangle on a page, in points.
public struct Box: Codable, Hashable, Sendable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double

    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }
}
