import Foundation
import Testing
import Analyzers
import Writers
@testable import DeconstructKit

// The card against the hand-made gold annotations of the LaTeX papers in ../shared/corpus
// (or DECONSTRUCT_CORPUS), scored by ../shared/tools/score.py itself. Skipped, saying why, when
// the corpus, the scorer or python3 is missing. The thresholds are the card issue's targets.

@Suite struct CardCorpusScoreTests {
    static let corpus: String = {
        if let env = ProcessInfo.processInfo.environment["DECONSTRUCT_CORPUS"], !env.isEmpty { return env }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().path + "/shared/corpus"
    }()
    static var scorer: String { (corpus as NSString).deletingLastPathComponent + "/tools/score.py" }
    static var available: Bool {
        let fm = FileManager.default
        let ok = fm.fileExists(atPath: corpus) && fm.fileExists(atPath: scorer) && fm.isExecutableFile(atPath: "/usr/bin/env")
        if !ok { print("CardCorpusScoreTests skipped: no corpus or scorer at \(corpus)") }
        return ok
    }

    /// score.py's table: field → (matched, gold, predicted, precision, recall, F1).
    static func score(pairs: [(gold: String, output: String)]) throws -> [String: [Double]] {
        let list = FileManager.default.temporaryDirectory.appendingPathComponent("deconstruct-pairs-\(UUID()).tsv")
        try pairs.map { "\($0.gold)\t\($0.output)" }.joined(separator: "\n").write(to: list, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: list) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", scorer, "--pairs", list.path]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        var table: [String: [Double]] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n").dropFirst() {
            let f = line.split(separator: " ").map(String.init)
            if f.count == 7 { table[f[0]] = f.dropFirst().compactMap(Double.init) }
        }
        return table
    }

    @Test(.enabled(if: available, "the corpus, score.py and python3 are needed"))
    func latexCardMeetsTheTargets() throws {
        let fm = FileManager.default
        var pairs: [(String, String)] = []
        for slug in try fm.contentsOfDirectory(atPath: Self.corpus).sorted() {
            let gold = "\(Self.corpus)/\(slug)/gold.json"
            let src = "\(Self.corpus)/\(slug)/src"
            guard fm.fileExists(atPath: gold), fm.fileExists(atPath: src) else { continue }
            let d = try Pipeline.deconstruct(path: src)
            let out = fm.temporaryDirectory.appendingPathComponent("deconstruct-\(slug)-\(UUID()).json")
            try JSONWriter.write(d).write(to: out, atomically: true, encoding: .utf8)
            pairs.append((gold, out.path))
        }
        defer { for p in pairs { try? fm.removeItem(atPath: p.1) } }
        #expect(pairs.count >= 8, "gold-annotated LaTeX papers found: \(pairs.count)")
        let table = try Self.score(pairs: pairs)
        print("card scores on \(pairs.count) LaTeX papers: \(table)")
        #expect((table["hyperparameters"]?[5] ?? 0) >= 0.80, "hyperparameters F1 \(table["hyperparameters"] ?? [])")
        #expect((table["datasets"]?[5] ?? 0) >= 0.85, "datasets F1 \(table["datasets"] ?? [])")
        #expect((table["hardware"]?[4] ?? 0) >= 0.90, "hardware recall \(table["hardware"] ?? [])")
        #expect((table["claims"]?[4] ?? 0) >= 0.60, "claims recall \(table["claims"] ?? [])")
    }
}
