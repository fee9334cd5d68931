import Foundation
import Testing
import PaperModel
@testable import Readers

@Suite struct InputArchiveTests {
    static let main = "\\documentclass{article}\n\\begin{document}\n\\input{sections/intro}\n\\end{document}\n"

    func load(_ bytes: [UInt8], name: String = "paper.tar", limits: ReaderLimits = .default) throws -> SourceTree {
        let input = try InputLoader.load(bytes: bytes, name: name, limits: limits)
        return try #require(input.loadedTree, "expected a LaTeX source tree, got \(input.loadedKind)")
    }

    func error(_ bytes: [UInt8], name: String = "paper.tar.gz", limits: ReaderLimits = .default) -> InputError? {
        inputError { () throws(InputError) in try InputLoader.load(bytes: bytes, name: name, limits: limits) }
    }

    @Test func ustarWithFoldersAndPrefix() throws {
        var tar = InputTarWriter()
        tar.folder("./")
        tar.file("./main.tex", Self.main)
        tar.folder("sections/")
        tar.file("sections/intro.tex", "Intro.")
        tar.file("deep.tex", "Deep.", prefix: "a/b/c")
        tar.file("figs/plot.png", "not really a png, skipped by name")
        tar.file("data/weights.txt", [0x00, 0x01, 0x02] + Array("binary".utf8))
        tar.file(".hidden/x.tex", "hidden")
        tar.end()
        let tree = try load(tar.bytes)
        #expect(tree.paths == ["a/b/c/deep.tex", "main.tex", "sections/intro.tex"])
        #expect(tree.loadedString("main.tex") == Self.main)
        #expect(tree.diagnostics.isEmpty)
        #expect(tree.preferredMain == nil)
    }

    @Test func gnuLongNameAndPaxPath() throws {
        let long = "sections/" + String(repeating: "a-very-long-folder-name/", count: 6) + "appendix.tex"
        #expect(long.utf8.count > 100)
        var tar = InputTarWriter()
        tar.format = .gnu
        tar.file("main.tex", Self.main)
        tar.gnuLongName(long, "Long.")
        tar.format = .ustar
        tar.paxPath("sections/éléments/théorie.tex", "Pax.")
        tar.file("after.tex", "After: the pax name applies to one entry only.")
        tar.end()
        let tree = try load(tar.bytes)
        #expect(tree.loadedString(long) == "Long.")
        #expect(tree.loadedString("sections/éléments/théorie.tex") == "Pax.")
        #expect(tree.loadedString("after.tex") != nil)
        #expect(tree.files["placeholder-name"] == nil)
        #expect(tree.files.count == 4)
    }

    @Test func globalPaxPathAppliesToLaterEntries() throws {
        var tar = InputTarWriter()
        tar.paxPath("g.tex", "Global.", global: true)
        tar.end()
        #expect(try load(tar.bytes).paths == ["g.tex"])
    }

    @Test func unsafePathsAndLinksAreSkippedWithWarnings() throws {
        var tar = InputTarWriter()
        tar.file("main.tex", Self.main)
        tar.file("../evil.tex", "outside")
        tar.file("sub/../../evil2.tex", "outside too")
        tar.file("/etc/evil.tex", "absolute")
        tar.file("./a/../b.tex", "normalized")
        tar.link("link.tex", to: "/etc/passwd")
        tar.link("hard.tex", to: "main.tex", hard: true)
        tar.end()
        let tree = try load(tar.bytes)
        #expect(tree.paths == ["b.tex", "main.tex"])
        #expect(tree.loadedDiagnosticIDs == ["archive.unsafe-path", "archive.unsafe-path", "archive.unsafe-path",
                                       "archive.link", "archive.link"])
        #expect(tree.diagnostics.allSatisfy { $0.severity == .warning })
        #expect(tree.diagnostics[2].message.contains("/etc/evil.tex"))
    }

    @Test func oldV7HeaderIsRecognized() throws {
        var tar = InputTarWriter()
        tar.format = .v7
        tar.file("paper.tex", Self.main)
        tar.end()
        #expect(try load(tar.bytes, name: "download").paths == ["paper.tex"])
    }

    @Test func archiveWithoutEndBlocksIsAccepted() throws {
        var tar = InputTarWriter()
        tar.file("paper.tex", Self.main)
        #expect(try load(tar.bytes).paths == ["paper.tex"])
    }

    @Test func archiveWithoutTeXFile() throws {
        var tar = InputTarWriter()
        tar.file("paper.pdf", "%PDF-1.4")
        tar.file("README.md", "Read me.")
        tar.end()
        let error = error(tar.bytes, name: "src.tar")
        #expect(error?.id == .mainFileMissing)
        #expect(error?.message.contains("no .tex file") == true)
    }

    @Test func perFileAndCountCaps() throws {
        var tar = InputTarWriter()
        tar.file("big.tex", String(repeating: "x", count: 5000))
        for i in 0..<5 { tar.file("f\(i).tex", "File \(i).") }
        tar.end()
        let tree = try load(tar.bytes, limits: inputLimits(file: 4096, files: 3))
        #expect(tree.paths == ["f0.tex", "f1.tex", "f2.tex"])
        #expect(tree.loadedDiagnosticIDs == ["input.too-large", "input.too-large"])
        #expect(tree.diagnostics[0].message.contains("big.tex"))
    }

    @Test func truncatedTar() throws {
        var tar = InputTarWriter()
        tar.file("paper.tex", String(repeating: "text ", count: 400))
        tar.end()
        let cut = Array(tar.bytes.prefix(512 + 700))
        let error = error(cut, name: "src.tar")
        #expect(error?.id == .archiveCorrupt)
        #expect(error?.message.contains("truncated") == true)
    }

    @Test func badChecksum() throws {
        var tar = InputTarWriter()
        tar.file("paper.tex", Self.main)
        tar.header(name: "second.tex", size: 0, corruptChecksum: true)
        tar.end()
        let error = error(tar.bytes, name: "src.tar")
        #expect(error?.id == .archiveCorrupt)
        #expect(error?.message.contains("checksum") == true)
    }

    @Test func paxHeaderParsing() {
        #expect(TarReader.paxRecords(Array("12 path=a.b\n".utf8)) == ["path": "a.b"])
        #expect(TarReader.paxRecords(Array("99 path=a.b\n".utf8)) == nil)
        #expect(TarReader.paxRecords(Array("path=a.b\n".utf8)) == nil)
    }

    @Test func numericFields() {
        #expect(TarReader.number(ArraySlice(Array("00000001750\0".utf8))) == 1000)
        #expect(TarReader.number(ArraySlice([0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x03, 0xE8])) == 1000)
        #expect(TarReader.number(ArraySlice(Array("12x4".utf8))) == nil)
    }

    @Test(arguments: ["../a", "/a", "a/../../b"])
    func normalizerRefusesEscapes(_ raw: String) {
        #expect(PathNormalizer.normalize(raw) == .absolute || PathNormalizer.normalize(raw) == .escapes)
    }

    @Test func normalizerCleansPaths() {
        #expect(PathNormalizer.normalize("./a/../b//c/.") == .ok("b/c"))
        #expect(PathNormalizer.normalize("./") == .empty)
    }

    // MARK: gzip

    @Test func gzippedTarball() throws {
        var tar = InputTarWriter()
        tar.file("main.tex", Self.main)
        tar.file("sections/intro.tex", "Intro.")
        tar.end()
        let tree = try load(inputGzip(tar.bytes), name: "2401.01234.tar.gz")
        #expect(tree.paths == ["main.tex", "sections/intro.tex"])
        #expect(tree.origin == "2401.01234.tar.gz")
    }

    @Test func gzippedSingleTeXFileAsArxivServesIt() throws {
        let tree = try load(inputGzip(Self.main), name: "2401.01234")
        #expect(tree.paths == ["2401.01234.tex"])
        #expect(tree.preferredMain == "2401.01234.tex")
        #expect(tree.loadedString("2401.01234.tex") == Self.main)
    }

    @Test func gzippedNamedTeXFile() throws {
        let tree = try load(inputGzip(Self.main), name: "paper.tex.gz")
        #expect(tree.paths == ["paper.tex"])
    }

    @Test func gzippedTextAndPDF() throws {
        let text = try InputLoader.load(bytes: inputGzip("Prose with $x$."), name: "notes.txt.gz")
        #expect(text.loadedText == "Prose with $x$.")
        guard case .pdf(_, let path, let data) = try InputLoader.load(bytes: inputGzip("%PDF-1.4\n"), name: "p.pdf.gz") else {
            Issue.record("not a PDF")
            return
        }
        #expect(path == nil)
        #expect(data == Array("%PDF-1.4\n".utf8))
    }

    @Test func concatenatedGzipMembers() throws {
        let input = try InputLoader.load(bytes: inputGzip("Part one, ") + inputGzip("part two."), name: "a.txt.gz")
        #expect(input.loadedText == "Part one, part two.")
    }

    @Test func truncatedGzip() throws {
        var tar = InputTarWriter()
        tar.file("main.tex", String(repeating: "Some text that compresses. ", count: 2000))
        tar.end()
        let full = inputGzip(tar.bytes)
        let error = error(Array(full.prefix(full.count / 2)))
        #expect(error?.id == .archiveCorrupt)
        #expect(error?.message.contains("ends early") == true)
    }

    @Test func damagedGzip() throws {
        var full = inputGzip(Self.main + String(repeating: "More. ", count: 100))
        for i in 12..<(full.count - 8) { full[i] ^= 0x5A }
        let error = error(full, name: "paper.gz")
        #expect(error?.id == .archiveCorrupt)
        #expect(error?.message.contains("damaged") == true)
    }

    /// 300 MB of zeros, compressed to about 300 KB, fed to zlib a megabyte at a time.
    static let bomb: [UInt8] = {
        let zeros = [UInt8](repeating: 0, count: 1 << 20)
        return inputGzip(level: 9) { feed in
            zeros.withUnsafeBytes { for _ in 0..<300 { feed($0) } }
        }
    }()

    @Test func gzipBombFailsFast() throws {
        #expect(Self.bomb.count < 1 << 20)
        let start = ContinuousClock.now
        let error = error(Self.bomb, name: "bomb.gz", limits: inputLimits(file: 1 << 20, total: 8 << 20))
        let elapsed = ContinuousClock.now - start
        #expect(error?.id == .archiveTooLarge)
        #expect(error?.message.contains("decompresses to more than 1 MB") == true)
        #expect(elapsed < .seconds(10))
    }

    @Test func tarBombFailsAtTheTotalCap() throws {
        // A tar header announcing a 300 MB file, then the zeros: skipped as too large for one
        // file, and inflating stops at the total cap.
        var tar = InputTarWriter()
        tar.header(name: "big.tex", size: 300 << 20)
        let zeros = [UInt8](repeating: 0, count: 1 << 20)
        let bomb = inputGzip(level: 9) { feed in
            tar.bytes.withUnsafeBytes { feed($0) }
            zeros.withUnsafeBytes { for _ in 0..<300 { feed($0) } }
        }
        let start = ContinuousClock.now
        let error = error(bomb, limits: inputLimits(file: 1 << 20, total: 8 << 20))
        #expect(error?.id == .archiveTooLarge)
        #expect(error?.message.contains("8 MB, the limit for an archive") == true)
        #expect(ContinuousClock.now - start < .seconds(10))
    }

    @Test func gzipStreamNeverPassesItsLimit() throws {
        let stream = try GzipStream(inputGzip([UInt8](repeating: 7, count: 200_000)), file: "x", limit: 100_000, limitName: "test")
        #expect(try stream.read(100_000).count == 100_000)
        #expect(throws: InputError.self) { try stream.read(1) }
    }
}

/// Archives written by the system's `tar`, when there is one: GNU and pax formats, long names.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/tar")))
struct InputSystemTarTests {
    func makeTar(format: String, gzip: Bool) throws -> (InputTempDir, String, String) {
        let dir = try InputTempDir()
        let long = "sections/" + String(repeating: "long-folder-name-", count: 8) + "/intro.tex"
        try dir.write("src/main.tex", "\\documentclass{article}\n\\input{\(long)}\n")
        try dir.write("src/" + long, "Intro.")
        try dir.write("src/fig.png", [0x89, 0x50, 0x4E, 0x47, 0, 0, 0])
        let archive = dir.path + (gzip ? "/src.tgz" : "/src.tar")
        let tar = Process()
        tar.executableURL = URL(fileURLWithPath: "/usr/bin/tar")
        tar.arguments = ["--format=\(format)", gzip ? "-czf" : "-cf", archive, "-C", dir.path + "/src", "."]
        try tar.run()
        tar.waitUntilExit()
        try #require(tar.terminationStatus == 0)
        return (dir, archive, long)
    }

    @Test(arguments: ["gnu", "pax"], [false, true])
    func systemTarArchives(format: String, gzip: Bool) throws {
        let (dir, archive, long) = try makeTar(format: format, gzip: gzip)
        defer { dir.remove() }
        let tree = try #require(try InputLoader.load(path: archive).loadedTree)
        #expect(tree.paths == ["main.tex", long])
        #expect(tree.diagnostics.isEmpty)
    }
}

@Suite("arXiv identifiers in names")
struct ArxivIDTests {
    @Test("found with or without version, never inside longer digit runs", arguments: [
        ("1412.6980v9.tar.gz", "1412.6980v9"),
        ("papers/arXiv-2305.18290", "2305.18290"),
        ("2305.18290v", "2305.18290"),
        ("x12345.67890", nil),
        ("1412.698012", nil),
        ("notes.tex", nil),
    ] as [(String, String?)])
    func find(name: String, id: String?) {
        #expect(ArxivID.find(in: name) == id)
    }
}
