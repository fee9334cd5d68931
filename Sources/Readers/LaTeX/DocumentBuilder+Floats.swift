import Foundation
import PaperModel

extension DocumentBuilder {
    /// What a float environment holds once read.
    struct FloatContent {
        var caption: InlineText?
        var labels: [String] = []
        var rows: [TableRow] = []
        var algorithmLines: [AlgorithmLine] = []
        var sawAlgorithmic = false
        /// Algorithm floats nested in this float (several boxes side by side in one figure).
        var nested: [Algorithm] = []
    }

    /// `figure`/`table` floats: caption, label, and the tabulars or algorithmic blocks inside.
    mutating func parseFloat(_ name: String, category: String, at loc: TokenLocation) -> [Item] {
        if let spec = vocabulary.environmentArguments[name] { skipArguments(spec) }
        var content = FloatContent()
        var open: [String] = []
        while !finished, let t = ex.next() {
            guard t.kind == .control else { continue }
            switch t.text {
            case "caption", "captionof":
                if t.text == "captionof" { _ = ex.readArgumentRaw() }
                readCaption(into: &content)
            case "label":
                content.labels.append(readPlainArgument())
            case "begin":
                let env = readPlainArgument()
                switch vocabulary.environments[env] {
                case "algorithm":
                    if let alg = parseAlgorithmFloat(env, at: t.location) { content.nested.append(alg) }
                case "tabular":
                    if let spec = vocabulary.environmentArguments[env] { skipArguments(spec) }
                    content.rows += parseTabularRows(endEnvironment: env, caption: &content)
                case "algorithmic":
                    _ = ex.readOptionalRaw()
                    content.sawAlgorithmic = true
                    content.algorithmLines += parseAlgorithmicLines(endEnvironment: env)
                    if content.caption == nil, let stray = strayAlgorithmCaption { content.caption = stray }
                    strayAlgorithmCaption = nil
                case "math":
                    _ = readMathTokens(closer: .environment(env))
                case "raw", "verbatim":
                    _ = readRawEnvironment(env)
                default:
                    if let spec = vocabulary.environmentArguments[env] { skipArguments(spec) }
                    open.append(env)
                }
            case "end":
                let env = readPlainArgument()
                if let last = open.last, last == env {
                    open.removeLast()
                    continue
                }
                if env == name { return makeFloat(name, category: category, content, at: loc) }
                if open.contains(env) { open.removeAll { $0 == env } }
            case "footnote":
                _ = ex.readOptionalRaw()
                _ = ex.readArgumentRaw()
            default:
                continue
            }
        }
        warn(.unclosedEnvironment, "\\begin{\(name)} is never closed", at: loc)
        return makeFloat(name, category: category, content, at: loc)
    }

    mutating func readCaption(into content: inout FloatContent) {
        _ = ex.readOptionalRaw()
        var acc = InlineText()
        if let peek = ex.peekNonSpaceRaw(), peek.kind == .beginGroup {
            _ = ex.nextRaw()
            _ = readInline(.group, into: &acc)
        }
        content.labels += acc.labels
        if content.caption == nil { content.caption = acc }
    }

    mutating func nextFloatNumber(_ counter: String) -> String {
        let n = (floatCounters[counter] ?? 0) + 1
        floatCounters[counter] = n
        return String(n)
    }

    private mutating func makeFloat(_ name: String, category: String, _ content: FloatContent,
                                    at loc: TokenLocation) -> [Item] {
        guard inDocument else { return [] }
        if !content.nested.isEmpty {
            // Boxes side by side in one figure: each is an algorithm; the figure keeps its caption.
            var items: [Item] = content.nested.map { .block(.algorithm($0)) }
            if content.caption != nil {
                var outer = content
                outer.nested = []
                items += makeFloat(name, category: category, outer, at: loc)
            }
            return items
        }
        let caption = content.caption?.trimmed ?? ""
        let hasCaption = content.caption != nil
        if content.sawAlgorithmic {
            let number = hasCaption ? nextFloatNumber("algorithm") : nil
            let alg = Algorithm(id: nextID("alg"), caption: caption, label: content.labels.first, number: number,
                                syntax: algorithmicSyntax, lines: content.algorithmLines, span: span(loc))
            for l in content.labels { register(label: l, NodeRef(kind: .algorithm, id: alg.id, number: number), at: loc) }
            return [.block(.algorithm(alg))]
        }
        if category == "table" || !content.rows.isEmpty {
            let number = hasCaption ? nextFloatNumber(category == "table" ? "table" : "figure") : nil
            let table = Table(id: nextID("tab"), caption: caption, label: content.labels.first, number: number,
                              rows: content.rows, span: span(loc))
            for l in content.labels {
                register(label: l, NodeRef(kind: category == "table" ? .table : .figure, id: table.id, number: number), at: loc)
            }
            return [.block(.table(table))]
        }
        let number = hasCaption ? nextFloatNumber("figure") : nil
        let figure = Figure(id: nextID("fig"), caption: caption, label: content.labels.first, number: number, span: span(loc))
        for l in content.labels { register(label: l, NodeRef(kind: .figure, id: figure.id, number: number), at: loc) }
        return [.block(.figure(figure))]
    }

    // MARK: Tabular

    /// Rows of a tabular up to its `\end`; `&` separates cells and `\\` rows; `\multicolumn` and
    /// `\multirow` become spans. A `\caption` met inside (longtable) becomes the float's caption.
    mutating func parseTabularRows(endEnvironment: String) -> [TableRow] {
        var content = FloatContent()
        return parseTabularRows(endEnvironment: endEnvironment, caption: &content)
    }

    mutating func parseTabularRows(endEnvironment: String, caption content: inout FloatContent) -> [TableRow] {
        var rows: [TableRow] = []
        var cells: [TableCell] = []
        var column = 0
        var rowStart: TokenLocation? = nil
        func finishRow(_ rows: inout [TableRow], _ cells: inout [TableCell], _ column: inout Int,
                       _ rowStart: inout TokenLocation?, _ builder: DocumentBuilder) {
            if cells.contains(where: { !$0.text.isEmpty }) {
                rows.append(TableRow(cells: cells, span: builder.span(rowStart)))
            }
            cells = []
            column = 0
            rowStart = nil
        }
        while !finished {
            var acc = InlineText()
            let stop = readInline(.cell, into: &acc)
            if rowStart == nil { rowStart = acc.firstLocation }
            let text = acc.trimmed
            if !(stop == .block || stop == .end) || !text.isEmpty || !cells.isEmpty {
                cells.append(TableCell(text: text, column: column, columnSpan: acc.columnSpan, rowSpan: acc.rowSpan))
                column += acc.columnSpan
            }
            switch stop {
            case .cellEnd:
                continue
            case .rowEnd:
                finishRow(&rows, &cells, &column, &rowStart, self)
            case .block:
                guard let t = ex.next() else { return rows }
                if t.isControl("end") {
                    let env = readPlainArgument()
                    if env == endEnvironment {
                        finishRow(&rows, &cells, &column, &rowStart, self)
                        return rows
                    }
                    continue
                }
                if t.isControl("caption") {
                    readCaption(into: &content)
                    continue
                }
                if t.isControl("begin") {
                    let env = readPlainArgument()
                    if vocabulary.environments[env] == "tabular" {
                        if let spec = vocabulary.environmentArguments[env] { skipArguments(spec) }
                        rows += parseTabularRows(endEnvironment: env, caption: &content)
                    }
                    continue
                }
                // \item or another block command inside a cell: skip it.
                continue
            default:
                finishRow(&rows, &cells, &column, &rowStart, self)
                return rows
            }
        }
        return rows
    }
}
