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

    @Option(name: .shortAndLong, help: "Output format: text, markdown, json, or html (a single-file report).")
    var format: OutputFormat = .text

    @Option(name: .shortAndLong, help: "Write the output to this file instead of standard output.")
    var output: String?

    @Option(help: ArgumentHelp("Your hardware, for the feasibility verdict, e.g. \"1x RTX 4090\" or \"4 A100 80GB\".",
                               valueName: "DEVICES"))
    var hardware: String?

    @Option(help: ArgumentHelp("A file whose first line describes your hardware (as --hardware).", valueName: "FILE"))
    var hardwareFile: String?

    @Flag(help: "Show every entry of the card, not only the first few.")
    var all = false

    func run() throws {
        let result = try options.read()
        let user = try UserHardwareOption.resolve(text: hardware, file: hardwareFile)
        let d = Pipeline.analyze(result, hardware: user)
        let style = TextStyle(ansi: output == nil && format == .text && Terminal.stdoutIsTerminal)
        try Terminal.emit(try Pipeline.render(d, format: format, style: style, all: all), to: output)
        if result.hasErrors { throw ExitCode(2) }
    }
}
