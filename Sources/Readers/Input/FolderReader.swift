import PaperModel

/// Reads a folder of LaTeX sources, recursively, into a ``SourceTree``. Symlinks are followed
/// only while they stay inside the folder, and a folder is never walked twice (no symlink loops).
struct FolderReader {
    /// Deepest folder nesting walked.
    static let maxDepth = 64

    private var builder: TreeBuilder
    private let root: String
    private let realRoot: String
    private var visited: Set<InputFileSystem.Identity> = []
    /// Entries looked at, to bound the work on huge folders (a home folder, say).
    private var entriesMet = 0
    private let preloaded: String?

    /// Reads the folder at `root`. `preloaded` is a file already read (the `.tex` the user named),
    /// put in the tree under its relative path before the walk, so that no cap can leave it out.
    /// Around such a file only LaTeX sources are read (``TreeBuilder/isLaTeXSource(_:)``): the
    /// folder may be a downloads folder, whose other files are none of the paper's business.
    static func read(root: String, limits: ReaderLimits, origin: String,
                     preloaded: (path: String, bytes: [UInt8])? = nil) throws(InputError) -> SourceTree {
        guard let realRoot = InputFileSystem.realPath(root) else {
            throw InputError(.inputMissing, file: origin, "cannot open the folder: no such file or folder")
        }
        var reader = FolderReader(builder: TreeBuilder(origin: origin, what: "folder", limits: limits),
                                  root: root, realRoot: realRoot, preloaded: preloaded?.path)
        if let preloaded {
            reader.builder.noteFile()
            reader.builder.add(preloaded.path, preloaded.bytes)
            reader.builder.setPreferredMain(preloaded.path)
        }
        if case .success(let info) = InputFileSystem.info(root, followLinks: true) {
            reader.visited.insert(info.identity)
        }
        if case .failure(.system(let code)) = InputFileSystem.list(root) {
            throw InputError(.inputMissing, file: origin, "cannot read the folder: \(InputFileSystem.describe(code))")
        }
        reader.walk(folder: root, relative: "", depth: 0)
        let tree = reader.builder
        return try tree.finish(file: origin, emptyMessage: "the folder is empty (no files, hidden ones aside)")
    }

    private init(builder: TreeBuilder, root: String, realRoot: String, preloaded: String?) {
        self.builder = builder
        self.root = root
        self.realRoot = realRoot
        self.preloaded = preloaded
    }

    private mutating func walk(folder: String, relative: String, depth: Int) {
        let listing: (names: [String], undecodable: [String])
        switch InputFileSystem.list(folder) {
        case .success(let l): listing = l
        case .failure(.system(let code)):
            builder.warn(.inputMissing, "skipped folder \(display(relative)): cannot read it (\(InputFileSystem.describe(code)))")
            return
        case .failure(.tooLarge): return
        }
        for name in listing.undecodable {
            builder.warn(.inputUnsupported, "skipped \(join(relative, name)): its name is not valid UTF-8")
        }
        for name in listing.names {
            if builder.stopped { return }
            entriesMet += 1
            if entriesMet / 8 > builder.limits.maxFiles {
                builder.stop(.inputTooLarge, "stopped after looking at \(entriesMet - 1) entries; the folder is too big to be a paper's sources")
                return
            }
            let path = folder.hasSuffix("/") ? folder + name : folder + "/" + name
            let rel = join(relative, name)
            guard case .success(var info) = InputFileSystem.info(path, followLinks: false) else {
                builder.warn(.inputMissing, "skipped \(rel): cannot read its attributes")
                continue
            }
            if info.kind == .symlink {
                guard let target = InputFileSystem.realPath(path) else {
                    builder.warn(.archiveLink, "skipped \(rel): a symbolic link to nothing")
                    continue
                }
                guard target == realRoot || target.hasPrefix(realRoot == "/" ? "/" : realRoot + "/") else {
                    builder.warn(.archiveUnsafePath, "skipped \(rel): a symbolic link to \(target), outside the folder")
                    continue
                }
                guard case .success(let resolved) = InputFileSystem.info(path, followLinks: true) else { continue }
                info = resolved
            }
            switch info.kind {
            case .directory:
                guard TreeBuilder.wantsFolder(name) else { continue }
                guard depth < Self.maxDepth else {
                    builder.warn(.inputUnsupported, "skipped \(rel): folders nested deeper than \(Self.maxDepth)")
                    continue
                }
                guard visited.insert(info.identity).inserted else {
                    builder.warn(.archiveLink, "skipped \(rel): a link to a folder already read")
                    continue
                }
                walk(folder: path, relative: rel, depth: depth + 1)
            case .regular:
                if rel == preloaded || TreeBuilder.isHidden(rel) { continue }
                builder.noteFile()
                guard TreeBuilder.wantsFile(rel), preloaded == nil || TreeBuilder.isLaTeXSource(rel),
                      builder.admit(rel, size: info.size) else { continue }
                let cap = builder.limits.maxFileBytes
                switch InputFileSystem.readFile(path, cap: { _ in cap }) {
                case .success(let bytes):
                    builder.add(rel, bytes)
                case .failure(.tooLarge(let size)):
                    builder.warn(.inputTooLarge, "skipped \(rel): \(formatByteCount(size)), over the \(formatByteCount(builder.limits.maxFileBytes)) limit for one file")
                case .failure(.system(let code)):
                    builder.warn(.inputMissing, "skipped \(rel): cannot read it (\(InputFileSystem.describe(code)))")
                }
            case .symlink, .other:
                continue  // FIFOs, sockets, devices
            }
        }
    }

    private func join(_ relative: String, _ name: String) -> String {
        relative.isEmpty ? name : relative + "/" + name
    }

    private func display(_ relative: String) -> String { relative.isEmpty ? "." : relative }
}
