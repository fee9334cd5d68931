import PaperModel

/// A display equation with its role in the paper: what an implementation needs (`core`), what
/// sets the scene (`background`), or what serves the argument (`theory`), and why.
public struct EquationRole: Codable, Hashable, Sendable {
    public enum Role: String, Codable, Sendable, CaseIterable {
        /// Defines something the method computes.
        case core
        /// Context: notation, prior methods, problem statement.
        case background
        /// Theorems, lemmas, proofs, bounds, appendix derivations.
        case theory
    }

    /// The equation's id in the paper model (`eq3`).
    public var id: String
    /// The TeX (the paper's macros expanded).
    public var latex: String
    public var role: Role
    /// Why, in words: "in §2 Damped Adaptive Momentum (the method); referenced by Algorithm 1".
    public var reason: String
    /// True when the whole equation parsed to an expression tree (no raw fallback).
    public var parsed: Bool
    /// The printed number(s), e.g. `2`.
    public var number: String?
    public var labels: [String]
    /// The innermost section: number and title.
    public var section: String?
    public var span: SourceSpan
    /// Plain names of the quantities it defines (left-hand sides) and uses (right-hand sides).
    public var defines: [String]
    public var uses: [String]
    /// The equation rewritten with plain names (core equations only).
    public var plain: String?

    public init(id: String, latex: String, role: Role, reason: String, parsed: Bool, number: String?, labels: [String],
                section: String?, span: SourceSpan, defines: [String] = [], uses: [String] = [], plain: String? = nil) {
        self.id = id
        self.latex = latex
        self.role = role
        self.reason = reason
        self.parsed = parsed
        self.number = number
        self.labels = labels
        self.section = section
        self.span = span
        self.defines = defines
        self.uses = uses
        self.plain = plain
    }
}
