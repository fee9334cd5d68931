import ArgumentParser
import DeconstructKit
import Analyzers
import Foundation

/// `--hardware TEXT`, `--hardware-file FILE` or `$DECONSTRUCT_HARDWARE`: the user's devices.
enum UserHardwareOption {
    static func resolve(text: String?, file: String?) throws -> UserHardware? {
        var description = text ?? ProcessInfo.processInfo.environment["DECONSTRUCT_HARDWARE"]
        if let file {
            guard let contents = try? String(contentsOfFile: file, encoding: .utf8) else {
                Terminal.error("\(file): cannot read the hardware file")
                throw ExitCode(1)
            }
            description = contents.split(separator: "\n").first.map(String.init)
        }
        guard let description, !description.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        guard let user = UserHardware.parse(description) else {
            Terminal.error("--hardware: no known device in \"\(description)\" (try e.g. \"1x RTX 4090\", \"2 A100 80GB\", \"M2 Max\")")
            throw ExitCode(1)
        }
        return user
    }
}
