import PaperModel

/// An input recognized by its content, ready for the reader of its kind.
public enum PaperInput: Sendable {
    /// LaTeX sources: a folder, an archive, a gzipped `.tex` or a single `.tex` file.
    case latex(SourceTree)
    /// Plain text or Markdown with inline LaTeX math.
    case text(name: String, text: String)
    /// A PDF file (bytes kept in memory; `path` is where it lies, if on disk).
    case pdf(name: String, path: String?, data: [UInt8])
    /// An HTML page (arXiv/ar5iv LaTeXML output).
    case html(name: String, text: String)
}
