import Foundation
import Testing

// Helpers of the command tests: the built `deconstruct` executable, run as a user would (with
// arguments, standard input, a working folder), and scratch folders for bad inputs.

enum CommandPaths {
    /// The package root, from this file's path (Tests/DeconstructKitTests/CommandTestSupport.swift).
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    static func example(_ relative: String) -> String { root + "/Examples/" + relative }
    static func fixture(_ relative: String) -> String { root + "/Tests/ReadersTests/Fixtures/" + relative }

    /// The executable built by `swift build`: $DECONSTRUCT_BIN, else next to the test bundle, else
    /// `.build/debug/deconstruct`.
    static let executable: String? = {
        var candidates: [String] = []
        if let env = ProcessInfo.processInfo.environment["DECONSTRUCT_BIN"] { candidates.append(env) }
        if let dir = Bundle.main.executableURL?.deletingLastPathComponent().path { candidates.append(dir + "/deconstruct") }
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().path + "/deconstruct")
        candidates.append(root + "/.build/debug/deconstruct")
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Why the executable cannot be used (missing, or older than the sources), or nil.
    static let executableProblem: String? = {
        guard let exe = executable else {
            return "the deconstruct executable is not built; run `swift build && swift test` (the README's test command)"
        }
        let fm = FileManager.default
        guard let built = (try? fm.attributesOfItem(atPath: exe))?[.modificationDate] as? Date else { return nil }
        let sources = root + "/Sources"
        let newer = fm.enumerator(atPath: sources)?.compactMap { $0 as? String }.first { path in
            guard path.hasSuffix(".swift") || path.hasSuffix(".json") else { return false }
            let date = (try? fm.attributesOfItem(atPath: sources + "/" + path))?[.modificationDate] as? Date
            return (date ?? .distantPast) > built.addingTimeInterval(1)
        }
        if let newer {
            return "\(exe) is older than Sources/\(newer); run `swift build` before `swift test`"
        }
        return nil
    }()
}

/// What a run of the executable produced.
struct CommandRun: CustomStringConvertible {
    var status: Int32
    var stdout: String
    var stderr: String
    var stdoutData: Data

    var stderrLines: [String] { stderr.split(separator: "\n").map(String.init) }
    var description: String { "exit \(status)\n--- stdout\n\(stdout.prefix(2000))\n--- stderr\n\(stderr.prefix(2000))" }
}

/// Runs `deconstruct ARGS` (the built executable) with optional standard input, in `directory`.
/// Fails the test with a clear message when the executable is missing or stale.
func deconstruct(_ arguments: [String], stdin: Data? = nil, in directory: String = CommandPaths.root,
                 timeout: TimeInterval = 120, sourceLocation: SourceLocation = #_sourceLocation) throws -> CommandRun {
    if let problem = CommandPaths.executableProblem {
        Issue.record(Comment(rawValue: problem), sourceLocation: sourceLocation)
        throw CommandError.notBuilt
    }
    let scratch = try CommandScratch()
    defer { scratch.remove() }
    let outPath = try scratch.write("stdout", Data())
    let errPath = try scratch.write("stderr", Data())
    let inPath = try scratch.write("stdin", stdin ?? Data())

    let process = Process()
    process.executableURL = URL(fileURLWithPath: CommandPaths.executable!)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    var environment = ProcessInfo.processInfo.environment
    environment["NO_COLOR"] = "1"
    process.environment = environment
    process.standardInput = FileHandle(forReadingAtPath: inPath)
    let out = FileHandle(forWritingAtPath: outPath)!
    let err = FileHandle(forWritingAtPath: errPath)!
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let deadline = Date().addingTimeInterval(timeout)
    while process.isRunning && Date() < deadline { usleep(20_000) }
    if process.isRunning {
        process.terminate()
        process.waitUntilExit()
        Issue.record("deconstruct \(arguments.joined(separator: " ")) did not finish in \(Int(timeout)) s",
                     sourceLocation: sourceLocation)
    }
    process.waitUntilExit()
    try out.close()
    try err.close()
    let stdoutData = FileManager.default.contents(atPath: outPath) ?? Data()
    let stderrData = FileManager.default.contents(atPath: errPath) ?? Data()
    return CommandRun(status: process.terminationStatus,
                      stdout: String(decoding: stdoutData, as: UTF8.self),
                      stderr: String(decoding: stderrData, as: UTF8.self),
                      stdoutData: stdoutData)
}

enum CommandError: Error { case notBuilt, toolFailed(String) }

/// A fresh folder under the temporary folder, removed by `remove()`.
struct CommandScratch {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "deconstruct-cmd-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    @discardableResult
    func write(_ relative: String, _ data: Data) throws -> String {
        let full = path + "/" + relative
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: full, contents: data) else { throw CocoaError(.fileWriteUnknown) }
        return full
    }

    @discardableResult
    func write(_ relative: String, _ text: String) throws -> String { try write(relative, Data(text.utf8)) }

    func remove() { try? FileManager.default.removeItem(atPath: path) }

    /// Runs a system tool (tar, gzip) in this folder.
    func tool(_ executable: String, _ arguments: [String], stdout: String? = nil) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        p.currentDirectoryURL = URL(fileURLWithPath: path)
        if let stdout {
            _ = FileManager.default.createFile(atPath: path + "/" + stdout, contents: nil)
            p.standardOutput = FileHandle(forWritingAtPath: path + "/" + stdout)
        }
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw CommandError.toolFailed("\(executable) \(arguments.joined(separator: " ")) exited \(p.terminationStatus)")
        }
    }
}

/// A ustar archive written byte by byte, so that a test can put any name (`../x.tex`) in it.
enum CommandTar {
    static func archive(_ entries: [(name: String, content: String)]) -> Data {
        var bytes: [UInt8] = []
        for (name, content) in entries {
            let body = Array(content.utf8)
            var h = [UInt8](repeating: 0, count: 512)
            func put(_ s: String, _ offset: Int) { for (i, b) in s.utf8.enumerated() { h[offset + i] = b } }
            func octal(_ v: Int, _ width: Int) -> String {
                let s = String(v, radix: 8)
                return String(repeating: "0", count: width - 1 - s.count) + s
            }
            put(name, 0)
            put(octal(0o644, 8), 100)
            put(octal(0, 8), 108)
            put(octal(0, 8), 116)
            put(octal(body.count, 12), 124)
            put(octal(0, 12), 136)
            h[156] = UInt8(ascii: "0")
            put("ustar\0", 257)
            put("00", 263)
            for i in 148..<156 { h[i] = 0x20 }
            put(octal(h.reduce(0) { $0 + Int($1) }, 7) + "\0", 148)
            bytes += h + body + [UInt8](repeating: 0, count: (512 - body.count % 512) % 512)
        }
        bytes += [UInt8](repeating: 0, count: 1024)
        return Data(bytes)
    }
}
