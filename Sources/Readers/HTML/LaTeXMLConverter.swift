import PaperModel

/// Turns a parsed LaTeXML page (arXiv HTML, ar5iv) into the ``Paper`` model.
///
/// LaTeXML writes LaTeX's structure as classes: `section.ltx_section` with an `ltx_title` and
/// an `ltx_tag` number, `div.ltx_para` holding `p.ltx_p` paragraphs and display math tables,
/// `figure.ltx_table`, `div.ltx_theorem`, `li.ltx_bibitem`, and `<math alttext="TeX">`. Pages
/// from other generators are read by the same walk with plain HTML rules (`h1`–`h6`, `p`,
/// `table`, `ul`/`ol`).
struct LaTeXMLConverter {
    let doc: HTMLDocument
    let file: String
    let vocabulary: LaTeXVocabulary

    var diagnostics: [Diagnostic] = []
    var metadata = Metadata()
    var abstract: [Paragraph] = []
    var footnotes: [Footnote] = []
    var bibliography: [BibEntry] = []
    var labels: [String: NodeRef] = [:]
    private var counters: [String: Int] = [:]

    /// Texts of `ltx_ERROR` elements (commands LaTeXML could not expand), with the first's offset.
    var errorTexts: [String] = []
    var firstError: Int?
    /// Blocks before the document title (preamble text LaTeXML could not interpret).
    var droppedBeforeTitle = 0
    var firstDropped: Int?
    /// Footnote elements already read.
    var recordedNotes = Set<Int>()

    init(doc: HTMLDocument, file: String, vocabulary: LaTeXVocabulary = .shared) {
        self.doc = doc
        self.file = file
        self.vocabulary = vocabulary
    }

    /// Items of a container, in document order, before they are put into sections.
    enum Item {
        case block(Block)
        case section(Section)
        /// A plain HTML heading (`h2`…) that opens a section of the given level.
        case heading(Section)
    }

    enum Context { case body, theorem, list, abstract }

    mutating func nextID(_ prefix: String) -> String {
        counters[prefix, default: 0] += 1
        return "\(prefix)\(counters[prefix]!)"
    }

    func span(_ i: Int) -> SourceSpan { doc.span(i, file: file) }

    // MARK: Document

    mutating func convert() -> Paper {
        let body = documentElement()
        let items = documentItems(body)
        let (front, sections) = assemble(items)
        reportErrors()
        if droppedBeforeTitle > 0, let at = firstDropped {
            diagnostics.append(Diagnostic(.htmlPreambleDropped, .note,
                                          "\(droppedBeforeTitle) block(s) before the title left out: preamble text LaTeXML could not interpret",
                                          at: doc.point(at, file: file)))
        }
        if metadata.title == nil, let t = doc.first(in: doc.root, where: { $0.tag == .title }) {
            let title = Self.collapse(doc.plainText(t))
            if !title.isEmpty {
                metadata.title = Self.strippingArxivPrefix(title)
                metadata.titleSpan = doc.point(doc[t].start, file: file)
            }
        }
        metadata.arxivID = ArxivID.find(in: file) ?? findArxivID()
        return Paper(metadata: metadata, abstract: abstract, front: front, sections: sections, footnotes: footnotes,
                     bibliography: bibliography, labels: labels,
                     source: SourceInfo(kind: .html, input: file, mainFile: file, files: [file]))
    }

    /// `article.ltx_document`, else `<body>`, else the root.
    private func documentElement() -> Int {
        if let a = doc.first(in: doc.root, where: { $0.hasClass(.document) }) { return a }
        if let b = doc.first(in: doc.root, where: { $0.tag == .body }) { return b }
        return doc.root
    }

    /// The document's items. What stands before the title (other than metadata) is preamble
    /// text LaTeXML could not interpret, such as colour definitions; it is left out.
    private mutating func documentItems(_ body: Int) -> [Item] {
        let children = doc[body].children
        let isTitle: (HTMLDocument.Node) -> Bool = { $0.hasClass(.titleDocument) }
        guard let titleIndex = children.firstIndex(where: {
            isTitle(doc[$0]) || doc.first(in: $0, where: isTitle, stop: { $0.tag == .section }) != nil
        }) else { return items(of: body, context: .body) }
        var skip = Set<Int>()
        for c in children[..<titleIndex] {
            if doc[c].classSet.intersects(ClassSet([.authors, .abstract, .dates])) {
                continue
            }
            skip.insert(c)
            if !doc.plainText(c).isEmpty {
                droppedBeforeTitle += 1
                if firstDropped == nil { firstDropped = doc[c].start }
            }
        }
        return items(of: body, context: .body, skipping: skip)
    }

    // MARK: Containers

    /// The items of the children of `container`: runs of inline content become paragraphs,
    /// block elements are dispatched.
    mutating func items(of container: Int, context: Context, skipping skip: Set<Int> = []) -> [Item] {
        var out: [Item] = []
        var run: [Int] = []
        for c in doc[container].children where !skip.contains(c) {
            if isInline(c) {
                run.append(c)
                continue
            }
            if !run.isEmpty, let p = paragraph(run) { out.append(.block(.paragraph(p))) }
            run = []
            let items = blockItems(c, context: context)
            // The argument of a command LaTeXML could not expand, left as a paragraph of its own
            // (`\algorithmicindent` then `1.3em`), goes with the command.
            if case .block(.paragraph(let p))? = items.first, items.count == 1,
               case .block(.raw(let r))? = out.last, r.name == "ltx_ERROR", Self.isDimension(p.text) {
                out[out.count - 1] = .block(.raw(RawBlock(id: r.id, name: r.name, tex: r.tex + " " + p.text, span: r.span)))
                continue
            }
            out += items
        }
        if !run.isEmpty, let p = paragraph(run) { out.append(.block(.paragraph(p))) }
        return out
    }

    static let inlineNames = HTMLParser.phrasing.union(TagSet([.math, .br, .img, .wbr, .svg, .input, .text]))
    /// Classes that make an inline element (a `span`) behave as a block.
    static let blockClasses = ClassSet([
        .para, .p, .inlinePara, .minipage, .inlineBlock, .listing, .tabular, .equation, .equationgroup, .ERROR, .theorem,
        .proof, .figure, .table, .float, .algorithm, .itemize, .enumerate, .description, .logicalBlock, .block, .abstract, .authors,
        .titleDocument, .bibliography, .flexFigure, .flexCell, .section, .subsection, .subsubsection, .paragraph,
        .appendix, .pagination, .acknowledgements, .keywords, .dates, .classification,
    ])

    func isInline(_ i: Int) -> Bool {
        let node = doc[i]
        if node.kind == .text { return true }
        return Self.inlineNames.contains(node.tag) && !node.classSet.intersects(Self.blockClasses)
    }

    /// Section classes and their levels.
    static let sectionLevels: [(LTX, Int)] = [
        (.part, 1), (.chapter, 1), (.section, 1), (.appendix, 1), (.subsection, 2), (.subsubsection, 3), (.paragraph, 4),
        (.subparagraph, 5),
    ]

    static let skippedNames: TagSet = TagSet([.head, .script, .style, .nav, .header, .footer, .button, .noscript, .template, .form, .input, .select, .textarea, .iframe, .object, .embed, .canvas, .video, .audio, .link, .meta, .title])
    static let skippedClasses = ClassSet([
        .pagination, .pageLogo, .pageFooter, .pageHeader, .pageNavbar, .TOC, .keywords, .classification, .index,
        .glossary, .rdf,
    ])

    /// The items one block-level element gives.
    mutating func blockItems(_ c: Int, context: Context) -> [Item] {
        let node = doc[c]
        if Self.skippedNames.contains(node.tag) { return [] }
        if node.classSet.intersects(Self.skippedClasses) { return [] }
        let has = node.hasClass
        if has(.titleDocument) {
            readTitle(c)
            return []
        }
        if has(.authors) { readAuthors(c); return [] }
        if has(.dates) { readDate(c); return [] }
        if has(.abstract) {
            readAbstract(c)
            return []
        }
        if has(.bibliography) { readBibliography(c); return [] }
        if node.hasClass(.ERROR) {
            let text = Self.collapse(doc.plainText(c))
            // The name of a float environment LaTeXML did not know (`{algorithm}`): its content
            // follows and is read on its own; the name alone says nothing.
            if text.hasPrefix("{"), text.hasSuffix("}"), !text.contains(" ") {
                noteError(text, at: node.start)
                return []
            }
            return [.block(rawError(c))]
        }
        if node.tag != .span {
            for (cl, level) in Self.sectionLevels where node.hasClass(cl) {
                return [.section(section(c, level: level, appendix: cl == .appendix))]
            }
        }
        if has(.equationgroup) || (has(.equation) && node.tag == .table) {
            return equation(c).map { [.block(.equation($0))] } ?? []
        }
        if has(.theorem) { return [.block(.theorem(theorem(c)))] }
        if has(.proof) { return [.block(.theorem(proof(c)))] }
        if has(.itemize) || has(.enumerate) || has(.description) || node.tag == .ul
            || node.tag == .ol || node.tag == .dl {
            return [.block(.list(list(c)))]
        }
        if has(.float) || has(.figure) || has(.table) || node.tag == .figure {
            return float(c)
        }
        if has(.listing) || has(.algorithm) {
            return algorithm(listing: c, float: nil).map { [.block(.algorithm($0))] } ?? []
        }
        if has(.tabular) || node.tag == .table {
            let rows = tableRows(c)
            guard !rows.isEmpty else { return [] }
            let id = nextID("tab")
            register(c, NodeRef(kind: .table, id: id))
            return [.block(.table(Table(id: id, caption: "", rows: rows, span: span(c))))]
        }
        if has(.p) || node.tag == .p {
            if let recovered = recoveredAlgorithms(in: c, captions: []), !recovered.isEmpty {
                return recovered.map { .block(.algorithm($0)) }
            }
            return paragraph([c]).map { [.block(.paragraph($0))] } ?? []
        }
        if let level = node.tag.headingLevel {
            let title = Self.collapse(inlineText([c]).text)
            if level == 1, metadata.title == nil {
                metadata.title = title
                metadata.titleSpan = doc.point(node.start, file: file)
                return []
            }
            guard !title.isEmpty else { return [] }
            let s = Section(id: nextID("sec"), title: title, number: nil, level: max(1, level - 1), starred: true,
                            appendix: false, span: span(c))
            register(c, NodeRef(kind: .section, id: s.id))
            return [.heading(s)]
        }
        if node.tag == .pre {
            let text = rawText(c)
            guard !text.trimmedSpace.isEmpty else { return [] }
            return [.block(.raw(RawBlock(id: nextID("raw"), name: "pre", tex: text, span: span(c))))]
        }
        if has(.note) {
            // A note at block level: only the footnote.
            _ = inlineText([c])
            return []
        }
        if node.tag == .hr || node.tag == .img { return [] }
        // Any other element: a container.
        return items(of: c, context: context)
    }

    /// `1.3em`, `-2mm`, `0.5pt`.
    static func isDimension(_ s: String) -> Bool {
        var t = Substring(s)
        if t.hasPrefix("-") { t = t.dropFirst() }
        let digits = t.prefix { $0.isNumber || $0 == "." }
        guard !digits.isEmpty else { return false }
        return ["em", "ex", "pt", "mm", "cm", "in", "bp", "pc", "sp", "mu"].contains(String(t.dropFirst(digits.count)).trimmedSpace)
    }


    /// An element LaTeXML could not convert at block level, kept as a raw block.
    mutating func rawError(_ c: Int) -> Block {
        let text = Self.collapse(doc.plainText(c))
        noteError(text, at: doc[c].start)
        return .raw(RawBlock(id: nextID("raw"), name: "ltx_ERROR", tex: text, span: span(c)))
    }

    mutating func noteError(_ text: String, at offset: Int) {
        errorTexts.append(text)
        if firstError == nil { firstError = offset }
    }

    private mutating func reportErrors() {
        guard let at = firstError, !errorTexts.isEmpty else { return }
        var seen = Set<String>()
        var names: [String] = []
        for t in errorTexts where seen.insert(t).inserted { names.append(t) }
        let shown = names.prefix(8).joined(separator: " ")
        let more = names.count > 8 ? " …" : ""
        diagnostics.append(Diagnostic(.htmlLaTeXMLError, .note,
                                      "\(errorTexts.count) command(s) LaTeXML could not expand (ltx_ERROR) kept as raw text: \(shown)\(more)",
                                      at: doc.point(at, file: file)))
    }

    /// Records an element's `id` as a label for `ref`.
    mutating func register(_ i: Int, _ ref: NodeRef) {
        guard let id = doc[i].attribute("id"), !id.isEmpty else { return }
        if labels[id] == nil { labels[id] = ref }
    }

    // MARK: Sections

    mutating func section(_ c: Int, level: Int, appendix inherited: Bool) -> Section {
        let titleNode = doc.elementChildren(c).first { doc[$0].hasClass(.title) }
        var number: String?
        var title = ""
        if let t = titleNode {
            if let tag = doc.first(in: t, where: { $0.hasClass(.tag) }) {
                number = Self.number(fromTag: doc.plainText(tag))
            }
            title = Self.collapse(inlineText([t], skipTags: true).text)
            if level >= 4, title.hasSuffix(".") { title.removeLast() }
        }
        let appendix = inherited || doc.hasAncestor(c, where: { $0.hasClass(.appendix) })
        let id = nextID("sec")
        register(c, NodeRef(kind: .section, id: id, number: number))
        var s = Section(id: id, title: title, number: number, level: level, starred: number == nil, appendix: appendix,
                        label: doc[c].attribute("id"), span: titleNode.map { doc.span($0, file: file) } ?? span(c))
        let content = items(of: c, context: .body, skipping: titleNode.map { [$0] } ?? [])
        let (blocks, subsections) = assemble(content)
        s.blocks = blocks
        s.subsections = subsections
        return s
    }

    /// Puts items into blocks and sections; plain headings open sections that hold what follows
    /// them up to the next heading of the same or a higher level.
    func assemble(_ items: [Item]) -> (blocks: [Block], sections: [Section]) {
        var blocks: [Block] = []
        var sections: [Section] = []
        var open: [Section] = []
        func close() {
            let s = open.removeLast()
            if open.isEmpty { sections.append(s) } else { open[open.count - 1].subsections.append(s) }
        }
        for item in items {
            switch item {
            case .block(let b):
                if open.isEmpty { blocks.append(b) } else { open[open.count - 1].blocks.append(b) }
            case .section(let s):
                while let last = open.last, last.level >= s.level { _ = last; close() }
                if open.isEmpty { sections.append(s) } else { open[open.count - 1].subsections.append(s) }
            case .heading(let s):
                while let last = open.last, last.level >= s.level { _ = last; close() }
                open.append(s)
            }
        }
        while !open.isEmpty { close() }
        return (blocks, sections)
    }

    // MARK: Text helpers

    /// The number in a tag: `1 ` → `1`, `Appendix A ` → `A`, `(3)` → `3`, `Table 2: ` → `2`.
    static func number(fromTag tag: String) -> String? {
        var t = collapse(tag)
        while let last = t.last, last == ":" || last == "." || last == " " { t.removeLast() }
        if t.hasPrefix("("), t.hasSuffix(")") { t = String(t.dropFirst().dropLast()) }
        if t.hasPrefix("§") { t = String(t.dropFirst()) }
        guard let last = t.split(separator: " ").last else { return nil }
        let n = String(last)
        // A tag that is only a word ("Proof", "Theorem") has no number.
        if n.first?.isNumber == false, n.count > 3, !n.contains("."), n.allSatisfy({ $0.isLetter }) { return nil }
        return n.isEmpty ? nil : n
    }

    /// Whitespace runs to one space, ends trimmed.
    static func collapse(_ s: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count)
        var space = false
        for c in s.utf8 {
            if HTMLEntities.isSpace(c) { space = true; continue }
            if space, !out.isEmpty { out.append(0x20) }
            space = false
            out.append(c)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// `[1711.00123] Title` → `Title` (ar5iv page titles).
    static func strippingArxivPrefix(_ title: String) -> String {
        guard title.hasPrefix("["), let close = title.firstIndex(of: "]"),
              ArxivID.find(in: String(title[title.index(after: title.startIndex)..<close])) != nil
        else { return title }
        return title[title.index(after: close)...].trimmedSpace
    }

    private func findArxivID() -> String? {
        // Only the page's head says which paper it is (links in the text name cited papers).
        guard let head = doc.first(in: doc.root, where: { $0.tag == .head }) else { return nil }
        for n in doc.all(in: head, where: { $0.tag == .link || $0.tag == .meta }) {
            for a in doc[n].attributes where a.name == "href" || a.name == "content" {
                guard a.value.utf8.count > 10, a.value.contains("arxiv.org/") else { continue }
                for marker in ["/abs/", "/html/", "/pdf/"] {
                    if let r = a.value.range(of: marker) {
                        let rest = String(a.value[r.upperBound...])
                        if let id = ArxivID.find(in: "x/" + (rest.split(separator: "/").first.map(String.init) ?? rest)) {
                            return id
                        }
                    }
                }
            }
        }
        if let t = doc.first(in: doc.root, where: { $0.tag == .title }) {
            let title = doc.plainText(t)
            if title.hasPrefix("["), let close = title.firstIndex(of: "]") {
                return ArxivID.find(in: String(title[title.index(after: title.startIndex)..<close]))
            }
        }
        return nil
    }
}
