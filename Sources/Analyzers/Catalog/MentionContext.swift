/// Where a piece of text comes from, which decides how strict the matchers are with names that
/// are also common words ("Adult", "Pong", "Reacher").
public enum MentionContext: Sendable, Hashable {
    /// Running prose: an ambiguous name needs a context word ("dataset", "UCI", "environment", ...)
    /// or an unambiguous catalogue name in the same list.
    case prose
    /// A table cell, an experiment set-up section or a list of benchmarks: ambiguous names are
    /// accepted without a context word (exact-case rules still apply).
    case experimental
}
