import PaperModel

/// One symbol a Require/Ensure/Input/Output/Parameters line declares, with the paper's words
/// for it: `\REQUIRE $\alpha$: Stepsize` gives symbol `\alpha`, description "Stepsize".
public struct IRInput: Codable, Hashable, Sendable {
    /// `require`, `ensure`, `input`, `output`, `parameters`.
    public var role: String
    /// The symbol's TeX (`\alpha`, `\beta_1`, `f(\theta)`), or the word for symbols written in
    /// prose (`emb_dim`).
    public var symbol: String
    /// The quantity's identity (see ``IRStateVariable/key``).
    public var key: String
    /// The plain name used in the rewrite (`step_size`, `beta1`).
    public var name: String
    /// The paper's words for it ("step size"), when it gives any.
    public var description: String?
    /// A stated constraint, as plain text (`in [0, 1)`, `> 0`).
    public var constraint: String?
    /// A value stated anywhere in the paper (`0.001`), with where.
    public var value: String?
    public var valueSpan: SourceSpan?
    /// Index of the line (into the algorithm's lines).
    public var line: Int
    public var span: SourceSpan

    public init(role: String, symbol: String, key: String, name: String, description: String?, constraint: String?,
                value: String? = nil, valueSpan: SourceSpan? = nil, line: Int, span: SourceSpan) {
        self.role = role
        self.symbol = symbol
        self.key = key
        self.name = name
        self.description = description
        self.constraint = constraint
        self.value = value
        self.valueSpan = valueSpan
        self.line = line
        self.span = span
    }
}
