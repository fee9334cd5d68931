import ArgumentParser
import DeconstructKit
import Writers

/// `deconstruct PAPER`: the full deconstruction.
struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Deconstruct a paper (the default command)."
    )

    @OptionGroup var options: PaperOptions

    @Option(name: .shortAndLong, help: "Output format: text, markdown or json.")
    var format: OutputFormat = .text

    @Option(name: .shortAndLong, help: "Write the output to this file instead of standard output.")
    var output: String?

    func run() throws {
        let result = try options.read()
        let d = Pipeline.analyze(result)
        let style = TextStyle(ansi: output == nil && format == .text && Terminal.stdoutIsTerminal)
        try Terminal.emit(try Pipeline.render(d, format: format, style: style), to: output)
        if result.hasErrors { throw ExitCode(2) }
    }
}
