/// The code printed for one algorithm and target, with everything the reader must know about it:
/// what could not be generated (TODOs), the hyperparameters and the choices made.
public struct GeneratedCode: Codable, Hashable, Sendable {
    public enum Shape: String, Codable, Sendable {
        /// `step(params, grads, state)`, a `torch.optim.Optimizer`, a Swift struct with `mutating func step`.
        case optimizer
        /// One function running the whole box.
        case procedure
    }

    public var target: CodeTarget
    public var shape: Shape
    /// The algorithm's id in the paper model (`alg1`) and its title.
    public var algorithm: String
    public var title: String
    /// The function, class or struct the code defines (`adam`, `Adam`).
    public var name: String
    /// A file name for it (`adam.py`, `Adam.swift`).
    public var fileName: String
    public var code: String
    public var hyperparameters: [CodeHyperparameter]
    public var todos: [CodeTodo]
    public var notes: [String]
    /// Optimizer: the parameters' and the gradient's plain names (`theta`, `g`).
    public var parameter: String?
    public var gradient: String?
    /// Procedure: the positional arguments, in order, with their kind (`function`, `gradient`, `value`).
    public var arguments: [Argument]

    /// A positional argument of a procedure.
    public struct Argument: Codable, Hashable, Sendable {
        public var name: String
        public var kind: String
        /// For a gradient: the function it differentiates and the argument position.
        public var of: String?
        public var position: Int?
        /// A value the paper uses as a matrix (transposes it, multiplies by it).
        public var matrix: Bool = false
    }

    /// True when every line of the box became code.
    public var complete: Bool { todos.isEmpty }
}

extension GeneratedCode {
    /// What a user should know after generating: each TODO with its line and why, or that every
    /// line became code.
    public var report: [String] {
        if todos.isEmpty { return ["\(title): every line of the box became \(target.rawValue) code (\(fileName))."] }
        return ["\(title): \(todos.count) line\(todos.count == 1 ? "" : "s") of the box need\(todos.count == 1 ? "s" : "") your hand (TODO in \(fileName)):"]
            + todos.map { "  TODO(\($0.label)): \($0.reason) — \($0.source)" }
    }
}
