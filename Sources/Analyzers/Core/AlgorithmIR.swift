import PaperModel

/// An algorithm box read as a program: its inputs with their descriptions, its steps (one per
/// line of the box, none dropped) and the variables carried from one loop iteration to the next.
public struct AlgorithmIR: Codable, Hashable, Sendable {
    /// The box's id in the paper model (`alg1`).
    public var id: String
    public var caption: String
    public var label: String?
    public var number: String?
    /// `algorithmic`, `algpseudocode`, `algorithm2e`, …
    public var syntax: String
    public var span: SourceSpan
    /// Require/Ensure/Input/Output/Parameters lines, one entry per symbol they declare.
    public var inputs: [IRInput]
    /// One step per line of the box, in order (block ends included, as structure).
    public var steps: [IRStep]
    /// Quantities carried across loop iterations (`m`, `v`, `t`, `theta` in Adam).
    public var stateVariables: [IRStateVariable]
    /// Loop counters: `for` variables and variables stepped inside a loop (`t ← t + 1`).
    public var loopCounters: [String]
    /// True when the caption or the paper says the operations are element-wise.
    public var elementwise: Bool
    /// How the analysis read the notation, for code printers (``PlainMath``); nil for IR built
    /// without the analyzer.
    public var notation: IRNotation?

    public init(id: String, caption: String, label: String?, number: String?, syntax: String, span: SourceSpan,
                inputs: [IRInput], steps: [IRStep], stateVariables: [IRStateVariable], loopCounters: [String],
                elementwise: Bool) {
        self.id = id
        self.caption = caption
        self.label = label
        self.number = number
        self.syntax = syntax
        self.span = span
        self.inputs = inputs
        self.steps = steps
        self.stateVariables = stateVariables
        self.loopCounters = loopCounters
        self.elementwise = elementwise
    }

    /// "Algorithm 1" or the caption's first words when the box has no number.
    public var title: String {
        if let number { return "Algorithm \(number)" }
        let words = caption.split(separator: " ").prefix(6).joined(separator: " ")
        return words.isEmpty ? id : words
    }

    /// How the lines were read: counts per ``IRStep/Form``.
    public var formCounts: [IRStep.Form: Int] {
        var counts: [IRStep.Form: Int] = [:]
        for s in steps { counts[s.form, default: 0] += 1 }
        return counts
    }
}

/// A quantity that one iteration of a loop hands to the next: one variable updated in place.
public struct IRStateVariable: Codable, Hashable, Sendable {
    /// The quantity's identity (`m`, `hat(m)`, `beta_1`).
    public var key: String
    /// The plain name used in the rewrite (`m`, `theta`).
    public var name: String
    /// How the paper writes it (`m_t`).
    public var tex: String
    /// Index of the loop line (into the algorithm's lines) whose iterations carry it.
    public var loopLine: Int
    /// Where it gets its first value: an initialisation line, or nil when it is an input.
    public var initialLine: Int?
    /// Lines that update it inside the loop.
    public var updateLines: [Int]

    public init(key: String, name: String, tex: String, loopLine: Int, initialLine: Int?, updateLines: [Int]) {
        self.key = key
        self.name = name
        self.tex = tex
        self.loopLine = loopLine
        self.initialLine = initialLine
        self.updateLines = updateLines
    }
}
