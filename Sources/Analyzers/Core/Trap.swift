import PaperModel

/// Notation that a programmer can misread, or a gap in what the paper states.
public struct Trap: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// `\beta_1^t`: a power of the loop counter, not an index.
        case powerNotIndex
        /// `x^t` on a quantity updated each step: an index, not a power.
        case indexNotPower
        /// `g_t^2`: the element-wise square.
        case elementwiseSquare
        /// "All operations on vectors are element-wise."
        case elementwise
        /// `x^T`: a transpose, or a power of a variable `T`.
        case ambiguousTranspose
        /// A symbol the box or equations read that nothing defines.
        case undefinedSymbol
        /// A hyperparameter with no value anywhere in the paper.
        case unstatedValue
        /// A quantity recomputed every iteration from the state, not carried (`\hat m_t`).
        case recomputed
    }

    public var kind: Kind
    /// The symbol concerned (TeX), if one.
    public var symbol: String?
    public var message: String
    /// The algorithm (id) and line index, or the equation id, it concerns.
    public var algorithm: String?
    public var line: Int?
    public var equation: String?
    /// Where the paper says so (a caption, a sentence), or where the notation stands.
    public var evidence: SourceSpan?

    public init(kind: Kind, symbol: String? = nil, message: String, algorithm: String? = nil, line: Int? = nil,
                equation: String? = nil, evidence: SourceSpan? = nil) {
        self.kind = kind
        self.symbol = symbol
        self.message = message
        self.algorithm = algorithm
        self.line = line
        self.equation = equation
        self.evidence = evidence
    }
}
