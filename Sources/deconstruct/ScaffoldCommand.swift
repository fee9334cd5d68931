import ArgumentParser
import Codegen
import DeconstructKit
import Foundation

/// `deconstruct scaffold PAPER -o DIR`: a starting project for implementing the paper.
struct ScaffoldCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scaffold",
        abstract: "Write a starting project: config.yaml, the generated algorithm, a training-script skeleton and a test file.",
        discussion: """
        config.yaml lists every setting on the paper's card with where it is stated; settings the paper \
        leaves out are null. The training script's TODOs cite the paper's sections and equations. \
        test_algorithm.py runs with pytest or plain python3. An existing folder that is not empty is \
        left alone unless --force is given.
        """
    )

    @OptionGroup var options: PaperOptions

    @Option(name: .shortAndLong, help: ArgumentHelp("The project folder to write.", valueName: "DIR"))
    var output: String

    @Option(help: ArgumentHelp("The algorithm: its number (1), label (alg:adam) or id (alg1); the first box by default.",
                               valueName: "N|LABEL"))
    var algorithm: String?

    @Option(help: "numpy or pytorch.")
    var target: CodeTarget = .numpy

    @Flag(help: "Write into a folder that is not empty, replacing the scaffold's files.")
    var force = false

    func run() throws {
        guard target.isPython else {
            Terminal.error("scaffold writes Python projects: --target numpy or pytorch (for Swift, use `deconstruct code --target swift`)")
            throw ExitCode(1)
        }
        let result = try options.read()
        let d = Pipeline.analyze(result)
        let scaffold: Scaffold
        do {
            scaffold = try Pipeline.scaffold(d, algorithm: algorithm, target: target)
            try scaffold.write(to: URL(fileURLWithPath: output), force: force)
        } catch let error as CodegenError {
            Terminal.error(error.description)
            throw ExitCode(1)
        } catch let error as ScaffoldError {
            Terminal.error(error.description)
            throw ExitCode(1)
        }
        for (path, _) in scaffold.files { Terminal.note("wrote \(output)/\(path)") }
        Terminal.note(scaffold.code.report.joined(separator: "\n"))
    }
}
