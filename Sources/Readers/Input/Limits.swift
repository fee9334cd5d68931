/// Caps that keep a hostile or broken paper from exhausting time or memory.
public struct ReaderLimits: Sendable {
    /// Largest single file read (bytes).
    public var maxFileBytes = 16 << 20
    /// Largest PDF read (bytes). PDFs carry their figures and fonts, so they get a cap of their own.
    public var maxPDFBytes = 128 << 20
    /// Largest total of all files of a folder or archive after decompression (bytes).
    public var maxTotalBytes = 256 << 20
    /// Largest number of files taken from a folder or archive.
    public var maxFiles = 20_000
    /// Deepest chain of `\input`/`\include`.
    public var maxIncludeDepth = 32
    /// Most macro expansions in one document.
    public var maxExpansions = 100_000
    /// Most tokens produced by expansion in one document.
    public var maxTokens = 20_000_000
    /// Most tokens waiting to be read after expansion (a macro that grows its own input).
    public var maxPendingTokens = 1_000_000
    /// Deepest nesting of groups/environments the builder follows.
    public var maxNesting = 512

    public init() {}

    public static let `default` = ReaderLimits()
}
