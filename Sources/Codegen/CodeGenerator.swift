/// Step 4 of the method: prints an algorithm box as code for a target.
///
/// ```swift
/// let code = CodeGenerator(target: .numpy).generate(CodegenSource(d, algorithm: 0))
/// print(code.code)        // def init_state(params): … def step(params, grads, state, *, step_size=0.001, …
/// code.todos              // lines it could not express, each with why
/// ```
///
/// One program builder reads the IR (shape, arguments, state, statements); one expression
/// printer and one statement printer write it, reading everything target-specific from
/// `codegen-targets.json`; a small layout per target and shape puts the pieces in the form users
/// expect.
public struct CodeGenerator: Sendable {
    public var target: CodeTarget

    public init(target: CodeTarget) {
        self.target = target
    }

    public func generate(_ source: CodegenSource) -> GeneratedCode {
        let program = ProgramBuilder(source: source).build()
        let support = LayoutSupport(target: target, program: program)
        let (text, todos): (String, [CodeTodo])
        switch (target, program.shape) {
        case (.numpy, .optimizer): (text, todos) = NumPyOptimizerLayout(support: support).render()
        case (.pytorch, .optimizer): (text, todos) = PyTorchOptimizerLayout(support: support).render()
        case (.swift, .optimizer): (text, todos) = SwiftOptimizerLayout(support: support).render()
        case (.swift, .procedure): (text, todos) = SwiftProcedureLayout(support: support).render()
        case (_, .procedure): (text, todos) = PythonProcedureLayout(support: support).render()
        }
        let name = target == .swift || (target == .pytorch && program.shape == .optimizer) ? program.typeName : support.identifier(program.name)
        var hyperparameters = program.hyperparameters
        for i in hyperparameters.indices { hyperparameters[i].argument = support.identifier(hyperparameters[i].name) }
        return GeneratedCode(target: target, shape: program.shape == .optimizer ? .optimizer : .procedure,
                             algorithm: source.algorithm.id, title: program.title, name: name,
                             fileName: (target == .swift ? program.typeName : program.name) + "." + target.fileExtension,
                             code: text, hyperparameters: hyperparameters, todos: Self.unique(todos), notes: program.notes,
                             parameter: program.parameter, gradient: program.gradient,
                             arguments: program.inputs.filter { $0.taken(by: target) }.map {
                                 .init(name: support.identifier($0.name), kind: $0.kind.rawValue, of: $0.of, position: $0.argument, matrix: program.types[$0.name] == .matrix)
                             })
    }

    /// TODOs in line order, each line and reason once.
    private static func unique(_ todos: [CodeTodo]) -> [CodeTodo] {
        var seen = Set<String>()
        return todos.filter { seen.insert("\($0.line)|\($0.reason)").inserted }.sorted { $0.line < $1.line }
    }
}
