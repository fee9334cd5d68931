import PaperModel

/// Everything `deconstruct` knows about a paper: the model the reader built and what the
/// analyzers found in it. This is the document the JSON writer emits (with a schema id) and
/// every other writer renders.
public struct Deconstruction: Codable, Hashable, Sendable {
    /// Identifies the JSON layout; bumped when a field changes meaning or is removed.
    public static let schemaID = "deconstruct/deconstruction/v1"

    public var schema: String
    /// The tool version that wrote it.
    public var generator: String
    public var paper: Paper
    public var diagnostics: [Diagnostic]
    // The implementation card (step 1).
    public var claims: [ClaimFinding] = []
    public var proposals: [ProposalFinding] = []
    public var hyperparameters: [HyperparameterFinding] = []
    public var hardware: [HardwareFinding] = []
    public var datasets: [DatasetFinding] = []
    // The core algorithm (steps 2 and 3): each box as a program with plain names, the display
    // equations with their roles, the symbol glossary, the library audit and the traps.
    public var algorithms: [AlgorithmIR] = []
    public var equations: [EquationRole] = []
    public var glossary: [GlossaryEntry] = []
    public var audit: [AuditLine] = []
    public var traps: [Trap] = []
    /// For papers without an algorithm box: the core equations as a Mermaid flowchart.
    public var flow: String?
    public var feasibility: Feasibility?
    /// A few lines that sum the card up; each names the card entries it rests on.
    public var tldr: [String] = []

    public init(paper: Paper, diagnostics: [Diagnostic], generator: String) {
        self.schema = Self.schemaID
        self.generator = generator
        self.paper = paper
        self.diagnostics = diagnostics
    }

    /// The core analysis, as one value (for writers).
    public var core: CoreAnalysis {
        CoreAnalysis(algorithms: algorithms, equations: equations, glossary: glossary, audit: audit, traps: traps, flow: flow)
    }
}
