/// A language and library the code printers write for.
public enum CodeTarget: String, CaseIterable, Codable, Sendable {
    case numpy, pytorch, swift

    /// The target's table (`codegen-targets.json`).
    var table: TargetTable { TargetTables.shared.targets[rawValue]! }

    /// The extension of the files it writes (`py`, `swift`).
    public var fileExtension: String { table.fileExtension }

    /// True for Python targets.
    public var isPython: Bool { table.language == "python" }
}
