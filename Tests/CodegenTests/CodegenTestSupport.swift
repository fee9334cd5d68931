import Analyzers
import Codegen
import DeconstructKit
import Foundation
import Testing

/// Paths, papers and subprocesses for the code-generation tests.
enum CodegenTestSupport {
    /// The package root, from this file's path.
    static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func example(_ relative: String) -> String { root.appendingPathComponent("Examples/" + relative).path }

    /// The analysed paper (read and analysed in this process; the generated code runs elsewhere).
    static func deconstruct(_ path: String) throws -> Deconstruction {
        try Pipeline.deconstruct(path: path)
    }

    /// Why Python with NumPy cannot run here, or nil when it can.
    static let pythonProblem: String? = ScriptRunner.available(["python3", "-c", "import numpy"])
        ? nil : "python3 with NumPy is not available (`/usr/bin/env python3 -c 'import numpy'` failed)"

    /// A fresh scratch folder.
    static func scratch(_ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("deconstruct-codegen-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Writes files into `dir` and runs `arguments` there; fails the test with the output when it fails.
    static func run(_ arguments: [String], in dir: URL, files: [String: String], timeout: TimeInterval = 300) throws -> ScriptRunner.Result {
        for (name, text) in files { try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return try ScriptRunner(timeout: timeout).run(arguments, in: dir)
    }

    /// The last line of standard output as JSON.
    static func json(_ result: ScriptRunner.Result) throws -> [String: Any] {
        let last = result.stdout.split(separator: "\n").last.map(String.init) ?? ""
        let object = try JSONSerialization.jsonObject(with: Data(last.utf8))
        return try #require(object as? [String: Any], "not a JSON object: \(last)")
    }
}
