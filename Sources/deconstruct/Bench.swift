import ArgumentParser
import DeconstructKit
import Foundation

/// `deconstruct bench DIR`: time and peak memory per paper, each paper read in a fresh process.
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Read every paper under DIR (e.g. ../shared/corpus) and print time and peak memory per paper."
    )

    @Argument(help: "A folder of papers (each a subfolder with src/, paper.tex, … ), or one paper with --one.")
    var directory: String

    @Option(help: "Runs per paper (the median is reported).")
    var runs = 5

    @Flag(help: "Also print the median time of each analysis stage.")
    var stages = false

    @Flag(help: "Measure one paper in this process and print one line (used by bench itself).")
    var one = false

    func run() throws {
        if one {
            let line = try BenchRunner.measure(path: directory, runs: runs, stages: stages)
            print(line)
            return
        }
        let papers = BenchRunner.papers(in: directory)
        guard !papers.isEmpty else {
            Terminal.error("\(directory): no papers found (expected subfolders holding src/ or .tex files)")
            throw ExitCode(1)
        }
        let executable = BenchRunner.executablePath()
        print(BenchRunner.header)
        var rows: [BenchRunner.Row] = []
        for paper in papers {
            let row = BenchRunner.runChild(executable: executable, paper: paper, runs: runs, stages: stages)
            rows.append(row)
            print(row.line)
        }
        print(BenchRunner.summary(rows))
    }
}
