import PaperModel

/// One symbol of the core algorithm or equations: how the paper writes it, the plain name the
/// rewrite uses, and the paper's own words for it with where they stand.
public struct GlossaryEntry: Codable, Hashable, Sendable {
    /// Where the meaning came from, strongest first.
    public enum Source: String, Codable, Sendable, Comparable, CaseIterable {
        /// A Require/Input line: "$\alpha$: step size".
        case declaration
        /// A defining phrase: "where $\eta$ is the learning rate", "$X$ denotes the …",
        /// "denote by $X$ the …", "let $X$ be the …".
        case definition
        /// A noun phrase right before the symbol: "the step size $\alpha$".
        case apposition
        /// The comment on the line that assigns it: `\Comment{update velocity}`.
        case comment
        /// No words found: the name is the symbol's spelling.
        case none

        public static func < (a: Source, b: Source) -> Bool {
            allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
        }
    }

    /// The symbol as TeX, as first written (`\alpha`, `\hat{m}_t`).
    public var symbol: String
    /// The quantity's identity (`alpha`, `hat(m)`).
    public var key: String
    /// The plain identifier used in the rewrite (`step_size`, `m_hat`, `beta1`).
    public var name: String
    /// True when ``name`` comes from the paper's words, false when it is the symbol's spelling.
    public var nameFromMeaning: Bool
    /// The paper's words for it ("step size", "first moment estimate").
    public var meaning: String?
    public var source: Source
    /// Where the meaning was found, and the sentence or line.
    public var evidence: SourceSpan?
    public var evidenceText: String?
    /// A value the paper states for it (`0.001`), and where.
    public var value: String?
    public var valueEvidence: SourceSpan?
    /// Another symbol shares the same words (`\beta_1, \beta_2 \in [0,1)`: decay rates), so the
    /// words do not name it.
    public var shared: Bool

    public init(symbol: String, key: String, name: String, nameFromMeaning: Bool, meaning: String?, source: Source,
                evidence: SourceSpan?, evidenceText: String?, value: String? = nil, valueEvidence: SourceSpan? = nil,
                shared: Bool = false) {
        self.symbol = symbol
        self.key = key
        self.name = name
        self.nameFromMeaning = nameFromMeaning
        self.meaning = meaning
        self.source = source
        self.evidence = evidence
        self.evidenceText = evidenceText
        self.value = value
        self.valueEvidence = valueEvidence
        self.shared = shared
    }
}
