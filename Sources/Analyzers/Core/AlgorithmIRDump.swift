extension AlgorithmIR {
    /// A compact text dump for golden tests and debugging: one line per step with its kind, form,
    /// depth, the plain rewrite and the parsed assignments; then inputs and state variables.
    public var dump: String {
        var out = ["\(title) [\(id)] label=\(label ?? "-") syntax=\(syntax) elementwise=\(elementwise)"]
        out.append("counters: " + loopCounters.joined(separator: " "))
        for input in inputs {
            var s = "input \(input.role) \(input.symbol) key=\(input.key) name=\(input.name)"
            if let d = input.description { s += " desc=\"\(d)\"" }
            if let c = input.constraint { s += " constraint=\"\(c)\"" }
            if let v = input.value { s += " value=\(v)" }
            out.append(s)
        }
        for step in steps {
            var s = "\(step.line): " + String(repeating: "  ", count: step.depth) + "\(step.kind.rawValue)/\(step.form.rawValue)"
            if !step.plain.isEmpty { s += " | " + step.plain }
            for a in step.assignments {
                s += " | \(a.operation.rawValue) \(a.targetKeys.joined(separator: ",")) := " + (a.value?.tree.sExpression ?? a.valueProse ?? "")
                if a.inPlace { s += " (in place)" }
            }
            if let loop = step.loop {
                s += " | loop \(loop.kind.rawValue)"
                if let v = loop.variable { s += " var=\(v)" }
                if let f = loop.from { s += " from=\(f)" }
                if let t = loop.to { s += " to=\(t)" }
                if let o = loop.over { s += " over=\(o)" }
                if loop.untilConverged { s += " until-converged" }
            }
            out.append(s)
        }
        out.append("state: " + stateVariables.map { "\($0.name)(\($0.key)) loop@\($0.loopLine) init@\($0.initialLine.map(String.init) ?? "input") updates@\($0.updateLines.map(String.init).joined(separator: ","))" }.joined(separator: "; "))
        return out.joined(separator: "\n") + "\n"
    }
}
