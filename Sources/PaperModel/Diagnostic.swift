/// A problem found while reading or analysing a paper. Readers report problems as diagnostics
/// rather than failing, so that a partial result is still available.
public struct Diagnostic: Codable, Hashable, Sendable {
    public enum Severity: String, Codable, Sendable, Comparable {
        case note, warning, error

        private var rank: Int { self == .note ? 0 : self == .warning ? 1 : 2 }
        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    /// Stable identifier such as `latex.include.missing`; see ``DiagnosticID``.
    public var id: String
    public var severity: Severity
    public var message: String
    public var location: SourceSpan?

    public init(_ id: DiagnosticID, _ severity: Severity, _ message: String, at location: SourceSpan? = nil) {
        self.id = id.rawValue
        self.severity = severity
        self.message = message
        self.location = location
    }

    /// `file:line:col: severity: message [id]`, the form compilers use.
    public var description: String {
        let place = location.map { "\($0.description): " } ?? ""
        return "\(place)\(severity.rawValue): \(message) [\(id)]"
    }
}

/// The stable identifiers of diagnostics. Tests and users can rely on these names.
public enum DiagnosticID: String, Codable, Sendable, CaseIterable {
    // Input
    case inputMissing = "input.missing"
    case inputEmpty = "input.empty"
    case inputBinary = "input.binary"
    case inputEncoding = "input.encoding"
    case inputTooLarge = "input.too-large"
    case inputUnsupported = "input.unsupported"
    case archiveCorrupt = "archive.corrupt"
    case archiveUnsafePath = "archive.unsafe-path"
    case archiveLink = "archive.link"
    case archiveTooLarge = "archive.too-large"
    case mainFileAmbiguous = "input.main-file-ambiguous"
    case mainFileMissing = "input.no-main-file"
    // LaTeX
    case includeMissing = "latex.include.missing"
    case includeOutsideRoot = "latex.include.outside-root"
    case includeDepth = "latex.include.depth"
    case includeCycle = "latex.include.cycle"
    case macroLimit = "latex.macro.limit"
    case macroBadDefinition = "latex.macro.bad-definition"
    case macroProtected = "latex.macro.protected"
    case unbalancedGroup = "latex.unbalanced-group"
    case unclosedEnvironment = "latex.environment.unclosed"
    case unmatchedEnd = "latex.environment.unmatched-end"
    case unclosedMath = "latex.math.unclosed"
    case unresolvedReference = "latex.ref.unresolved"
    case duplicateLabel = "latex.label.duplicate"
    case noDocument = "latex.no-document"
    case algorithmLine = "latex.algorithm.unknown-line"
    // PDF / HTML
    case pdfToolMissing = "pdf.tool-missing"
    case pdfEncrypted = "pdf.encrypted"
    case pdfDamaged = "pdf.damaged"
    case pdfNoText = "pdf.no-text"
    /// An HTML page whose markup is broken in a way none of the ids below names.
    case htmlMalformed = "html.malformed"
    /// An element never closed, or closed by another element's end tag.
    case htmlUnclosedElement = "html.element.unclosed"
    /// An end tag that closes no open element.
    case htmlStrayEndTag = "html.element.stray-end-tag"
    /// A tag, attribute, comment or declaration cut off by the end of the page.
    case htmlTruncated = "html.truncated"
    /// Elements nested deeper than the reader follows (flattened into their ancestor).
    case htmlNestingLimit = "html.nesting.limit"
    /// A page that is not LaTeXML output, read with plain HTML rules.
    case htmlNotLaTeXML = "html.not-latexml"
    /// A page with no title, section or paragraph.
    case htmlEmpty = "html.empty"
    /// Commands LaTeXML could not expand (`ltx_ERROR`), kept as raw text.
    case htmlLaTeXMLError = "html.latexml.unexpanded"
    /// Blocks before the title (preamble text LaTeXML printed) left out.
    case htmlPreambleDropped = "html.latexml.preamble-dropped"
    /// `<math>` without `alttext`: its TeX comes from an annotation or its text.
    case htmlMathNoAlttext = "html.math.no-alttext"
}

/// A failure of the environment (missing file, unreadable archive, unusable input) that stops
/// reading altogether. Its message names the file and says what to do.
public struct InputError: Error, CustomStringConvertible, Sendable {
    public var id: DiagnosticID
    public var message: String
    public var file: String

    public init(_ id: DiagnosticID, file: String, _ message: String) {
        self.id = id
        self.file = file
        self.message = message
    }

    public var description: String { "\(file): \(message) [\(id.rawValue)]" }
}
