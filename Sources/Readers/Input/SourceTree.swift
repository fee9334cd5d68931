import PaperModel

/// The files of a LaTeX paper held in memory, keyed by their normalized path relative to the
/// paper's root (`sec/intro.tex`). Built from a folder, an archive or a single file; nothing is
/// ever extracted to disk, and no path can leave the root.
public struct SourceTree: Sendable {
    /// What the user named (folder, archive or file), for messages.
    public var origin: String
    /// Normalized relative path → bytes.
    public var files: [String: [UInt8]]
    /// Problems met while loading (unsafe paths skipped, files over the size cap, …).
    public var diagnostics: [Diagnostic]
    /// The file the user named, when they named one `.tex` file (its siblings are loaded too, for
    /// `\input`), or the only file of a gzipped/standard-input source. The LaTeX reader takes it
    /// as the main file instead of guessing.
    public var preferredMain: String?

    public init(origin: String, files: [String: [UInt8]] = [:], diagnostics: [Diagnostic] = [],
                preferredMain: String? = nil) {
        self.origin = origin
        self.files = files
        self.diagnostics = diagnostics
        self.preferredMain = preferredMain
    }

    /// All paths, sorted.
    public var paths: [String] { files.keys.sorted() }

    /// The file at a normalized relative path.
    public func data(_ path: String) -> [UInt8]? { files[path] }
}
