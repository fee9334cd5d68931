import Analyzers
import MathParsing

/// A formula the target cannot express, and why (becomes a TODO naming the line).
struct Unsupported: Error, Sendable {
    var reason: String
}

/// The one expression printer every target shares: walks a plain tree (``PlainMath``) and writes
/// it with the target's table — operators, function templates, constants, integer casts.
///
/// ```swift
/// let p = ExpressionPrinter(table: CodeTarget.numpy.table, types: ["m": .array, "g": .array, "beta1": .real])
/// try p.print(tree)   // "beta1 * m + (1 - beta1) * g"
/// ```
struct ExpressionPrinter {
    var table: TargetTable
    var types: [String: ValueType]
    /// The identifier a plain name is written as (camelCase, a clash avoided, `state["t"]`).
    var identifier: (String) -> String
    /// Swift: arrays are read one coordinate at a time (`m[i]`) inside the coordinate loop.
    var elementwise = false
    /// What a derivative node is (`g`, `grad_f(theta)`); nil when the target cannot compute it.
    var derivative: ((MathNode) throws -> String)?
    /// The shape of sampled arrays (`theta.shape`).
    var sampleShape = "None"
    /// Loop variables and names the program assigns: `\tilde w^l` with `l` a loop variable and
    /// `\tilde w` assigned reads as an index written as a superscript, which the code refuses.
    var loopVariables: Set<String> = []
    var assigned: Set<String> = []

    init(table: TargetTable, types: [String: ValueType], identifier: @escaping (String) -> String = { $0 }) {
        self.table = table
        self.types = types
        self.identifier = identifier
    }

    /// A printer that knows the statements' loop variables and assigned names.
    static func forProgram(table: TargetTable, types: [String: ValueType], statements: [CodeStatement],
                           identifier: @escaping (String) -> String = { $0 }) -> ExpressionPrinter {
        var p = ExpressionPrinter(table: table, types: types, identifier: identifier)
        p.loopVariables = StatementWalk.loopVariables(statements)
        p.assigned = StatementWalk.writes(statements).subtracting(p.loopVariables)
        return p
    }

    enum S {
        static let tuple = 0, or = 10, and = 20, not = 30, relation = 40, add = 50, mul = 60, unary = 70
        static let power = 80, postfix = 90, atom = 100
    }

    struct R {
        var text: String
        var strength: Int
        var type: ValueType
    }

    /// The expression as code.
    func print(_ node: MathNode) throws -> String { try render(node, real: false).text }

    /// The expression and its type.
    func printTyped(_ node: MathNode) throws -> (String, ValueType) {
        let r = try render(node, real: false)
        return (r.text, r.type)
    }

    /// The type of an expression without printing it.
    func type(of node: MathNode) -> ValueType {
        (try? render(node, real: false).type) ?? .unknown
    }

    private func wrap(_ r: R, _ minimum: Int) -> String { r.strength < minimum ? "(" + r.text + ")" : r.text }

    // MARK: - Walk

    private func render(_ node: MathNode, real: Bool) throws -> R {
        switch node.kind {
        case .number(let s):
            return R(text: number(s), strength: S.atom, type: s.contains(".") || s.contains("e") ? .real : .int)
        case .symbol(let s):
            if elementwise && types[s.name] == .matrix {
                throw Unsupported(reason: "\(s.name) is a matrix: code that works one coordinate at a time cannot use it")
            }
            return symbol(s.name, real: real)
        case .constant(let c):
            guard let text = table.constants[c.rawValue] else { throw Unsupported(reason: "the constant \(c.rawValue)") }
            return R(text: text, strength: S.atom, type: .real)
        case .text(let t):
            throw Unsupported(reason: "words inside the math (\"\(t.collapsed)\")")
        case .ellipsis:
            throw Unsupported(reason: "an ellipsis (…) stands for terms the code must spell out")
        case .empty:
            throw Unsupported(reason: "a missing operand (the math is incomplete)")
        case .raw(let s):
            throw Unsupported(reason: "math that could not be parsed (\(s.prefix(40)))")
        case .unary(let op, let x):
            return try unary(op, x, real: real)
        case .binary(let op, let lhs, let rhs):
            return try binary(op, lhs, rhs, real: real)
        case .fraction(let a, let b):
            return try arithmetic("/", S.mul, a, b, real: true)
        case .root(let x, let degree):
            if let degree {
                let base = try render(x, real: true)
                let d = try render(degree, real: true)
                return try power(base, R(text: "1 / " + wrap(d, S.mul + 1), strength: S.mul, type: .real))
            }
            return try function("sqrt", [x], real: true)
        case .power(let base, let exponent):
            if node.isInverse, case .fence = base.kind {
                return try arithmetic("/", S.mul, MathNode(.number("1"), range: 0..<0), base, real: true)
            }
            if case .symbol(let e) = exponent.kind, loopVariables.contains(e.name),
               case .symbol(let b) = base.kind, assigned.contains(b.name) {
                throw Unsupported(reason: "\(b.name)^\(e.name): a superscript that is the loop index, not a power")
            }
            let b = try render(base, real: true)
            let e = try render(exponent, real: false)
            return try power(b, e)
        case .index(let base, let index):
            throw Unsupported(reason: "an indexed term (\(base.plainText)_\(index.plainText)) whose index is not the loop counter")
        case .superscriptIndex(let base, let index):
            throw Unsupported(reason: "an indexed term (\(base.plainText)^(\(index.plainText)))")
        case .transpose(let base, _):
            return try function("transpose", [base], real: real)
        case .accent(let accent, let base):
            throw Unsupported(reason: "a decorated expression (\(accent.rawValue) over \(base.plainText))")
        case .postfix(let op, _):
            throw Unsupported(reason: "a \(op.rawValue) mark on an expression")
        case .apply(let function, let arguments):
            return try apply(function, arguments, real: real)
        case .bigOperator(let name, let lower, let upper, let body):
            return try bigOperator(name, lower, upper, body, real: real)
        case .derivative(let kind, let order, _, _):
            if order > 1 || kind != .gradient && kind != .partial {
                throw Unsupported(reason: "a second derivative (Hessian) has no library call here")
            }
            if case .derivative? = node.children.first?.kind { throw Unsupported(reason: "a second derivative (Hessian) has no library call here") }
            guard let derivative else {
                throw Unsupported(reason: "a gradient: this target has no automatic differentiation")
            }
            return R(text: try derivative(node), strength: S.postfix, type: .array)
        case .fence(let open, let close, let body):
            switch (open, close) {
            case (.bar, .bar):
                if type(of: body) == .matrix { throw Unsupported(reason: "|…| of a matrix (\(body.plainText)) reads as a determinant") }
                return try function("abs", [body], real: real)
            case (.doubleBar, .doubleBar): return try function("norm", [body], real: real)
            case (.leftFloor, .rightFloor): return try function("floor", [body], real: real)
            case (.leftCeil, .rightCeil): return try function("ceil", [body], real: real)
            case (.leftParen, .rightParen), (.leftBracket, .rightBracket):
                if case .tuple = body.kind { throw Unsupported(reason: "a tuple or interval (\(node.plainText))") }
                let inner = try render(body, real: real)
                return R(text: inner.strength == S.atom ? inner.text : "(" + inner.text + ")", strength: S.atom, type: inner.type)
            default:
                throw Unsupported(reason: "a set or bracket (\(node.plainText))")
            }
        case .tuple:
            throw Unsupported(reason: "a list of values (\(node.plainText)) where one value is expected")
        case .setBuilder, .sequence, .cases, .table, .lines:
            throw Unsupported(reason: "a construct with no direct code form (\(node.plainText.prefix(40)))")
        case .command(let name, let arguments):
            // `\Call{SampleBatch}{D, b}` (algpseudocode): a function the box defines elsewhere.
            if name == "Call", let first = arguments.first {
                throw Unsupported(reason: "a call of \(first.plainText.filter { !$0.isWhitespace }), a function the box defines separately")
            }
            throw Unsupported(reason: "an unknown command \\\(name)")
        }
    }

    /// Numerals as the target writes them (`.5` → `0.5`).
    private func number(_ s: String) -> String {
        s.hasPrefix(".") ? "0" + s : s
    }

    private func symbol(_ name: String, real: Bool) -> R {
        var type = types[name] ?? .unknown
        var text = identifier(name)
        if elementwise && type.isArray {
            text += "[i]"
            type = .real
        }
        if type == .int && real {
            return R(text: fill(table.syntax.intCast, ["0": text]), strength: S.atom, type: .real)
        }
        return R(text: text, strength: S.atom, type: type)
    }

    private func unary(_ op: UnaryOperator, _ x: MathNode, real: Bool) throws -> R {
        switch op {
        case .negate, .plus:
            let inner = try render(x, real: real)
            let sign = op == .negate ? "-" : ""
            if op == .plus { return inner }
            return R(text: sign + wrap(inner, S.unary + 1), strength: S.unary, type: inner.type)
        case .not:
            let prefix = table.operators["not"]?.prefix ?? "not "
            let strength = prefix.hasSuffix(" ") ? S.not : S.unary
            let inner = try render(x, real: false)
            return R(text: prefix + wrap(inner, strength + 1), strength: strength, type: .bool)
        default:
            throw Unsupported(reason: "the operator \(op.rawValue)")
        }
    }

    private func binary(_ op: BinaryOperator, _ lhs: MathNode, _ rhs: MathNode, real: Bool) throws -> R {
        switch op {
        case .add: return try arithmetic("+", S.add, lhs, rhs, real: real, rightAssociative: true)
        case .subtract: return try arithmetic("-", S.add, lhs, rhs, real: real)
        case .multiply, .dot, .cross, .star, .hadamard:
            return try arithmetic("*", S.mul, lhs, rhs, real: real, rightAssociative: true)
        case .implicit:
            // `c \bmod d` reads as `c` times `mod(d)`: it is the remainder.
            if case .apply(let f, let args) = rhs.kind, case .symbol(let m) = f.kind, m.style == .roman, m.name == "mod", args.count == 1 {
                guard let op = table.operators["mod"] else { throw Unsupported(reason: "a remainder (mod)") }
                if let infix = op.infix { return try arithmetic(infix, S.mul, lhs, args[0], real: real) }
                let l = try render(lhs, real: true), r = try render(args[0], real: true)
                return R(text: fill(op.call ?? "", ["0": l.text, "1": r.text]), strength: S.postfix, type: l.type.join(r.type))
            }
            if isTranspose(lhs) || isTranspose(rhs) || type(of: lhs) == .matrix && type(of: rhs).isArray {
                guard let matmul = table.operators["matmul"]?.infix else { throw Unsupported(reason: "a matrix product") }
                var r = try arithmetic(matmul, S.mul, lhs, rhs, real: real)
                r.type = type(of: rhs) == .matrix ? .matrix : .array
                return r
            }
            return try arithmetic("*", S.mul, lhs, rhs, real: real, rightAssociative: true)
        case .divide: return try arithmetic("/", S.mul, lhs, rhs, real: true)
        case .equal: return try relation(table.operators["equal"]?.infix ?? "==", lhs, rhs)
        case .notEqual: return try relation(table.operators["notEqual"]?.infix ?? "!=", lhs, rhs)
        case .less: return try relation("<", lhs, rhs)
        case .greater: return try relation(">", lhs, rhs)
        case .lessEqual: return try relation("<=", lhs, rhs)
        case .greaterEqual: return try relation(">=", lhs, rhs)
        case .and, .or:
            let symbol = table.operators[op.rawValue]?.infix ?? op.rawValue
            let strength = op == .and ? S.and : S.or
            let l = try render(lhs, real: false), r = try render(rhs, real: false)
            return R(text: wrap(l, strength) + " " + symbol + " " + wrap(r, strength + 1), strength: strength, type: .bool)
        default:
            throw Unsupported(reason: "the operator \(op.rawValue) (\(MathNode(.binary(op: op, lhs: lhs, rhs: rhs), range: 0..<0).plainText))")
        }
    }

    private func isTranspose(_ node: MathNode) -> Bool {
        if case .transpose = node.kind { return true }
        return false
    }

    private func arithmetic(_ symbol: String, _ strength: Int, _ lhs: MathNode, _ rhs: MathNode, real: Bool,
                            rightAssociative: Bool = false) throws -> R {
        // Integers stay integers only under + - * of integers; anything else reads them as reals.
        let isReal = real || symbol == "/" || type(of: lhs) == .real || type(of: rhs) == .real
        let l = try render(lhs, real: isReal), r = try render(rhs, real: isReal)
        let type = l.type.join(r.type)
        return R(text: wrap(l, strength) + " " + symbol + " " + wrap(r, rightAssociative ? strength : strength + 1),
                 strength: strength, type: symbol == "/" && type == .int ? .real : type)
    }

    private func relation(_ symbol: String, _ lhs: MathNode, _ rhs: MathNode) throws -> R {
        let isReal = type(of: lhs) == .real || type(of: rhs) == .real
        let l = try render(lhs, real: isReal), r = try render(rhs, real: isReal)
        return R(text: wrap(l, S.relation + 1) + " " + symbol + " " + wrap(r, S.relation + 1), strength: S.relation, type: .bool)
    }

    private func power(_ base: R, _ exponent: R) throws -> R {
        guard let op = table.operators["power"] else { throw Unsupported(reason: "a power") }
        let type: ValueType = base.type.isArray || exponent.type.isArray ? .array : (base.type == .int && exponent.type == .int ? .int : .real)
        if let infix = op.infix {
            return R(text: wrap(base, S.power + 1) + " " + infix + " " + wrap(exponent, S.power), strength: S.power, type: type)
        }
        let literal = exponent.text.allSatisfy(\.isNumber)
        let e = exponent.type == .int && !literal ? fill(table.syntax.intCast, ["0": exponent.text]) : exponent.text
        return R(text: fill(op.call ?? "", ["0": base.text, "1": e]), strength: S.postfix, type: type == .int ? .real : type)
    }

    // MARK: - Functions

    private func apply(_ function: MathNode, _ arguments: [MathNode], real: Bool) throws -> R {
        guard case .symbol(let s) = function.kind else {
            throw Unsupported(reason: "a call of \(function.plainText), which is not a function the code knows")
        }
        if s.style == .roman || types[s.name] == nil, let op = LibraryMap.shared.functionNames[s.name] {
            var args = arguments
            if args.count == 1, case .tuple(let items) = args[0].kind { args = items }
            return try self.function(op, args, real: real)
        }
        if types[s.name] == .function {
            if elementwise {
                throw Unsupported(reason: "a call of \(s.name): code that works one coordinate at a time cannot pass it whole arrays")
            }
            let args = try arguments.map { try render($0, real: false) }
            // A function of an array (`Estimator(\theta)`) is read as returning one like it.
            let type: ValueType = args.contains { $0.type.isArray } ? .array : .unknown
            return R(text: identifier(s.name) + "(" + args.map(\.text).joined(separator: ", ") + ")", strength: S.postfix, type: type)
        }
        throw Unsupported(reason: "\(s.name)(…) is neither a library function nor an input of the algorithm")
    }

    /// A library function by operation id, with the template that fits its arity and argument types.
    func function(_ op: String, _ arguments: [MathNode], real: Bool) throws -> R {
        let rendered = try arguments.map { try render($0, real: true) }
        guard let entry = table.functions["\(op)/\(arguments.count)"] ?? table.functions[op] else {
            throw Unsupported(reason: "\(op) (\(arguments.count) argument\(arguments.count == 1 ? "" : "s")) has no \(table.language == "swift" ? "Swift" : "library") call in this target")
        }
        let arrays = rendered.filter { $0.type.isArray }
        var template: String?
        if arrays.isEmpty {
            template = entry.scalar ?? entry.array
        } else if arrays.count < rendered.count, rendered.count == 2, let mixed = entry.mixed {
            let a = rendered.first { $0.type.isArray }!, sc = rendered.first { !$0.type.isArray }!
            return R(text: fill(mixed, ["A": a.text, "S": sc.text]), strength: S.postfix, type: .array)
        } else {
            template = entry.array
        }
        guard let template else {
            throw Unsupported(reason: "\(op) of \(arrays.isEmpty ? "scalars" : "arrays") has no call in this target")
        }
        var values: [String: String] = ["shape": sampleShape]
        for (k, r) in rendered.enumerated() {
            // An argument that is itself an operator expression is parenthesised where the template
            // puts it next to an operator (`-{1}`, `{0}.T`).
            values["\(k)"] = needsParentheses(template, k) ? wrap(r, S.atom) : r.text
        }
        let reductions: Set<String> = ["sum", "mean", "norm", "dot", "max", "min"]
        let type: ValueType = reductions.contains(op) && arguments.count == 1 || op == "dot" ? .real
            : (arrays.isEmpty ? .real : .array)
        return R(text: fill(template, values), strength: strength(of: template), type: type)
    }

    /// A template that is one call (`np.sqrt({0})`) or attribute (`{0}.T`) binds like a call;
    /// anything else (`1 / (1 + np.exp(-{0}))`) is parenthesised wherever it is embedded.
    private func strength(of template: String) -> Int {
        if template.hasPrefix("{0}."), !template.contains(" ") { return S.postfix }
        guard let open = template.firstIndex(of: "("), template.hasSuffix(")"),
              template[..<open].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "." }) else { return S.tuple + 1 }
        var depth = 0
        for (k, c) in template[open...].enumerated() {
            if c == "(" { depth += 1 } else if c == ")" { depth -= 1 }
            if depth == 0 && k < template[open...].count - 1 { return S.tuple + 1 }
        }
        return S.postfix
    }

    /// True when `{k}` in the template stands right after or before something other than `(`, `,` or space.
    private func needsParentheses(_ template: String, _ k: Int) -> Bool {
        let key = "{\(k)}"
        guard let r = template.range(of: key) else { return false }
        let before = template[..<r.lowerBound].last
        let after = template[r.upperBound...].first
        let okBefore = before == nil || before == "(" || before == " " || before == ","
        let okAfter = after == nil || after == ")" || after == "," || after == " "
        return !(okBefore && okAfter)
    }

    private func bigOperator(_ name: String, _ lower: MathNode?, _ upper: MathNode?, _ body: MathNode?, real: Bool) throws -> R {
        guard let body else { throw Unsupported(reason: "a \(name) with nothing to apply it to") }
        if name == "E" { throw Unsupported(reason: "an expectation: estimate it with a sample mean over draws") }
        guard name == "sum" || name == "prod", table.language == "python",
              let lower, case .binary(.equal, let v, let from) = lower.kind, case .symbol(let variable) = v.kind, let upper else {
            throw Unsupported(reason: "a \(name) over \(lower?.plainText ?? "an unstated range") (write the loop by hand)")
        }
        // `\sum_{i=1}^t \gamma_i^2`: a sum over the past values of a quantity the loop overwrites.
        var history: String?
        body.forEach { n in
            guard case .symbol(let s) = n.kind, s.name.hasSuffix("_" + variable.name) else { return }
            let base = String(s.name.dropLast(variable.name.count + 1))
            // `gamma_i` beside a `gamma` or a per-step `gamma_t` the code knows.
            if types.keys.contains(where: { $0 == base || $0.hasPrefix(base + "_") && $0 != s.name }) { history = s.name }
        }
        if let history {
            throw Unsupported(reason: "a \(name) over past values (\(history)): keep a running \(name) in the state")
        }
        var inner = self
        inner.types[variable.name] = .int
        let b = try inner.render(body, real: real)
        let f = try render(from, real: false), u = try render(upper, real: false)
        let head = name == "sum" ? "sum" : "math.prod"
        return R(text: "\(head)(\(b.text) for \(identifier(variable.name)) in range(\(f.text), \(wrap(u, S.add)) + 1))",
                 strength: S.postfix, type: b.type)
    }
}

extension String {
    /// Runs of white space as one space, trimmed.
    var collapsed: String { split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" }).joined(separator: " ") }
}
