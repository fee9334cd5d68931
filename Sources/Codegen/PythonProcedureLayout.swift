import MathParsing

/// NumPy and PyTorch: a box that is not an optimizer, as one function taking the box's inputs
/// (arrays, functions, and for NumPy the gradients it cannot compute) and its hyperparameters as
/// keyword arguments.
struct PythonProcedureLayout {
    var support: LayoutSupport
    private var program: CodeProgram { support.program }

    func render() -> (String, [CodeTodo]) {
        let p = program
        let torch = support.target == .pytorch
        var printer = StatementPrinter(table: support.table, expressions: support.expressions(support.identifier), program: p)
        let inputs = p.inputs.filter { $0.taken(by: support.target) }
        printer.known = Set(inputs.map(\.name) + p.hyperparameters.map(\.name))
        let firstArray = inputs.first { $0.kind == .value && p.types[$0.name]?.isArray == true }.map { support.identifier($0.name) }
        printer.expressions.sampleShape = firstArray.map { torch ? "\($0).shape" : "np.shape(\($0))" } ?? (torch ? "()" : "None")
        printer.expressions.derivative = torch ? autograd() : givenGradient()
        var sampling = false
        StatementWalk.visit(p.body) { if case .sample = $0 { sampling = true } }

        var body: [String] = []
        if sampling {
            body.append(torch ? "    generator = torch.Generator() if generator is None else generator"
                              : "    rng = np.random.default_rng() if rng is None else rng")
        }
        for input in inputs where input.updated {
            let name = support.identifier(input.name)
            body.append("    \(name) = \(support.call("as_array", [name]))  # a copy: the algorithm updates it")
        }
        body += printer.lines(p.body, indent: 1)
        var hyper = p.hyperparameters
        if body.joined().contains("max_steps"), !hyper.contains(where: { $0.name == "max_steps" }) {
            hyper.append(CodeHyperparameter(name: "max_steps", symbol: "", meaning: "step budget", value: ProgramBuilder.stepBudget,
                                            evidence: "not in the paper", assumed: true, integer: true))
        }
        var withBudget = p
        withBudget.hyperparameters = hyper
        let s = LayoutSupport(target: support.target, program: withBudget)

        var code = s.docstring(s.header(todos: p.todos + printer.todos))
        code.append("")
        code.append("")
        let positional = inputs.map { support.identifier($0.name) }
        let extra = sampling ? [torch ? "generator=None" : "rng=None"] : []
        code += s.signature("def " + support.identifier(p.name), s.arguments(positional, keywords: s.keywordArguments(extra)), close: "):")
        var doc = ["Runs \(p.title.split(separator: ":").first ?? "the algorithm") and returns its result."]
        let described = inputs.filter { $0.meaning != nil || $0.kind == .gradient }
        if !described.isEmpty {
            doc.append("")
            for i in described {
                let what = i.kind == .gradient && !torch ? "a function computing the \(i.meaning ?? "gradient") (NumPy has no automatic differentiation)" : (i.meaning ?? "")
                doc.append("\(support.identifier(i.name)): \(what)")
            }
        }
        code += s.docstring(doc, indent: "    ")
        code += body
        return (s.file(code), p.todos + printer.todos)
    }

    /// NumPy: a gradient is a function the caller passes (`grad_f(theta)`).
    private func givenGradient() -> (MathNode) throws -> String {
        let p = program
        let support = self.support
        return { node in
            guard let call = GradientCall(node) else { throw Unsupported(reason: "a gradient of an expression rather than of a named function") }
            guard p.inputs.contains(where: { $0.name == call.inputName }) else { throw Unsupported(reason: "a gradient of \(call.function)") }
            let printer = support.expressions(support.identifier)
            return support.identifier(call.inputName) + "(" + (try call.arguments.map { try printer.print($0) }).joined(separator: ", ") + ")"
        }
    }

    /// PyTorch: `torch.func.grad(f, argnums=k)(args)`.
    private func autograd() -> (MathNode) throws -> String {
        let support = self.support
        return { node in
            guard let call = GradientCall(node) else { throw Unsupported(reason: "a gradient of an expression rather than of a named function") }
            let printer = support.expressions(support.identifier)
            let argnums = call.position == 0 ? "" : ", argnums=\(call.position)"
            return "torch.func.grad(\(support.identifier(call.function))\(argnums))(" + (try call.arguments.map { try printer.print($0) }).joined(separator: ", ") + ")"
        }
    }
}

/// `\nabla_\theta f(w, \theta)` in a plain tree: the function, the arguments, and which one the
/// derivative is taken with respect to.
struct GradientCall {
    var function: String
    var arguments: [MathNode]
    var position: Int
    var withRespectTo: String

    init?(_ node: MathNode) {
        // `\nabla_\theta \log p_\theta(x)` differentiates a composition, not a named function.
        guard case .derivative(_, 1, let variables, let of) = node.kind, case .apply(let f, let args)? = of?.kind,
              case .symbol(let fs) = f.kind, fs.style != .roman else { return nil }
        let names = args.map { if case .symbol(let s) = $0.kind { s.name } else { "" } }
        let wrt = variables.first.flatMap { v -> String? in if case .symbol(let s) = v.kind { s.name } else { nil } } ?? names.first ?? ""
        function = fs.name
        arguments = args
        withRespectTo = wrt
        position = names.firstIndex(of: wrt) ?? 0
    }

    /// The argument a NumPy procedure takes for it: `grad_f`, `grad_L_theta`.
    var inputName: String { "grad_" + function + (position == 0 ? "" : "_" + withRespectTo) }
}
