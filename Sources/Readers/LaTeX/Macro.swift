/// A macro defined by the paper (`\newcommand`, `\def`, `\DeclareMathOperator`, `\let`, …).
struct Macro: Sendable {
    /// Number of parameters.
    var parameters: Int
    /// Default of the first (optional) parameter, for `\newcommand{\x}[2][default]{…}`.
    var optionalDefault: [Token]?
    /// For `\def` with a parameter text: the tokens that must follow each parameter (empty for
    /// an undelimited one) and the literal prefix before `#1`.
    var delimiters: [[Token]]? = nil
    var prefix: [Token] = []
    var body: [Token]
    /// `\let\a\b` where `\b` is not a paper macro: `\a` means the command `\b` itself, which
    /// must not be expanded again (a later `\renewcommand{\b}{…\a}` would otherwise loop).
    var aliasOf: String? = nil
}

/// An environment defined by the paper with `\newenvironment`.
struct EnvironmentMacro: Sendable {
    var parameters: Int
    var optionalDefault: [Token]?
    var begin: [Token]
    var end: [Token]
}

/// A theorem-like environment declared with `\newtheorem`.
struct TheoremDeclaration: Sendable {
    /// The printed name, e.g. `Lemma`.
    var title: String
    /// The counter it numbers with (its own name, or a shared one).
    var counter: String
    /// The counter it is numbered within (`section`), if any.
    var within: String?
    var numbered: Bool
}
