import PaperModel

/// Builds small papers with sections of paragraphs, equations and algorithm boxes for the core
/// tests.
struct CorePaperBuilder {
    enum Item {
        case text(String)
        case equation(String, label: String? = nil, number: String? = nil)
        case box([(AlgorithmLine.Kind, String, Int)], caption: String = "")
        case theorem(String, [Item])
    }

    private var line = 1
    private var counter = 0

    static func paper(_ sections: [(String, [Item])], appendix: [(String, [Item])] = []) -> Paper {
        var b = CorePaperBuilder()
        var paper = Paper(source: SourceInfo(kind: .latex, input: "t", mainFile: "t.tex"))
        var labels: [String: NodeRef] = [:]
        for (i, (title, items)) in (sections + appendix).enumerated() {
            let span = b.span()
            paper.sections.append(Section(id: "s\(i)", title: title, number: String(i + 1), level: 1, starred: false,
                                          appendix: i >= sections.count, span: span, blocks: b.blocks(items, &labels)))
        }
        paper.labels = labels
        return paper
    }

    private mutating func span() -> SourceSpan {
        defer { line += 1 }
        return SourceSpan(file: "t.tex", line: line, column: 1)
    }

    private mutating func blocks(_ items: [Item], _ labels: inout [String: NodeRef]) -> [Block] {
        items.map { item in
            counter += 1
            switch item {
            case .text(let t):
                let s = span()
                let refs = t.components(separatedBy: "\\ref{").dropFirst().compactMap { $0.split(separator: "}").first.map(String.init) }
                return .paragraph(Paragraph(id: "p\(counter)", text: t, sentences: SentenceSplitter.split(t).map { Sentence(text: $0.text, span: s) },
                                            references: refs, span: s))
            case .equation(let tex, let label, let number):
                if let label { labels[label] = NodeRef(kind: .equation, id: "eq\(counter)", number: number) }
                return .equation(Equation(id: "eq\(counter)", tex: tex, environment: "equation", labels: label.map { [$0] } ?? [],
                                          numbers: number.map { [$0] } ?? [], span: span()))
            case .box(let lines, let caption):
                let s = span()
                return .algorithm(Algorithm(id: "alg\(counter)", caption: caption, number: "1", syntax: "algorithmic",
                                            lines: lines.map { AlgorithmLine(kind: $0.0, text: $0.1, depth: $0.2, span: span()) }, span: s))
            case .theorem(let kind, let inner):
                let s = span()
                return .theorem(TheoremBlock(id: "th\(counter)", kind: kind, category: kind, blocks: blocks(inner, &labels), span: s))
            }
        }
    }
}
