import MathParsing

/// How a superscript reads in context: `\beta_1^t` is a power (the base is a constant, `t` the
/// loop counter), `z^{k,l}` an index, `g_t^2` an element-wise square.
struct Notation: Sendable {
    enum Reading: String, Sendable {
        /// A power, read as written.
        case power
        /// A power of a loop counter on a constant: `\beta_1^t`. Reads as a power, and a reader
        /// could take it for an index.
        case powerOfCounter
        /// A square of a vector quantity: element-wise.
        case elementwiseSquare
        /// An index written as a superscript: `z^{k,l}`, `x^t` on a quantity updated each step.
        case index
    }

    var reader: QuantityReader
    /// Keys of hyperparameters and constants: declared inputs and symbols with a stated value.
    var constants: Set<String>
    /// Keys the paper says are raised "to the power".
    var powerNotes: Set<String>
    /// Keys assigned by the algorithm or carried by a loop (vectors, as far as we can tell).
    var varying: Set<String>
    /// Bases written with a superscript `1` somewhere (`\phi^1`, `q^1`): their numeric and counter
    /// superscripts are labels (agent 1, proposal k), not powers.
    var labelledBases: Set<String> = []

    /// Bases with a superscript `1` in any of the trees.
    static func labelledBases(in trees: [MathNode], reader: QuantityReader) -> Set<String> {
        var out = Set<String>()
        for tree in trees {
            tree.visit { node in
                if case .power(let base, let exponent) = node.kind, case .number("1") = exponent.kind, let q = reader.quantity(base, spelled: false) {
                    out.insert(q.key)
                }
            }
        }
        return out
    }

    func reading(base: MathNode, exponent: MathNode) -> Reading {
        if case .tuple = exponent.kind { return .index }
        if exponent.anyNode({ if case .binary(.colon, _, _) = $0.kind { true } else { false } }) { return .index }
        // Only the key and counter are read: no spelling.
        let baseQuantity = reader.quantity(base, spelled: false)
        if case .number("1") = exponent.kind { return .index }
        if let q = baseQuantity, labelledBases.contains(q.key) {
            if case .number = exponent.kind { return .index }
            if reader.counterScript(exponent) != nil { return .index }
        }
        if reader.counterScript(exponent) != nil {
            guard let q = baseQuantity else { return .power }
            if constants.contains(q.key) || powerNotes.contains(q.key) { return .powerOfCounter }
            if !varying.contains(q.key) { return .power }
            return .index
        }
        // `W^Q`, `X^l`, `h^{\text{enc}}`: a letter on a quantity that is not a constant labels it.
        if let q = baseQuantity, !constants.contains(q.key), !powerNotes.contains(q.key) {
            switch exponent.kind {
            case .symbol, .text: return .index
            default: break
            }
        }
        if case .number("2") = exponent.kind, let q = baseQuantity, varying.contains(q.key) || q.counter != nil {
            return .elementwiseSquare
        }
        return .power
    }
}
