/// Walking the model: every block in document order with the section path it sits in.
public struct LocatedBlock: Sendable {
    public var block: Block
    /// Titles of the enclosing sections, outermost first.
    public var sectionPath: [Section]
    /// Enclosing theorem/proof blocks, outermost first.
    public var theoremPath: [TheoremBlock]

    public var section: Section? { sectionPath.last }
    public var inAppendix: Bool { sectionPath.contains { $0.appendix } }
}

extension Paper {
    /// Every block in document order, descending into sections, theorem blocks and list items.
    /// The abstract's paragraphs come first (with an empty section path).
    public var allBlocks: [LocatedBlock] {
        var out: [LocatedBlock] = abstract.map { LocatedBlock(block: .paragraph($0), sectionPath: [], theoremPath: []) }
        func visit(_ blocks: [Block], _ path: [Section], _ theorems: [TheoremBlock]) {
            for b in blocks {
                out.append(LocatedBlock(block: b, sectionPath: path, theoremPath: theorems))
                switch b {
                case .theorem(let t): visit(t.blocks, path, theorems + [t])
                case .list(let l): for item in l.items { visit(item.blocks, path, theorems) }
                default: break
                }
            }
        }
        func visitSection(_ s: Section, _ path: [Section]) {
            visit(s.blocks, path + [s], [])
            for sub in s.subsections { visitSection(sub, path + [s]) }
        }
        visit(front, [], [])
        for s in sections { visitSection(s, []) }
        return out
    }

    /// Every section of the tree in document order.
    public var allSections: [Section] {
        var out: [Section] = []
        func visit(_ s: Section) { out.append(s); s.subsections.forEach(visit) }
        sections.forEach(visit)
        return out
    }

    public var algorithms: [Algorithm] { collect { if case .algorithm(let a) = $0 { a } else { nil } } }

    public var equations: [Equation] { collect { if case .equation(let e) = $0 { e } else { nil } } }

    public var tables: [Table] { collect { if case .table(let t) = $0 { t } else { nil } } }

    public var figures: [Figure] { collect { if case .figure(let f) = $0 { f } else { nil } } }

    public var paragraphs: [Paragraph] {
        abstract + collect(includingAbstract: false) { if case .paragraph(let p) = $0 { p } else { nil } }
    }

    /// The blocks `pick` takes, in document order (one walk, no section paths).
    private func collect<T>(includingAbstract: Bool = true, _ pick: (Block) -> T?) -> [T] {
        var out: [T] = []
        forEachBlock(includingAbstract: includingAbstract) { if let x = pick($0) { out.append(x) } }
        return out
    }

    /// Calls `body` with every block in the order of ``allBlocks``, without building the section
    /// and theorem paths: the analyzers ask for one kind of block several times per paper, and
    /// copying a `Section` into every path (a retain per field) was most of the walk's cost.
    public func forEachBlock(includingAbstract: Bool = true, _ body: (Block) -> Void) {
        if includingAbstract { for p in abstract { body(.paragraph(p)) } }
        func visit(_ blocks: [Block]) {
            for b in blocks {
                body(b)
                switch b {
                case .theorem(let t): visit(t.blocks)
                case .list(let l): for item in l.items { visit(item.blocks) }
                default: break
                }
            }
        }
        func visitSection(_ s: Section) {
            visit(s.blocks)
            for sub in s.subsections { visitSection(sub) }
        }
        visit(front)
        for s in sections { visitSection(s) }
    }
}

/// One kind of block out of a walk (``Paper/allBlocks``), in order: a caller that needs several
/// kinds walks the paper once and picks them from the same list.
extension Array where Element == LocatedBlock {
    public var algorithms: [Algorithm] {
        compactMap { if case .algorithm(let a) = $0.block { a } else { nil } }
    }

    public var equations: [Equation] {
        compactMap { if case .equation(let e) = $0.block { e } else { nil } }
    }

    public var tables: [Table] {
        compactMap { if case .table(let t) = $0.block { t } else { nil } }
    }

    public var figures: [Figure] {
        compactMap { if case .figure(let f) = $0.block { f } else { nil } }
    }

    public var paragraphs: [Paragraph] {
        compactMap { if case .paragraph(let p) = $0.block { p } else { nil } }
    }
}
