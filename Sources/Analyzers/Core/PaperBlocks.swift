import PaperModel

/// The paper's blocks in document order, walked once per core analysis. `Paper.allBlocks` and
/// its `algorithms`, `equations` and `paragraphs` views each walk (and copy) the whole tree
/// again, and the core analysis asks for them several times.
struct PaperBlocks: Sendable {
    let all: [LocatedBlock]
    let algorithms: [Algorithm]
    let equations: [Equation]
    let paragraphs: [Paragraph]

    init(_ paper: Paper) {
        all = paper.allBlocks
        algorithms = all.compactMap { if case .algorithm(let a) = $0.block { a } else { nil } }
        equations = all.compactMap { if case .equation(let e) = $0.block { e } else { nil } }
        paragraphs = all.compactMap { if case .paragraph(let p) = $0.block { p } else { nil } }
    }
}
