import MathParsing

/// An algorithm box as a program, before it is printed for a target: its shape, arguments, state
/// and statements. Expressions are plain trees (``Analyzers/PlainMath``): every variable a symbol
/// with its plain name.
struct CodeProgram: Sendable {
    enum Shape: String, Sendable {
        /// Updates parameters from gradients: printed as an optimizer (`step(params, grads, state)`,
        /// a `torch.optim.Optimizer`, a Swift struct with `mutating func step`).
        case optimizer
        /// Anything else: one function running the whole box.
        case procedure
    }

    var shape: Shape
    /// snake_case name of the function (`adam`, `damped_adaptive_momentum`).
    var name: String
    /// UpperCamelCase name of the class or struct (`Adam`).
    var typeName: String
    /// "Algorithm 1: Adam".
    var title: String
    /// Where the box is (`adam-algorithm.tex:22`).
    var location: String
    var paperTitle: String
    /// The paper says operations on vectors are element-wise.
    var elementwise: Bool
    /// Keyword arguments with the paper's defaults.
    var hyperparameters: [CodeHyperparameter]
    /// Positional arguments of a procedure (functions, arrays).
    var inputs: [CodeInput]
    /// Optimizer: the parameters and their gradient, as named in the box (`theta`, `g`).
    var parameter: String?
    var gradient: String?
    /// Optimizer: the box line that computes the gradient, and the line of the loop `step` runs once.
    var gradientLine: Int?
    var loopLine: Int?
    /// Optimizer: what the loop carries from one call of `step` to the next.
    var state: [CodeStateVariable]
    /// Optimizer: the loop body. Procedure: every statement.
    var body: [CodeStatement]
    var types: [String: ValueType]
    /// Lines the program builder could not translate (the printers add their own).
    var todos: [CodeTodo]
    /// Choices made where the paper is silent, for the reader (docstring and report).
    var notes: [String]
    /// Box line index → "line 7" / "Require"; and the equation numbers a line implements.
    var lineLabels: [Int: String]
    var lineText: [Int: String]
    var equations: [Int: [String]]
    /// Box lines that hold a statement (not a declaration, a block end or an `else`).
    var statementLines: [Int] = []
    /// Box lines that were read but need no code (declarations, block ends), for completeness.
    var returned: [MathNode]

    /// "line 7 (eq. 2)".
    func citation(_ line: Int) -> String {
        var s = lineLabels[line] ?? "line \(line + 1)"
        if let numbers = equations[line], !numbers.isEmpty {
            s += " (eq. " + numbers.joined(separator: ", ") + ")"
        }
        return s
    }
}

/// A keyword argument: its plain name, the paper's value and where it is stated.
public struct CodeHyperparameter: Codable, Hashable, Sendable {
    public var name: String
    /// The symbol as TeX (`\alpha`).
    public var symbol: String
    /// The paper's words for it ("step size").
    public var meaning: String?
    /// The default as code (`0.001`), nil when the paper states none.
    public var value: String?
    /// Where the value is stated (`adam-algorithm.tex:22`), or why it is assumed.
    public var evidence: String?
    /// True when the value is the tool's choice, not the paper's (e.g. a step budget).
    public var assumed: Bool
    /// An integer (a count or a loop bound) rather than a real number.
    public var integer: Bool
    /// The name as the generated code spells it (`step_size`, `stepSize`).
    public var argument: String?

    public init(name: String, symbol: String, meaning: String?, value: String?, evidence: String?, assumed: Bool = false,
                integer: Bool = false) {
        self.name = name
        self.symbol = symbol
        self.meaning = meaning
        self.value = value
        self.evidence = evidence
        self.assumed = assumed
        self.integer = integer
    }
}

/// A positional argument of a procedure.
struct CodeInput: Hashable, Sendable {
    enum Kind: String, Sendable {
        /// A function of the paper (`f`, `L`), called with arguments.
        case function
        /// The gradient of a function, which NumPy cannot compute (`grad_f`).
        case gradient
        /// An array or a scalar the caller provides (`theta`, `x`).
        case value
    }

    var name: String
    var kind: Kind
    var meaning: String?
    var line: Int?
    /// For a gradient: the function and the argument position it differentiates.
    var of: String?
    var argument: Int?
    /// Changed by the procedure, so it is copied first.
    var updated: Bool = false
    /// A function called outside any derivative (NumPy needs only the gradient of one that is not).
    var direct: Bool = true

    /// Whether the printed function takes this argument.
    func taken(by target: CodeTarget) -> Bool {
        switch (target, kind) {
        case (.pytorch, .gradient): false
        case (.numpy, .function): direct
        default: true
        }
    }
}

/// A variable the optimizer keeps between calls of `step`.
struct CodeStateVariable: Hashable, Sendable {
    var name: String
    var type: ValueType
    /// How it starts: `zeros` (like the parameters), `parameters` (a copy of them), or an expression.
    var initial: Initial
    var line: Int?

    enum Initial: Hashable, Sendable {
        case zeros, parameters, value(MathNode), missing
    }
}

/// What a value is, as far as the code needs to know.
enum ValueType: String, Hashable, Sendable {
    /// `matrix`: an array the paper transposes or multiplies as a matrix (`K^T`).
    case int, real, bool, array, matrix, function, unknown

    /// Arrays of either kind.
    var isArray: Bool { self == .array || self == .matrix }

    /// The type of an expression combining both.
    func join(_ other: ValueType) -> ValueType {
        if self == other { return self }
        if self == .array || other == .array { return .array }
        if self == .matrix || other == .matrix { return .matrix }
        if self == .unknown { return other }
        if other == .unknown { return self }
        if self == .real || other == .real { return .real }
        return other
    }
}

/// One line of a generated program, target-independent. Every case names the box line it
/// implements.
indirect enum CodeStatement: Sendable {
    /// `target op= value` (`op` nil for a plain assignment).
    case assign(target: String, op: String?, value: MathNode, line: Int)
    /// `target ~ distribution(args)`.
    case sample(target: String, distribution: String, arguments: [MathNode], line: Int)
    /// A line whose value the caller provides (the gradient given to `step`).
    case given(name: String, as: String, line: Int)
    /// A comment from the paper, or a line that needs no code, with why.
    case comment(String, line: Int?)
    case todo(CodeTodo)
    case loop(CodeLoop, body: [CodeStatement], line: Int)
    /// `if`/`else if`/`else`: a nil condition is the `else`.
    case branches([CodeBranch])
    case `return`([MathNode], line: Int)
    case `break`(line: Int)
}

struct CodeBranch: Sendable {
    var condition: MathNode?
    /// A condition in words: the branch is kept but never taken, with a TODO.
    var unreadable: String?
    var body: [CodeStatement]
    var line: Int
}

enum CodeLoop: Sendable {
    case range(variable: String, from: MathNode, to: MathNode, descending: Bool)
    case open(variable: String, from: MathNode)
    case forEach(variable: String, over: MathNode)
    case whileCondition(MathNode)
    /// "while not converged", "repeat … until converged": a step budget (`max_steps`).
    case budget
    /// `repeat … until cond`.
    case repeatUntil(MathNode)
}

/// A line the code could not express, and why. Shown in the code as a `TODO(line N)` comment and
/// listed in the report.
public struct CodeTodo: Codable, Hashable, Sendable {
    /// Index of the box line (into the algorithm's lines).
    public var line: Int
    /// "line 7" / "Require".
    public var label: String
    public var reason: String
    /// The line as the paper writes it (plain notation).
    public var source: String

    public init(line: Int, label: String, reason: String, source: String) {
        self.line = line
        self.label = label
        self.reason = reason
        self.source = source
    }
}
