import Foundation
import Testing
import PaperModel
@testable import Readers

/// Tiny PDFs written by hand (base-14 Helvetica, exact xref offsets), for end-to-end tests
/// through pdftotext.
enum TinyPDF {
    /// A page of text: each item is (x, y from the top, size, text).
    static func make(pages: [[(Double, Double, Double, String)]], height: Double = 792) -> [UInt8] {
        var objects: [String] = []
        let pageCount = pages.count
        // 1 catalog, 2 pages, 3 font, then per page: page object, content stream.
        objects.append("<< /Type /Catalog /Pages 2 0 R >>")
        let kids = (0..<pageCount).map { "\(4 + 2 * $0) 0 R" }.joined(separator: " ")
        objects.append("<< /Type /Pages /Kids [\(kids)] /Count \(pageCount) >>")
        objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
        for (k, items) in pages.enumerated() {
            var content = ""
            for (x, y, size, text) in items {
                let esc = text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "(", with: "\\(").replacingOccurrences(of: ")", with: "\\)")
                content += "BT /F1 \(size) Tf \(x) \(height - y - size) Td (\(esc)) Tj ET\n"
            }
            if items.isEmpty { content = "0 0 1 rg 100 100 200 200 re f\n" }
            objects.append("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 \(height)] /Contents \(5 + 2 * k) 0 R /Resources << /Font << /F1 3 0 R >> >> >>")
            objects.append("<< /Length \(content.utf8.count) >>\nstream\n\(content)endstream")
        }
        var out = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (k, o) in objects.enumerated() {
            offsets.append(out.utf8.count)
            out += "\(k + 1) 0 obj\n\(o)\nendobj\n"
        }
        let xref = out.utf8.count
        out += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for o in offsets { out += String(format: "%010d 00000 n \n", o) }
        out += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Array(out.utf8)
    }

    /// A one-page paper with a title, an abstract, a section and an algorithm box.
    static var paper: [UInt8] {
        var items: [(Double, Double, Double, String)] = [
            (150, 60, 20, "Tiny Paper About Optimizers"),
            (280, 110, 12, "Abstract"),
            (110, 130, 10, "We present a tiny optimizer and show that it works on toy problems."),
            (72, 170, 12, "1 Introduction"),
        ]
        var y = 190.0
        for l in Prose.lines(5) { items.append((72, y, 10, l)); y += 12 }
        y += 14
        items.append((72, y, 10, "Algorithm 1: Tiny update rule")); y += 12
        for (d, t) in [(0, "Require: step size a"), (1, "t = 0"), (1, "while not converged do"), (2, "t = t + 1"),
                       (2, "w = w - a * g"), (1, "end while"), (1, "return w")] {
            items.append((72 + Double(d) * 12, y, 10, t)); y += 12
        }
        y += 16
        for l in Prose.lines(3, seed: 4) { items.append((72, y, 10, l)); y += 12 }
        return make(pages: [items])
    }
}

struct PDFToolCondition {
    static var pdftotext: String? { PopplerRunner.locate("pdftotext") }
    static var qpdf: String? { PopplerRunner.locate("qpdf") }
}

@Suite struct PDFToolTests {
    @Test(.enabled(if: PDFToolCondition.pdftotext != nil, "pdftotext not installed (apt-get install poppler-utils)"))
    func readsAHandWrittenPDFFromBytes() throws {
        let r = try PDFReader().read(name: "tiny.pdf", path: nil, data: TinyPDF.paper)
        let p = r.paper
        #expect(p.metadata.title == "Tiny Paper About Optimizers")
        #expect(p.abstract.first?.text.hasPrefix("We present a tiny optimizer") == true)
        #expect(p.sections.first?.title == "Introduction")
        #expect(p.source.pages == 1)
        let alg = try #require(p.algorithms.first)
        #expect(alg.caption == "Tiny update rule")
        #expect(alg.lines.map(\.kind) == [.require, .assign, .while, .assign, .assign, .endWhile, .return])
        #expect(alg.lines.map(\.depth) == [0, 0, 0, 1, 1, 0, 0])
        #expect(alg.span.file == "tiny.pdf")
        #expect(alg.span.page == 1)
        #expect(alg.span.box != nil)
    }

    @Test(.enabled(if: PDFToolCondition.pdftotext != nil, "pdftotext not installed (apt-get install poppler-utils)"))
    func readsFromAPathOnDisk() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("pdf-tool-test-\(UUID().uuidString).pdf").path
        let bytes = TinyPDF.paper
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let r = try PDFReader().read(name: "tiny.pdf", path: path, data: bytes)
        #expect(r.paper.algorithms.count == 1)
    }

    @Test(.enabled(if: PDFToolCondition.pdftotext != nil, "pdftotext not installed (apt-get install poppler-utils)"))
    func damagedPDFIsAnError() {
        var bytes = TinyPDF.paper
        bytes = Array(bytes.prefix(60))  // truncated inside the first object
        let e = #expect(throws: InputError.self) {
            _ = try PDFReader().read(name: "broken.pdf", path: nil, data: bytes)
        }
        #expect(e?.id == .pdfDamaged)
        #expect(e?.file == "broken.pdf")
        #expect(e?.description.contains("broken.pdf") == true)
        let junk = #expect(throws: InputError.self) {
            _ = try PDFReader().read(name: "junk.pdf", path: nil, data: Array("this is not a pdf at all".utf8))
        }
        #expect(junk?.id == .pdfDamaged)
    }

    @Test(.enabled(if: PDFToolCondition.pdftotext != nil, "pdftotext not installed (apt-get install poppler-utils)"))
    func imageOnlyPDFHasNoText() {
        let bytes = TinyPDF.make(pages: [[], []])
        let e = #expect(throws: InputError.self) {
            _ = try PDFReader().read(name: "scan.pdf", path: nil, data: bytes)
        }
        #expect(e?.id == .pdfNoText)
        #expect(e?.message.contains("no extractable text") == true)
    }

    @Test(.enabled(if: PDFToolCondition.pdftotext != nil, "pdftotext not installed (apt-get install poppler-utils)"))
    func pagesWithoutTextAreReported() throws {
        var pages: [[(Double, Double, Double, String)]] = [[]]
        var items: [(Double, Double, Double, String)] = [(72, 72, 12, "1 Introduction")]
        var y = 100.0
        for l in Prose.lines(6) { items.append((72, y, 10, l)); y += 12 }
        pages.append(items)
        let r = try PDFReader().read(name: "mixed.pdf", path: nil, data: TinyPDF.make(pages: pages))
        let d = try #require(r.diagnostics.first { $0.id == DiagnosticID.pdfNoText.rawValue })
        #expect(d.severity == .warning)
        #expect(d.location?.page == 1)
        #expect(r.paper.source.pages == 2)
        #expect(r.paper.sections.first?.span.page == 2)
    }

    @Test(.enabled(if: PDFToolCondition.pdftotext != nil && PDFToolCondition.qpdf != nil,
                   "needs pdftotext and qpdf (apt-get install poppler-utils qpdf) to make an encrypted PDF"))
    func encryptedPDFIsAnError() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pdf-enc-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let plain = dir + "/plain.pdf", locked = dir + "/locked.pdf"
        try #require(FileManager.default.createFile(atPath: plain, contents: Data(TinyPDF.paper)))
        let out = try PopplerRunner.run(PDFToolCondition.qpdf!, ["--encrypt", "user-secret", "owner-secret", "256", "--", plain, locked], timeout: 30)
        try #require(out.status == 0, "qpdf failed: \(out.stderrText)")
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: locked)))
        let e = #expect(throws: InputError.self) {
            _ = try PDFReader().read(name: "locked.pdf", path: locked, data: bytes)
        }
        #expect(e?.id == .pdfEncrypted)
        #expect(e?.file == "locked.pdf")
    }

    @Test func missingToolSaysHowToInstall() {
        let reader = PDFReader(toolSearchPath: "/nonexistent-dir-for-test")
        let e = #expect(throws: InputError.self) {
            _ = try reader.read(name: "x.pdf", path: nil, data: TinyPDF.paper)
        }
        #expect(e?.id == .pdfToolMissing)
        #expect(e?.message.contains("apt-get install poppler-utils") == true)
        #expect(e?.message.contains("brew install poppler") == true)
    }

    @Test func tooLargeIsRefused() {
        var limits = ReaderLimits()
        limits.maxFileBytes = 10
        let e = #expect(throws: InputError.self) {
            _ = try PDFReader(limits: limits).read(name: "big.pdf", path: nil, data: TinyPDF.paper)
        }
        #expect(e?.id == .inputTooLarge)
    }

    @Test func killsAToolThatHangs() throws {
        let start = Date()
        let out = try PopplerRunner.run("/bin/sleep", ["30"], timeout: 0.5)
        #expect(out.timedOut)
        #expect(Date().timeIntervalSince(start) < 10)
    }

    @Test func drainsLargeOutputWithoutDeadlock() throws {
        // 4 MB through stdout, far more than a pipe buffer.
        let out = try PopplerRunner.run("/usr/bin/head", ["-c", "4000000", "/dev/zero"], timeout: 30)
        #expect(out.status == 0)
        #expect(out.stdout.count == 4_000_000)
    }
}
