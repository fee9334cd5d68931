import Analyzers
import PaperModel

/// What the code printers read: one algorithm's IR and what the analysis found around it (the
/// glossary for plain names and values, the equations for citations, the card's settings for
/// defaults the box leaves out). Never the document itself.
public struct CodegenSource: Sendable {
    public var algorithm: AlgorithmIR
    public var glossary: [GlossaryEntry]
    public var equations: [EquationRole]
    public var hyperparameters: [HyperparameterFinding]
    public var paperTitle: String

    public init(algorithm: AlgorithmIR, glossary: [GlossaryEntry], equations: [EquationRole] = [],
                hyperparameters: [HyperparameterFinding] = [], paperTitle: String = "") {
        self.algorithm = algorithm
        self.glossary = glossary
        self.equations = equations
        self.hyperparameters = hyperparameters
        self.paperTitle = paperTitle
    }

    /// The algorithm at `index` of a deconstruction.
    public init(_ d: Deconstruction, algorithm index: Int) {
        self.init(algorithm: d.algorithms[index], glossary: d.glossary, equations: d.equations,
                  hyperparameters: d.hyperparameters, paperTitle: d.paper.metadata.title ?? "")
    }
}
