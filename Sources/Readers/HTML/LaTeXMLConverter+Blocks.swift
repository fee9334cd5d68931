import PaperModel

extension LaTeXMLConverter {
    // MARK: Display math

    static let environments: [String: String] = [
        "ltx_eqn_align": "align", "ltx_eqn_alignat": "alignat", "ltx_eqn_flalign": "flalign",
        "ltx_eqn_gather": "gather", "ltx_eqn_multline": "multline", "ltx_eqn_eqnarray": "eqnarray",
    ]

    /// A display-math table (`ltx_equation`, `ltx_equationgroup`): one row per `tr`, its cells'
    /// TeX joined by `&`, the number from its `ltx_tag_equation`.
    mutating func equation(_ c: Int) -> Equation? {
        let node = doc[c]
        let trs = doc.all(in: c, where: { $0.tag == .tr }, stop: { $0.tag == .table })
        var rows: [EquationRow] = []
        var rowIDs: [String?] = []
        for tr in trs {
            if doc[tr].hasClass(.eqnIntertext) { continue }
            var parts: [String] = []
            var number: String?
            for cell in cells(of: tr) {
                if doc[cell].hasClass(.eqnEqno) {
                    if let tag = doc.first(in: cell, where: { $0.hasClass(.tag) }) {
                        number = Self.number(fromTag: doc.plainText(tag))
                    }
                    continue
                }
                if doc[cell].classSet.intersects(LTX.eqnPads) { continue }
                parts.append(cellTeX(cell))
            }
            if number == nil, let tag = doc.first(in: tr, where: { $0.hasClass(.tagEquation) }) {
                number = Self.number(fromTag: doc.plainText(tag))
            }
            while let last = parts.last, last.isEmpty { parts.removeLast() }
            let tex = parts.joined(separator: " & ")
            if tex.isEmpty, number == nil { continue }
            let parent = doc[tr].parent
            let rowID = doc[tr].attribute("id") ?? (doc[parent].tag == .tbody ? doc[parent].attribute("id") : nil)
            rows.append(EquationRow(tex: tex, label: number == nil ? nil : (rowID ?? node.attribute("id")), number: number))
            rowIDs.append(rowID)
        }
        if rows.isEmpty {
            // No table rows: the math elements themselves.
            let maths = doc.all(in: c, where: { $0.tag == .math })
            let tex = maths.map { Self.stripStyle(mathTeX($0)) }.filter { !$0.isEmpty }.joined(separator: " ")
            guard !tex.isEmpty else { return nil }
            rows = [EquationRow(tex: tex)]
        }
        let numbers = rows.compactMap(\.number)
        var environment = node.classes.lazy.compactMap { Self.environments[$0] }.first ?? "equation"
        if numbers.isEmpty { environment += "*" }
        let id = nextID("eq")
        register(c, NodeRef(kind: .equation, id: id, number: numbers.first))
        var labels: [String] = []
        for row in rows {
            guard let label = row.label, let number = row.number else { continue }
            labels.append(label)
            if labels.count > 1 || label != node.attribute("id") {
                if self.labels[label] == nil { self.labels[label] = NodeRef(kind: .equation, id: id, number: number) }
            }
        }
        let tex = rows.map(\.tex).joined(separator: " \\\\\n")
        return Equation(id: id, tex: tex, environment: environment, rows: rows.count > 1 ? rows : [],
                        labels: labels, numbers: numbers, span: span(c))
    }

    /// The TeX of one cell of a display-math row: its math, `\displaystyle` dropped; other text
    /// as `\text{…}`.
    mutating func cellTeX(_ cell: Int) -> String {
        var parts: [String] = []
        var text = HTMLInlineText()
        func flushText() {
            let s = text.text
            if !s.isEmpty { parts.append("\\text{\(s)}") }
            text = HTMLInlineText()
        }
        for child in doc[cell].children {
            let n = doc[child]
            if n.tag == .math {
                flushText()
                let tex = Self.stripStyle(mathTeX(child))
                if !tex.isEmpty { parts.append(tex) }
            } else if n.kind == .element, let m = doc.first(in: child, where: { $0.tag == .math }) {
                _ = m
                flushText()
                for math in doc.all(in: child, where: { $0.tag == .math }) {
                    let tex = Self.stripStyle(mathTeX(math))
                    if !tex.isEmpty { parts.append(tex) }
                }
            } else {
                render(child, into: &text, skipTags: true)
            }
        }
        flushText()
        return parts.joined(separator: " ")
    }

    /// TeX without the leading `\displaystyle` LaTeXML puts into aligned cells.
    static func stripStyle(_ tex: String) -> String {
        for style in ["\\displaystyle", "\\textstyle"] where tex.hasPrefix(style) {
            let rest = tex.dropFirst(style.count)
            if let f = rest.first, f.isLetter { continue }
            return rest.trimmedSpace
        }
        return tex
    }

    // MARK: Tables

    /// Rows of a tabular (`tr` or `.ltx_tr`), not those of tabulars nested in its cells.
    func rows(of tabular: Int) -> [Int] {
        doc.all(in: tabular, where: { $0.tag == .tr || $0.hasClass(.tr) },
                stop: { $0.tag == .table || $0.hasClass(.tabular) })
    }

    /// Cells of a row (`td`, `th`, `.ltx_td`).
    func cells(of row: Int) -> [Int] {
        doc[row].children.filter {
            let n = doc[$0]
            return n.kind == .element && (n.tag == .td || n.tag == .th || n.hasClass(.td))
        }
    }

    /// A tabular's rows with each cell placed in its grid column (cells spanning rows from above
    /// take their columns).
    mutating func tableRows(_ tabular: Int) -> [TableRow] {
        var out: [TableRow] = []
        var carried: [Int: Int] = [:] // column -> rows still covered from above
        for row in rows(of: tabular) {
            var cellsOut: [TableCell] = []
            var next: [Int: Int] = [:]
            for (col, left) in carried where left > 1 { next[col] = left - 1 }
            var col = 0
            for cell in cells(of: row) {
                while (carried[col] ?? 0) > 0 { col += 1 }
                let node = doc[cell]
                // Spans are capped (a table's grid is built from them): no paper spans more.
                let colspan = min(max(Int(node.attribute("colspan") ?? "") ?? 1, 1), Self.maxColumns)
                let rowspan = min(max(Int(node.attribute("rowspan") ?? "") ?? 1, 1), 1000)
                let text = inlineText(node.children).text
                cellsOut.append(TableCell(text: text, column: col, columnSpan: colspan, rowSpan: rowspan))
                if rowspan > 1 { for k in col..<(col + colspan) { next[k] = rowspan - 1 } }
                col += colspan
                if col >= Self.maxColumns { break }
            }
            carried = next
            out.append(TableRow(cells: cellsOut, span: span(row)))
        }
        // A row span reaches no further than the table.
        for r in out.indices {
            for c in out[r].cells.indices where out[r].cells[c].rowSpan > out.count - r {
                out[r].cells[c].rowSpan = out.count - r
            }
        }
        return out
    }

    static let maxColumns = 200

    // MARK: Floats

    /// Whether a node is a float of its own (figure, table, algorithm).
    static func isFloat(_ n: HTMLDocument.Node) -> Bool {
        n.tag == .figure || n.hasClass(.float) || n.hasClass(.figure) || n.hasClass(.table)
    }

    /// Captions of a float, outside nested floats, in document order.
    func captions(of c: Int) -> [Int] {
        doc.all(in: c, where: { $0.hasClass(.caption) }, stop: { Self.isFloat($0) })
    }

    /// A caption's text (without its `Figure 2:` tag) and the number in that tag.
    mutating func caption(_ cap: Int?) -> (text: String, number: String?) {
        guard let cap else { return ("", nil) }
        var number: String?
        if let tag = doc.first(in: cap, where: { $0.hasClass(.tag) }) {
            number = Self.number(fromTag: doc.plainText(tag))
        }
        return (inlineText([cap], skipTags: true).text, number)
    }

    /// A figure, table or algorithm float, with what is nested in it.
    mutating func float(_ c: Int) -> [Item] {
        let node = doc[c]
        let caps = captions(of: c)
        let listings = doc.all(in: c, where: { $0.hasClass(.listing) || $0.hasClass(.algorithm) }, stop: { Self.isFloat($0) })
        let isAlgorithm = node.hasClass(.floatAlgorithm)
            || (node.hasClass(.float) && !listings.isEmpty && !node.hasClass(.table) && !node.hasClass(.figure))
        if isAlgorithm {
            let (text, number) = caption(caps.last)
            if let listing = listings.first,
               var a = algorithm(listing: listing, float: c, caption: text, number: number) {
                for extra in listings.dropFirst() {
                    if let more = algorithm(listing: extra, float: nil) { a.lines += more.lines }
                }
                return [.block(.algorithm(a))]
            }
            if let recovered = recoveredAlgorithms(in: c, captions: []), var a = recovered.first {
                a.caption = text
                a.number = number
                register(c, NodeRef(kind: .algorithm, id: a.id, number: number))
                return [.block(.algorithm(a))] + recovered.dropFirst().map { .block(.algorithm($0)) }
            }
            return [.block(.algorithm(paragraphAlgorithm(c, caption: text, number: number)))]
        }
        if node.hasClass(.table) {
            let (text, number) = caption(caps.last)
            let id = nextID("tab")
            register(c, NodeRef(kind: .table, id: id, number: number))
            let tabulars = doc.all(in: c, where: { $0.hasClass(.tabular) || ($0.tag == .table && !$0.hasClass(.equation) && !$0.hasClass(.equationgroup)) },
                                   stop: { Self.isFloat($0) })
            var rows: [TableRow] = []
            for t in tabulars { rows += tableRows(t) }
            var out: [Item] = [.block(.table(Table(id: id, caption: text, number: number, rows: rows, span: span(c))))]
            out += nested(in: c)
            return out
        }
        // A figure. Its own caption is the last; earlier ones belong to its panels.
        let (text, number) = caption(caps.last)
        let id = nextID("fig")
        register(c, NodeRef(kind: .figure, id: id, number: number))
        var out: [Item] = [.block(.figure(Figure(id: id, caption: text, number: number, span: span(c))))]
        var panelCaptions: [String] = []
        for cap in caps.dropLast() {
            let t = caption(cap).text
            if !panelCaptions.contains(t), t != text { panelCaptions.append(t) }
        }
        for l in listings {
            if let a = algorithm(listing: l, float: nil) { out.append(.block(.algorithm(a))) }
        }
        if let recovered = recoveredAlgorithms(in: c, captions: panelCaptions) {
            out += recovered.map { .block(.algorithm($0)) }
        }
        out += nested(in: c)
        return out
    }

    /// Floats nested in a float (sub-tables, algorithms in a figure), read as floats of their own.
    private mutating func nested(in c: Int) -> [Item] {
        var out: [Item] = []
        for n in doc.all(in: c, where: { Self.isFloat($0) }) { out += float(n) }
        return out
    }

    // MARK: Lists

    mutating func list(_ c: Int) -> ListBlock {
        let node = doc[c]
        let ordered = node.tag == .ol || node.hasClass(.enumerate)
        let description = node.tag == .dl || node.hasClass(.description)
        let id = nextID("list")
        var items: [ListItem] = []
        var pendingLabel: String?
        for child in doc.elementChildren(c) {
            let n = doc[child]
            if n.tag == .dt {
                pendingLabel = Self.collapse(doc.plainText(child))
                continue
            }
            guard n.tag == .li || n.tag == .dd || n.hasClass(.item) else { continue }
            let tags = Set(doc[child].children.filter { doc[$0].hasClass(.tag) })
            var label: String? = pendingLabel
            pendingLabel = nil
            if description, label == nil, let tag = tags.first { label = Self.collapse(doc.plainText(tag)) }
            let blocks = flattenBlocks(self.items(of: child, context: .list, skipping: tags))
            register(child, NodeRef(kind: .item, id: id))
            items.append(ListItem(label: label, blocks: blocks, span: span(child)))
        }
        return ListBlock(id: id, ordered: ordered, items: items, span: span(c))
    }

    /// The blocks of items, sections inside (rare in lists and theorems) flattened.
    func flattenBlocks(_ items: [Item]) -> [Block] {
        var out: [Block] = []
        func add(_ s: Section) {
            out += s.blocks
            s.subsections.forEach(add)
        }
        for item in items {
            switch item {
            case .block(let b): out.append(b)
            case .section(let s), .heading(let s): add(s)
            }
        }
        return out
    }

    // MARK: Theorems

    mutating func theorem(_ c: Int) -> TheoremBlock {
        let node = doc[c]
        let titleNode = doc.elementChildren(c).first { doc[$0].hasClass(.title) }
        var tagText = ""
        if let t = titleNode, let tag = doc.first(in: t, where: { $0.hasClass(.tag) }) {
            tagText = Self.collapse(doc.plainText(tag))
        }
        let tagWord = tagText.split(separator: " ").first.map(String.init)
        let kind = node.classSuffix(after: "ltx_theorem_") ?? tagWord?.lowercased() ?? "theorem"
        let category = vocabulary.theorems[kind] ?? tagWord.flatMap { vocabulary.theoremCategoriesByName[$0] } ?? "other"
        let number = tagText.isEmpty ? nil : Self.number(fromTag: tagText)
        var title: String?
        if let t = titleNode { title = Self.theoremTitle(inlineText([t], skipTags: true).text) }
        let id = nextID("thm")
        register(c, NodeRef(kind: .theorem, id: id, number: number))
        let blocks = flattenBlocks(items(of: c, context: .theorem, skipping: titleNode.map { [$0] } ?? []))
        return TheoremBlock(id: id, kind: kind, category: category, title: title, number: number, blocks: blocks,
                            span: span(c))
    }

    mutating func proof(_ c: Int) -> TheoremBlock {
        let titleNode = doc.elementChildren(c).first { doc[$0].hasClass(.title) }
        var title: String?
        if let t = titleNode {
            let text = Self.theoremTitle(inlineText([t], skipTags: true).text)
            if let text, text.lowercased() != "proof" { title = text }
        }
        let id = nextID("thm")
        register(c, NodeRef(kind: .theorem, id: id))
        let blocks = flattenBlocks(items(of: c, context: .theorem, skipping: titleNode.map { [$0] } ?? []))
        return TheoremBlock(id: id, kind: "proof", category: "proof", title: title, blocks: blocks, span: span(c))
    }

    /// `(Bounded steps).` → `Bounded steps`; `.` → nil.
    static func theoremTitle(_ s: String) -> String? {
        var t = collapse(s)
        while let last = t.last, last == "." || last == ":" || last == " " { t.removeLast() }
        t = t.trimmedSpace
        if t.hasPrefix("("), t.hasSuffix(")") { t = String(t.dropFirst().dropLast()).trimmedSpace }
        return t.isEmpty ? nil : t
    }
}
