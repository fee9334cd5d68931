import Foundation

/// Runs a program (`python3`, `swiftc`) in a subprocess through `/usr/bin/env`, with a time
/// limit: a run that overstays is terminated, then killed. Generated code only ever runs this
/// way, never in the tool's own process. Works with Foundation's `Process` on macOS and Linux.
public struct ScriptRunner: Sendable {
    /// What a run produced.
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
        /// True when the run was stopped at the time limit.
        public var timedOut: Bool
        public var seconds: Double

        public var succeeded: Bool { status == 0 && !timedOut }
    }

    /// Seconds before the run is stopped.
    public var timeout: TimeInterval

    public init(timeout: TimeInterval = 60) {
        self.timeout = timeout
    }

    /// Runs `arguments[0]` (looked up on the PATH) with the rest as arguments, in `directory`.
    /// Throws only when the program cannot be started at all.
    public func run(_ arguments: [String], in directory: URL? = nil) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        var environment = ProcessInfo.processInfo.environment
        environment["PYTHONDONTWRITEBYTECODE"] = "1"
        process.environment = environment
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        let outData = Collected(), errData = Collected()
        let done = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in done.signal() }
        let start = Date()
        try process.run()
        let readers = DispatchGroup()
        for (pipe, sink) in [(out, outData), (err, errData)] {
            readers.enter()
            DispatchQueue.global().async {
                sink.set(pipe.fileHandleForReading.readDataToEndOfFile())
                readers.leave()
            }
        }
        var timedOut = false
        if done.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            process.terminate()
            if done.wait(timeout: .now() + 2) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                _ = done.wait(timeout: .now() + 5)
            }
        }
        // A grandchild that keeps the pipes open must not hold the caller forever.
        _ = readers.wait(timeout: .now() + 5)
        let status = process.isRunning ? -SIGKILL : process.terminationStatus
        return Result(status: status, stdout: outData.text, stderr: errData.text, timedOut: timedOut,
                      seconds: Date().timeIntervalSince(start))
    }

    /// True when `/usr/bin/env program` starts and exits 0 with `arguments` (e.g. `python3 -c "import numpy"`).
    public static func available(_ arguments: [String], timeout: TimeInterval = 30) -> Bool {
        (try? ScriptRunner(timeout: timeout).run(arguments))?.succeeded ?? false
    }
}

/// Bytes read on another thread.
private final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()

    func set(_ d: Data) {
        lock.lock()
        data = d
        lock.unlock()
    }

    var text: String {
        lock.lock()
        defer { lock.unlock() }
        return String(decoding: data, as: UTF8.self)
    }
}
