import MathParsing

/// NumPy: an optimizer as `init_state(params)` and `step(params, grads, state, **hyperparameters)`
/// over a list of arrays; the state dict holds the moments (one array per parameter array) and
/// the counters. Procedures are printed by ``PythonProcedureLayout``.
struct NumPyOptimizerLayout {
    var support: LayoutSupport
    private var program: CodeProgram { support.program }
    private var syntax: TargetTable.Syntax { support.table.syntax }

    func render() -> (String, [CodeTodo]) {
        let p = program
        let parameter = support.identifier(p.parameter ?? "theta")
        let gradient = support.identifier(p.gradient ?? "grad")
        var step = PythonStepBody(support: support, indent: 1, mainIndent: 2, givenAs: gradient)
        step.mainHeader = { arrays in
            let names = [parameter, gradient] + arrays.map(support.identifier)
            return support.signature("    for " + names.joined(separator: ", ") + " in zip", ["params", "grads"] + arrays.map(support.stateEntry), close: "):")
        }
        var (body, todos) = step.lines()
        body.append("    return params")

        var code = support.docstring(support.header(todos: p.todos + todos))
        code.append("")
        code.append("")
        code += initState(parameter: parameter)
        code.append("")
        code.append("")
        code += support.signature("def step", support.arguments(["params", "grads", "state"], keywords: support.keywordArguments()), close: "):")
        let loop = p.loopLine.map { p.citation($0) } ?? "the loop"
        var doc = ["One iteration of the loop (\(loop)) on every array of params, updated in place.", "",
                   "params: the parameter arrays (\(parameter)); grads: their gradients (\(gradient)\(p.gradientLine.map { ", " + p.citation($0) } ?? "")), in the same order;",
                   "state: from init_state(params), updated in place. Returns params."]
        if p.gradientLine == nil { doc[2] = "params: the parameter arrays (\(parameter)); grads: the gradient of the objective at each, in the same order;" }
        code += support.docstring(doc, indent: "    ")
        code += body
        return (support.file(code), p.todos + todos)
    }

    private func initState(parameter: String) -> [String] {
        let p = program
        // The settings the initial values read (`S_0 = D/2 (1 + \log 2\pi)`) are its arguments too.
        var reads = Set<String>()
        for v in p.state { if case .value(let node) = v.initial { reads.formUnion(StatementWalk.reads(node)) } }
        let settings = p.hyperparameters.filter { reads.contains($0.name) }
        let keywords = settings.map { h in h.value.map { support.identifier(h.name) + "=" + $0 } ?? support.identifier(h.name) }
        var out = support.signature("def init_state", support.arguments(["params"], keywords: keywords), close: "):")
        out += support.docstring(["The state carried from one iteration to the next, for a list of parameter arrays."], indent: "    ")
        out.append(p.state.isEmpty ? "    return {}" : "    return {")
        let printer = support.expressions(support.identifier)
        let cite = PythonStepBody(support: support, indent: 1, mainIndent: 2, givenAs: parameter).printer()
        var cited = Set<Int>()
        for v in p.state {
            let entry: String
            switch v.initial {
            case .zeros: entry = "[\(support.call("zeros_like", [parameter])) for \(parameter) in params]"
            case .parameters: entry = "[\(support.call("copy", [parameter])) for \(parameter) in params]"
            case .missing: entry = v.type.isArray ? "[\(support.call("zeros_like", [parameter])) for \(parameter) in params]" : "0"
            case .value(let node):
                let text = (try? printer.print(node)) ?? "0"
                entry = v.type.isArray ? "[\(support.call("full_like", [parameter, text])) for \(parameter) in params]" : text
            }
            var line = "        \"\(support.identifier(v.name))\": \(entry),"
            // Several entries from one line (`m_0, v_0 \gets 0`) cite it once.
            if let l = v.line, cited.insert(l).inserted {
                line = cite.cited(line.trimmingLeading(), l, indent: 2).joined(separator: "\n")
            }
            out.append(line)
        }
        if !p.state.isEmpty { out.append("    }") }
        return out
    }
}

extension String {
    func trimmingLeading() -> String { String(drop(while: { $0 == " " })) }
}
