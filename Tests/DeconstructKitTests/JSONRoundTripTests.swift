import Foundation
import Testing
@testable import DeconstructKit
import Analyzers
import Writers

// `deconstruct PAPER --format json` is the stable, machine-readable output: it must decode into
// the same Deconstruction the library computes, and re-encode to the very same bytes.

@Suite struct JSONRoundTripTests {
    static let inputs: [String] = [
        CommandPaths.example("lookahead-momentum"),
        CommandPaths.example("adam-algorithm.tex"),
        CommandPaths.example("adam-algorithm2e.tex"),
        CommandPaths.example("sgd-algpseudocode.tex"),
        CommandPaths.example("plain-paragraph.txt"),
        CommandPaths.example("no-settings.txt"),
        CommandPaths.fixture("tables.tex"),
        CommandPaths.fixture("unbalanced.tex"),
    ]

    @Test(arguments: Self.inputs)
    func cliJSONRoundTrips(_ input: String) throws {
        let run = try deconstruct([input, "--format", "json"])
        #expect(run.status == 0, "\(run)")
        let decoded = try JSONWriter.read(run.stdout)
        #expect(decoded.schema == Deconstruction.schemaID)
        let raw = try #require(try JSONSerialization.jsonObject(with: run.stdoutData) as? [String: Any])
        #expect(raw["schema"] as? String == Deconstruction.schemaID)
        // Same as the library's own result for the same path.
        let inProcess = try Pipeline.deconstruct(path: input)
        #expect(decoded == inProcess)
        // Re-encoding gives the same bytes.
        #expect(try JSONWriter.write(decoded) == run.stdout)
    }

    @Test func keysAreSortedAndOutputIsStable() throws {
        let input = CommandPaths.example("lookahead-momentum")
        let a = try deconstruct([input, "--format", "json"])
        let b = try deconstruct([input, "--format", "json"])
        #expect(a.stdout == b.stdout)
        let keys = a.stdout.split(separator: "\n").compactMap { line -> String? in
            let t = line.trimmingCharacters(in: .whitespaces)
            guard t.hasPrefix("\""), line.hasPrefix("  \""), !line.hasPrefix("   ") else { return nil }
            return String(t.dropFirst().prefix { $0 != "\"" })
        }
        #expect(keys.count >= 4)
        #expect(keys.contains("schema") && keys.contains("paper") && keys.contains("diagnostics"))
        #expect(keys == keys.sorted())
    }
}
