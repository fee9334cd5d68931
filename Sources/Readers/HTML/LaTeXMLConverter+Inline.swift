import PaperModel

extension LaTeXMLConverter {
    static let skippedInline: TagSet = TagSet([.script, .style, .img, .svg, .button, .input, .template, .noscript, .select, .textarea, .iframe, .object, .canvas, .video, .audio])
    /// Block elements met inside inline content: their text is set off by spaces.
    static let blockNames: TagSet = TagSet([.div, .p, .table, .tr, .td, .th, .li, .ul, .ol, .dl, .dt, .dd, .section, .figure, .figcaption, .blockquote, .pre, .h1, .h2, .h3, .h4, .h5, .h6, .article, .header, .footer, .tbody, .thead, .tfoot])

    /// The inline text of `nodes`. `skipTags` leaves out `ltx_tag` numbers (titles, captions,
    /// list bullets, listing line numbers); `breakLines` makes `<br>` a line break.
    mutating func inlineText(_ nodes: [Int], skipTags: Bool = false, breakLines: Bool = false,
                             skipClasses: ClassSet = ClassSet()) -> HTMLInlineText {
        var t = HTMLInlineText()
        t.breakLines = breakLines
        for n in nodes { render(n, into: &t, skipTags: skipTags, skipClasses: skipClasses) }
        return t
    }

    mutating func render(_ i: Int, into t: inout HTMLInlineText, skipTags: Bool, skipClasses: ClassSet = ClassSet()) {
        let node = doc[i]
        if node.kind == .text {
            t.appendSource(doc.bytes, node.start..<node.end)
            return
        }
        if node.tag == .math {
            let tex = mathTeX(i)
            if !tex.isEmpty { t.append("$" + tex + "$", source: node.start) }
            return
        }
        if node.tag == .br { t.lineBreak(); return }
        if Self.skippedInline.contains(node.tag) { return }
        if node.classSet.intersects(skipClasses) { return }
        if node.hasClass(.note) {
            if node.hasClass(.roleFootnote) || node.hasClass(.noteFootnote) || node.hasClass(.roleEndnote) {
                recordFootnote(i)
            }
            return
        }
        if node.hasClass(.noteMark) { return }
        if skipTags, node.hasClass(.tag) { return }
        if node.hasClass(.ERROR) {
            noteError(Self.collapse(doc.plainText(i)), at: node.start)
        }
        if node.hasClass(.missingCitation) {
            let key = Self.collapse(doc.plainText(i))
            if !key.isEmpty { t.citations.append(key) }
        } else if node.tag == .a, let href = node.attribute("href"), href.hasPrefix("#") {
            let target = String(href.dropFirst())
            if target.hasPrefix("bib.") {
                if !t.citations.contains(target) { t.citations.append(target) }
            } else if !target.isEmpty, node.hasClass(.ref) {
                t.references.append(target)
            }
        }
        if node.hasClass(.tabular) {
            // A table inside running text: its cells in reading order.
            for row in rows(of: i) {
                for cell in cells(of: row) {
                    t.space()
                    for c in doc[cell].children { render(c, into: &t, skipTags: skipTags, skipClasses: skipClasses) }
                }
            }
            t.space()
            return
        }
        let block = Self.blockNames.contains(node.tag)
        if block { t.space() }
        for c in node.children { render(c, into: &t, skipTags: skipTags, skipClasses: skipClasses) }
        if block { t.space() }
    }

    /// A footnote's text, recorded once.
    mutating func recordFootnote(_ i: Int) {
        guard !recordedNotes.contains(i) else { return }
        recordedNotes.insert(i)
        let content = doc.first(in: i, where: { $0.hasClass(.noteContent) }) ?? i
        let t = inlineText(doc[content].children, skipTags: true, skipClasses: ClassSet([.noteMark]))
        let text = t.text
        guard !text.isEmpty else { return }
        let id = nextID("fn")
        register(i, NodeRef(kind: .footnote, id: id))
        footnotes.append(Footnote(id: id, text: text, span: doc.point(doc[i].start, file: file)))
    }

    /// The TeX of a `<math>` element: its `alttext`, else a TeX annotation, else its text.
    func mathTeX(_ i: Int) -> String {
        let node = doc[i]
        if let alt = node.attribute("alttext") { return Self.cleanTeX(alt) }
        let raw = node.rawStart < node.rawEnd ? Array(doc.bytes[node.rawStart..<node.rawEnd]) : []
        let text = String(decoding: raw, as: UTF8.self)
        if let r = text.range(of: "application/x-tex") {
            let after = text[r.upperBound...]
            if let gt = after.firstIndex(of: ">"), let end = after.range(of: "</annotation") {
                if gt < end.lowerBound {
                    let inner = Array(after[after.index(after: gt)..<end.lowerBound].utf8)
                    return Self.cleanTeX(HTMLEntities.decodedString(inner, 0..<inner.count))
                }
            }
        }
        // Element text without tags.
        var out: [UInt8] = []
        var inTag = false
        for c in raw {
            if c == 0x3C { inTag = true; continue }
            if c == 0x3E { inTag = false; continue }
            if !inTag { out.append(c) }
        }
        return Self.collapse(HTMLEntities.decodedString(out, 0..<out.count))
    }

    /// LaTeXML's `alttext` as TeX: its line-wrapping comments (`%` + newline) removed, whitespace
    /// collapsed.
    static func cleanTeX(_ s: String) -> String {
        let b = Array(s.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var k = 0
        var space = false
        while k < b.count {
            let c = b[k]
            if c == 0x25 { // %
                var backslashes = 0
                var j = out.count - 1
                while j >= 0, out[j] == 0x5C { backslashes += 1; j -= 1 }
                if backslashes % 2 == 0 {
                    // A comment: up to and including the end of the line and the next line's indent.
                    while k < b.count, b[k] != 0x0A { k += 1 }
                    k += 1
                    while k < b.count, b[k] == 0x20 || b[k] == 0x09 { k += 1 }
                    continue
                }
            }
            if HTMLEntities.isSpace(c) {
                space = true
                k += 1
                continue
            }
            if space, !out.isEmpty { out.append(0x20) }
            space = false
            out.append(c)
            k += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Text of the text nodes under `i`, entities decoded, whitespace kept (`<pre>`).
    func rawText(_ i: Int) -> String {
        var out: [UInt8] = []
        func visit(_ n: Int) {
            let node = doc[n]
            if node.kind == .text { HTMLEntities.decode(doc.bytes, node.start..<node.end) { out.append($0) }; return }
            if node.tag == .br { out.append(0x0A); return }
            for c in node.children { visit(c) }
        }
        visit(i)
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: Paragraphs

    /// A paragraph of inline nodes, split into sentences; nil when it holds no text.
    mutating func paragraph(_ nodes: [Int]) -> Paragraph? {
        guard let first = nodes.first, let last = nodes.last else { return nil }
        let t = inlineText(nodes)
        var text = t.text
        // LaTeXML's end-of-proof mark is not part of the prose.
        if text.hasSuffix("∎") { text = String(text.dropLast()).trimmedSpace }
        guard !text.isEmpty else { return nil }
        let span = doc.span(from: first, to: last, file: file)
        let sentences = Self.sentences(of: text, t, doc: doc, file: file, fallback: span)
        var refs: [String] = []
        for r in t.references where !refs.contains(r) { refs.append(r) }
        return Paragraph(id: nextID("p"), text: text, sentences: sentences, references: refs, citations: t.citations,
                         span: span)
    }

    static func sentences(of text: String, _ t: HTMLInlineText, doc: HTMLDocument, file: String,
                          fallback: SourceSpan) -> [Sentence] {
        SentenceSplitter.split(text).map { part in
            let span = t.source(at: part.offset).map { doc.point($0, file: file) }
                ?? SourceSpan(file: file, line: fallback.line, column: fallback.column)
            return Sentence(text: part.text, span: span)
        }
    }
}
