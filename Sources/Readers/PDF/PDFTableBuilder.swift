import PaperModel

/// Rebuilds a table's rows and cells from the word boxes of its lines, into the same
/// ``Table`` rows the LaTeX reader makes (cells with their grid column, column and row spans).
///
/// - Rows: words whose vertical centres agree, whatever line or column region the layout put
///   them in.
/// - Columns: vertical channels that no word of any row of several cells crosses, at least
///   ``Tuning/channelWidth`` wide; a word gap wider than ``Tuning/cellGap`` always separates
///   cells. A row of one cell crossing a column boundary is a label spanning the table ("Pre-train
///   on ImageNet"), unless its words each sit over one column (a header set without gaps
///   between vertical rules).
/// - Multirow cells: a row set midway between two close rows that leave its columns empty
///   (`\multirow`) spans them; the span grows symmetrically over rows closer together than the
///   gap it straddles (a block of rows).
/// - Stacked cell text ("Stoch" over "Depth" in a header): a row of one or two cells closer to
///   a neighbour row than rows stand apart joins it.
struct PDFTableBuilder {
    /// Tunables, in units of the text height of the table.
    struct Tuning: Sendable {
        /// A gap between words wider than this always separates cells.
        var cellGap = 0.9
        /// A channel free of words over all rows, at least this wide, separates columns.
        var channelWidth = 0.45
        /// Lines whose centres differ by less than this form one row.
        var rowTolerance = 0.35
        /// A row within this of the midpoint of two rows is a multirow cell of both.
        var midwayTolerance = 0.3
        /// A multirow span grows over gaps smaller than this fraction of the gap it straddles.
        var blockGapRatio = 0.85
        /// Stacked cell text joins a row whose centre is at most this far (rows stand further apart).
        var stackDistance = 0.9
        /// Stacked cell text forms rows of at most this many cells.
        var fragmentCells = 2
        /// The two rows a multirow cell is set between are at most this far apart.
        var multirowPitch = 2.0

        static let standard = Tuning()
    }

    struct Piece {
        var text: String
        var x0: Double, x1: Double
    }

    struct Cell {
        var text: String
        var x0: Double, x1: Double
        var column = 0
        var span = 1
        var rowSpan = 1
    }

    struct Row {
        var lines: [Int]
        var pieces: [Piece]
        var center: Double
        var height: Double
        var cells: [Cell] = []
        var label = false
    }

    var tuning = Tuning.standard

    /// Rows of the table made of `lines` (any order, any column region).
    func rows(_ lines: [PDFLine], file: String) -> [TableRow] {
        var rows = groupRows(lines)
        guard !rows.isEmpty else { return [] }
        let heights = rows.map(\.height).sorted()
        let h = max(1, heights[heights.count / 2])
        for r in rows.indices { rows[r].cells = coarseCells(rows[r].pieces, gap: tuning.cellGap * rows[r].height) }
        // Columns from the rows of several cells; a row of one cell crossing a column
        // boundary is a label spanning the table ("Pre-train on JFT").
        let multi = rows.filter { $0.cells.count >= 2 }
        let bounds = columnBounds(multi.count >= 2 ? multi : rows, minWidth: tuning.channelWidth * h)
        let cores = columnCores(multi, bounds: bounds)
        for r in rows.indices {
            if rows[r].cells.count == 1, let cells = alignedCells(rows[r], bounds: bounds, cores: cores, h: h) {
                rows[r].cells = cells
                continue
            }
            if rows.count > 2, rows[r].cells.count == 1 {
                let c = rows[r].cells[0]
                rows[r].label = bounds.contains { $0 > c.x0 && $0 < c.x1 }
            }
            rows[r].cells = splitCells(rows[r], bounds: bounds)
        }
        let folded = fold(rows, h: h)
        return folded.map { row in
            TableRow(cells: row.cells.map { TableCell(text: $0.text, column: $0.column, columnSpan: $0.span, rowSpan: $0.rowSpan) },
                     span: PDFSpans.span(file: file, row.lines.sorted().map { lines[$0] }))
        }
    }

    /// Words grouped into rows by their vertical centre (not by the layout's lines, which may
    /// join a multirow cell to the row it overlaps), top to bottom; pieces left to right.
    func groupRows(_ lines: [PDFLine]) -> [Row] {
        struct Word { var piece: Piece; var center: Double; var height: Double; var line: Int }
        var words: [Word] = []
        for (i, l) in lines.enumerated() {
            for t in l.tokens {
                // The first base glyph run places the word (scripts and tall symbols do not).
                let base = t.runs.first { $0.script == .base && !$0.tall } ?? t.runs[0]
                words.append(Word(piece: Piece(text: t.text, x0: t.x0, x1: t.x1), center: (base.y0 + base.y1) / 2,
                                  height: min(l.height, max(1, base.y1 - base.y0)), line: i))
            }
        }
        words.sort { $0.center < $1.center }
        var rows: [Row] = []
        for w in words {
            if var last = rows.last, abs(w.center - last.center) < tuning.rowTolerance * min(last.height, w.height) {
                if !last.lines.contains(w.line) { last.lines.append(w.line) }
                last.pieces.append(w.piece)
                rows[rows.count - 1] = last
            } else {
                rows.append(Row(lines: [w.line], pieces: [w.piece], center: w.center, height: w.height))
            }
        }
        for r in rows.indices { rows[r].pieces.sort { $0.x0 < $1.x0 } }
        return rows
    }

    /// Pieces joined into cells wherever the gap between them is at most `gap`.
    func coarseCells(_ pieces: [Piece], gap: Double) -> [Cell] {
        var out: [Cell] = []
        for p in pieces {
            if var c = out.last, p.x0 - c.x1 <= gap {
                c.text += " " + p.text
                c.x1 = max(c.x1, p.x1)
                out[out.count - 1] = c
            } else {
                out.append(Cell(text: p.text, x0: p.x0, x1: p.x1))
            }
        }
        return out
    }

    /// Column boundaries: the middles of the channels no piece of `rows` covers.
    func columnBounds(_ rows: [Row], minWidth: Double) -> [Double] {
        let spans = rows.flatMap(\.pieces).map { ($0.x0, $0.x1) }.sorted { $0.0 < $1.0 }
        var bounds: [Double] = []
        var reach = -Double.infinity
        for (a, b) in spans {
            if reach.isFinite, a - reach >= minWidth { bounds.append((a + reach) / 2) }
            reach = max(reach, b)
        }
        return bounds
    }

    /// The extent of each column's cells over the rows of several cells.
    func columnCores(_ rows: [Row], bounds: [Double]) -> [(Double, Double)] {
        var cores = [(Double, Double)](repeating: (.infinity, -.infinity), count: bounds.count + 1)
        for r in rows {
            for c in splitCells(r, bounds: bounds) where c.span == 1 {
                cores[c.column] = (min(cores[c.column].0, c.x0), max(cores[c.column].1, c.x1))
            }
        }
        return cores
    }

    /// A row of words set without column gaps (a header between vertical rules) read cell by
    /// cell: each word sits over the cells of one column and overlaps no other. Nil when a
    /// word does not fit (a label spanning the table).
    func alignedCells(_ row: Row, bounds: [Double], cores: [(Double, Double)], h: Double) -> [Cell]? {
        guard !bounds.isEmpty, row.pieces.count >= 2 else { return nil }
        var out: [Cell] = []
        for p in row.pieces {
            let col = bounds.filter { $0 < (p.x0 + p.x1) / 2 }.count
            let core = cores[col]
            let intrudes = cores.indices.contains { k in k != col && cores[k].0 < p.x1 - 0.5 && p.x0 + 0.5 < cores[k].1 }
            guard core.0 <= core.1, !intrudes,
                  (p.x0 + p.x1) / 2 >= core.0 - 0.5 * h, (p.x0 + p.x1) / 2 <= core.1 + 0.5 * h else { return nil }
            if var last = out.last, last.column == col {
                last.text += " " + p.text
                last.x1 = p.x1
                out[out.count - 1] = last
            } else {
                out.append(Cell(text: p.text, x0: p.x0, x1: p.x1, column: col))
            }
        }
        return out.count >= 2 ? out : nil
    }

    /// A row's cells cut at wide gaps and at column boundaries, each with its column and span.
    func splitCells(_ row: Row, bounds: [Double]) -> [Cell] {
        var out: [Cell] = []
        let gap = tuning.cellGap * row.height
        for p in row.pieces {
            if var c = out.last, p.x0 - c.x1 <= gap, !bounds.contains(where: { $0 > c.x1 && $0 < p.x0 }) {
                c.text += " " + p.text
                c.x1 = max(c.x1, p.x1)
                out[out.count - 1] = c
            } else {
                out.append(Cell(text: p.text, x0: p.x0, x1: p.x1))
            }
        }
        for k in out.indices {
            out[k].column = bounds.filter { $0 < out[k].x0 }.count
            out[k].span = 1 + bounds.filter { $0 > out[k].x0 && $0 < out[k].x1 }.count
        }
        return out
    }

    /// Whether `cells` overlap no column of `row` (nor of cells reaching down into it).
    static func free(_ cells: [Cell], in row: Row) -> Bool {
        !row.label && !cells.contains { c in row.cells.contains { $0.column < c.column + c.span && c.column < $0.column + $0.span } }
    }

    /// Rows set midway between two close rows that leave their columns free become multirow
    /// cells; rows of a few cells set closer to a neighbour than rows stand apart are stacked
    /// text of that neighbour.
    func fold(_ rows: [Row], h: Double) -> [Row] {
        guard rows.count >= 3 else { return rows }
        // Midway rows, judged against their immediate neighbours.
        var midway = Set<Int>()
        for r in 1..<(rows.count - 1) where !rows[r].label {
            let a = rows[r - 1], b = rows[r + 1]
            // A row between two fragments of stacked text ("Stoch" / "Depth") is not a multirow.
            let fragments = a.cells.count <= tuning.fragmentCells && b.cells.count <= tuning.fragmentCells
                && rows[r].cells.count > max(a.cells.count, b.cells.count)
            guard !a.label, !b.label, !fragments, b.center - a.center <= tuning.multirowPitch * h,
                  abs(rows[r].center - (a.center + b.center) / 2) <= tuning.midwayTolerance * h,
                  Self.free(rows[r].cells, in: a), Self.free(rows[r].cells, in: b) else { continue }
            midway.insert(r)
        }
        // Stacked fragments: onto the nearest other row, when much closer than a row pitch.
        var stackedOnto: [Int: Int] = [:]
        for r in rows.indices where !rows[r].label && !midway.contains(r) {
            let near = [r - 1, r + 1].filter { $0 >= 0 && $0 < rows.count && !midway.contains($0) && !rows[$0].label }
                .min { abs(rows[$0].center - rows[r].center) < abs(rows[$1].center - rows[r].center) }
            guard let p = near, abs(rows[p].center - rows[r].center) <= tuning.stackDistance * h,
                  rows[r].cells.count <= tuning.fragmentCells, rows[r].cells.count < rows[p].cells.count, stackedOnto[p] == nil,
                  Self.free(rows[r].cells, in: rows[p]) else { continue }
            stackedOnto[r] = p
        }
        guard !midway.isEmpty || !stackedOnto.isEmpty else { return rows }
        let primary = rows.indices.filter { !midway.contains($0) && stackedOnto[$0] == nil }
        var out = primary.map { rows[$0] }
        let position = Dictionary(uniqueKeysWithValues: primary.enumerated().map { ($1, $0) })
        for (r, p) in stackedOnto.sorted(by: { $0.key < $1.key }) {
            guard let q = position[p] else { continue }
            for c in rows[r].cells {
                // Fragments above and below one cell ("Stoch" / "Depth") join, top first.
                if let k = out[q].cells.firstIndex(where: { $0.column == c.column }) {
                    out[q].cells[k].text += " " + c.text
                    out[q].cells[k].x1 = max(out[q].cells[k].x1, c.x1)
                } else {
                    out[q].cells.append(c)
                }
            }
            out[q].lines += rows[r].lines
        }
        for r in midway.sorted() {
            let cells = rows[r].cells
            guard let b = primary.firstIndex(where: { $0 > r }), b > 0 else { continue }
            var lo = b - 1, hi = b
            let straddled = out[hi].center - out[lo].center
            func reachable(_ k: Int) -> Bool {
                // Cells spanning down from rows above count as taken.
                for q in 0...k { for d in out[q].cells where q + d.rowSpan > k {
                    if cells.contains(where: { d.column < $0.column + $0.span && $0.column < d.column + d.span }) { return false }
                } }
                return Self.free(cells, in: out[k])
            }
            while lo > 0, hi + 1 < out.count,
                  out[lo].center - out[lo - 1].center < tuning.blockGapRatio * straddled,
                  out[hi + 1].center - out[hi].center < tuning.blockGapRatio * straddled,
                  reachable(lo - 1), reachable(hi + 1) {
                lo -= 1
                hi += 1
            }
            for var c in cells {
                c.rowSpan = hi - lo + 1
                out[lo].cells.append(c)
            }
            out[lo].lines += rows[r].lines
        }
        for k in out.indices { out[k].cells.sort { $0.column < $1.column || ($0.column == $1.column && $0.x0 < $1.x0) } }
        return out
    }
}
