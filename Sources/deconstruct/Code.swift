import ArgumentParser
import Codegen
import DeconstructKit
import Foundation

extension CodeTarget: ExpressibleByArgument {}

/// `deconstruct code PAPER --target numpy|pytorch|swift`: the algorithm box as code.
struct Code: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "code",
        abstract: "Write an algorithm box as code: a NumPy step function, a torch.optim.Optimizer, or a Swift struct.",
        discussion: """
        Each generated line cites the box line it implements. Lines the code cannot express become \
        TODO(line N) comments and are listed on standard error.
        """
    )

    @OptionGroup var options: PaperOptions

    @Option(help: ArgumentHelp("The algorithm: its number (1), label (alg:adam) or id (alg1); the first box by default.",
                               valueName: "N|LABEL"))
    var algorithm: String?

    @Option(help: "numpy, pytorch or swift.")
    var target: CodeTarget = .numpy

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the code into this folder (created if needed) instead of standard output.",
                                                   valueName: "DIR"))
    var output: String?

    func run() throws {
        let result = try options.read()
        let d = Pipeline.analyze(result)
        let code: GeneratedCode
        do {
            code = try Pipeline.code(d, algorithm: algorithm, target: target)
        } catch {
            Terminal.error(error.description)
            throw ExitCode(1)
        }
        if let output {
            let url = URL(fileURLWithPath: output).appendingPathComponent(code.fileName)
            do {
                try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
            } catch {
                Terminal.error("\(output): cannot create the folder (\(error.localizedDescription))")
                throw ExitCode(1)
            }
            try Terminal.emit(code.code, to: url.path)
            Terminal.note("wrote \(url.path)")
        } else {
            try Terminal.emit(code.code, to: nil)
        }
        Terminal.note(code.report.joined(separator: "\n"))
    }
}
