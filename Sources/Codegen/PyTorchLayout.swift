/// PyTorch: an optimizer as a `torch.optim.Optimizer` subclass — hyperparameters in `defaults`
/// (one value per parameter group), state per parameter in `self.state[p]` created on the first
/// step, updates in place under `torch.no_grad()`.
struct PyTorchOptimizerLayout {
    var support: LayoutSupport
    private var program: CodeProgram { support.program }

    func render() -> (String, [CodeTodo]) {
        let p = program
        let parameter = support.identifier(p.parameter ?? "theta")
        let gradient = support.identifier(p.gradient ?? "grad")
        let pad = "                "
        let step = PythonStepBody(support: support, indent: 4, mainIndent: 4, givenAs: "\(parameter).grad")
        let printer = step.printer()
        var body: [String] = []
        body.append(pad + "if \(parameter).grad is None:")
        body.append(pad + "    continue")
        if p.gradientLine == nil { body.append(pad + "\(gradient) = \(parameter).grad") }
        body.append(pad + "state = self.state[\(parameter)]")
        if !p.state.isEmpty {
            body.append(pad + "if not state:  # the first step: the lines before the loop")
            body += initialState(parameter: parameter, printer: printer)
        }
        let touched = StatementWalk.reads(p.body).union(StatementWalk.writes(p.body))
        let usedArrays = p.state.filter { $0.type.isArray && touched.contains($0.name) }.map { support.identifier($0.name) }
        if !usedArrays.isEmpty {
            body.append(pad + usedArrays.joined(separator: ", ") + " = " + usedArrays.map { support.stateEntry($0) }.joined(separator: ", "))
        }
        let (lines, stepTodos) = step.lines()
        body += lines
        let todos = p.todos + stepTodos

        var code = support.docstring(support.header(todos: todos))
        code.append("")
        code.append("")
        code.append("class \(p.typeName)(torch.optim.Optimizer):")
        code += support.docstring(["\(p.title) as a torch.optim.Optimizer; hyperparameters as in the module docstring."], indent: "    ")
        code.append("")
        let keywords = support.keywordArguments()
        code += support.signature("    def __init__", support.arguments(["self", "params"], keywords: keywords), close: "):")
        let names = p.hyperparameters.map { support.identifier($0.name) }
        code += support.signature("        defaults = dict", names.map { "\($0)=\($0)" }, close: ")")
        code.append("        super().__init__(params, defaults)")
        code.append("")
        code.append("    @torch.no_grad()")
        code.append("    def step(self, closure=None):")
        let loop = p.loopLine.map { p.citation($0) } ?? "the loop"
        code += support.docstring(["One iteration of the loop (\(loop)) for every parameter that has a gradient."], indent: "        ")
        code.append("        loss = None")
        code.append("        if closure is not None:")
        code.append("            with torch.enable_grad():")
        code.append("                loss = closure()")
        code.append("        for group in self.param_groups:")
        let used = p.hyperparameters.filter { StatementWalk.reads(p.body).contains($0.name) || initialReads.contains($0.name) }
            .map { support.identifier($0.name) }
        if !used.isEmpty {
            let unpack = "            " + used.joined(separator: ", ") + " = " + used.map { "group[\"\($0)\"]" }.joined(separator: ", ")
            if unpack.count <= support.table.syntax.lineLimit {
                code.append(unpack)
            } else {
                for name in used { code.append("            \(name) = group[\"\(name)\"]") }
            }
        }
        code.append("            for \(parameter) in group[\"params\"]:")
        code += body
        code.append("        return loss")
        return (support.file(code), todos)
    }

    /// Names the initial values read (hyperparameters used only there still need unpacking).
    private var initialReads: Set<String> {
        var out = Set<String>()
        for v in program.state { if case .value(let node) = v.initial { out.formUnion(StatementWalk.reads(node)) } }
        return out
    }

    private func initialState(parameter: String, printer: StatementPrinter) -> [String] {
        var out: [String] = []
        for v in program.state {
            let value: String
            switch v.initial {
            case .zeros, .missing: value = v.type.isArray ? support.call("zeros_like", [parameter]) : "0"
            case .parameters: value = support.call("copy", [parameter])
            case .value(let node):
                let text = (try? printer.expressions.print(node)) ?? "0"
                value = v.type.isArray ? support.call("full_like", [parameter, text]) : text
            }
            out += printer.cited("state[\"\(support.identifier(v.name))\"] = \(value)", v.line, indent: 5)
        }
        return out
    }
}
