import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a poppler tool (`pdftotext`) as a child process: stdout and stderr are drained on
/// their own threads while the process runs (so a large output cannot fill the pipe and
/// deadlock), and the process is killed when it outlives the timeout.
enum PopplerRunner {
    struct Output: Sendable {
        var status: Int32
        var stdout: Data
        var stderr: Data
        var timedOut: Bool

        var stderrText: String { String(decoding: stderr, as: UTF8.self) }
    }

    /// The full path of `tool` found on `searchPath` (a `PATH`-style list; the process's
    /// `PATH` when nil), or nil.
    static func locate(_ tool: String, searchPath: String? = nil) -> String? {
        let path = searchPath ?? ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin:/usr/local/bin"
        let fm = FileManager.default
        for dir in path.split(separator: ":", omittingEmptySubsequences: true) {
            let candidate = dir.hasSuffix("/") ? "\(dir)\(tool)" : "\(dir)/\(tool)"
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: candidate, isDirectory: &isDir), !isDir.boolValue,
               fm.isExecutableFile(atPath: candidate) {
                return candidate
            }
        }
        return nil
    }

    /// Collects what the reader threads produce.
    private final class Sink: @unchecked Sendable {
        private let lock = NSLock()
        private var _out = Data()
        private var _err = Data()
        var out: Data {
            get { lock.lock(); defer { lock.unlock() }; return _out }
            set { lock.lock(); _out = newValue; lock.unlock() }
        }
        var err: Data {
            get { lock.lock(); defer { lock.unlock() }; return _err }
            set { lock.lock(); _err = newValue; lock.unlock() }
        }
    }

    /// Runs `executable` with `arguments`; never throws for a non-zero exit (see `status`).
    static func run(_ executable: String, _ arguments: [String], timeout: Double) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        env["LC_ALL"] = "C.UTF-8"
        process.environment = env
        let outPipe = Pipe()
        let errPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = FileHandle.nullDevice

        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        try process.run()

        let sink = Sink()
        let drained = DispatchGroup()
        let outHandle = outPipe.fileHandleForReading
        let errHandle = errPipe.fileHandleForReading
        drained.enter()
        Thread.detachNewThread {
            sink.out = outHandle.readDataToEndOfFile()
            drained.leave()
        }
        drained.enter()
        Thread.detachNewThread {
            sink.err = errHandle.readDataToEndOfFile()
            drained.leave()
        }

        var timedOut = false
        if exited.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            process.terminate()
            if exited.wait(timeout: .now() + 2) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                exited.wait()
            }
        }
        drained.wait()
        return Output(status: process.terminationStatus, stdout: sink.out, stderr: sink.err, timedOut: timedOut)
    }
}
