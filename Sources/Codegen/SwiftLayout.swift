/// Swift: an optimizer as a struct holding its hyperparameters and state, with
/// `mutating func step(_ theta: inout [Double], gradient: [Double])` applying the loop body one
/// coordinate at a time (the paper's operations are element-wise).
struct SwiftOptimizerLayout {
    var support: LayoutSupport
    private var program: CodeProgram { support.program }

    private func swiftType(_ t: ValueType) -> String {
        switch t {
        case .int: "Int"
        case .array: "[Double]"
        case .bool: "Bool"
        default: "Double"
        }
    }

    func render() -> (String, [CodeTodo]) {
        let p = program
        let parameter = support.identifier(p.parameter ?? "theta")
        let gradient = support.identifier(p.gradient ?? "grad")
        let sections = support.sections(p.body)
        // Stored arrays are read one coordinate at a time; array locals become per-coordinate scalars.
        let stored = Set(p.state.filter { $0.type.isArray }.map(\.name) + [p.parameter ?? "", p.gradient ?? ""])
        var coordinateTypes = p.types
        for (name, t) in p.types where t.isArray && !stored.contains(name) { coordinateTypes[name] = .real }

        var scalarPrinter = StatementPrinter(table: support.table, expressions: support.expressions(support.identifier), program: p)
        scalarPrinter.known = Set(p.state.map(\.name) + p.hyperparameters.map(\.name) + [p.parameter ?? "", p.gradient ?? ""])
        scalarPrinter.givenAs = gradient
        scalarPrinter.givenFrom = "gradient"
        scalarPrinter.expressions.derivative = support.optimizerGradient(gradient)
        var coordinatePrinter = scalarPrinter
        coordinatePrinter.expressions.types = coordinateTypes
        coordinatePrinter.expressions.elementwise = true
        coordinatePrinter.expressions.derivative = support.optimizerGradient(gradient + "[i]")
        coordinatePrinter.inPlace = stored

        var body = scalarPrinter.lines(sections.pre, indent: 2)
        if !sections.main.isEmpty {
            body.append("        for i in \(parameter).indices {")
            body += coordinatePrinter.lines(sections.main, indent: 3)
            body.append("        }")
        }
        body += scalarPrinter.lines(sections.post, indent: 2)
        var todos = p.todos + scalarPrinter.todos + coordinatePrinter.todos
        for line in sections.repeated {
            todos.append(CodeTodo(line: line, label: p.lineLabels[line] ?? "", reason: "a scalar updated between coordinate updates runs once per coordinate",
                                  source: p.lineText[line] ?? ""))
        }

        var code = support.docstring(support.header(todos: todos))
        code.append("struct \(p.typeName) {")
        for h in p.hyperparameters {
            var about = [h.meaning, h.symbol.isEmpty ? nil : PlainProse.symbol(h.symbol)].compactMap { $0 }.joined(separator: ", ")
            if let e = h.evidence { about += (about.isEmpty ? "" : "; ") + (h.value == nil ? e : "default stated at " + e) }
            if !about.isEmpty { code.append("    /// " + about) }
            code.append("    let \(support.identifier(h.name)): \(swiftType(h.integer ? .int : .real))")
        }
        if !p.state.isEmpty {
            code.append("")
            code.append("    // State carried from one iteration to the next.")
            for v in p.state { code.append("    var \(support.identifier(v.name)): \(swiftType(v.type))") }
        }
        code.append("")
        code.append("    /// Starts the state for parameters `\(parameter)` (the lines before the loop).")
        let args = ["_ \(parameter): [Double]"] + p.hyperparameters.map { h in
            "\(support.identifier(h.name)): \(swiftType(h.integer ? .int : .real))" + (h.value.map { " = \($0)" } ?? "")
        }
        code += support.signature("    init", args, close: ") {")
        for h in p.hyperparameters {
            let n = support.identifier(h.name)
            code.append("        self.\(n) = \(n)")
        }
        for v in p.state {
            let value: String
            switch v.initial {
            // An array starts at zeros of the parameters' size, a scalar at 0 (the builder gives
            // `.zeros` to arrays only).
            case .zeros, .missing: value = v.type.isArray ? "Array(repeating: 0, count: \(parameter).count)" : "0"
            case .parameters: value = parameter
            case .value(let node):
                let text = (try? scalarPrinter.expressions.print(node)) ?? "0"
                value = v.type.isArray ? "Array(repeating: \(text), count: \(parameter).count)" : text
            }
            code += scalarPrinter.cited("\(support.identifier(v.name)) = \(value)", v.line, indent: 2)
        }
        code.append("    }")
        code.append("")
        let loop = p.loopLine.map { p.citation($0) } ?? "the loop"
        code.append("    /// One iteration of the loop (\(loop)): updates `\(parameter)` in place from its gradient.")
        let label = gradient == "gradient" ? "gradient" : "gradient \(gradient)"
        code.append("    mutating func step(_ \(parameter): inout [Double], \(label): [Double]) {")
        code += body
        code.append("    }")
        code.append("}")
        return (support.file(code), todos)
    }
}

/// Swift for a box that is not an optimizer: the Swift printer writes optimizers only, so the
/// function lists each line of the box as a TODO for porting by hand (the NumPy and PyTorch
/// printers write it in full).
struct SwiftProcedureLayout {
    var support: LayoutSupport
    private var program: CodeProgram { support.program }

    func render() -> (String, [CodeTodo]) {
        let p = program
        var todos: [CodeTodo] = []
        var body: [String] = []
        let reason = "port by hand (the Swift printer writes optimizers only; see the NumPy version)"
        for line in p.statementLines where !(p.lineText[line] ?? "").isEmpty {
            let t = CodeTodo(line: line, label: p.lineLabels[line] ?? "", reason: reason, source: p.lineText[line] ?? "")
            todos.append(t)
            body.append("    // TODO(\(t.label)): \(t.source)")
        }
        var code = support.docstring(support.header(todos: []) + ["", "Each line of the box is left as a TODO: \(reason)."])
        code.append("func \(support.identifier(p.name))() {")
        code += body
        code.append("}")
        return (support.file(code), todos)
    }
}
