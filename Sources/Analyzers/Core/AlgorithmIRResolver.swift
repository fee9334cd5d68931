import MathParsing
import PaperModel

/// Second pass over an ``AlgorithmIR`` draft: quantity keys on assignments and inputs, the loop's
/// state variables, in-place updates, and the plain-name rewrite of every line.
struct AlgorithmIRResolver: Sendable {
    var reader: QuantityReader
    var printer: CodePrinter
    var glossary: [String: GlossaryEntry]
    /// The paper's parses, shared with the rest of the core analysis.
    var parser = MathMemo()
    /// The draft's uses, read once by the caller with `reader` (nil: read here).
    var uses: DraftUses?

    /// Loop counters of a draft: `for` variables, variables stepped inside a loop (`t ← t + 1`,
    /// `\tau \gets \tau - h`), and `t`, `k` whenever the box has a loop.
    static func counters(of ir: AlgorithmIR) -> Set<String> {
        var counters = Set<String>()
        var hasLoop = false
        for step in ir.steps {
            if let loop = step.loop {
                hasLoop = true
                if let v = loop.variable, !v.contains(" ") { counters.insert(v) }
            }
            guard step.depth > 0 else { continue }
            for a in step.assignments {
                guard case .symbol(let s) = a.target.tree.kind, let value = a.value,
                      case .binary(let op, let lhs, let step) = value.tree.kind, op == .add || op == .subtract,
                      case .symbol(let s2) = lhs.kind, s2.name == s.name else { continue }
                // A step of one number or one symbol (`t + 1`, `\tau - h`, `t - \Delta t`); `\theta - \alpha g`
                // is an update of the parameters, not a counter.
                switch step.kind {
                case .number, .symbol: counters.insert(s.name)
                case .binary(.implicit, let head, _):
                    if case .symbol(let h) = head.kind, h.name == "Delta" { counters.insert(s.name) }
                default: break
                }
            }
        }
        if hasLoop { counters.formUnion(["t", "k"]) }
        return counters
    }

    /// Keys, state variables and the rewrite.
    func resolve(_ ir: inout AlgorithmIR) {
        // Keys on inputs and assignments.
        for i in ir.inputs.indices {
            let tree = parser.parse(ir.inputs[i].symbol).root
            let q = reader.quantity(tree) ?? { if case .apply(let f, _) = tree.kind { reader.quantity(f) } else { nil } }()
            ir.inputs[i].key = q?.key ?? ir.inputs[i].symbol
            ir.inputs[i].name = q.map { glossary[$0.key]?.name ?? printer.name($0) } ?? naming(ir.inputs[i].symbol)
            if let q, let entry = glossary[q.key], let v = entry.value, !q.initial {
                ir.inputs[i].value = v
                ir.inputs[i].valueSpan = entry.valueEvidence
            }
        }
        for s in ir.steps.indices {
            for a in ir.steps[s].assignments.indices {
                let target = ir.steps[s].assignments[a].target.tree
                let keys = targetQuantities(target).map(\.key)
                ir.steps[s].assignments[a].targetKeys = keys
                ir.steps[s].assignments[a].targetKey = keys.count == 1 ? keys[0] : nil
            }
        }
        ir.stateVariables = stateVariables(ir)
        let stateKeys = Set(ir.stateVariables.map(\.key))
        for s in ir.steps.indices {
            for a in ir.steps[s].assignments.indices {
                let assignment = ir.steps[s].assignments[a]
                let reads = valueUses(ir, step: s, assignment: a)?.keys ?? []
                ir.steps[s].assignments[a].inPlace = assignment.targetKeys.contains { stateKeys.contains($0) || reads.contains($0) }
            }
        }
        // The first gradient's variable, in reading order: the walk stops there.
        var zerosLike: String?
        for m in ir.steps.lazy.flatMap(\.allMath) where zerosLike == nil {
            _ = m.tree.anyNode { node in
                guard case .derivative(.gradient, _, let vars, _) = node.kind, let v = vars.first, let q = reader.quantity(v) else { return false }
                zerosLike = printer.name(q)
                return true
            }
        }
        for s in ir.steps.indices {
            ir.steps[s].plain = plain(ir.steps[s], ir: ir, stateKeys: stateKeys, zerosLike: zerosLike)
            ir.steps[s].display = display(ir.steps[s])
        }
        ir.loopCounters = reader.counters.sorted()
    }

    /// The uses of an assignment's value, from the caller's reading when there is one.
    private func valueUses(_ ir: AlgorithmIR, step s: Int, assignment a: Int) -> QuantityUses? {
        guard let value = ir.steps[s].assignments[a].value else { return nil }
        return uses?.value(step: s, assignment: a, in: ir) ?? reader.uses(in: value.tree)
    }

    private func naming(_ word: String) -> String { CoreNaming.shared.identifierPart(word) }

    /// The quantities an assignment sets (not spelled: their keys and shifts are read).
    func targetQuantities(_ tree: MathNode) -> [Quantity] {
        if let q = reader.quantity(tree, spelled: false) { return [q] }
        if case .tuple(let items) = tree.kind { return items.compactMap { reader.quantity($0, spelled: false) } }
        if case .apply(let f, _) = tree.kind, let q = reader.quantity(f, spelled: false) { return [q] }
        return []
    }

    // MARK: - State variables

    private func stateVariables(_ ir: AlgorithmIR) -> [IRStateVariable] {
        var result: [IRStateVariable] = []
        var seen = Set<String>()
        let declared = Set(ir.inputs.map(\.key))
        for (l, loopStep) in ir.steps.enumerated() where loopStep.kind == .loop {
            // The body: following lines nested deeper (or, for repeat, up to its `until`).
            var body: [Int] = []
            var j = l + 1
            while j < ir.steps.count {
                let s = ir.steps[j]
                if s.kind == .until && s.depth == loopStep.depth { break }
                if s.depth <= loopStep.depth { break }
                body.append(j)
                j += 1
            }
            var firstAssigned: [String: Int] = [:]
            // Keys in order of first assignment (targets of one line in the order written), so
            // that the state variables' order never depends on dictionary order.
            var assignedOrder: [String] = []
            var updates: [String: [Int]] = [:]
            var readBefore = Set<String>()
            var readPrevious = Set<String>()
            var tex: [String: String] = [:]
            for index in body {
                let step = ir.steps[index]
                var reads: [Quantity] = []
                for a in step.assignments.indices {
                    if let u = valueUses(ir, step: index, assignment: a) { reads += u.quantities }
                    // Indices on the target (`x_{t+1}`) are reads of the counter, not of the target.
                }
                if let uses {
                    for u in uses.expressions(step: index, in: ir) { reads += u.quantities }
                } else {
                    for e in step.expressions { reads += reader.uses(in: e.tree).quantities }
                }
                for q in reads {
                    if firstAssigned[q.key] == nil { readBefore.insert(q.key) }
                    if q.shift < 0 { readPrevious.insert(q.key) }
                }
                for a in step.assignments {
                    for q in targetQuantities(a.target.tree) {
                        if firstAssigned[q.key] == nil {
                            firstAssigned[q.key] = index
                            assignedOrder.append(q.key)
                        }
                        updates[q.key, default: []].append(index)
                        if tex[q.key] == nil { tex[q.key] = a.target.tex }
                        // `m_{t+1} = f(m_t)`: the next value from the current one.
                        if q.shift > 0 { readPrevious.insert(q.key) }
                    }
                }
            }
            let before = Set(ir.steps[..<l].flatMap { s in s.assignments.flatMap { targetQuantities($0.target.tree).map(\.key) } })
            var initial: [String: Int] = [:]
            for s in ir.steps[..<l] {
                for a in s.assignments { for q in targetQuantities(a.target.tree) where initial[q.key] == nil { initial[q.key] = s.line } }
            }
            for key in assignedOrder where !seen.contains(key) {
                let carried = before.contains(key) || declared.contains(key) || readPrevious.contains(key) || readBefore.contains(key)
                guard carried else { continue }
                seen.insert(key)
                let name = glossary[key]?.name ?? key
                result.append(IRStateVariable(key: key, name: name, tex: tex[key] ?? key, loopLine: l,
                                              initialLine: initial[key], updateLines: updates[key] ?? []))
            }
        }
        return result
    }

    // MARK: - Rewrite

    private func plain(_ step: IRStep, ir: AlgorithmIR, stateKeys: Set<String>, zerosLike: String?) -> String {
        switch step.kind {
        case .declare:
            let mine = ir.inputs.filter { $0.line == step.line }
            if mine.isEmpty { return prose(step.source) }
            return mine.map { input in
                if let v = input.value { return "\(input.name) = \(v)" }
                return "\(input.name)  # given" + (input.description.map { ": " + prose($0) } ?? "")
            }.joined(separator: "; ")
        case .initialize, .assign, .sample, .call:
            if step.assignments.isEmpty {
                if let p = step.prose { return prose(p) }
                return step.expressions.map { printer.print($0.tree) }.joined(separator: "; ")
            }
            var parts: [String] = []
            for a in step.assignments {
                let target = printer.print(a.target.tree)
                var line: String
                if let value = a.value {
                    if a.operation == .sample {
                        line = "\(target) = sample(\(printer.print(value.tree)))"
                    } else if let key = a.targetKey, case .binary(let op, let lhs, let rhs) = value.tree.kind,
                              op == .add || op == .subtract, reader.quantity(lhs, spelled: false)?.key == key {
                        let r = printer.print(rhs)
                        line = "\(target) \(op == .add ? "+=" : "-=") \(r)"
                    } else if case .number("0") = value.tree.kind, let key = a.targetKey, stateKeys.contains(key),
                              !reader.counters.contains(key), let zerosLike, zerosLike != target {
                        line = "\(target) = zeros_like(\(zerosLike))"
                    } else {
                        line = "\(target) = \(printer.print(value.tree))"
                    }
                } else if let p = a.valueProse {
                    line = "\(target) = \(prose(p))"
                } else {
                    line = target
                }
                if let q = a.qualifier { line += "  (for \(printer.print(q.tree)))" }
                parts.append(line)
            }
            if step.form == .mixed, let p = step.prose, step.assignments.first?.valueProse == nil {
                return prose(p)
            }
            return parts.joined(separator: "; ")
        case .return:
            if step.form == .mixed || step.form == .prose { return "return " + prose(strippingVerb(step.prose ?? step.source)) }
            let values = (step.assignments.compactMap(\.value) + step.expressions).map { printer.print($0.tree) }
            return "return " + values.joined(separator: ", ")
        case .loop:
            guard let loop = step.loop else { return prose(step.source) }
            switch loop.kind {
            case .while:
                if loop.untilConverged { return "while not converged:" }
                if step.form == .math, let e = step.expressions.first { return "while \(printer.print(e.tree)):" }
                return "while \(prose(step.source)):"
            case .repeat:
                return loop.untilConverged ? "repeat (until converged):" : "repeat:"
            case .loop:
                return "loop:"
            case .for, .forAll:
                if let v = loop.variable, let from = loop.from {
                    let name = names(v)
                    if let to = loop.to {
                        return loop.descending ? "for \(name) in range(\(to), \(from) - 1, -1):" : "for \(name) in \(from)..\(to):"
                    }
                    return "for \(name) from \(from) on:"
                }
                if let v = loop.variable, let over = loop.over { return "for \(names(v)) in \(prose(over)):" }
                return "for " + prose(step.source) + ":"
            }
        case .until:
            if step.loop?.untilConverged == true { return "until converged" }
            if step.form == .math, let e = step.expressions.first { return "until \(printer.print(e.tree))" }
            return "until " + prose(step.source)
        case .if, .elseIf:
            let word = step.kind == .if ? "if" : "elif"
            if (step.form == .math || step.form == .partialMath), let e = step.expressions.first { return "\(word) \(printer.print(e.tree)):" }
            return "\(word) \(prose(step.source)):"
        case .else:
            return "else:"
        case .end:
            return ""
        case .break:
            return "break"
        case .procedure:
            return "def " + prose(step.source) + ":"
        case .comment:
            return "# " + prose(step.prose ?? step.comment ?? "")
        case .prose:
            return step.source.isEmpty ? "" : prose(step.source)
        }
    }

    /// The paper's line with its keyword, math in plain notation.
    private func display(_ step: IRStep) -> String {
        var body = ""
        for piece in InlineMath(step.source).pieces {
            switch piece {
            case .prose(let p): body += p
            case .math(let m):
                let r = parser.parse(m.trimmingTrailingPunctuation)
                body += r.complete ? r.root.plainText : m
            }
        }
        body = body.collapsedSpaces
        let (keyword, suffix) = IRStep.keyword(step.lineKind)
        let text = [keyword, body].filter { !$0.isEmpty }.joined(separator: " ")
        return (text.isEmpty ? "" : text + (body.isEmpty ? "" : suffix)) + (step.comment.map { "  // " + $0 } ?? "")
    }

    private func names(_ variable: String) -> String {
        let q = reader.quantity(parser.parse(variable).root)
        return q.map { printer.name($0) } ?? variable
    }

    private func strippingVerb(_ text: String) -> String {
        for verb in ["return ", "Return ", "output ", "Output "] where text.hasPrefix(verb) { return String(text.dropFirst(verb.count)) }
        return text
    }

    /// Prose with each inline formula replaced by its plain-name rewrite.
    func prose(_ text: String) -> String {
        var out = ""
        for piece in InlineMath(text).pieces {
            switch piece {
            case .prose(let p): out += p
            case .math(let m):
                let r = parser.parse(m.trimmingTrailingPunctuation)
                let printed = r.complete ? printer.print(r.root) : m
                // "discount factor $\gamma$" with γ named discount_factor: the words already say it.
                // (Spoken only for a name with `_`: most formulas have none.)
                if printed.contains("_"), out.lowercased().trimming(" ").hasSuffix(printed.replacingOccurrences(of: "_", with: " ").lowercased()) {
                    continue
                }
                out += printed
            }
        }
        return out.collapsedSpaces
    }
}
