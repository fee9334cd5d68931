import Foundation
import PaperModel
@testable import Analyzers

/// Reads papers for the core tests. The AnalyzersTests target cannot import the readers, so the
/// tests run the CLI that `swift test` builds (`.build/<config>/deconstruct --format json`) and
/// decode the paper model from its output.
enum CoreTestSupport {
    /// The package root, from this file's path.
    static let root: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var goldenDirectory: URL { root.appendingPathComponent("Tests/AnalyzersTests/Golden") }

    /// The built CLI, or nil when there is none.
    static var executable: URL? {
        let fm = FileManager.default
        var candidates: [URL] = []
        // Beside the test bundle (the usual case under `swift test`).
        let bundleDir = URL(fileURLWithPath: CommandLine.arguments.first ?? "").deletingLastPathComponent()
        candidates.append(bundleDir.appendingPathComponent("deconstruct"))
        candidates.append(bundleDir.deletingLastPathComponent().appendingPathComponent("deconstruct"))
        for config in ["debug", "release"] {
            candidates.append(root.appendingPathComponent(".build/\(config)/deconstruct"))
        }
        if let items = try? fm.contentsOfDirectory(atPath: root.appendingPathComponent(".build").path) {
            for item in items.sorted() where item.contains("-") {
                candidates.append(root.appendingPathComponent(".build/\(item)/debug/deconstruct"))
            }
        }
        return candidates.first { fm.isExecutableFile(atPath: $0.path) }
    }

    struct Envelope: Decodable { var paper: Paper }

    enum Failure: Error, CustomStringConvertible {
        case noExecutable, failed(String, Int32), undecodable(String, String)
        var description: String {
            switch self {
            case .noExecutable: "no built deconstruct executable under .build (run swift build)"
            case .failed(let path, let code): "deconstruct \(path) exited with \(code)"
            case .undecodable(let path, let why): "deconstruct \(path): \(why)"
            }
        }
    }

    /// The paper model of a file or folder, read by the CLI.
    static func paper(at path: String) throws -> Paper {
        guard let exe = executable else { throw Failure.noExecutable }
        let process = Process()
        process.executableURL = exe
        process.arguments = [path, "--format", "json", "--quiet"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        // Exit 2 means the paper was read with errors reported; the model is still there.
        guard process.terminationStatus == 0 || process.terminationStatus == 2 else {
            throw Failure.failed(path, process.terminationStatus)
        }
        do {
            return try JSONDecoder().decode(Envelope.self, from: data).paper
        } catch {
            throw Failure.undecodable(path, String(describing: error))
        }
    }

    static func example(_ relative: String) throws -> Paper {
        try paper(at: root.appendingPathComponent("Examples/\(relative)").path)
    }

    /// The corpus folder (`DECONSTRUCT_CORPUS`, else `../shared/corpus` beside the worktree's
    /// parent), or nil with the reason it is absent.
    static func corpus() -> (URL?, String) {
        let fm = FileManager.default
        if let env = ProcessInfo.processInfo.environment["DECONSTRUCT_CORPUS"], !env.isEmpty {
            return fm.fileExists(atPath: env) ? (URL(fileURLWithPath: env), "") : (nil, "DECONSTRUCT_CORPUS=\(env) does not exist")
        }
        for candidate in [root.appendingPathComponent("../shared/corpus"), URL(fileURLWithPath: "/work/shared/corpus")] {
            if fm.fileExists(atPath: candidate.path) { return (candidate.standardizedFileURL, "") }
        }
        return (nil, "no corpus at ../shared/corpus (set DECONSTRUCT_CORPUS)")
    }

    /// Corpus papers with LaTeX sources: (slug, folder).
    static func latexPapers(in corpus: URL) -> [(String, URL)] {
        let fm = FileManager.default
        let slugs = ((try? fm.contentsOfDirectory(atPath: corpus.path)) ?? []).sorted()
        return slugs.compactMap { slug in
            let dir = corpus.appendingPathComponent(slug)
            return fm.fileExists(atPath: dir.appendingPathComponent("src").path) ? (slug, dir) : nil
        }
    }

    /// Compares `actual` with the golden file `name`, or writes it when `DECONSTRUCT_RECORD=1`.
    static func golden(_ name: String, _ actual: String) throws -> (expected: String, actual: String) {
        let url = goldenDirectory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["DECONSTRUCT_RECORD"] == "1" {
            try FileManager.default.createDirectory(at: goldenDirectory, withIntermediateDirectories: true)
            try actual.write(to: url, atomically: true, encoding: .utf8)
        }
        let expected = (try? String(contentsOf: url, encoding: .utf8)) ?? "(missing golden file \(name); record with DECONSTRUCT_RECORD=1)"
        return (expected, actual)
    }
}
