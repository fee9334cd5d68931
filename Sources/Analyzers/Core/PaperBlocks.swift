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
        algorithms = all.algorithms
        equations = all.equations
        paragraphs = all.paragraphs
    }
}
