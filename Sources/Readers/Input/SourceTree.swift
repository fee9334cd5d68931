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
    /// The file the user named, when they named one file of a folder: the reader's main file.
    public var preferredMain: String? = nil

    public init(origin: String, files: [String: [UInt8]] = [:], diagnostics: [Diagnostic] = []) {
        self.origin = origin
        self.files = files
        self.diagnostics = diagnostics
    }

    /// All paths, sorted.
    public var paths: [String] { files.keys.sorted() }

    /// The file at a normalized relative path.
    public func data(_ path: String) -> [UInt8]? { files[path] }
}
