import Foundation
import Testing
import PaperModel
@testable import Readers

@Suite struct InputErrorTests {
    /// Deterministic pseudo-random bytes.
    static func garbage(_ count: Int, seed: UInt64 = 42) -> [UInt8] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return UInt8(truncatingIfNeeded: state >> 56)
        }
    }

    struct Case: CustomTestStringConvertible, Sendable {
        let label: String
        let name: String
        let bytes: [UInt8]
        let id: DiagnosticID
        var testDescription: String { label }
    }

    static let cases: [Case] = [
        Case(label: "empty", name: "a.tex", bytes: [], id: .inputEmpty),
        Case(label: "blank", name: "a.txt", bytes: Array(" \n\t\r\n".utf8), id: .inputEmpty),
        Case(label: "garbage", name: "a.dat", bytes: garbage(4096), id: .inputBinary),
        Case(label: "short garbage without NUL", name: "x", bytes: [0x01, 0x02, 0x03, 0x41, 0x42, 0x07, 0x1B, 0x43, 0x05, 0x44],
             id: .inputBinary),
        Case(label: "ELF", name: "tool", bytes: [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00] + garbage(200), id: .inputBinary),
        Case(label: "GBK text", name: "zh.tex", bytes: Array("\\section{".utf8) + [0xC4, 0xE3, 0xBA, 0xC3, 0xCA, 0xC0, 0xBD, 0xE7] + Array("}".utf8),
             id: .inputEncoding),
        Case(label: "UTF-16", name: "u.txt", bytes: [0xFF, 0xFE, 0x48, 0x00, 0x69, 0x00], id: .inputEncoding),
        Case(label: "zip", name: "src.zip", bytes: [0x50, 0x4B, 0x03, 0x04] + garbage(100), id: .inputUnsupported),
        Case(label: "fake tar.gz", name: "src.tar.gz", bytes: Array("<html>not found</html>".utf8), id: .archiveCorrupt),
        Case(label: "empty tar", name: "src.tar", bytes: [UInt8](repeating: 0, count: 10240), id: .inputEmpty),
        Case(label: "gzip twice", name: "a.gz", bytes: inputGzip(inputGzip("\\section{A}")), id: .inputUnsupported),
    ]

    @Test(arguments: cases)
    func badBytesAreRefused(_ c: Case) {
        let error = inputError { () throws(InputError) in try InputLoader.load(bytes: c.bytes, name: c.name) }
        #expect(error?.id == c.id)
        #expect(error?.file == c.name)
        #expect(error.map { !$0.message.isEmpty && !$0.message.contains("\n") } == true)
    }

    @Test func latin1SaysWhereAndHowToConvert() throws {
        // "Café" in Latin-1 on line 2.
        let bytes = Array("\\section{Intro}\nCaf".utf8) + [0xE9] + Array(" au lait\n".utf8)
        let error = try #require(inputError { () throws(InputError) in try InputLoader.load(bytes: bytes, name: "paper.tex") })
        #expect(error.id == .inputEncoding)
        #expect(error.message.contains("line 2, column 4"))
        #expect(error.message.contains("0xE9"))
        #expect(error.message.contains("iconv -f latin1 -t utf-8"))
        #expect(error.description.hasPrefix("paper.tex: "))
        #expect(error.description.hasSuffix("[input.encoding]"))
    }

    @Test func overlongAndSurrogateUTF8AreInvalid() {
        #expect(UTF8Check.firstInvalidByte([0x61, 0xC0, 0xAF]) == 1)        // overlong "/"
        #expect(UTF8Check.firstInvalidByte([0xED, 0xA0, 0x80]) == 0)        // surrogate
        #expect(UTF8Check.firstInvalidByte([0xF4, 0x90, 0x80, 0x80]) == 0)  // above U+10FFFF
        #expect(UTF8Check.firstInvalidByte([0x61, 0xE2, 0x82]) == 1)        // cut short
        #expect(UTF8Check.firstInvalidByte(Array("héllo ∑ 𝔼".utf8)) == nil)
    }

    @Test func missingPath() {
        let path = NSTemporaryDirectory() + "deconstruct-no-such-\(UUID().uuidString)/paper.tex"
        let error = inputError { () throws(InputError) in try InputLoader.load(path: path) }
        #expect(error?.id == .inputMissing)
        #expect(error?.file == path)
        #expect(error?.message == "no such file or folder")
    }

    @Test func emptyPath() {
        #expect(inputError { () throws(InputError) in try InputLoader.load(path: "") }?.id == .inputMissing)
    }

    @Test func emptyFileOnDisk() throws {
        let dir = try InputTempDir()
        defer { dir.remove() }
        let path = try dir.write("paper.tex", "")
        let error = inputError { () throws(InputError) in try InputLoader.load(path: path) }
        #expect(error?.id == .inputEmpty)
        #expect(error?.message == "the file is empty")
    }

    @Test func fileOverTheCap() throws {
        let dir = try InputTempDir()
        defer { dir.remove() }
        let path = try dir.write("notes.txt", String(repeating: "word ", count: 1000))
        let error = inputError { () throws(InputError) in try InputLoader.load(path: path, limits: inputLimits(file: 1000)) }
        #expect(error?.id == .inputTooLarge)
        #expect(error?.message.contains("the file is 5 KB, over the 1000 bytes limit") == true)
        #expect(error?.message.contains("limit for one file") == true)
    }

    @Test func garbageFileOnDisk() throws {
        let dir = try InputTempDir()
        defer { dir.remove() }
        let path = try dir.write("model.bin", Self.garbage(20_000))
        #expect(inputError { () throws(InputError) in try InputLoader.load(path: path) }?.id == .inputBinary)
    }

    @Test(.enabled(if: getuid() != 0, "root reads every file"))
    func unreadableFile() throws {
        let dir = try InputTempDir()
        defer { dir.remove() }
        let path = try dir.write("paper.tex", "\\section{A}")
        try FileManager.default.setAttributes([.posixPermissions: 0o000], ofItemAtPath: path)
        let error = inputError { () throws(InputError) in try InputLoader.load(path: path) }
        #expect(error?.message.contains("permission denied") == true)
    }

    @Test func systemErrorsAreWorded() {
        #expect(InputLoader.openError("p.tex", EACCES).message.contains("permission denied"))
        #expect(InputLoader.openError("p.tex", ENOTDIR).message == "no such file or folder")
        #expect(InputLoader.openError("p.tex", EIO).id == .inputMissing)
        #expect(InputLoader.openError("p.tex", EIO).file == "p.tex")
    }

    @Test func streamReadingStopsAtTheCap() throws {
        var fds: [Int32] = [0, 0]
        try #require(pipe(&fds) == 0)
        let payload = [UInt8](repeating: 0x41, count: 100)
        _ = payload.withUnsafeBytes { write(fds[1], $0.baseAddress, $0.count) }
        close(fds[1])
        defer { close(fds[0]) }
        switch InputFileSystem.readStream(fd: fds[0], cap: 50) {
        case .failure(.tooLarge): break
        default: Issue.record("expected tooLarge")
        }
    }

    @Test func streamReadingReadsEverything() throws {
        var fds: [Int32] = [0, 0]
        try #require(pipe(&fds) == 0)
        let payload = Array("\\documentclass{article}".utf8)
        _ = payload.withUnsafeBytes { write(fds[1], $0.baseAddress, $0.count) }
        close(fds[1])
        defer { close(fds[0]) }
        let read = try InputFileSystem.readStream(fd: fds[0], cap: 1000).get()
        #expect(read == payload)
    }

    @Test func sizesAreWordedWithoutOverflow() {
        #expect(formatByteCount(300) == "300 bytes")
        #expect(formatByteCount(5000) == "5 KB")
        #expect(formatByteCount(16 << 20) == "16 MB")
        #expect(formatByteCount((1 << 20) * 3 / 2) == "1.5 MB")
        #expect(formatByteCount((2 << 20) - 1) == "2 MB")
        #expect(formatByteCount(Int.max).hasSuffix(" MB"))
    }

    @Test func unboundedLimitsDoNotOverflow() throws {
        var limits = ReaderLimits()
        limits.maxFileBytes = .max
        limits.maxTotalBytes = .max
        limits.maxPDFBytes = .max
        limits.maxFiles = .max
        let dir = try InputTempDir()
        defer { dir.remove() }
        let path = try dir.write("main.tex", "\\section{A}")
        #expect(try InputLoader.load(path: path, limits: limits).loadedTree?.paths == ["main.tex"])
        #expect(try InputLoader.load(path: dir.path, limits: limits).loadedTree?.paths == ["main.tex"])
        var tar = InputTarWriter()
        tar.file("main.tex", "\\section{A}")
        tar.end()
        #expect(try InputLoader.load(bytes: inputGzip(tar.bytes), name: "a.tgz", limits: limits).loadedTree?.paths == ["main.tex"])
    }
}
