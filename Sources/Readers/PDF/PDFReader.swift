import Foundation
import PaperModel

/// Reads a PDF through poppler's `pdftotext -bbox-layout` (words with their boxes), rebuilds
/// the reading order (columns, running headers, margin line numbers, hyphenation) and fills
/// the ``Paper`` model: title, abstract, the section tree, paragraphs with sentences, display
/// equations with a best-effort TeX, algorithm boxes, tables, figures, footnotes and the
/// bibliography. Every node carries a ``SourceSpan`` with the page, the box in points and a
/// running line number within the page.
public struct PDFReader: Sendable {
    public var limits: ReaderLimits
    /// Seconds after which pdftotext is killed.
    public var timeout: Double = 60
    /// A `PATH`-style list searched for `pdftotext` (the process's `PATH` when nil).
    var toolSearchPath: String?

    public init(limits: ReaderLimits = .default) {
        self.limits = limits
    }

    init(limits: ReaderLimits = .default, toolSearchPath: String?) {
        self.limits = limits
        self.toolSearchPath = toolSearchPath
    }

    static let installHint = "install poppler's pdftotext (Debian/Ubuntu: `apt-get install poppler-utils`; macOS: `brew install poppler`)"

    public func read(name: String, path: String?, data: [UInt8]) throws(InputError) -> ReadResult {
        if data.count > limits.maxFileBytes {
            throw InputError(.inputTooLarge, file: name,
                             "the PDF is \(data.count) bytes, over the limit of \(limits.maxFileBytes) bytes")
        }
        if data.isEmpty, path == nil { throw InputError(.inputEmpty, file: name, "the PDF is empty") }
        guard let tool = PopplerRunner.locate("pdftotext", searchPath: toolSearchPath) else {
            throw InputError(.pdfToolMissing, file: name, "cannot read a PDF without pdftotext: \(PDFReader.installHint)")
        }
        // pdftotext reads a file: use the one on disk, or write the bytes to a private temp file.
        var inputPath = path
        var tempPath: String?
        if inputPath == nil || !FileManager.default.isReadableFile(atPath: inputPath!) {
            let dir = FileManager.default.temporaryDirectory.path
            let p = "\(dir)/deconstruct-\(UUID().uuidString).pdf"
            guard FileManager.default.createFile(atPath: p, contents: Data(data), attributes: [.posixPermissions: 0o600]) else {
                throw InputError(.inputUnsupported, file: name, "cannot write a temporary copy of the PDF to \(dir)")
            }
            tempPath = p
            inputPath = p
        }
        defer { if let t = tempPath { try? FileManager.default.removeItem(atPath: t) } }
        var arg = inputPath!
        if arg.hasPrefix("-") { arg = "./" + arg }

        let out: PopplerRunner.Output
        do {
            out = try PopplerRunner.run(tool, ["-bbox-layout", "-enc", "UTF-8", arg, "-"], timeout: timeout)
        } catch {
            throw InputError(.pdfToolMissing, file: name, "cannot run \(tool): \(error); \(PDFReader.installHint)")
        }
        if out.timedOut {
            throw InputError(.pdfDamaged, file: name, "pdftotext did not finish within \(Int(timeout)) s; the PDF may be damaged or too complex")
        }
        let err = out.stderrText
        let lowerErr = err.lowercased()
        if lowerErr.contains("incorrect password") || lowerErr.contains("encrypted") && out.status != 0 {
            throw InputError(.pdfEncrypted, file: name, "the PDF is encrypted (password protected); decrypt it first, e.g. `qpdf --decrypt --password=… in.pdf out.pdf`")
        }
        if out.status == 3 {
            throw InputError(.pdfEncrypted, file: name, "the PDF's permissions forbid copying its text")
        }
        let doc: BBoxDocument = out.stdout.withUnsafeBytes { raw in BBoxParser.parse(raw.bindMemory(to: UInt8.self)) }
        if out.status != 0 || doc.pages.isEmpty {
            let firstError = err.split(separator: "\n").first.map(String.init) ?? "exit status \(out.status)"
            throw InputError(.pdfDamaged, file: name, "pdftotext cannot read the PDF (\(firstError)); the file is damaged or not a PDF")
        }
        if !doc.pages.contains(where: { $0.words.contains { !$0.text.allSatisfy(\.isWhitespace) } }) {
            throw InputError(.pdfNoText, file: name,
                             "the PDF has no extractable text (\(doc.pages.count) page\(doc.pages.count == 1 ? "" : "s"), probably scanned images); run OCR first (e.g. `ocrmypdf`) or use the LaTeX sources")
        }
        var result = PDFReader.interpret(doc, name: name)
        // Pages without any text (scanned pages, full-page images) are worth knowing about.
        let empty = doc.pages.indices.filter { doc.pages[$0].words.isEmpty }
        if !empty.isEmpty {
            let list = empty.prefix(10).map { "\($0 + 1)" }.joined(separator: ", ") + (empty.count > 10 ? ", …" : "")
            result.diagnostics.append(Diagnostic(.pdfNoText, .warning,
                                                 "\(empty.count) of \(doc.pages.count) pages have no text (images only?): \(list)",
                                                 at: SourceSpan(file: name, line: 1, column: 1, page: empty[0] + 1)))
        }
        var r = result
        if lowerErr.contains("syntax error") {
            let firstError = err.split(separator: "\n").first.map(String.init) ?? ""
            r.diagnostics.append(Diagnostic(.pdfDamaged, .warning, "pdftotext reported errors reading the PDF (\(firstError)); some text may be missing",
                                            at: SourceSpan(file: name, line: 1, column: 1, page: 1)))
        }
        return r
    }

    /// Builds the paper from parsed `-bbox-layout` output (also the entry point for tests on
    /// synthetic XHTML).
    static func interpret(_ doc: BBoxDocument, name: String) -> ReadResult {
        guard doc.pages.contains(where: { !$0.words.isEmpty }) else {
            return ReadResult(paper: Paper(source: SourceInfo(kind: .pdf, input: name, mainFile: name, files: [name],
                                                              pages: doc.pages.count)), diagnostics: [])
        }
        let layout = PDFLayout.build(doc)
        var structure = PDFStructure(layout: layout, file: name, metaTitle: doc.title, metaAuthor: doc.meta["Author"])
        let paper = structure.build()
        return ReadResult(paper: paper, diagnostics: structure.diagnostics)
    }

    /// Reads `-bbox-layout` XHTML given as text (tests, tools).
    static func interpret(xhtml: String, name: String) -> ReadResult {
        var s = xhtml
        return s.withUTF8 { interpret(BBoxParser.parse($0), name: name) }
    }
}
