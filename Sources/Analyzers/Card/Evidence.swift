import PaperModel

/// Where a finding came from: the place in the sources and the sentence, table cell or
/// algorithm line that states it, so a reader can check it in seconds.
public struct Evidence: Codable, Hashable, Sendable {
    public var span: SourceSpan
    /// The sentence, cell or line, as the paper writes it.
    public var text: String
    /// The section it stands in (`3.1 Setup`), the abstract, a table or an algorithm caption.
    public var context: String?

    public init(span: SourceSpan, text: String, context: String? = nil) {
        self.span = span
        self.text = text
        self.context = context
    }
}
