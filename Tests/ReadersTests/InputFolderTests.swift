import Foundation
import Testing
import PaperModel
@testable import Readers

@Suite struct InputFolderTests {
    static let main = "\\documentclass{article}\n\\begin{document}\n\\input{sections/intro}\n\\end{document}\n"

    func tree(_ path: String, limits: ReaderLimits = .default) throws -> SourceTree {
        let input = try InputLoader.load(path: path, limits: limits)
        return try #require(input.loadedTree, "expected a LaTeX source tree, got \(input.loadedKind)")
    }

    func error(_ path: String, limits: ReaderLimits = .default) -> InputError? {
        inputError { () throws(InputError) in try InputLoader.load(path: path, limits: limits) }
    }

    @Test func folderWithSubfolders() throws {
        let dir = try InputTempDir()
        defer { dir.remove() }
        try dir.write("main.tex", Self.main)
        try dir.write("sections/intro.tex", "Intro.")
        try dir.write("sections/deep/er/more.tex", "More.")
        try dir.write("refs.bib", "@article{a, title={A}}")
        try dir.write("macros.sty", "\\newcommand{\\R}{\\mathbb{R}}")
        try dir.write("figs/plot.png", "text, but skipped by its extension")
        try dir.write("figs/plot.pdf", "%PDF-1.4")
        try dir.write("data.bin2", [0x00, 0x01, 0x02, 0x03])
        try dir.write(".git/config", "[core]")
        try dir.write(".DS_Store", "junk")
        try dir.write("__MACOSX/._main.tex", "junk")
        try dir.mkdir("empty")
        let tree = try tree(dir.path)
        #expect(tree.paths == ["macros.sty", "main.tex", "refs.bib", "sections/deep/er/more.tex", "sections/intro.tex"])
        #expect(tree.loadedString("sections/intro.tex") == "Intro.")
        #expect(tree.origin == dir.path)
        #expect(tree.preferredMain == nil)
        #expect(tree.diagnostics.isEmpty)
    }

    @Test func trailingSlashAndRelativeDots() throws {
        let dir = try InputTempDir()
        defer { dir.remove() }
        try dir.write("src/main.tex", Self.main)
        #expect(try tree(dir.path + "/src/").paths == ["main.tex"])
        #expect(try tree(dir.path + "/src/../src").paths == ["main.tex"])
    }

    @Test func symlinkOutsideTheFolderIsSkipped() throws {
        let dir = try InputTempDir()
        defer { dir.remove() }
        let secret = try dir.write("outside/secret.tex", "secret")
        try dir.write("paper/main.tex", Self.main)
        try dir.write("paper/real.tex", "Real.")
        try dir.symlink("paper/leak.tex", to: secret)
        try dir.symlink("paper/leakdir", to: dir.path + "/outside")
        try dir.symlink("paper/alias.tex", to: "real.tex")
        try dir.symlink("paper/dangling.tex", to: "nowhere.tex")
        let tree = try tree(dir.path + "/paper")
        #expect(tree.paths == ["alias.tex", "main.tex", "real.tex"])
        #expect(tree.loadedString("alias.tex") == "Real.")
        let unsafe = tree.diagnostics.filter { $0.id == DiagnosticID.archiveUnsafePath.rawValue }
        #expect(unsafe.count == 2)
        #expect(unsafe.allSatisfy { $0.severity == .warning && $0.message.contains("outside the folder") })
        #expect(!tree.files.values.contains(Array("secret".utf8)))
    }

    @Test func symlinkLoopsEndQuickly() throws {
        let dir = try InputTempDir()
        defer { dir.remove() }
        try dir.write("main.tex", Self.main)
        try dir.write("sub/a.tex", "A.")
        try dir.symlink("sub/loop", to: "..")
        try dir.symlink("self", to: ".")
        let tree = try tree(dir.path)
        #expect(tree.paths == ["main.tex", "sub/a.tex"])
        #expect(tree.loadedDiagnosticIDs.filter { $0 == "archive.link" }.count == 2)
    }

    @Test func capsOnSizeAndCount() throws {
        let dir = try InputTempDir()
        defer { dir.remove() }
        try dir.write("a-big.tex", String(repeating: "x", count: 5000))
        for i in 0..<6 { try dir.write("f\(i).tex", "File \(i).") }
        let tree = try tree(dir.path, limits: inputLimits(file: 4096, files: 4))
        #expect(tree.paths == ["f0.tex", "f1.tex", "f2.tex", "f3.tex"])
        #expect(tree.loadedDiagnosticIDs == ["input.too-large", "input.too-large"])
        #expect(tree.diagnostics[0].message.contains("a-big.tex"))
        #expect(tree.diagnostics[1].message.contains("stopped after 4 files"))
    }

    @Test func capOnTotalBytes() throws {
        let dir = try InputTempDir()
        defer { dir.remove() }
        for i in 0..<4 { try dir.write("f\(i).tex", String(repeating: "y", count: 3000)) }
        let tree = try tree(dir.path, limits: inputLimits(file: 4096, total: 7000))
        #expect(tree.paths == ["f0.tex", "f1.tex"])
        #expect(tree.diagnostics.last?.message.contains("stopped at f2.tex") == true)
    }

    @Test func nonUTF8FileInFolderIsKeptWithAWarning() throws {
        let dir = try InputTempDir()
        defer { dir.remove() }
        try dir.write("main.tex", Array("\\section{A}\n\nCaf".utf8) + [0xE9] + Array("\n".utf8))
        let tree = try tree(dir.path)
        #expect(tree.paths == ["main.tex"])
        let warning = try #require(tree.diagnostics.first)
        #expect(warning.id == "input.encoding")
        #expect(warning.location?.file == "main.tex")
        #expect(warning.location?.line == 3)
    }

    @Test func emptyFolder() throws {
        let dir = try InputTempDir()
        defer { dir.remove() }
        try dir.write(".hidden", "x")
        let error = error(dir.path)
        #expect(error?.id == .inputEmpty)
        #expect(error?.file == dir.path)
    }

    @Test func folderWithoutTeXFiles() throws {
        let dir = try InputTempDir()
        defer { dir.remove() }
        try dir.write("notes.txt", "Notes.")
        try dir.write("fig.png", [0x89, 0x50])
        let error = error(dir.path)
        #expect(error?.id == .mainFileMissing)
        #expect(error?.message.contains("no .tex file in this folder (1 text file, none of them .tex)") == true)
    }

    @Test func singleTeXFileBringsItsFolder() throws {
        let dir = try InputTempDir()
        defer { dir.remove() }
        let path = try dir.write("paper/main.tex", Self.main)
        try dir.write("paper/sections/intro.tex", "Intro.")
        try dir.write("paper/other.tex", "\\documentclass{article}")
        let tree = try tree(path)
        #expect(tree.paths == ["main.tex", "other.tex", "sections/intro.tex"])
        #expect(tree.preferredMain == "main.tex")
        #expect(tree.origin == path)
    }

    @Test func namedFileIsKeptEvenPastTheCaps() throws {
        let dir = try InputTempDir()
        defer { dir.remove() }
        for i in 0..<5 { try dir.write("a\(i).tex", "File \(i).") }
        let path = try dir.write("z-main.tex", Self.main)
        let tree = try tree(path, limits: inputLimits(files: 2))
        #expect(tree.preferredMain == "z-main.tex")
        #expect(tree.files["z-main.tex"] != nil)
        #expect(tree.files.count == 2)
    }

    @Test func extensionlessLaTeXFileOnDisk() throws {
        let dir = try InputTempDir()
        defer { dir.remove() }
        let path = try dir.write("2401.01234", Self.main)
        try dir.write("sections/intro.tex", "Intro.")
        let tree = try tree(path)
        #expect(tree.preferredMain == "2401.01234")
        #expect(tree.paths == ["2401.01234", "sections/intro.tex"])
    }

    /// A `.tex` named in a folder of other things (a downloads folder): only the LaTeX sources
    /// around it are read; given as a folder, the same sources bring their other text files.
    @Test func singleTeXFileReadsOnlyLaTeXSourcesAroundIt() throws {
        let dir = try InputTempDir()
        defer { dir.remove() }
        let path = try dir.write("main.tex", Self.main)
        try dir.write("macros.sty", "\\newcommand{\\R}{\\mathbb{R}}")
        try dir.write("main.bbl", "\\begin{thebibliography}{1}\\end{thebibliography}")
        try dir.write("notes.md", "Shopping list.")
        try dir.write("data/results.csv", "a,b\n1,2")
        try dir.write("README", "Not a source.")
        #expect(try tree(path).paths == ["macros.sty", "main.bbl", "main.tex"])
        #expect(try tree(dir.path).paths == ["README", "data/results.csv", "macros.sty", "main.bbl", "main.tex", "notes.md"])
    }

    @Test func otherKindsOnDisk() throws {
        let dir = try InputTempDir()
        defer { dir.remove() }
        let pdf = try dir.write("paper.pdf", "%PDF-1.7\n")
        guard case .pdf(let name, let path, _) = try InputLoader.load(path: pdf) else {
            Issue.record("not a PDF")
            return
        }
        #expect(name == "paper.pdf")
        #expect(path == pdf)
        let text = try dir.write("notes.md", "Prose with $x$.")
        #expect(try InputLoader.load(path: text).loadedText == "Prose with $x$.")
        let html = try dir.write("page", "<!DOCTYPE html><p>x")
        #expect(try InputLoader.load(path: html).loadedKind == "html")
    }

    @Test func gzippedFilesOnDisk() throws {
        let dir = try InputTempDir()
        defer { dir.remove() }
        let single = try dir.write("paper.tex.gz", inputGzip(Self.main))
        try dir.write("sibling.tex", "Not taken: a gzipped file has no folder.")
        let tree = try tree(single)
        #expect(tree.paths == ["paper.tex"])
        #expect(tree.preferredMain == "paper.tex")

        var tar = InputTarWriter()
        tar.file("main.tex", Self.main)
        tar.end()
        let tgz = try dir.write("src.tgz", inputGzip(tar.bytes))
        #expect(try self.tree(tgz).paths == ["main.tex"])
    }

    @Test func archiveOverTheCapIsRefusedBeforeReading() throws {
        let dir = try InputTempDir()
        defer { dir.remove() }
        let path = try dir.write("src.tar.gz", inputGzip([UInt8](repeating: 1, count: 5000)) + [UInt8](repeating: 0, count: 20_000))
        let error = error(path, limits: inputLimits(file: 1000, total: 10_000))
        #expect(error?.id == .inputTooLarge)
        #expect(error?.message.contains("limit for an archive") == true)
    }
}
