/// A table with its caption and cells; `\multicolumn` and `\multirow` are resolved into spans
/// and each cell knows the grid column it starts in.
public struct Table: Codable, Hashable, Sendable {
    public var id: String
    public var caption: String
    public var label: String?
    public var number: String?
    public var rows: [TableRow]
    public var span: SourceSpan

    public init(id: String, caption: String, label: String? = nil, number: String? = nil, rows: [TableRow],
                span: SourceSpan) {
        self.id = id
        self.caption = caption
        self.label = label
        self.number = number
        self.rows = rows
        self.span = span
    }

    /// Number of grid columns.
    public var columnCount: Int {
        rows.map { $0.cells.map { $0.column + $0.columnSpan }.max() ?? 0 }.max() ?? 0
    }

    /// The table as a rectangular grid of texts: a spanned cell's text fills every grid slot it
    /// covers (so a header spanning three columns heads each of them).
    public var grid: [[String]] {
        let width = columnCount
        var out = Array(repeating: Array(repeating: "", count: width), count: rows.count)
        for (r, row) in rows.enumerated() {
            for cell in row.cells {
                for dr in 0..<max(1, cell.rowSpan) where r + dr < rows.count {
                    for dc in 0..<max(1, cell.columnSpan) where cell.column + dc < width {
                        if out[r + dr][cell.column + dc].isEmpty { out[r + dr][cell.column + dc] = cell.text }
                    }
                }
            }
        }
        return out
    }
}

public struct TableRow: Codable, Hashable, Sendable {
    public var cells: [TableCell]
    public var span: SourceSpan

    public init(cells: [TableCell], span: SourceSpan) {
        self.cells = cells
        self.span = span
    }
}

public struct TableCell: Codable, Hashable, Sendable {
    public var text: String
    /// 0-based grid column where the cell starts.
    public var column: Int
    public var columnSpan: Int
    public var rowSpan: Int

    public init(text: String, column: Int, columnSpan: Int = 1, rowSpan: Int = 1) {
        self.text = text
        self.column = column
        self.columnSpan = columnSpan
        self.rowSpan = rowSpan
    }
}
