import Foundation
import Testing
@testable import DeconstructKit
import Analyzers
import Writers

// The built CLI, run as a user runs it: `deconstruct PAPER [--format …] [-o FILE]`,
// `deconstruct outline PAPER`, `deconstruct bench DIR`, standard input, bad inputs, hostile LaTeX.
// Exit codes: 0 ok, 1 input unusable (one line `deconstruct: FILE: message [id]`), 2 partial
// result with error diagnostics.

@Suite(.timeLimit(.minutes(5))) struct CommandExampleTests {
    static let example = CommandPaths.example("lookahead-momentum")

    @Test func textSummary() throws {
        let run = try deconstruct([Self.example])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.hasPrefix("Damped Adaptive Momentum: Bounding Per-Coordinate Steps in Adaptive Optimizers\n"))
        #expect(run.stdout.contains("Ilse Varga, Tomas Okafor"))
        #expect(run.stdout.contains("CIFAR-10"))
        #expect(run.stdout.contains("CORE ALGORITHM  Algorithm 1"))
        #expect(run.stdout.contains("m = beta1 * m + (1 - beta1) *"), "the plain-name rewrite of the moment update")
        #expect(run.stdout.contains("sections/method.tex:32"))
        #expect(!run.stdout.contains("\u{1B}["), "no colour when stdout is not a terminal")
        #expect(!run.stderr.contains("error:") && !run.stderr.contains("warning:"), "\(run.stderr)")
    }

    @Test func markdown() throws {
        let run = try deconstruct([Self.example, "--format", "markdown"])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.hasPrefix("# Damped Adaptive Momentum: Bounding Per-Coordinate Steps in Adaptive Optimizers\n"))
        for heading in ["## Outline", "## Core algorithm: Algorithm 1", "## Hyperparameters", "## Datasets"] {
            #expect(run.stdout.contains("\n\(heading)\n"), "missing \(heading)")
        }
        #expect(run.stdout.contains("`sections/method.tex:32`"))
        // Fenced blocks are balanced.
        #expect(run.stdout.components(separatedBy: "```").count % 2 == 1)
    }

    @Test func json() throws {
        let run = try deconstruct([Self.example, "--format", "json"])
        #expect(run.status == 0, "\(run)")
        let d = try JSONWriter.read(run.stdout)
        #expect(d.schema == Deconstruction.schemaID)
        #expect(d.paper.metadata.title == "Damped Adaptive Momentum: Bounding Per-Coordinate Steps in Adaptive Optimizers")
        #expect(d.paper.algorithms.count == 1)
        #expect(d.generator.hasPrefix("deconstruct "))
        let object = try JSONSerialization.jsonObject(with: run.stdoutData) as? [String: Any]
        #expect(object?["schema"] as? String == "deconstruct/deconstruction/v1")
    }

    @Test func outline() throws {
        let run = try deconstruct(["outline", Self.example])
        #expect(run.status == 0, "\(run)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "Damped Adaptive Momentum: Bounding Per-Coordinate Steps in Adaptive Optimizers")
        for (number, title) in [("1", "Introduction"), ("2", "Damped Adaptive Momentum"), ("3", "Experimental Setup"),
                                ("4", "Results"), ("5", "Conclusion"), ("A", "Sensitivity to the Damping Coefficient")] {
            #expect(lines.contains { $0.hasPrefix("\(number) \(title)") }, "no outline line for \(number) \(title)")
        }
        #expect(lines.contains { $0.hasPrefix("A Sensitivity") && $0.contains("[appendix]") })
        #expect(lines.contains { $0.hasPrefix("2 Damped") && $0.contains("1 algorithm") && $0.hasSuffix("sections/method.tex:1") })
    }

    @Test(arguments: [["--format", "json"], ["--format", "markdown"], ["--format", "text"], ["--format", "html"]])
    func outputFileHoldsWhatStdoutWould(_ format: [String]) throws {
        let scratch = try CommandScratch()
        defer { scratch.remove() }
        let target = scratch.path + "/out/card.txt"
        try FileManager.default.createDirectory(atPath: scratch.path + "/out", withIntermediateDirectories: true)
        let toFile = try deconstruct([Self.example] + format + ["-o", target])
        #expect(toFile.status == 0, "\(toFile)")
        #expect(toFile.stdout.isEmpty)
        let toStdout = try deconstruct([Self.example] + format)
        let written = try String(contentsOfFile: target, encoding: .utf8)
        #expect(written == toStdout.stdout)
    }

    @Test func outlineToFile() throws {
        let scratch = try CommandScratch()
        defer { scratch.remove() }
        let run = try deconstruct(["outline", Self.example, "--output", scratch.path + "/outline.txt"])
        #expect(run.status == 0, "\(run)")
        let written = try String(contentsOfFile: scratch.path + "/outline.txt", encoding: .utf8)
        #expect(written.hasPrefix("Damped Adaptive Momentum"))
    }

    @Test func outputIntoMissingFolderFails() throws {
        let target = "/nonexistent-\(UUID().uuidString)/card.md"
        let run = try deconstruct([Self.example, "-o", target])
        #expect(run.status == 1, "\(run)")
        #expect(run.stderrLines.count == 1)
        #expect(run.stderr.hasPrefix("deconstruct: \(target): "))
    }

    @Test func relativePathFromTheWorkingFolder() throws {
        let run = try deconstruct(["outline", "lookahead-momentum"], in: CommandPaths.root + "/Examples")
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.hasPrefix("Damped Adaptive Momentum"))
    }

    @Test func unknownFormatIsAUsageError() throws {
        let run = try deconstruct([Self.example, "--format", "yaml"])
        #expect(run.status != 0 && run.status != 2, "\(run)")
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.contains("yaml"))
    }

    @Test func version() throws {
        let run = try deconstruct(["--version"])
        #expect(run.status == 0)
        #expect(run.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == DeconstructVersion.tool)
    }

    @Test func benchOnTheExamples() throws {
        let run = try deconstruct(["bench", CommandPaths.root + "/Examples", "--runs", "1"])
        #expect(run.status == 0, "\(run)")
        let lines = run.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("paper") == true)
        #expect(lines.contains { $0.hasPrefix("lookahead-momentum") && $0.contains("1 algorithms") })
        #expect(lines.last?.contains("median") == true)
    }

    @Test func benchOnAnEmptyFolderFails() throws {
        let scratch = try CommandScratch()
        defer { scratch.remove() }
        let run = try deconstruct(["bench", scratch.path])
        #expect(run.status == 1, "\(run)")
        #expect(run.stderr.hasPrefix("deconstruct: \(scratch.path): "))
    }
}

// MARK: - Standard input

@Suite struct CommandStdinTests {
    @Test func plainTextFromStdin() throws {
        let text = try Data(contentsOf: URL(fileURLWithPath: CommandPaths.example("plain-paragraph.txt")))
        let run = try deconstruct(["-", "--format", "json"], stdin: text)
        #expect(run.status == 0, "\(run)")
        let d = try JSONWriter.read(run.stdout)
        #expect(d.paper.source.kind == .text)
        #expect(d.paper.paragraphs.contains { $0.text.contains("batch size of 64") })
    }

    @Test func latexFromStdin() throws {
        let tex = try Data(contentsOf: URL(fileURLWithPath: CommandPaths.example("adam-algorithm.tex")))
        let run = try deconstruct(["outline", "-"], stdin: tex)
        #expect(run.stderrLines.count <= 1, "\(run)")
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.hasPrefix("Adam, Written Out as an Algorithm"))
        #expect(run.stdout.contains("1 algorithm"))

    }

    @Test func emptyStdinIsRefused() throws {
        let run = try deconstruct(["-"], stdin: Data())
        #expect(run.status == 1, "\(run)")
        #expect(run.stderrLines.count == 1)
        #expect(run.stderr.hasSuffix("[input.empty]\n"))
    }
}

// MARK: - Inputs that cannot be read

@Suite struct CommandBadInputTests {
    struct BadInput: Sendable, CustomStringConvertible {
        var name: String
        var id: String
        /// Builds the input in the scratch folder; nil content means "do not create it".
        var make: @Sendable (CommandScratch) throws -> Void
        var description: String { name }
    }

    static let inputs: [BadInput] = [
        .init(name: "missing.tex", id: "input.missing") { _ in },
        .init(name: "empty.tex", id: "input.empty") { try $0.write("empty.tex", Data()) },
        .init(name: "garbage.bin", id: "input.binary") { s in
            var g = SystemRandomNumberGenerator()
            try s.write("garbage.bin", Data((0..<4096).map { _ in UInt8.random(in: 0...255, using: &g) } + [0, 0, 0]))
        },
        .init(name: "latin1.tex", id: "input.encoding") { s in
            try s.write("latin1.tex", Data("\\section{Caf".utf8) + Data([0xE9]) + Data(" au lait}\nUn r\u{E9}sum\u{E9}\n".utf8.map { $0 }))
        },
        .init(name: "truncated.tar.gz", id: "archive.corrupt") { s in
            try s.tool("/bin/tar", ["-czf", "full.tar.gz", "-C", CommandPaths.root + "/Examples", "lookahead-momentum"])
            let full = try Data(contentsOf: URL(fileURLWithPath: s.path + "/full.tar.gz"))
            try s.write("truncated.tar.gz", full.prefix(full.count / 2))
        },
        .init(name: "escape.tar", id: "archive.unsafe-path") { s in
            try s.write("escape.tar", CommandTar.archive([("../escape.tex", "\\documentclass{article}\\begin{document}x\\end{document}")]))
        },
        .init(name: "escape.tar.gz", id: "archive.unsafe-path") { s in
            try s.write("escape.tar", CommandTar.archive([("../../escape.tex", "\\documentclass{article}\\begin{document}x\\end{document}")]))
            try s.tool("/bin/gzip", ["-n", "-c", "escape.tar"], stdout: "escape.tar.gz")
        },
        .init(name: "empty-folder", id: "input.empty") { s in
            try FileManager.default.createDirectory(atPath: s.path + "/empty-folder", withIntermediateDirectories: true)
        },
    ]

    @Test(arguments: Self.inputs)
    func refusedWithOneLineNamingTheFile(_ bad: BadInput) throws {
        let scratch = try CommandScratch()
        defer { scratch.remove() }
        try bad.make(scratch)
        for args in [[bad.name], ["outline", bad.name], [bad.name, "--format", "json"]] {
            let run = try deconstruct(args, in: scratch.path)
            #expect(run.status == 1, "\(args): \(run)")
            #expect(run.stdout.isEmpty, "\(args)")
            #expect(run.stderrLines.count == 1, "\(args): \(run.stderr)")
            #expect(run.stderr.hasPrefix("deconstruct: \(bad.name): "), "\(args): \(run.stderr)")
            #expect(run.stderr.hasSuffix(" [\(bad.id)]\n"), "\(args): \(run.stderr)")
        }
    }

    /// An archive holding only entries whose path leaves it: refused, but the message should say why.
    @Test func escapingArchiveSaysWhy() throws {
        let scratch = try CommandScratch()
        defer { scratch.remove() }
        try scratch.write("escape.tar", CommandTar.archive([("../escape.tex", "\\documentclass{article}\\begin{document}x\\end{document}")]))
        let run = try deconstruct(["escape.tar"], in: scratch.path)
        #expect(run.status == 1)
        #expect(run.stderr.contains("../escape.tex") || run.stderr.contains("archive.unsafe-path"), "\(run.stderr)")

    }

    /// Entries escaping the archive are skipped with a warning; the rest is read.
    @Test func escapingEntrySkippedInAnOtherwiseGoodArchive() throws {
        let scratch = try CommandScratch()
        defer { scratch.remove() }
        try scratch.write("mixed.tar", CommandTar.archive([
            ("../evil.tex", "\\section{Evil}"),
            ("main.tex", "\\documentclass{article}\\title{Mixed Archive}\\begin{document}\\section{Good}Text.\\end{document}"),
        ]))
        let run = try deconstruct(["outline", "mixed.tar"], in: scratch.path)
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.hasPrefix("Mixed Archive"))
        #expect(!run.stdout.contains("Evil"))
        #expect(run.stderr.contains("[archive.unsafe-path]"))
        #expect(FileManager.default.fileExists(atPath: scratch.path + "/evil.tex") == false)
    }

    @Test func goodArchiveIsRead() throws {
        let scratch = try CommandScratch()
        defer { scratch.remove() }
        try scratch.tool("/bin/tar", ["-czf", "paper.tgz", "-C", CommandPaths.root + "/Examples/lookahead-momentum", "."])
        let run = try deconstruct(["outline", "paper.tgz"], in: scratch.path)
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.hasPrefix("Damped Adaptive Momentum"))
        #expect(run.stdout.contains("sections/method.tex"))
    }
}

// MARK: - Hostile LaTeX: partial results and diagnostics on stderr

@Suite(.timeLimit(.minutes(5))) struct CommandHostileTests {
    struct Case: Sendable, CustomStringConvertible {
        var input: String
        var status: Int32
        var title: String
        /// `file:line:col: severity:` and `[id]` of one diagnostic expected on stderr.
        var place: String
        var id: String
        var description: String { input }
    }

    static let cases: [Case] = [
        .init(input: "cycle", status: 0, title: "Cycle Entry Point", place: "a.tex:5:1: warning:", id: "latex.include.cycle"),
        .init(input: "deep/d01.tex", status: 2, title: "Deep Include Chain", place: "d32.tex:6:1: error:", id: "latex.include.depth"),
        .init(input: "bomb.tex", status: 2, title: "Expansion Bomb", place: "bomb.tex:24:", id: "latex.macro.limit"),
        .init(input: "escape.tex", status: 0, title: "Path Escape", place: "escape.tex:10:18: warning:", id: "latex.include.outside-root"),
        .init(input: "unbalanced.tex", status: 0, title: "Unbalanced Input", place: "unbalanced.tex:19:1: warning:",
              id: "latex.environment.unmatched-end"),
    ]

    @Test(arguments: Self.cases)
    func partialResultWithDiagnostics(_ c: Case) throws {
        for args in [["outline", CommandPaths.fixture(c.input)], [CommandPaths.fixture(c.input)]] {
            let run = try deconstruct(args)
            #expect(run.status == c.status, "\(args): \(run)")
            #expect(run.stdout.hasPrefix(c.title), "\(args): \(run.stdout.prefix(200))")
            let line = run.stderrLines.first { $0.contains(c.place) && $0.hasSuffix("[\(c.id)]") }
            #expect(line != nil, "\(args): no '\(c.place) … [\(c.id)]' in\n\(run.stderr)")
        }
    }

    @Test func quietPrintsNoDiagnosticsButKeepsTheExitCode() throws {
        let run = try deconstruct(["outline", "-q", CommandPaths.fixture("deep/d01.tex")])
        #expect(run.status == 2)
        #expect(run.stderr.isEmpty, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("Deep Include Chain"))
    }

    @Test func escapeReadsNothingOutside() throws {
        let run = try deconstruct([CommandPaths.fixture("escape.tex"), "--format", "json"])
        #expect(run.status == 0)
        let d = try JSONWriter.read(run.stdout)
        #expect(d.paper.source.files == ["escape.tex"])
        #expect(!run.stdout.contains("root:x:0:0"))
    }

    /// Diagnostics are documented as `file:line:col: severity: message [id]`, the form editors and
    /// CI annotators parse at the start of a line.
    @Test func diagnosticLinesStartWithTheLocation() throws {
        let run = try deconstruct(["outline", CommandPaths.fixture("unbalanced.tex")])
        let diagnostics = run.stderrLines.filter { $0.contains("[latex.") }
        try #require(!diagnostics.isEmpty)
        #expect(diagnostics.allSatisfy { $0.hasPrefix("unbalanced.tex:") }, "\(diagnostics)")

    }
}
