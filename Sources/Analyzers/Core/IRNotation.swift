/// How the analysis read an algorithm's notation, kept with the IR so that code printers read the
/// math the same way (see ``PlainMath``): which quantities keep their counter subscript, which
/// are constants, which the paper says are raised "to the power", which vary, which superscripts
/// are labels.
public struct IRNotation: Codable, Hashable, Sendable {
    /// Keys whose counter subscript names another quantity (`v` and `v_t` both in the box).
    public var keepCounter: [String]
    /// Hyperparameters and constants: declared inputs and symbols with a stated value.
    public var constants: [String]
    /// Keys the paper says are raised "to the power".
    public var powerNotes: [String]
    /// Keys assigned by the algorithm.
    public var varying: [String]
    /// Bases whose numeric superscripts are labels (`\phi^1`, `q^k`).
    public var labelledBases: [String]

    public init(keepCounter: [String] = [], constants: [String] = [], powerNotes: [String] = [], varying: [String] = [],
                labelledBases: [String] = []) {
        self.keepCounter = keepCounter
        self.constants = constants
        self.powerNotes = powerNotes
        self.varying = varying
        self.labelledBases = labelledBases
    }

    init(_ notation: Notation) {
        self.init(keepCounter: notation.reader.keepCounter.sorted(), constants: notation.constants.sorted(),
                  powerNotes: notation.powerNotes.sorted(), varying: notation.varying.sorted(),
                  labelledBases: notation.labelledBases.sorted())
    }
}
