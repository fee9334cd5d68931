/// A parsed HTML page: a tree of elements and text runs over the page's UTF-8 bytes.
///
/// Nodes live in one array and refer to each other by index, so that building and walking the
/// tree allocates little. Text nodes keep the byte range of their source (entities are decoded
/// when the text is read), so that every piece of text can be traced back to a line and column.
struct HTMLDocument: Sendable {
    struct Attribute: Sendable {
        var name: String
        var value: String
    }

    /// An element or a text run. A class, so that walking the tree passes references; it is
    /// not changed once the parser has built the tree.
    final class Node: @unchecked Sendable {
        enum Kind: UInt8, Sendable { case element, text }

        let kind: Kind
        /// The element's tag (`.other` for unknown ones, `.text` for text).
        let tag: HTMLTag
        /// Lower-cased tag name; empty for text.
        let name: String
        let attributes: [Attribute]
        /// The known LaTeXML classes among the element's classes.
        let classSet: ClassSet
        /// The `class` attribute as written.
        let classAttribute: String
        /// Byte offset of the `<` of the start tag, or of the first byte of a text run.
        let start: Int
        /// Byte offset just past the element's end tag (or its last content), or past the text run.
        var end: Int
        var children: [Int] = []
        let parent: Int
        /// For raw-text elements kept whole (`<math>`): the byte range of their content.
        var rawStart = 0
        var rawEnd = 0

        init(kind: Kind, tag: HTMLTag, name: String, attributes: [Attribute], classAttribute: String, classSet: ClassSet,
             start: Int, end: Int, parent: Int) {
            self.kind = kind
            self.tag = tag
            self.name = name
            self.attributes = attributes
            self.classAttribute = classAttribute
            self.classSet = classSet
            self.start = start
            self.end = end
            self.parent = parent
        }

        func attribute(_ name: String) -> String? {
            for a in attributes where a.name == name { return a.value }
            return nil
        }

        @inline(__always)
        func hasClass(_ c: LTX) -> Bool { classSet.contains(c) }

        /// Every class, as strings (for the few tests of classes the reader does not know by bit).
        var classes: [String] {
            classAttribute.isEmpty ? [] : classAttribute.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).map(String.init)
        }

        /// The first class that starts with `prefix`, without the prefix.
        func classSuffix(after prefix: String) -> String? {
            for c in classes where c.hasPrefix(prefix) && c.count > prefix.count { return String(c.dropFirst(prefix.count)) }
            return nil
        }

        var isElement: Bool { kind == .element }
    }

    /// The page's bytes.
    let bytes: [UInt8]
    var nodes: [Node]
    /// Byte offsets where each line starts.
    let lineStarts: [Int]
    /// Unicode scalars before every 64th byte, so that a column is found in constant time even
    /// on pages written as one long line.
    let scalarCheckpoints: [Int]

    init(bytes: [UInt8], nodes: [Node]) {
        self.bytes = bytes
        self.nodes = nodes
        var starts = [0]
        var checkpoints: [Int] = []
        checkpoints.reserveCapacity(bytes.count / 64 + 1)
        starts.reserveCapacity(bytes.count / 60 + 1)
        var scalars = 0
        bytes.withUnsafeBufferPointer { b in
            for k in 0..<b.count {
                let c = b[k]
                if k & 63 == 0 { checkpoints.append(scalars) }
                if c & 0xC0 != 0x80 { scalars += 1 }
                if c == 0x0A { starts.append(k + 1) }
            }
        }
        if bytes.count & 63 == 0 { checkpoints.append(scalars) }
        lineStarts = starts
        scalarCheckpoints = checkpoints
    }

    /// Unicode scalars in the bytes before `offset`.
    private func scalars(before offset: Int) -> Int {
        let block = offset >> 6
        var n = scalarCheckpoints[min(block, scalarCheckpoints.count - 1)]
        var i = min(block, scalarCheckpoints.count - 1) << 6
        while i < offset {
            if bytes[i] & 0xC0 != 0x80 { n += 1 }
            i += 1
        }
        return n
    }

    /// The root (a synthetic element holding the top-level nodes).
    var root: Int { 0 }

    subscript(_ i: Int) -> Node { nodes[i] }

    /// 1-based line and column (in Unicode scalars) of a byte offset.
    func position(of offset: Int) -> (line: Int, column: Int) {
        let o = max(0, min(offset, bytes.count))
        var lo = 0, hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= o { lo = mid } else { hi = mid - 1 }
        }
        return (lo + 1, scalars(before: o) - scalars(before: lineStarts[lo]) + 1)
    }

    /// Element children of `i`.
    func elementChildren(_ i: Int) -> [Int] { nodes[i].children.filter { nodes[$0].kind == .element } }

    /// The first descendant (depth first, `i` excluded) that satisfies `predicate`; does not look
    /// inside nodes for which `stop` holds.
    func first(in i: Int, where predicate: (Node) -> Bool, stop: (Node) -> Bool = { _ in false }) -> Int? {
        var stack = nodes[i].children.reversed() as [Int]
        while let n = stack.popLast() {
            let node = nodes[n]
            guard node.kind == .element else { continue }
            if predicate(node) { return n }
            if stop(node) { continue }
            stack.append(contentsOf: node.children.reversed())
        }
        return nil
    }

    /// Every descendant of `i` satisfying `predicate`, in document order, without descending into
    /// matches or into nodes for which `stop` holds.
    func all(in i: Int, where predicate: (Node) -> Bool, stop: (Node) -> Bool = { _ in false }) -> [Int] {
        var out: [Int] = []
        var stack = nodes[i].children.reversed() as [Int]
        while let n = stack.popLast() {
            let node = nodes[n]
            guard node.kind == .element else { continue }
            if predicate(node) { out.append(n); continue }
            if stop(node) { continue }
            stack.append(contentsOf: node.children.reversed())
        }
        return out
    }

    /// Whether `i` lies inside an element satisfying `predicate` (itself excluded).
    func hasAncestor(_ i: Int, where predicate: (Node) -> Bool) -> Bool {
        var p = nodes[i].parent
        while p > 0 {
            if predicate(nodes[p]) { return true }
            p = nodes[p].parent
        }
        return false
    }

    /// The plain text under `i`, entities decoded, whitespace collapsed (math as its `alttext`).
    func plainText(_ i: Int) -> String {
        var out: [UInt8] = []
        var space = false
        func visit(_ n: Int) {
            let node = nodes[n]
            if node.kind == .text {
                HTMLEntities.decode(bytes, node.start..<node.end) { c in
                    if HTMLEntities.isSpace(c) { space = true; return }
                    if space, !out.isEmpty { out.append(0x20) }
                    space = false
                    out.append(c)
                }
                return
            }
            if node.tag == .math {
                if let alt = node.attribute("alttext") {
                    if space, !out.isEmpty { out.append(0x20) }
                    space = false
                    out += Array(alt.utf8)
                }
                return
            }
            if node.tag == .br { space = true }
            for c in node.children { visit(c) }
        }
        visit(i)
        return String(decoding: out, as: UTF8.self)
    }
}
