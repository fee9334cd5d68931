import ArgumentParser
import DeconstructKit

@main
struct Deconstruct: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deconstruct",
        abstract: "Turn a machine-learning paper into something you can implement today.",
        version: DeconstructVersion.tool
    )
}
