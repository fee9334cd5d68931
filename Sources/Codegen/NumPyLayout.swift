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
        let sections = support.sections(p.body)
        let arrays = p.state.filter { $0.type == .array }
        let scalars = p.state.filter { $0.type != .array }
        let direct = support.directState(sections, scalars: scalars.map(\.name))
        let stateRef = { (name: String) in "state[\"\(name)\"]" }

        // step(): state entries, then pre, per-parameter main, post.
        var printer = StatementPrinter(table: support.table, expressions: support.expressions(support.identifier), program: p)
        printer.inPlace = Set(arrays.map(\.name) + [p.parameter ?? ""])
        printer.known = Set(p.state.map(\.name) + p.hyperparameters.map(\.name) + [p.parameter ?? "", p.gradient ?? ""])
        printer.givenAs = gradient
        printer.expressions.derivative = support.optimizerGradient(gradient)
        var body: [String] = []
        let stepReads = StatementWalk.reads(p.body).union(StatementWalk.writes(p.body))
        let unpacked = scalars.filter { !direct.contains($0.name) && stepReads.contains($0.name) }
        for s in unpacked { body.append("    \(support.identifier(s.name)) = \(stateRef(s.name))") }
        // Pre: direct scalar state is updated in the dict, then read into a local.
        var prePrinter = printer
        let base = support.identifier
        prePrinter.expressions.identifier = { direct.contains($0) ? stateRef($0) : base($0) }
        body += prePrinter.lines(sections.pre, indent: 1)
        let laterReads = StatementWalk.reads(sections.main + sections.post)
        for name in direct.sorted() where laterReads.contains(name) {
            body.append("    \(support.identifier(name)) = \(stateRef(name))")
        }
        if !sections.main.isEmpty {
            let used = arrays.filter { StatementWalk.reads(sections.main).union(StatementWalk.writes(sections.main)).contains($0.name) }
            let names = [parameter, gradient] + used.map { support.identifier($0.name) }
            let lists = ["params", "grads"] + used.map { stateRef($0.name) }
            body += support.signature("    for " + names.joined(separator: ", ") + " in zip", lists, close: "):")
            body += printer.lines(sections.main, indent: 2)
        }
        body += printer.lines(sections.post, indent: 1)
        for s in unpacked where StatementWalk.writes(p.body).contains(s.name) {
            body.append("    \(stateRef(s.name)) = \(support.identifier(s.name))")
        }
        body.append("    return params")
        var todos = printer.todos + prePrinter.todos
        for line in sections.repeated {
            todos.append(CodeTodo(line: line, label: p.lineLabels[line] ?? "", reason: "a scalar updated between array updates runs once per parameter array",
                                  source: p.lineText[line] ?? ""))
        }

        var code = support.docstring(support.header(todos: p.todos + todos))
        code.append("")
        code.append("")
        code += initState(parameter: parameter)
        code.append("")
        code.append("")
        code += support.signature("def step", ["params", "grads", "state", "*"] + support.keywordArguments(), close: "):")
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
        var out = ["def init_state(params):"]
        out += support.docstring(["The state carried from one iteration to the next, for a list of parameter arrays."], indent: "    ")
        out.append("    return {")
        let printer = support.expressions(support.identifier)
        for v in p.state {
            let entry: String
            switch v.initial {
            case .zeros: entry = "[\(support.call("zeros_like", [parameter])) for \(parameter) in params]"
            case .parameters: entry = "[\(support.call("copy", [parameter])) for \(parameter) in params]"
            case .missing: entry = v.type == .array ? "[\(support.call("zeros_like", [parameter])) for \(parameter) in params]" : "0"
            case .value(let node):
                let text = (try? printer.print(node)) ?? "0"
                entry = v.type == .array ? "[\(support.call("full_like", [parameter, text])) for \(parameter) in params]" : text
            }
            var line = "        \"\(v.name)\": \(entry),"
            if let l = v.line {
                line = StatementPrinter(table: support.table, expressions: printer, program: p).cited(line.trimmingLeading(), l, indent: 2).joined(separator: "\n")
            }
            out.append(line)
        }
        out.append("    }")
        return out
    }
}

extension String {
    func trimmingLeading() -> String { String(drop(while: { $0 == " " })) }
}
