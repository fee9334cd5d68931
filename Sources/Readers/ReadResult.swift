import PaperModel

/// What a reader returns: the paper (possibly partial) and every problem it met.
public struct ReadResult: Sendable {
    public var paper: Paper
    public var diagnostics: [Diagnostic]

    public init(paper: Paper, diagnostics: [Diagnostic]) {
        self.paper = paper
        self.diagnostics = diagnostics
    }

    /// Whether any diagnostic is an error.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}
