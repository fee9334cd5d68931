#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Android)
import Android
#endif
import PaperModel

/// Turns what the user named (a file, a folder, an archive, or standard input) into a
/// ``PaperInput``, recognizing its kind by content: gzip, tar, PDF, HTML, LaTeX or plain text.
/// Everything stays in memory; nothing is written to disk. Every failure is an ``InputError``
/// whose message names the file and says what to do.
public enum InputLoader {
    /// Loads a file, folder or archive. `path` may be "-" for standard input.
    ///
    /// A single `.tex` file (or a LaTeX file under another name) is loaded with the other files of
    /// its folder, since `\input` needs them; ``SourceTree/preferredMain`` names it.
    public static func load(path: String, limits: ReaderLimits = .default) throws(InputError) -> PaperInput {
        if path == "-" { return try loadStandardInput(limits: limits) }
        guard !path.isEmpty else { throw InputError(.inputMissing, file: "\"\"", "no file or folder given (empty path)") }

        let info: InputFileSystem.Info
        switch InputFileSystem.info(path, followLinks: true) {
        case .success(let i): info = i
        case .failure(.system(let code)): throw openError(path, code)
        case .failure(.tooLarge): throw openError(path, EFBIG)
        }
        if info.kind == .directory {
            return .latex(try FolderReader.read(root: path, limits: limits, origin: path))
        }
        if info.kind == .regular && info.size == 0 {
            throw InputError(.inputEmpty, file: path, "the file is empty")
        }

        let name = baseName(path)
        var cap = Cap.file
        let bytes: [UInt8]
        switch InputFileSystem.readFile(path, cap: { head in
            cap = Cap.for(head: head, name: name)
            return cap.bytes(limits)
        }) {
        case .success(let b): bytes = b
        case .failure(.tooLarge(let size)):
            throw InputError(.inputTooLarge, file: path,
                             "the file is \(formatByteCount(size)), over \(cap.describe(limits))")
        case .failure(.system(let code)): throw openError(path, code)
        }

        switch try detect(bytes, name: name, file: path, limits: limits, onDisk: true) {
        case .ready(let input):
            return input
        case .latexFile(let key, let text, let decompressed):
            guard !decompressed else { return .latex(singleFileTree(key: key, text: text, origin: path)) }
            // The folder around the file, for `\input`; the file itself is always in.
            do {
                return .latex(try FolderReader.read(root: dirName(path), limits: limits, origin: path,
                                                    preloaded: (name, text)))
            } catch {
                var tree = singleFileTree(key: name, text: text, origin: path)
                tree.diagnostics.append(Diagnostic(.inputMissing, .warning,
                                                   "could not read the folder around \(name) (\(error.message)); \\input files will be missing"))
                return .latex(tree)
            }
        }
    }

    /// Loads bytes already in memory (standard input, a download). `name` is used for messages
    /// and its extension breaks ties between text and LaTeX.
    public static func load(bytes: [UInt8], name: String, limits: ReaderLimits = .default) throws(InputError) -> PaperInput {
        let file = name.isEmpty ? "input" : name
        switch try detect(bytes, name: baseName(file), file: file, limits: limits, onDisk: false) {
        case .ready(let input): return input
        case .latexFile(let key, let text, _): return .latex(singleFileTree(key: key, text: text, origin: file))
        }
    }

    // MARK: - Detection

    private enum Detected {
        case ready(PaperInput)
        /// One LaTeX file; `decompressed` if it came out of a gzip file (no folder around it).
        case latexFile(key: String, text: [UInt8], decompressed: Bool)
    }

    /// Which cap applies to an input, judged from its first bytes and name.
    private enum Cap {
        case file, pdf, archive

        static func `for`(head: [UInt8], name: String) -> Cap {
            if GzipStream.isGzip(head) || TarReader.isTar(head) || isArchiveName(name) { return .archive }
            return ContentSniffer.isPDF(head) ? .pdf : .file
        }

        func bytes(_ limits: ReaderLimits) -> Int {
            switch self {
            case .file: return limits.maxFileBytes
            case .pdf: return limits.maxPDFBytes
            case .archive: return limits.maxTotalBytes
            }
        }

        func describe(_ limits: ReaderLimits) -> String {
            switch self {
            case .file: return "the \(formatByteCount(limits.maxFileBytes)) limit for one file"
            case .pdf: return "the \(formatByteCount(limits.maxPDFBytes)) limit for a PDF"
            case .archive: return "the \(formatByteCount(limits.maxTotalBytes)) limit for an archive"
            }
        }
    }

    private static func isArchiveName(_ name: String) -> Bool {
        ["tar", "tgz", "gz", "taz"].contains(TreeBuilder.fileExtension(name))
    }

    private static func detect(_ bytes: [UInt8], name: String, file: String, limits: ReaderLimits,
                               onDisk: Bool, decompressed: Bool = false) throws(InputError) -> Detected {
        guard !bytes.isEmpty else {
            throw InputError(.inputEmpty, file: file, decompressed ? "the compressed file holds nothing" : "the file is empty")
        }
        func tooLarge(_ cap: Cap) -> InputError {
            InputError(.inputTooLarge, file: file, "\(decompressed ? "decompressed, it" : "the file") is \(formatByteCount(bytes.count)), over \(cap.describe(limits))")
        }

        // Archives.
        if GzipStream.isGzip(bytes) {
            guard !decompressed else {
                throw InputError(.inputUnsupported, file: file, "compressed twice (gzip inside gzip); run gunzip on it once and try again")
            }
            guard bytes.count <= limits.maxTotalBytes else { throw tooLarge(.archive) }
            return try gunzip(bytes, name: name, file: file, limits: limits)
        }
        if TarReader.isTar(bytes) {
            guard bytes.count <= limits.maxTotalBytes else {
                throw InputError(.archiveTooLarge, file: file, "the archive is \(formatByteCount(bytes.count)), over \(Cap.archive.describe(limits))")
            }
            var stream = InputMemoryStream(bytes)
            return .ready(.latex(try TarReader.read(&stream, file: file, limits: limits)))
        }
        if ContentSniffer.isZip(bytes) {
            throw InputError(.inputUnsupported, file: file, "zip archives are not read; unzip it and give the folder instead")
        }
        if ContentSniffer.isPDF(bytes) {
            guard bytes.count <= limits.maxPDFBytes else { throw tooLarge(.pdf) }
            return .ready(.pdf(name: name, path: onDisk && !decompressed ? file : nil, data: bytes))
        }
        if bytes.count % TarReader.blockSize == 0 && bytes.count >= 2 * TarReader.blockSize && bytes.allSatisfy({ $0 == 0 }) {
            throw InputError(.inputEmpty, file: file, "the archive contains no files")  // an empty tar is all zeros
        }
        if isArchiveName(name) && !decompressed {
            throw InputError(.archiveCorrupt, file: file, "named like an archive, but it is neither gzip nor tar data (damaged or incomplete download?)")
        }

        // Text.
        if ContentSniffer.isWideText(bytes) {
            throw InputError(.inputEncoding, file: file, "UTF-16 text; convert it to UTF-8, e.g. `iconv -f utf-16 -t utf-8`")
        }
        if BinaryCheck.looksBinary(bytes) {
            throw InputError(.inputBinary, file: file,
                             "binary data, not a paper: give a LaTeX source (.tex, folder, .tar.gz), a PDF, an HTML page or a text file")
        }
        guard bytes.count <= limits.maxFileBytes else { throw tooLarge(.file) }
        let text = UTF8Check.strippingBOM(bytes)
        if let bad = UTF8Check.firstInvalidByte(text) {
            throw InputError(.inputEncoding, file: file, UTF8Check.encodingMessage(text, badOffset: bad, file: file))
        }
        guard text.contains(where: { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == 0x0C) }) else {
            throw InputError(.inputEmpty, file: file, "the file holds only blank space")
        }
        let ext = TreeBuilder.fileExtension(name)
        switch ContentSniffer.classify(text, ext: ext) {
        case .html: return .ready(.html(name: name, text: String(decoding: text, as: UTF8.self)))
        case .text: return .ready(.text(name: name, text: String(decoding: text, as: UTF8.self)))
        case .latex:
            // Out of a gzip file the name may lack `.tex` (arXiv's `2401.01234`): add it.
            let key = decompressed && !ContentSniffer.latexExtensions.contains(ext) ? name + ".tex" : name
            return .latexFile(key: key, text: text, decompressed: decompressed)
        }
    }

    /// A gzip file: a tarball, or one compressed file (arXiv serves single-file papers this way).
    private static func gunzip(_ bytes: [UInt8], name: String, file: String, limits: ReaderLimits) throws(InputError) -> Detected {
        let stream = try GzipStream(bytes, file: file, limit: limits.maxTotalBytes,
                                    limitName: "\(formatByteCount(limits.maxTotalBytes)), the limit for an archive")
        let head = try stream.read(TarReader.blockSize)
        stream.unread(head)
        if TarReader.isTar(head) {
            var tarStream = stream
            return .ready(.latex(try TarReader.read(&tarStream, file: file, limits: limits)))
        }
        let cap = ContentSniffer.isPDF(head) ? limits.maxPDFBytes : limits.maxFileBytes
        stream.limit = min(cap, limits.maxTotalBytes)
        stream.limitName = "\(formatByteCount(stream.limit)), the limit for one \(ContentSniffer.isPDF(head) ? "PDF" : "file")"
        let inner = try stream.readToEnd()
        return try detect(inner, name: innerName(name), file: file, limits: limits, onDisk: false, decompressed: true)
    }

    /// `paper.tex.gz` → `paper.tex`, `src.tgz` → `src.tar`, `2401.01234` stays.
    private static func innerName(_ name: String) -> String {
        let lower = name.lowercased()
        if lower.hasSuffix(".tgz") || lower.hasSuffix(".taz") { return String(name.dropLast(4)) + ".tar" }
        if lower.hasSuffix(".gz") { return String(name.dropLast(3)) }
        return name
    }

    private static func singleFileTree(key: String, text: [UInt8], origin: String) -> SourceTree {
        SourceTree(origin: origin, files: [key: text], preferredMain: key)
    }

    // MARK: - Standard input and paths

    private static func loadStandardInput(limits: ReaderLimits) throws(InputError) -> PaperInput {
        let cap = max(limits.maxTotalBytes, limits.maxPDFBytes, limits.maxFileBytes)
        switch InputFileSystem.readStream(fd: 0, cap: cap) {
        case .success(let bytes):
            return try load(bytes: bytes, name: "stdin", limits: limits)
        case .failure(.tooLarge):
            throw InputError(.inputTooLarge, file: "stdin", "standard input passes \(formatByteCount(cap)), the most read; give a file instead")
        case .failure(.system(let code)):
            throw InputError(.inputMissing, file: "stdin", "cannot read standard input: \(InputFileSystem.describe(code))")
        }
    }

    static func openError(_ path: String, _ code: Int32) -> InputError {
        switch code {
        case ENOENT, ENOTDIR:
            return InputError(.inputMissing, file: path, "no such file or folder")
        case EACCES, EPERM:
            return InputError(.inputMissing, file: path, "cannot read it: permission denied; check its permissions (ls -l)")
        default:
            return InputError(.inputMissing, file: path, "cannot read it: \(InputFileSystem.describe(code))")
        }
    }

    /// The last component of a path (`a/b.tex` → `b.tex`).
    static func baseName(_ path: String) -> String {
        var p = Substring(path)
        while p.count > 1 && p.hasSuffix("/") { p = p.dropLast() }
        guard let slash = p.lastIndex(of: "/") else { return String(p) }
        let name = p[p.index(after: slash)...]
        return name.isEmpty ? String(p) : String(name)
    }

    /// The folder of a path (`a/b.tex` → `a`, `b.tex` → `.`).
    static func dirName(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let dir = path[..<slash]
        return dir.isEmpty ? "/" : String(dir)
    }
}
