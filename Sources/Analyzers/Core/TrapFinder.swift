import MathParsing
import PaperModel

/// Finds the traps of a core algorithm: notation that reads two ways, element-wise conventions,
/// symbols never defined and values never given.
struct TrapFinder: Sendable {
    var rules: CoreRules = .shared
    var map: LibraryMap = .shared

    func traps(_ ir: AlgorithmIR, notation: Notation, glossary: [String: GlossaryEntry], powerNotes: [String: SourceSpan],
               uses: DraftUses? = nil, elementwiseEvidence: SourceSpan?) -> [Trap] {
        var traps: [Trap] = []
        let reader = notation.reader
        var reported = Set<String>()
        // The trap (its message printed from the trees) is made only the first time its id is met.
        func once(_ id: String, _ trap: @autoclosure () -> Trap) { if reported.insert(id).inserted { traps.append(trap()) } }
        for step in ir.steps {
            for m in step.allMath {
                m.tree.visit { node in
                    switch node.kind {
                    case .power(let base, let exponent):
                        // Printed only for the readings that report a trap.
                        var tex: String { node.tex }
                        switch notation.reading(base: base, exponent: exponent) {
                        case .powerOfCounter:
                            let key = reader.quantity(base)?.key ?? base.tex
                            let said = powerNotes[key] != nil
                            once("power:" + key, Trap(kind: .powerNotIndex, symbol: tex,
                                message: "\(base.plainText)^\(exponent.plainText) is \(base.plainText) to the power \(exponent.plainText), not an index" + (said ? " (the paper says so)" : ""),
                                algorithm: ir.id, line: step.line, evidence: powerNotes[key] ?? step.span))
                        case .elementwiseSquare:
                            let key = reader.quantity(base)?.key ?? base.tex
                            once("square:" + key, Trap(kind: .elementwiseSquare, symbol: tex,
                                message: "\(base.plainText)^2 is the element-wise square (\(base.plainText) * \(base.plainText)), not a dot product",
                                algorithm: ir.id, line: step.line, evidence: step.span))
                        case .index:
                            if reader.counterScript(exponent) != nil {
                                once("index:" + base.tex, Trap(kind: .indexNotPower, symbol: tex,
                                    message: "\(node.plainText): the superscript is the step index, not a power",
                                    algorithm: ir.id, line: step.line, evidence: step.span))
                            }
                        case .power:
                            break
                        }
                    case .transpose(_, true):
                        once("T:" + node.tex, Trap(kind: .ambiguousTranspose, symbol: node.tex,
                            message: "\(node.plainText): read as a transpose; it could be a power of a variable T",
                            algorithm: ir.id, line: step.line, evidence: step.span))
                    default:
                        break
                    }
                }
            }
        }
        if ir.elementwise || elementwiseEvidence != nil {
            traps.append(Trap(kind: .elementwise, message: "operations on vectors are element-wise: *, /, sqrt, squares and abs act per coordinate, not as matrix operations",
                              algorithm: ir.id, evidence: ir.elementwise ? ir.span : elementwiseEvidence))
        }
        // Recomputed each iteration (decorated quantities assigned in a loop, not carried).
        let state = Set(ir.stateVariables.map(\.key))
        var recomputed: [String] = []
        for step in ir.steps where step.depth > 0 {
            for a in step.assignments {
                guard let key = a.targetKey, key.contains("("), !state.contains(key), !recomputed.contains(key) else { continue }
                recomputed.append(key)
            }
        }
        if !recomputed.isEmpty {
            let names = recomputed.map { glossary[$0]?.name ?? $0 }
            traps.append(Trap(kind: .recomputed, message: names.joined(separator: ", ") + (names.count == 1 ? " is" : " are") + " recomputed each iteration from the state, not stored",
                              algorithm: ir.id))
        }
        traps += undefined(ir, reader: reader, glossary: glossary, uses: uses)
        traps += unstated(ir, glossary: glossary)
        return traps
    }

    /// Symbols read but never declared, assigned, bound or described.
    private func undefined(_ ir: AlgorithmIR, reader: QuantityReader, glossary: [String: GlossaryEntry], uses draftUses: DraftUses?) -> [Trap] {
        var defined = Set(ir.inputs.map(\.key))
        var bound = Set<String>()
        for step in ir.steps {
            for a in step.assignments { defined.formUnion(a.targetKeys) }
            if let v = step.loop?.variable { defined.insert(v) }
        }
        defined.formUnion(reader.counters)
        var traps: [Trap] = []
        var seen = Set<String>()
        for (s, step) in ir.steps.enumerated() where step.kind != .declare {
            var uses = QuantityUses()
            for (k, m) in step.allMath.enumerated() {
                let u = draftUses?.steps[s][k] ?? reader.uses(in: m.tree)
                uses.quantities += u.quantities
                uses.nodes += u.nodes
                uses.functions += u.functions
                bound.formUnion(u.bound)
            }
            for (k, q) in (uses.quantities + uses.functions).enumerated() where !seen.contains(q.key) {
                seen.insert(q.key)
                let base = q.key.split(separator: "_").first.map(String.init) ?? q.key
                if defined.contains(q.key) || bound.contains(q.key) || glossary[q.key]?.meaning != nil || glossary[q.key]?.value != nil { continue }
                if map.functionNames[q.key] != nil || map.distributions[q.key] != nil || map.distributions[base] != nil { continue }
                // Sub-indexed forms of a defined quantity (`x_i` of `x`) and letters of one character
                // that are indices (`i`, `j`, `l`) bound by a loop or a sum.
                if defined.contains(base) || ["i", "j", "l", "n"].contains(q.key) { continue }
                traps.append(Trap(kind: .undefinedSymbol, symbol: q.key,
                                  // The uses' quantities are not spelled (their functions are).
                                  message: "\(k < uses.nodes.count ? reader.spelling(uses.nodes[k]) : q.readable) is used but never defined (not an input, not assigned, not described in the text)",
                                  algorithm: ir.id, line: step.line, evidence: step.span))
            }
        }
        return traps
    }

    /// Hyperparameters declared by the box with no value anywhere in the paper.
    private func unstated(_ ir: AlgorithmIR, glossary: [String: GlossaryEntry]) -> [Trap] {
        let hyperWords = ["rate", "size", "coefficient", "decay", "temperature", "constant", "number of", "steps", "scale",
                          "threshold", "weight", "momentum", "factor", "iterations", "horizon", "penalty"]
        let notHyper = ["function", "objective", "data", "dataset", "distribution", "network", "model", "initial", "vector",
                        "parameters", "loss", "example", "label", "policy", "buffer", "state"]
        var traps: [Trap] = []
        var seen = Set<String>()
        for input in ir.inputs where input.role != "output" && input.role != "ensure" && !seen.contains(input.key) {
            seen.insert(input.key)
            guard input.value == nil, glossary[input.key]?.value == nil else { continue }
            let description = (input.description ?? "").lowercased()
            if notHyper.contains(where: description.contains) { continue }
            if input.symbol.contains("(") || input.symbol.contains("_0") || input.symbol.contains("_{0}") { continue }
            let greek = input.key.split(separator: "_").first.map { CoreNaming.greekLetters.contains(String($0)) } ?? false
            guard greek || hyperWords.contains(where: description.contains) || input.constraint != nil else { continue }
            traps.append(Trap(kind: .unstatedValue, symbol: input.symbol,
                              message: "no value for \(input.name)" + (input.description.map { " (\($0))" } ?? "") + " anywhere in the paper",
                              algorithm: ir.id, line: input.line, evidence: input.span))
        }
        return traps
    }
}

extension CoreNaming {
    static let greekLetters: Set<String> = [
        "alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta", "vartheta", "iota", "kappa",
        "lambda", "mu", "nu", "xi", "pi", "rho", "varrho", "sigma", "tau", "upsilon", "phi", "varphi", "chi", "psi", "omega",
        "Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi", "Psi", "Omega",
    ]
}
