/// The body of an optimizer's step in Python (NumPy's `step`, PyTorch's per-parameter loop):
/// scalar state read from the state dict, the scalar lines before the array updates (state the
/// step only advances there is updated in the dict directly: `state["t"] += 1`), the array
/// updates, the scalar lines after them, and the scalar state written back.
struct PythonStepBody {
    var support: LayoutSupport
    /// Prints the array updates (`main`) at an indent, with what must come before them
    /// (NumPy: the `for … in zip(…)` header).
    var indent: Int
    var mainIndent: Int
    var mainHeader: ([String]) -> [String] = { _ in [] }
    /// What the step's statements call the given gradient.
    var givenAs: String

    private var program: CodeProgram { support.program }

    /// The printer every section uses: arrays updated in place, arguments and state known.
    func printer() -> StatementPrinter {
        let p = program
        var printer = StatementPrinter(table: support.table, expressions: support.expressions(support.identifier), program: p)
        printer.inPlace = Set(p.state.filter { $0.type.isArray }.map(\.name) + [p.parameter ?? ""])
        printer.known = Set(p.state.map(\.name) + p.hyperparameters.map(\.name) + [p.parameter ?? "", p.gradient ?? ""])
        printer.givenAs = givenAs
        printer.expressions.derivative = support.optimizerGradient(support.identifier(p.gradient ?? "grad"))
        return printer
    }

    func lines() -> ([String], [CodeTodo]) {
        let p = program
        let sections = support.sections(p.body)
        let scalars = p.state.filter { !$0.type.isArray }
        let direct = support.directState(sections, scalars: scalars.map(\.name))
        let pad = String(repeating: support.table.syntax.indent, count: indent)
        var printer = printer()
        var out: [String] = []
        let touched = StatementWalk.reads(p.body).union(StatementWalk.writes(p.body))
        let unpacked = scalars.filter { !direct.contains($0.name) && touched.contains($0.name) }
        for s in unpacked { out.append(pad + "\(support.identifier(s.name)) = \(support.stateEntry(s.name))") }
        // Up to the last line that advances it, direct state is updated in the dict; then it is
        // read into a local for the rest of the step.
        let lastWrite = sections.pre.lastIndex { !StatementWalk.writes([$0]).isDisjoint(with: direct) } ?? -1
        let advancing = Array(sections.pre[...lastWrite]), rest = Array(sections.pre[(lastWrite + 1)...])
        var prePrinter = printer
        let base = support.identifier
        prePrinter.expressions.identifier = { direct.contains($0) ? support.stateEntry($0) : base($0) }
        out += prePrinter.lines(advancing, indent: indent)
        let laterReads = StatementWalk.reads(rest + sections.main + sections.post)
        for name in direct.sorted() where laterReads.contains(name) {
            out.append(pad + "\(support.identifier(name)) = \(support.stateEntry(name))")
        }
        out += printer.lines(rest, indent: indent)
        if !sections.main.isEmpty {
            let touchedByMain = StatementWalk.reads(sections.main).union(StatementWalk.writes(sections.main))
            out += mainHeader(p.state.filter { $0.type.isArray && touchedByMain.contains($0.name) }.map(\.name))
            out += printer.lines(sections.main, indent: mainIndent)
        }
        out += printer.lines(sections.post, indent: indent)
        for s in unpacked where StatementWalk.writes(p.body).contains(s.name) {
            out.append(pad + "\(support.stateEntry(s.name)) = \(support.identifier(s.name))")
        }
        var todos = prePrinter.todos + printer.todos
        for line in sections.repeated {
            todos.append(CodeTodo(line: line, label: p.lineLabels[line] ?? "", reason: "a scalar updated between array updates runs once per parameter array",
                                  source: p.lineText[line] ?? ""))
        }
        return (out, todos)
    }
}
