import PaperModel

extension PDFStructure {
    /// Tunables of finding a table's lines around its caption.
    struct TableExtentTuning: Sendable {
        /// Rows further apart than this many body line pitches end the table.
        var maxRowGap = 3.0
        /// Rows of the table on the side of the caption chosen first (below) needed to keep it.
        var minRowsBelow = 2
        /// A line of running text spans at least this share of its column.
        var textLineWidth = 0.5
        /// A gap between words wider than this (× text height) is a column gap, not prose.
        var columnGap = 1.2

        static let standard = TableExtentTuning()
    }

    /// The lines of the table captioned by `capLines`: the rows right below the caption, else
    /// those right above it, on the caption's page and across the column regions that the
    /// layout cut the table into. Rows stop at running text, a heading, another caption or a
    /// wide vertical gap. In a two-column paper a table under a caption that stays within one
    /// column is looked for in that column only.
    func tableLines(caption capLines: [Int], tuning: TableExtentTuning = .standard) -> [Int] {
        guard let first = capLines.first, let last = capLines.last else { return [] }
        let page = L[first].page
        guard let range = pageRanges[page] else { return [] }
        var px0 = Double.infinity, px1 = -Double.infinity
        for k in range { px0 = min(px0, L[k].x0); px1 = max(px1, L[k].x1) }
        var bx0 = px0, bx1 = px1
        if twoColumn {
            let mid = (px0 + px1) / 2, slack = 0.05 * (px1 - px0)
            if L[first].x1 < mid + slack { bx1 = mid } else if L[first].x0 > mid - slack { bx0 = mid }
        }
        let own = Set(capLines)
        let pool = range.filter { k in
            guard !consumed[k], !own.contains(k) else { return false }
            let c = (L[k].x0 + L[k].x1) / 2
            return c >= bx0 && c <= bx1
        }
        // Each column region's vertical extent on the page: text beside a wrapped table runs on
        // past the caption, a column of table cells does not.
        var extent: [Int: (Double, Double)] = [:]
        for k in range {
            let e = extent[L[k].region] ?? (L[k].y0, L[k].y1)
            extent[L[k].region] = (min(e.0, L[k].y0), max(e.1, L[k].y1))
        }
        let top = L[first].y0, bottom = L[last].y1
        let below = walk(pool.filter { L[$0].y0 >= bottom - 1 }, from: bottom, down: true, tuning: tuning) { k in
            (extent[L[k].region]?.0 ?? .infinity) < top
        }
        if below.rows >= tuning.minRowsBelow { return below.lines }
        let above = walk(pool.filter { L[$0].y1 <= top + 1 }, from: top, down: false, tuning: tuning) { k in
            (extent[L[k].region]?.1 ?? -.infinity) > bottom
        }
        return above.rows > below.rows ? above.lines : below.lines
    }

    /// Rows (lines at one height) walked away from the caption until the table ends.
    /// `pastCaption(k)`: line `k`'s column region runs on past the caption.
    private func walk(_ pool: [Int], from edge: Double, down: Bool, tuning: TableExtentTuning,
                      pastCaption: (Int) -> Bool) -> (lines: [Int], rows: Int) {
        let sorted = pool.sorted { down ? L[$0].y0 < L[$1].y0 : L[$0].y1 > L[$1].y1 }
        var rows: [[Int]] = []
        for k in sorted {
            let c = (L[k].y0 + L[k].y1) / 2
            if let r = rows.last, let f = r.first, abs((L[f].y0 + L[f].y1) / 2 - c) < 0.5 * min(L[f].height, L[k].height) {
                rows[rows.count - 1].append(k)
            } else {
                rows.append([k])
            }
        }
        var out: [Int] = []
        var count = 0
        var reach = edge
        for r in rows {
            let top = r.map { L[$0].y0 }.min()!, bottom = r.map { L[$0].y1 }.max()!
            let gap = down ? top - reach : reach - bottom
            if gap > tuning.maxRowGap * pitch { break }
            if r.contains(where: { caption($0) != nil || display($0).1 != nil }) { break }
            if r.contains(where: { k in heading(k).map { $0.kind != .size } ?? false }) { break }
            // Running text ends the table; beside the table (a wrapped table: its column runs on
            // past the caption) it is left out; otherwise it is a cell of words.
            let text = r.filter { isRunningText($0, tuning: tuning) }
            if text.count == r.count { break }
            out += r.filter { !text.contains($0) || !pastCaption($0) }
            count += 1
            reach = down ? max(reach, bottom) : min(reach, top)
        }
        return (out, count)
    }

    /// A line of prose at body size, without a column gap, spanning most of its column.
    func isRunningText(_ k: Int, tuning: TableExtentTuning = .standard) -> Bool {
        let l = L[k]
        guard isProse(k), !looksTabular(l), l.x1 - l.x0 >= tuning.textLineWidth * l.regionWidth else { return false }
        for j in l.tokens.indices.dropFirst() where l.tokens[j].x0 - l.tokens[j - 1].x1 > tuning.columnGap * l.height { return false }
        return true
    }
}
