import PaperModel

/// Steps 2 and 3 of the method for one paper: the core algorithm as IR, the role of every display
/// equation, the symbol glossary with plain names, the library audit, the traps, and — for a
/// paper without an algorithm box — the flow of its core equations.
public struct CoreAnalysis: Codable, Hashable, Sendable {
    public var algorithms: [AlgorithmIR]
    public var equations: [EquationRole]
    public var glossary: [GlossaryEntry]
    public var audit: [AuditLine]
    public var traps: [Trap]
    /// Mermaid `flowchart TD` of the core equations, for papers without an algorithm box.
    public var flow: String?

    public init(algorithms: [AlgorithmIR] = [], equations: [EquationRole] = [], glossary: [GlossaryEntry] = [],
                audit: [AuditLine] = [], traps: [Trap] = [], flow: String? = nil) {
        self.algorithms = algorithms
        self.equations = equations
        self.glossary = glossary
        self.audit = audit
        self.traps = traps
        self.flow = flow
    }

    /// Share of display equations that parsed to a complete tree (1 when there are none).
    public var equationParseRate: Double {
        equations.isEmpty ? 1 : Double(equations.filter(\.parsed).count) / Double(equations.count)
    }

    /// The glossary entry for a quantity key.
    public func entry(_ key: String) -> GlossaryEntry? { glossary.first { $0.key == key } }
}
