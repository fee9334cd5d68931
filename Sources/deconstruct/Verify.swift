import ArgumentParser
import Codegen
import DeconstructKit
import Foundation

/// `deconstruct verify PAPER`: run the generated NumPy code and check it.
struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Run the generated NumPy code on problems it builds itself and check that it runs, converges and stays finite.",
        discussion: """
        The code runs in a subprocess (/usr/bin/env python3, with NumPy) under a time limit, never inside \
        deconstruct. An optimizer must converge on a convex quadratic and on the Rosenbrock function; \
        other algorithms must run and stay finite on generated inputs. Hyperparameters the paper leaves \
        without a value get a stated assumed value. Exit status: 0 when every check passes, 3 when one \
        fails, 1 when the paper cannot be read or has no algorithm box.
        """
    )

    @OptionGroup var options: PaperOptions

    @Option(help: ArgumentHelp("The algorithm: its number (1), label (alg:adam) or id (alg1); the first box by default.",
                               valueName: "N|LABEL"))
    var algorithm: String?

    @Flag(help: "Verify every algorithm box of the paper.")
    var all = false

    @Option(help: "Seconds the generated code may run before it is stopped.")
    var timeout: Double = 120

    @Option(help: ArgumentHelp("Your measured results (JSON or CSV of metric, value, dataset), to compare with the paper's claims. Each row is compared with the claims on the card; rows that match no claim are listed, never ignored.",
                               valueName: "FILE"))
    var results: String?

    func run() throws {
        let result = try options.read()
        let d = Pipeline.analyze(result)
        var selectors: [String?] = [algorithm]
        if all { selectors = d.algorithms.map { $0.id } }
        var failed = false
        for selector in selectors {
            let report: Verification
            do {
                report = try Pipeline.verify(d, algorithm: selector, timeout: timeout)
            } catch {
                Terminal.error(error.description)
                throw ExitCode(1)
            }
            print(report.table)
            if !report.passed { failed = true }
        }
        if let results {
            do {
                print(try Pipeline.resultsTable(d, file: results))
            } catch {
                Terminal.error(error.description)
                throw ExitCode(1)
            }
        }
        if failed { throw ExitCode(3) }
    }
}
