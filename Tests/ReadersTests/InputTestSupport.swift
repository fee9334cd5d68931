import CZlib
import Foundation
import PaperModel
@testable import Readers

// Helpers of the Input* tests: archives built in memory, temporary folders, and short ways to
// look at a PaperInput or an InputError.

/// Writes tar archives byte by byte, so that tests control every field.
struct InputTarWriter {
    enum Format { case ustar, gnu, v7 }

    private(set) var bytes: [UInt8] = []
    var format = Format.ustar

    /// One header block. `size` defaults to the content size.
    mutating func header(name: String, size: Int, type: Character = "0", linkName: String = "",
                         prefix: String = "", corruptChecksum: Bool = false) {
        var h = [UInt8](repeating: 0, count: 512)
        func put(_ s: String, at offset: Int, max: Int) {
            let b = Array(s.utf8)
            precondition(b.count <= max, "field too long: \(s)")
            h.replaceSubrange(offset..<(offset + b.count), with: b)
        }
        func octal(_ v: Int, width: Int) -> String {
            let s = String(v, radix: 8)
            return String(repeating: "0", count: max(0, width - 1 - s.count)) + s
        }
        put(name, at: 0, max: 100)
        put(octal(0o644, width: 8), at: 100, max: 8)
        put(octal(0, width: 8), at: 108, max: 8)
        put(octal(0, width: 8), at: 116, max: 8)
        put(octal(size, width: 12), at: 124, max: 12)
        put(octal(0o14_000_000_000, width: 12), at: 136, max: 12)
        h[156] = type.asciiValue!
        put(linkName, at: 157, max: 100)
        switch format {
        case .ustar:
            put("ustar\0", at: 257, max: 6)
            put("00", at: 263, max: 2)
            put(prefix, at: 345, max: 155)
        case .gnu:
            put("ustar  \0", at: 257, max: 8)
        case .v7:
            break
        }
        for i in 148..<156 { h[i] = 0x20 }
        var sum = h.reduce(0) { $0 + Int($1) }
        if corruptChecksum { sum += 1 }
        put(octal(sum, width: 7) + "\0", at: 148, max: 8)
        bytes += h
    }

    mutating func data(_ content: [UInt8]) {
        bytes += content
        bytes += [UInt8](repeating: 0, count: (512 - content.count % 512) % 512)
    }

    mutating func file(_ name: String, _ content: String, prefix: String = "") {
        file(name, Array(content.utf8), prefix: prefix)
    }

    mutating func file(_ name: String, _ content: [UInt8], prefix: String = "") {
        header(name: name, size: content.count, prefix: prefix)
        data(content)
    }

    mutating func folder(_ name: String) { header(name: name, size: 0, type: "5") }

    mutating func link(_ name: String, to target: String, hard: Bool = false) {
        header(name: name, size: 0, type: hard ? "1" : "2", linkName: target)
    }

    /// A GNU `L` entry holding a long name, then the file under a truncated name.
    mutating func gnuLongName(_ name: String, _ content: String) {
        let nameBytes = Array(name.utf8) + [0]
        header(name: "././@LongLink", size: nameBytes.count, type: "L")
        data(nameBytes)
        file(String(name.prefix(99)), content)
    }

    /// A pax `x` header with `path=`, then the file under another name.
    mutating func paxPath(_ path: String, _ content: String, global: Bool = false) {
        let record = paxRecord("path", path)
        header(name: "PaxHeaders/x", size: record.count, type: global ? "g" : "x")
        data(record)
        file("placeholder-name", content)
    }

    private func paxRecord(_ key: String, _ value: String) -> [UInt8] {
        let body = " \(key)=\(value)\n"
        var length = body.utf8.count + 1
        while "\(length)".count + body.utf8.count != length { length += 1 }
        return Array("\(length)\(body)".utf8)
    }

    /// The two zero blocks that end an archive.
    mutating func end() { bytes += [UInt8](repeating: 0, count: 1024) }
}

/// Gzip compression through zlib, fed piece by piece (so that a bomb needs little memory).
func inputGzip(level: Int32 = 6, _ pieces: (_ feed: (UnsafeRawBufferPointer) -> Void) -> Void) -> [UInt8] {
    let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    stream.initialize(to: z_stream())
    defer { deflateEnd(stream); stream.deallocate() }
    let rc = deflateInit2_(stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY,
                           zlibVersion(), Int32(MemoryLayout<z_stream>.size))
    precondition(rc == Z_OK)
    var out: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    func run(_ input: UnsafeRawBufferPointer, flush: Int32) {
        stream.pointee.next_in = UnsafeMutablePointer(mutating: input.bindMemory(to: UInt8.self).baseAddress)
        stream.pointee.avail_in = UInt32(input.count)
        repeat {
            let produced: Int = buffer.withUnsafeMutableBufferPointer { b in
                stream.pointee.next_out = b.baseAddress
                stream.pointee.avail_out = UInt32(b.count)
                _ = deflate(stream, flush)
                return b.count - Int(stream.pointee.avail_out)
            }
            out += buffer[0..<produced]
        } while stream.pointee.avail_out == 0 || (flush == Z_FINISH && stream.pointee.avail_in > 0)
    }
    pieces { run($0, flush: Z_NO_FLUSH) }
    [UInt8]().withUnsafeBytes { run($0, flush: Z_FINISH) }
    return out
}

func inputGzip(_ bytes: [UInt8]) -> [UInt8] {
    inputGzip { feed in bytes.withUnsafeBytes { feed($0) } }
}

func inputGzip(_ text: String) -> [UInt8] { inputGzip(Array(text.utf8)) }

/// A fresh folder under the system's temporary folder, removed by `remove()`.
struct InputTempDir {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "deconstruct-input-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    @discardableResult
    func write(_ relative: String, _ content: String) throws -> String {
        try write(relative, Array(content.utf8))
    }

    @discardableResult
    func write(_ relative: String, _ bytes: [UInt8]) throws -> String {
        let full = path + "/" + relative
        let folder = (full as NSString).deletingLastPathComponent
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: full, contents: Data(bytes)) else {
            throw CocoaError(.fileWriteUnknown)
        }
        return full
    }

    func mkdir(_ relative: String) throws {
        try FileManager.default.createDirectory(atPath: path + "/" + relative, withIntermediateDirectories: true)
    }

    func symlink(_ relative: String, to destination: String) throws {
        try FileManager.default.createSymbolicLink(atPath: path + "/" + relative, withDestinationPath: destination)
    }

    func remove() { try? FileManager.default.removeItem(atPath: path) }
}

/// The error thrown by `body`, or nil if it succeeded.
func inputError(_ body: () throws(InputError) -> PaperInput) -> InputError? {
    do {
        _ = try body()
        return nil
    } catch {
        return error
    }
}

extension PaperInput {
    var loadedKind: String {
        switch self {
        case .latex: return "latex"
        case .text: return "text"
        case .pdf: return "pdf"
        case .html: return "html"
        }
    }

    var loadedTree: SourceTree? {
        if case .latex(let t) = self { return t }
        return nil
    }

    var loadedText: String? {
        switch self {
        case .text(_, let t), .html(_, let t): return t
        default: return nil
        }
    }
}

extension SourceTree {
    func loadedString(_ path: String) -> String? { files[path].map { String(decoding: $0, as: UTF8.self) } }
    var loadedDiagnosticIDs: [String] { diagnostics.map(\.id) }
}

/// Limits small enough to reach in a test.
func inputLimits(file: Int = 1 << 20, total: Int = 8 << 20, files: Int = 20_000) -> ReaderLimits {
    var l = ReaderLimits()
    l.maxFileBytes = file
    l.maxTotalBytes = total
    l.maxFiles = files
    return l
}
