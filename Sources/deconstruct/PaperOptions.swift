import ArgumentParser
import DeconstructKit
import Foundation
import PaperModel
import Readers
import Writers

extension OutputFormat: ExpressibleByArgument {}

/// Options every command that reads a paper shares.
struct PaperOptions: ParsableArguments {
    @Argument(help: "The paper: .tex, folder, .tar.gz/.tgz/.tar/.gz e-print, .txt/.md, or '-' for stdin.")
    var paper: String

    @Flag(name: .shortAndLong, help: "Also print notes (not only warnings and errors) while reading.")
    var verbose = false

    @Flag(name: .shortAndLong, help: "Print no diagnostics.")
    var quiet = false

    /// Reads the paper, printing diagnostics to stderr; exits 1 when the input is unusable.
    /// With `forAnalysis`, the analyzers' catalogues load on another thread meanwhile.
    func read(forAnalysis: Bool = true) throws -> ReadResult {
        if forAnalysis { Pipeline.prepareAnalysis() }
        do {
            let result = try Pipeline.read(path: paper)
            report(result.diagnostics)
            return result
        } catch {
            // `Pipeline.read` throws only `InputError` (typed throws).
            Terminal.error("\(error.description)")
            throw ExitCode(1)
        }
    }

    func report(_ diagnostics: [Diagnostic]) {
        guard !quiet else { return }
        for d in diagnostics where verbose || d.severity != .note {
            // `file:line:col: severity: message [id]`, the form editors and compilers use.
            FileHandle.standardError.write(Data((d.description + "\n").utf8))
        }
    }
}

/// Writing to the terminal and to files.
enum Terminal {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data(("deconstruct: " + message + "\n").utf8))
    }

    /// A message for the user on standard error (not part of the output).
    static func note(_ message: String) {
        guard !message.isEmpty else { return }
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    static var stdoutIsTerminal: Bool { isatty(1) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil }

    /// Writes to `-o FILE` or standard output.
    static func emit(_ text: String, to path: String?) throws {
        if let path, path != "-" {
            do {
                try text.write(toFile: path, atomically: true, encoding: .utf8)
            } catch {
                Terminal.error("\(path): cannot write the output (\(error.localizedDescription))")
                throw ExitCode(1)
            }
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }
}
