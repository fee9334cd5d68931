import PaperModel

/// ``PaperModel/Table/grid`` built row by row, in order, as the table reader asks: most tables
/// are results tables, dropped once their caption and header rows are read, and building the
/// whole grid first (a String per slot, the width from an array per row) was most of their cost.
/// Row `r` is final once rows `0...r` are placed, since a spanned cell fills only rows at or
/// below its own; slots are filled in `Table.grid`'s order (first text wins), so the rows equal.
struct HyperTableGrid {
    private let table: Table
    /// Number of grid columns (``PaperModel/Table/columnCount``, without its arrays).
    let width: Int
    /// Rows being filled (empty until a cell reaches them).
    private var slots: [[String]]
    /// Rows handed out so far.
    private(set) var next = 0

    init(_ table: Table) {
        self.table = table
        var width = 0
        for row in table.rows {
            for cell in row.cells { width = max(width, cell.column + cell.columnSpan) }
        }
        self.width = width
        slots = Array(repeating: [], count: table.rows.count)
    }

    var count: Int { table.rows.count }

    /// Grid row ``next``; call while `next < count`.
    mutating func nextRow() -> [String] {
        let r = next
        let rows = table.rows
        for cell in rows[r].cells {
            for dr in 0..<max(1, cell.rowSpan) where r + dr < rows.count {
                for dc in 0..<max(1, cell.columnSpan) where cell.column + dc < width {
                    if slots[r + dr].isEmpty { slots[r + dr] = Array(repeating: "", count: width) }
                    if slots[r + dr][cell.column + dc].isEmpty { slots[r + dr][cell.column + dc] = cell.text }
                }
            }
        }
        next += 1
        var row: [String] = []
        swap(&row, &slots[r])
        return row.isEmpty ? Array(repeating: "", count: width) : row
    }
}
