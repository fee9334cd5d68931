import ArgumentParser
import DeconstructKit

@main
struct Deconstruct: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deconstruct",
        abstract: "Turn a machine-learning paper into something you can implement today.",
        discussion: """
        PAPER is a .tex file, a folder of LaTeX sources, an arXiv e-print (.tar.gz, .tgz, .tar, .gz), \
        or a .txt/.md file of text with LaTeX math; '-' reads standard input. The kind is detected \
        from the content.
        """,
        version: DeconstructVersion.tool,
        subcommands: [Analyze.self, Outline.self, Code.self, Verify.self, ScaffoldCommand.self, Compare.self, Bench.self],
        defaultSubcommand: Analyze.self
    )
}
