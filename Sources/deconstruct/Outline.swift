import ArgumentParser
import DeconstructKit
import Writers

/// `deconstruct outline PAPER`: the structure of the paper.
struct Outline: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outline",
        abstract: "Show the paper's structure: title, authors, abstract, sections with counts and locations."
    )

    @OptionGroup var options: PaperOptions

    @Option(name: .shortAndLong, help: "Write the outline to this file instead of standard output.")
    var output: String?

    func run() throws {
        let result = try options.read(forAnalysis: false)
        let style = TextStyle(ansi: output == nil && Terminal.stdoutIsTerminal)
        try Terminal.emit(OutlineWriter.write(result.paper, style: style), to: output)
        if result.hasErrors { throw ExitCode(2) }
    }
}
