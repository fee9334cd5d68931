import Foundation
import Analyzers

/// Writes a ``Deconstruction`` as JSON (sorted keys, so output is stable and diffable).
public enum JSONWriter {
    public static func write(_ d: Deconstruction) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(d), as: UTF8.self) + "\n"
    }

    public static func read(_ json: String) throws -> Deconstruction {
        try JSONDecoder().decode(Deconstruction.self, from: Data(json.utf8))
    }
}
