import PaperModel

/// A small, forgiving HTML tokenizer and tree builder.
///
/// It reads tags with their attributes, text, comments, doctype and processing instructions;
/// skips `<script>`/`<style>` content; keeps `<math>` content as raw bytes (only its `alttext`
/// matters to the reader); knows void elements and the end tags HTML lets authors leave out
/// (`li`, `td`, `tr`, `p`, …). Broken input never stops it: a stray end tag is ignored, an
/// unclosed element ends with its parent or the page, nesting deeper than the cap is flattened,
/// and a truncated tag or comment ends the page. Every problem is counted for one diagnostic.
struct HTMLParser {
    let bytes: [UInt8]
    let maxDepth: Int
    private(set) var nodes: [HTMLDocument.Node] = []
    private var stack: [Int] = []
    private var i = 0

    /// Problems met, with the byte offset of the first.
    private(set) var problems = 0
    private(set) var firstProblem: (offset: Int, what: String)?
    /// Problems by kind (the diagnostic each kind is reported under): count, first offset and text.
    private(set) var problemsByKind: [DiagnosticID: (count: Int, offset: Int, what: String)] = [:]

    static let voidElements: TagSet = TagSet([.area, .base, .br, .col, .embed, .hr, .img, .input, .link, .meta, .param, .source, .track, .wbr, .basefont, .frame, .keygen])
    /// Elements whose content is not markup.
    static let skippedRawText: TagSet = TagSet([.script, .style, .template, .noscript, .textarea, .xmp, .iframe, .noembed, .noframes])
    /// Elements whose end tag may be omitted without it being a problem.
    static let optionalEnd: TagSet = TagSet([.html, .head, .body, .p, .li, .dt, .dd, .tr, .td, .th, .tbody, .thead, .tfoot, .option, .colgroup, .caption, .rt, .rp, .optgroup])
    /// Inline elements that an implied `</p>` may close through.
    static let phrasing: TagSet = TagSet([.a, .abbr, .b, .bdi, .bdo, .cite, .code, .data, .dfn, .em, .font, .i, .kbd, .mark, .q, .s, .samp, .small, .span, .strong, .sub, .sup, .time, .tt, .u, .`var`, .big, .strike, .nobr, .label])

    init(bytes: [UInt8], maxDepth: Int) {
        self.bytes = bytes
        self.maxDepth = max(4, maxDepth)
    }

    /// Parses the whole page.
    mutating func parse() -> HTMLDocument {
        nodes.reserveCapacity(bytes.count / 40 + 16)
        nodes.append(HTMLDocument.Node(kind: .element, tag: .root, name: "#root", attributes: [], classAttribute: "",
                                       classSet: ClassSet(), start: 0, end: bytes.count, parent: -1))
        stack = [0]
        let n = bytes.count
        var textStart = 0
        while i < n {
            if bytes[i] != 0x3C { // <
                i += 1
                continue
            }
            // A tag, comment or declaration may start here; flush the text before it.
            let lt = i
            guard let kind = markupKind(at: lt) else {
                i += 1
                continue
            }
            if textStart < lt { appendText(textStart, lt) }
            switch kind {
            case .comment: skipComment()
            case .declaration: skipDeclaration()
            case .cdata: readCDATA()
            case .endTag: readEndTag()
            case .startTag: readStartTag()
            }
            textStart = i
        }
        if textStart < n { appendText(textStart, n) }
        // Close what is still open.
        for e in stack.dropFirst().reversed() {
            nodes[e].end = n
            if !Self.optionalEnd.contains(nodes[e].tag) {
                problem(at: nodes[e].start, .htmlUnclosedElement, "<\(nodes[e].name)> is never closed")
            }
        }
        stack = [0]
        return HTMLDocument(bytes: bytes, nodes: nodes)
    }

    // MARK: Tokens

    private enum MarkupKind { case comment, declaration, cdata, endTag, startTag }

    private func markupKind(at p: Int) -> MarkupKind? {
        let n = bytes.count
        guard p + 1 < n else { return nil }
        let c = bytes[p + 1]
        if c == 0x21 { // !
            if starts(p + 2, "--") { return .comment }
            if starts(p + 2, "[CDATA[") { return .cdata }
            return .declaration
        }
        if c == 0x3F { return .declaration } // ?
        if c == 0x2F { // /
            guard p + 2 < n else { return nil }
            return isLetter(bytes[p + 2]) ? .endTag : (bytes[p + 2] == 0x3E ? .declaration : nil)
        }
        return isLetter(c) ? .startTag : nil
    }

    private mutating func skipComment() {
        let start = i
        i += 4
        while i + 2 < bytes.count {
            if bytes[i] == 0x2D, bytes[i + 1] == 0x2D, bytes[i + 2] == 0x3E { i += 3; return }
            i += 1
        }
        problem(at: start, .htmlTruncated, "comment is never closed")
        i = bytes.count
    }

    private mutating func skipDeclaration() {
        let start = i
        while i < bytes.count, bytes[i] != 0x3E { i += 1 }
        if i >= bytes.count { problem(at: start, .htmlTruncated, "declaration is never closed") }
        i = min(i + 1, bytes.count)
    }

    private mutating func readCDATA() {
        let start = i + 9
        var j = start
        while j + 2 < bytes.count, !(bytes[j] == 0x5D && bytes[j + 1] == 0x5D && bytes[j + 2] == 0x3E) { j += 1 }
        let end = min(j, bytes.count)
        if start < end { appendText(start, end) }
        i = min(j + 3, bytes.count)
    }

    private mutating func readEndTag() {
        let start = i
        i += 2
        let name = readName()
        while i < bytes.count, bytes[i] != 0x3E { i += 1 }
        if i >= bytes.count { problem(at: start, .htmlTruncated, "end tag </\(name)> is cut off") }
        i = min(i + 1, bytes.count)
        close(name, tag: Self.tag(name), at: start)
    }

    static func tag(_ name: String) -> HTMLTag { HTMLTag.byName[Substring(name)] ?? .other }

    private mutating func readStartTag() {
        let start = i
        i += 1
        let name = readName()
        var attributes: [HTMLDocument.Attribute] = []
        var selfClosing = false
        let n = bytes.count
        // Attributes.
        while i < n {
            skipSpace()
            guard i < n else { break }
            let c = bytes[i]
            if c == 0x3E { i += 1; break } // >
            if c == 0x2F { // /
                i += 1
                if i < n, bytes[i] == 0x3E { selfClosing = true; i += 1; break }
                continue
            }
            let nameStart = i
            while i < n, !HTMLEntities.isSpace(bytes[i]), bytes[i] != 0x3D, bytes[i] != 0x3E,
                  !(bytes[i] == 0x2F && i + 1 < n && bytes[i + 1] == 0x3E) { i += 1 }
            if i == nameStart { i += 1; continue }
            let attrName = lowercased(nameStart, i)
            skipSpace()
            var value = ""
            if i < n, bytes[i] == 0x3D { // =
                i += 1
                skipSpace()
                if i < n, bytes[i] == 0x22 || bytes[i] == 0x27 {
                    let quote = bytes[i]
                    i += 1
                    let vStart = i
                    while i < n, bytes[i] != quote { i += 1 }
                    value = decodedValue(vStart, i)
                    if i < n { i += 1 } else { problem(at: start, .htmlTruncated, "attribute \(attrName) of <\(name)> is never closed") }
                } else {
                    let vStart = i
                    while i < n, !HTMLEntities.isSpace(bytes[i]), bytes[i] != 0x3E { i += 1 }
                    value = decodedValue(vStart, i)
                }
            }
            if attributes.count < 64 { attributes.append(HTMLDocument.Attribute(name: attrName, value: value)) }
        }
        if i >= n, bytes.last != 0x3E { problem(at: start, .htmlTruncated, "tag <\(name)> is cut off") }
        open(name, attributes: attributes, selfClosing: selfClosing, at: start)
    }

    // MARK: Tree

    private mutating func appendText(_ start: Int, _ end: Int) {
        let parent = stack[stack.count - 1]
        nodes.append(HTMLDocument.Node(kind: .text, tag: .text, name: "", attributes: [], classAttribute: "", classSet: ClassSet(),
                                       start: start, end: end, parent: parent))
        nodes[parent].children.append(nodes.count - 1)
    }

    private mutating func open(_ name: String, attributes: [HTMLDocument.Attribute], selfClosing: Bool, at start: Int) {
        let tag = Self.tag(name)
        impliedEnds(before: tag, at: start)
        let parent = stack[stack.count - 1]
        var classAttribute = ""
        var classSet = ClassSet()
        for a in attributes where a.name == "class" {
            classAttribute = a.value
            classSet = Self.knownClasses(a.value)
        }
        nodes.append(HTMLDocument.Node(kind: .element, tag: tag, name: name, attributes: attributes,
                                       classAttribute: classAttribute, classSet: classSet, start: start, end: i, parent: parent))
        let index = nodes.count - 1
        nodes[parent].children.append(index)
        if Self.voidElements.contains(tag) || selfClosing { return }
        if Self.skippedRawText.contains(tag) || tag == .math || tag == .title {
            let (contentEnd, after) = rawTextEnd(name)
            nodes[index].rawStart = i
            nodes[index].rawEnd = contentEnd
            // A title's text is ordinary text without markup.
            if tag == .title, i < contentEnd {
                stack.append(index)
                appendText(i, contentEnd)
                stack.removeLast()
            }
            if after > bytes.count { problem(at: start, .htmlUnclosedElement, "<\(name)> is never closed") }
            i = min(after, bytes.count)
            nodes[index].end = i
            return
        }
        if stack.count >= maxDepth {
            problem(at: start, .htmlNestingLimit, "elements nested deeper than \(maxDepth) levels are flattened")
            return
        }
        stack.append(index)
    }

    /// The known LaTeXML classes in a `class` attribute (tokens split at ASCII space).
    static func knownClasses(_ value: String) -> ClassSet {
        var set = ClassSet()
        let u = value.utf8
        var i = u.startIndex
        var tokens = 0
        while i < u.endIndex, tokens < 64 {
            while i < u.endIndex, HTMLEntities.isSpace(u[i]) { i = u.index(after: i) }
            let start = i
            while i < u.endIndex, !HTMLEntities.isSpace(u[i]) { i = u.index(after: i) }
            guard start < i else { break }
            tokens += 1
            // Every known class starts with "ltx_".
            guard u.distance(from: start, to: i) > 4, u[start] == 0x6C, u[u.index(start, offsetBy: 3)] == 0x5F,
                  let bit = LTX.byName[Substring(u[start..<i])] else { continue }
            set.insert(bit: bit)
        }
        return set
    }

    /// Where the content of a raw-text element ends (`</name`), and where reading resumes.
    private func rawTextEnd(_ name: String) -> (Int, Int) {
        let n = bytes.count
        let target = Array(name.utf8)
        var j = i
        while j + 1 < n {
            if bytes[j] == 0x3C, bytes[j + 1] == 0x2F, j + 2 + target.count <= n {
                var match = true
                for (k, t) in target.enumerated() where bytes[j + 2 + k].asciiLowercased != t { match = false; break }
                if match {
                    var k = j + 2 + target.count
                    while k < n, bytes[k] != 0x3E { k += 1 }
                    return (j, k + 1)
                }
            }
            j += 1
        }
        return (n, n + 1)
    }

    /// End tags HTML implies when `name` opens.
    private mutating func impliedEnds(before tag: HTMLTag, at start: Int) {
        switch tag {
        case .li: closeOpen(Self.liSet, within: Self.listScope, at: start)
        case .dt, .dd: closeOpen(Self.dtSet, within: Self.dlScope, at: start)
        case .tr: closeOpen(Self.trSet, within: Self.rowScope, at: start)
        case .td, .th: closeOpen(Self.cellSet, within: Self.cellScope, at: start)
        case .tbody, .thead, .tfoot: closeOpen(Self.sectionSet, within: Self.tableScope, at: start)
        case .p:
            // An open <p> reached through inline elements only.
            var k = stack.count - 1
            while k > 0 {
                let e = nodes[stack[k]].tag
                if e == .p { popTo(k, end: start); return }
                if !Self.phrasing.contains(e) { return }
                k -= 1
            }
        default: break
        }
    }

    static let liSet = TagSet([.li])
    static let listScope = TagSet([.ul, .ol, .menu, .table])
    static let dtSet = TagSet([.dt, .dd])
    static let dlScope = TagSet([.dl, .table])
    static let trSet = TagSet([.tr])
    static let rowScope = TagSet([.table, .tbody, .thead, .tfoot])
    static let cellSet = TagSet([.td, .th])
    static let cellScope = TagSet([.tr, .table])
    static let sectionSet = TagSet([.tbody, .thead, .tfoot])
    static let tableScope = TagSet([.table])

    private mutating func closeOpen(_ tags: TagSet, within scope: TagSet, at start: Int) {
        var k = stack.count - 1
        while k > 0 {
            let e = nodes[stack[k]].tag
            if tags.contains(e) { popTo(k, end: start); return }
            if scope.contains(e) { return }
            k -= 1
        }
    }

    /// Closes the element at stack position `k` and everything opened after it, ending them at
    /// `end` (the current position unless given).
    private mutating func popTo(_ k: Int, end: Int? = nil) {
        let e = end ?? i
        for n in stack[k...] { nodes[n].end = max(nodes[n].start, e) }
        stack.removeSubrange(k...)
    }

    private mutating func close(_ name: String, tag: HTMLTag, at start: Int) {
        var k = stack.count - 1
        while k > 0 {
            if nodes[stack[k]].tag == tag, tag != .other || nodes[stack[k]].name == name {
                for e in stack[(k + 1)...] where !Self.optionalEnd.contains(nodes[e].tag) {
                    problem(at: nodes[e].start, .htmlUnclosedElement, "<\(nodes[e].name)> is closed by </\(name)>")
                }
                popTo(k)
                return
            }
            k -= 1
        }
        if !Self.voidElements.contains(tag) { problem(at: start, .htmlStrayEndTag, "</\(name)> closes nothing") }
    }

    private mutating func problem(at offset: Int, _ kind: DiagnosticID, _ what: String) {
        problems += 1
        if firstProblem == nil { firstProblem = (offset, what) }
        if let p = problemsByKind[kind] { problemsByKind[kind] = (p.count + 1, p.offset, p.what) } else { problemsByKind[kind] = (1, offset, what) }
    }

    // MARK: Bytes

    private mutating func readName() -> String {
        let s = i
        while i < bytes.count, !HTMLEntities.isSpace(bytes[i]), bytes[i] != 0x3E, bytes[i] != 0x2F { i += 1 }
        return lowercased(s, i)
    }

    private func lowercased(_ s: Int, _ e: Int) -> String {
        let end = min(e, s + 64)
        var upper = false
        for k in s..<end where bytes[k] >= 0x41 && bytes[k] <= 0x5A { upper = true; break }
        if !upper { return String(decoding: bytes[s..<end], as: UTF8.self) }
        return String(decoding: bytes[s..<end].map(\.asciiLowercased), as: UTF8.self)
    }

    /// An attribute value: copied as is unless it holds a reference or a no-break space.
    private func decodedValue(_ s: Int, _ e: Int) -> String {
        for k in s..<e where bytes[k] == 0x26 || bytes[k] == 0xC2 { return HTMLEntities.decodedString(bytes, s..<e) }
        return String(decoding: bytes[s..<e], as: UTF8.self)
    }

    @inline(__always) private func isLetter(_ c: UInt8) -> Bool { (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) }

    private mutating func skipSpace() { while i < bytes.count, HTMLEntities.isSpace(bytes[i]) { i += 1 } }

    private func starts(_ p: Int, _ s: String) -> Bool {
        let u = Array(s.utf8)
        guard p + u.count <= bytes.count else { return false }
        for (k, c) in u.enumerated() where bytes[p + k] != c { return false }
        return true
    }
}
