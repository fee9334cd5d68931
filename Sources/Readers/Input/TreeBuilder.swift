import PaperModel

/// The rules shared by folders and archives for which files go into a ``SourceTree``: text files
/// only, known binary assets skipped by name, hidden and tool folders skipped, and the caps of
/// ``ReaderLimits`` on size and count.
struct TreeBuilder {
    private(set) var tree: SourceTree
    let limits: ReaderLimits
    /// Bytes of the files kept so far.
    private(set) var totalBytes = 0
    /// Set once a cap on count or total size was reached: nothing more is taken.
    private(set) var stopped = false
    /// Regular files met, kept or not.
    private(set) var filesSeen = 0
    /// What the tree is ("folder", "archive"), for messages.
    let what: String

    init(origin: String, what: String, limits: ReaderLimits) {
        tree = SourceTree(origin: origin)
        self.limits = limits
        self.what = what
    }

    /// Extensions of files never read: images, documents, archives, data, binaries, build output.
    static let skippedExtensions: Set<String> = [
        "pdf", "png", "jpg", "jpeg", "jfif", "gif", "bmp", "tif", "tiff", "webp", "ico", "heic", "avif",
        "jp2", "psd", "ai", "xcf", "emf", "wmf", "eps", "ps", "svg", "svgz",
        "zip", "gz", "tgz", "tar", "bz2", "xz", "zst", "7z", "rar", "z", "lz", "lzma",
        "mp4", "mov", "avi", "mkv", "webm", "m4v", "gifv", "mp3", "wav", "ogg", "flac", "m4a",
        "npy", "npz", "pkl", "pickle", "pt", "pth", "ckpt", "h5", "hdf5", "onnx", "safetensors",
        "parquet", "feather", "arrow", "mat", "sqlite", "db", "bin", "dat",
        "so", "dylib", "dll", "exe", "o", "a", "class", "jar", "pyc", "wasm",
        "woff", "woff2", "ttf", "otf", "pfb", "afm", "eot", "dvi", "xdv",
        "doc", "docx", "ppt", "pptx", "xls", "xlsx", "key", "pages", "numbers", "odt", "odp",
        "aux", "log", "blg", "fls", "fdb_latexmk", "synctex", "toc", "lof", "lot", "out", "nav", "snm",
    ]

    /// Folder names skipped besides hidden ones (`.git`, `.vscode`, …).
    static let skippedFolders: Set<String> = ["__MACOSX", "node_modules", "__pycache__"]

    /// Whether a folder of this name is walked.
    static func wantsFolder(_ name: String) -> Bool {
        !name.hasPrefix(".") && !skippedFolders.contains(name)
    }

    /// Whether a path is hidden (`.git/…`, `.DS_Store`) or in a tool folder (`__MACOSX/…`): such
    /// files are ignored altogether, not even counted.
    static func isHidden(_ path: String) -> Bool {
        path.split(separator: "/").contains { !wantsFolder(String($0)) }
    }

    /// Whether a file at this relative path is read at all, judged by its name only.
    static func wantsFile(_ path: String) -> Bool {
        let parts = path.split(separator: "/")
        guard let name = parts.last else { return false }
        for folder in parts.dropLast() where !wantsFolder(String(folder)) { return false }
        if name.hasPrefix(".") { return false }
        return !skippedExtensions.contains(fileExtension(String(name)))
    }

    /// Extensions of the files a LaTeX source pulls in (`\input`, `\usepackage`, `\bibliography`,
    /// TikZ pictures); around a single named `.tex`, only these are read.
    static let latexSourceExtensions: Set<String> = ["tex", "ltx", "latex", "sty", "cls", "bbl", "def", "cfg", "clo", "tikz", "pgf"]

    /// Whether `path` is a LaTeX source by its extension.
    static func isLaTeXSource(_ path: String) -> Bool {
        latexSourceExtensions.contains(fileExtension(path))
    }

    /// The lower-cased extension (`tex`), or "" if none.
    static func fileExtension(_ name: String) -> String {
        let base = name.split(separator: "/").last.map(String.init) ?? name
        guard let dot = base.lastIndex(of: "."), dot != base.startIndex else { return "" }
        return base[base.index(after: dot)...].lowercased()
    }

    /// Counts a regular file met (kept or not), for messages.
    mutating func noteFile() { filesSeen += 1 }

    /// Whether a file of this size may be taken. Too large: a warning, the file is skipped. Too
    /// many files or bytes in all: a warning, and `stopped` is set.
    mutating func admit(_ path: String, size: Int) -> Bool {
        guard !stopped else { return false }
        if size > limits.maxFileBytes {
            warn(.inputTooLarge, "skipped \(path): \(formatByteCount(size)), over the \(formatByteCount(limits.maxFileBytes)) limit for one file")
            return false
        }
        if tree.files.count >= limits.maxFiles {
            stop(.inputTooLarge, "stopped after \(limits.maxFiles) files, the limit for one \(what); the rest is ignored")
            return false
        }
        if size > limits.maxTotalBytes - totalBytes {
            stop(.inputTooLarge, "stopped at \(path): the files read pass \(formatByteCount(limits.maxTotalBytes)), the limit for one \(what); the rest is ignored")
            return false
        }
        return true
    }

    /// Adds a file's bytes if they are text (no NUL in the first 8 KB); the UTF-8 BOM is removed.
    /// Text that is not UTF-8 is kept, with a warning saying where.
    mutating func add(_ path: String, _ bytes: [UInt8]) {
        guard !BinaryCheck.hasNUL(bytes) else { return }
        let text = UTF8Check.strippingBOM(bytes)
        if let bad = UTF8Check.firstInvalidByte(text) {
            let (line, column) = UTF8Check.lineAndColumn(of: bad, in: text)
            tree.diagnostics.append(Diagnostic(
                .inputEncoding, .warning, "\(path): " + UTF8Check.encodingMessage(text, badOffset: bad, file: path),
                at: SourceSpan(file: path, line: line, column: column)))
        }
        if let old = tree.files[path] { totalBytes -= old.count }
        tree.files[path] = text
        totalBytes += text.count
    }

    mutating func warn(_ id: DiagnosticID, _ message: String) {
        tree.diagnostics.append(Diagnostic(id, .warning, message))
    }

    mutating func stop(_ id: DiagnosticID, _ message: String) {
        guard !stopped else { return }
        stopped = true
        warn(id, message)
    }

    mutating func setPreferredMain(_ path: String) { tree.preferredMain = path }

    /// The tree, or an error if it has no file, or no `.tex` file.
    func finish(file: String, emptyMessage: String) throws(InputError) -> SourceTree {
        guard filesSeen > 0 || !tree.files.isEmpty else {
            // Say why, when entries were refused (unsafe paths, links).
            let refused = tree.diagnostics.filter {
                $0.id == DiagnosticID.archiveUnsafePath.rawValue || $0.id == DiagnosticID.archiveLink.rawValue
            }
            if let first = refused.first {
                throw InputError(DiagnosticID(rawValue: first.id) ?? .archiveUnsafePath, file: file,
                                 "\(emptyMessage): every entry was refused (\(first.message))")
            }
            throw InputError(.inputEmpty, file: file, emptyMessage)
        }
        // A file the user named is the main file, whatever its extension.
        guard tree.preferredMain != nil || tree.files.keys.contains(where: { ["tex", "ltx"].contains(Self.fileExtension($0)) }) else {
            let kept = tree.files.count
            let detail = kept == 0
                ? "\(filesSeen) file\(filesSeen == 1 ? "" : "s"), none of them text"
                : "\(kept) text file\(kept == 1 ? "" : "s"), none of them .tex"
            throw InputError(.mainFileMissing, file: file,
                             "no .tex file in this \(what) (\(detail)); give the folder or archive of the paper's LaTeX sources, or its PDF")
        }
        return tree
    }
}

/// Relative paths inside a folder or archive, made safe to use as keys.
enum PathNormalizer {
    enum Result: Equatable {
        case ok(String)
        /// Empty, or only `.` components: nothing to name.
        case empty
        case absolute
        /// A `..` that climbs above the root.
        case escapes
    }

    /// `./a/../b//c` → `b/c`; absolute paths and paths leaving the root are refused.
    static func normalize(_ raw: String) -> Result {
        if raw.hasPrefix("/") { return .absolute }
        var parts: [Substring] = []
        for part in raw.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return .escapes }
                parts.removeLast()
            default: parts.append(part)
            }
        }
        return parts.isEmpty ? .empty : .ok(parts.joined(separator: "/"))
    }
}
