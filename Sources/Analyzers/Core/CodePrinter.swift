import MathParsing

/// Prints a math tree as a line of code with plain names (Python-like: `**`, `sqrt`, `abs`):
/// `m_t \gets \beta_1 m_{t-1} + (1-\beta_1) g_t` → `m = beta1 * m + (1 - beta1) * g`.
///
/// Loop-counter subscripts vanish (one variable updated in place), powers of a loop counter on a
/// constant stay powers (`beta1 ** t`), superscripts that are indices print as `x[i]`.
struct CodePrinter: Sendable {
    var names: [String: String]
    var notation: Notation

    private var reader: QuantityReader { notation.reader }

    private enum S {
        static let tuple = 0, or = 10, and = 20, not = 30, relation = 40, add = 50, mul = 60, unary = 70
        static let power = 80, postfix = 90, atom = 100
    }

    private struct R {
        var text: String
        var strength: Int
    }

    func print(_ node: MathNode) -> String { render(node).text }

    /// A formula as a statement: a top-level `=` or `\gets` is an assignment (`x = …`, or
    /// `x -= …` when the value starts from the same quantity); lines are joined with `; `.
    func statement(_ node: MathNode) -> String {
        switch node.kind {
        case .lines(let items):
            return items.map(statement).joined(separator: "; ")
        case .binary(let op, let lhs, let rhs) where op == .equal || op.isAssignment:
            if case .binary(let inner, _, _) = lhs.kind, inner.isRelation { return print(node) }
            let target = print(lhs)
            if let key = reader.quantity(lhs)?.key, case .binary(let valueOp, let first, let rest) = rhs.kind,
               valueOp == .add || valueOp == .subtract, reader.quantity(first)?.key == key {
                return target + (valueOp == .add ? " += " : " -= ") + print(rest)
            }
            return target + " = " + print(rhs)
        default:
            return print(node)
        }
    }

    /// The name of a quantity: the glossary's, else its readable spelling.
    func name(_ q: Quantity) -> String { names[q.key] ?? q.readable }

    private func wrap(_ r: R, _ minimum: Int) -> String { r.strength < minimum ? "(" + r.text + ")" : r.text }

    private func render(_ node: MathNode) -> R {
        if let q = reader.quantity(node) { return R(text: name(q), strength: S.atom) }
        switch node.kind {
        case .number(let s): return R(text: s, strength: S.atom)
        case .symbol(let s): return R(text: s.name, strength: S.atom)
        case .constant(let c):
            return R(text: c == .infinity ? "inf" : c == .emptySet ? "{}" : c.rawValue, strength: S.atom)
        case .text(let t): return R(text: t.collapsedSpaces, strength: S.atom)
        case .ellipsis: return R(text: "...", strength: S.atom)
        case .empty: return R(text: "", strength: S.atom)
        case .raw(let s): return R(text: s, strength: S.atom)
        case .unary(let op, let x):
            let inner = render(x)
            switch op {
            case .negate: return R(text: "-" + wrap(inner, S.unary + 1), strength: S.unary)
            case .plus: return R(text: "+" + wrap(inner, S.unary + 1), strength: S.unary)
            case .plusMinus: return R(text: "±" + wrap(inner, S.unary + 1), strength: S.unary)
            case .minusPlus: return R(text: "∓" + wrap(inner, S.unary + 1), strength: S.unary)
            case .not: return R(text: "not " + wrap(inner, S.not + 1), strength: S.not)
            case .forAll: return R(text: "for all " + inner.text, strength: S.tuple)
            case .exists: return R(text: "exists " + inner.text, strength: S.tuple)
            }
        case .binary(let op, let lhs, let rhs):
            return binary(op, lhs, rhs)
        case .postfix(let op, let x):
            let base = wrap(render(x), S.postfix)
            switch op {
            case .factorial: return R(text: "factorial(\(render(x).text))", strength: S.atom)
            case .prime: return R(text: base + "_prime", strength: S.atom)
            case .star: return R(text: base + "_star", strength: S.atom)
            case .dagger: return R(text: "pinv(\(render(x).text))", strength: S.atom)
            }
        case .fraction(let a, let b):
            return R(text: wrap(render(a), S.mul) + " / " + wrap(render(b), S.mul + 1), strength: S.mul)
        case .root(let x, let degree):
            if let degree { return R(text: wrap(render(x), S.power + 1) + " ** (1 / " + render(degree).text + ")", strength: S.power) }
            return R(text: "sqrt(" + render(x).text + ")", strength: S.atom)
        case .power(let base, let exponent):
            switch notation.reading(base: base, exponent: exponent) {
            case .index:
                if let q = reader.quantity(base), case .symbol = exponent.kind, reader.counterScript(exponent) == nil {
                    return R(text: name(q) + "_" + CoreNaming.shared.identifierPart(render(exponent).text), strength: S.atom)
                }
                return R(text: wrap(render(base), S.postfix) + "[" + render(exponent).text + "]", strength: S.postfix)
            case .power, .powerOfCounter, .elementwiseSquare:
                if node.isInverse, case .fence = base.kind {
                    return R(text: "1 / " + wrap(render(base), S.mul + 1), strength: S.mul)
                }
                return R(text: wrap(render(base), S.power + 1) + " ** " + wrap(render(exponent), S.power), strength: S.power)
            }
        case .index(let base, let index):
            if case .fence(.doubleBar, .doubleBar, let body) = base.kind {
                return R(text: "norm(" + render(body).text + ", " + render(index).text + ")", strength: S.atom)
            }
            return R(text: wrap(render(base), S.postfix) + "[" + render(index).text + "]", strength: S.postfix)
        case .superscriptIndex(let base, let index):
            return R(text: wrap(render(base), S.postfix) + "[" + render(index).text + "]", strength: S.postfix)
        case .transpose(let base, _):
            return R(text: wrap(render(base), S.postfix) + ".T", strength: S.postfix)
        case .accent(let accent, let base):
            return R(text: "\(accent.rawValue)(\(render(base).text))", strength: S.atom)
        case .apply(let function, let arguments):
            let head: String
            if let q = reader.quantity(function) {
                head = name(q)
            } else if case .power(let base, let exponent) = function.kind, let q = reader.quantity(base) {
                // `q^k(z)`, `\gamma^1(z)`: a superscript on a function labels it.
                head = name(q) + "[" + render(exponent).text + "]"
            } else {
                head = wrap(render(function), S.postfix)
            }
            return R(text: head + "(" + arguments.map { render($0).text }.joined(separator: ", ") + ")", strength: S.postfix)
        case .bigOperator(let op, let lower, let upper, let body):
            return bigOperator(op, lower, upper, body)
        case .derivative(let kind, let order, let variables, let of):
            return derivative(kind, order, variables, of)
        case .fence(let open, let close, let body):
            let inner = render(body).text
            switch (open, close) {
            case (.bar, .bar): return R(text: "abs(" + inner + ")", strength: S.atom)
            case (.doubleBar, .doubleBar): return R(text: "norm(" + inner + ")", strength: S.atom)
            case (.leftFloor, .rightFloor): return R(text: "floor(" + inner + ")", strength: S.atom)
            case (.leftCeil, .rightCeil): return R(text: "ceil(" + inner + ")", strength: S.atom)
            case (.leftAngle, .rightAngle): return R(text: "dot(" + inner + ")", strength: S.atom)
            case (.leftBrace, .rightBrace): return R(text: "{" + inner + "}", strength: S.atom)
            case (.leftParen, .rightParen), (.leftBracket, .rightBracket):
                return R(text: "(" + inner + ")", strength: S.atom)
            default:
                return R(text: open.rawValue + inner + close.rawValue, strength: S.atom)
            }
        case .tuple(let items):
            return R(text: items.map { render($0).text }.joined(separator: ", "), strength: S.tuple)
        case .setBuilder(let element, let condition):
            return R(text: "{" + render(element).text + " for " + render(condition).text + "}", strength: S.atom)
        case .sequence(let items):
            return R(text: items.map { render($0).text }.filter { !$0.isEmpty }.joined(separator: "  "), strength: S.tuple)
        case .cases(let rows):
            let parts = rows.map { row in
                row.count >= 2 ? render(row[0]).text + " if " + render(row[1]).text : row.map { render($0).text }.joined(separator: " ")
            }
            return R(text: parts.joined(separator: " else "), strength: S.tuple)
        case .table(let environment, let rows):
            return R(text: environment + "[" + rows.map { $0.map { render($0).text }.joined(separator: ", ") }.joined(separator: "; ") + "]", strength: S.atom)
        case .lines(let items):
            return R(text: items.map { render($0).text }.joined(separator: "; "), strength: S.tuple)
        case .command(let name, let arguments):
            let args = arguments.map { render($0).text }
            if ["textsc", "textrm", "texttt", "textit", "textbf", "mathrm", "mathsf", "mathtt", "operatorname"].contains(name), args.count == 1 {
                return R(text: args[0].replacingOccurrences(of: " ", with: "_"), strength: S.atom)
            }
            return R(text: name + "(" + args.joined(separator: ", ") + ")", strength: S.atom)
        }
    }

    private func binary(_ op: BinaryOperator, _ lhs: MathNode, _ rhs: MathNode) -> R {
        func infix(_ symbol: String, _ strength: Int, rightAssociative: Bool = false) -> R {
            let left = wrap(render(lhs), strength)
            let right = wrap(render(rhs), rightAssociative ? strength : strength + 1)
            return R(text: left + " " + symbol + " " + right, strength: strength)
        }
        switch op {
        case .add: return infix("+", S.add, rightAssociative: true)
        case .subtract: return infix("-", S.add)
        case .multiply, .dot, .cross, .star, .hadamard: return infix("*", S.mul, rightAssociative: true)
        case .implicit:
            let matrix = isTranspose(lhs) || isTranspose(rhs)
            return infix(matrix ? "@" : "*", S.mul, rightAssociative: true)
        case .divide: return infix("/", S.mul)
        case .tensor: return R(text: "outer(" + render(lhs).text + ", " + render(rhs).text + ")", strength: S.atom)
        case .convolve: return R(text: "conv(" + render(lhs).text + ", " + render(rhs).text + ")", strength: S.atom)
        case .compose: return R(text: "compose(" + render(lhs).text + ", " + render(rhs).text + ")", strength: S.atom)
        case .assign, .define, .equivalent: return infix("=", S.relation)
        case .equal: return infix("==", S.relation)
        case .notEqual: return infix("!=", S.relation)
        case .less: return infix("<", S.relation)
        case .greater: return infix(">", S.relation)
        case .lessEqual: return infix("<=", S.relation)
        case .greaterEqual: return infix(">=", S.relation)
        case .muchLess: return infix("<<", S.relation)
        case .muchGreater: return infix(">>", S.relation)
        case .approx, .similarEqual, .congruent: return infix("≈", S.relation)
        case .similar: return infix("~", S.relation)
        case .proportional: return infix("∝", S.relation)
        case .element: return infix("in", S.relation)
        case .notElement: return infix("not in", S.relation)
        case .subset, .subsetEqual: return infix("⊆", S.relation)
        case .superset, .supersetEqual: return infix("⊇", S.relation)
        case .to: return infix("->", S.relation)
        case .mapsTo: return infix("|->", S.relation)
        case .and: return infix("and", S.and)
        case .or: return infix("or", S.or)
        case .implies: return infix("=>", S.or)
        case .iff: return infix("<=>", S.or)
        case .given: return infix("|", S.tuple + 1)
        case .colon: return infix(":", S.tuple + 1)
        case .semicolon: return R(text: render(lhs).text + "; " + render(rhs).text, strength: S.tuple)
        case .parallel: return R(text: render(lhs).text + " || " + render(rhs).text, strength: S.tuple + 1)
        case .plusMinus: return infix("±", S.add)
        case .minusPlus: return infix("∓", S.add)
        case .directSum: return infix("⊕", S.add)
        case .union: return infix("|", S.add)
        case .setMinus: return infix("-", S.add)
        case .intersection: return infix("&", S.mul)
        }
    }

    private func isTranspose(_ node: MathNode) -> Bool {
        if case .transpose = node.kind { return true }
        return false
    }

    private func bigOperator(_ op: String, _ lower: MathNode?, _ upper: MathNode?, _ body: MathNode?) -> R {
        let b = body.map { render($0).text } ?? ""
        var range = ""
        if let lower {
            if case .binary(.equal, let v, let from) = lower.kind, let upper {
                range = " for \(render(v).text) in \(render(from).text)..\(render(upper).text)"
            } else {
                range = " over " + render(lower).text + (upper.map { ".." + render($0).text } ?? "")
            }
        } else if let upper {
            range = " up to " + render(upper).text
        }
        let name = switch op {
        case "E": "E"
        case "sum": "sum"
        case "prod": "prod"
        default: op
        }
        if op == "E" { return R(text: "E[" + b + "]" + (range.isEmpty ? "" : " (" + range.trimming(" ") + ")"), strength: S.atom) }
        return R(text: name + "(" + b + range + ")", strength: S.atom)
    }

    private func derivative(_ kind: DerivativeKind, _ order: Int, _ variables: [MathNode], _ of: MathNode?) -> R {
        let vars = variables.map { render($0).text }
        let head = kind == .gradient && order >= 2 ? "hessian" : "grad"
        guard let of else {
            return R(text: head + (vars.isEmpty ? "" : "_" + vars.joined(separator: "_")), strength: S.atom)
        }
        // `\nabla_\theta f(\theta_{t-1})` → grad(f)(theta): the function's gradient at its arguments.
        if case .apply(let f, let args) = of.kind, let fq = reader.quantity(f) {
            let argText = args.map { render($0).text }
            if vars.isEmpty || vars.allSatisfy({ argText.contains($0) }) {
                return R(text: head + "(" + name(fq) + ")(" + argText.joined(separator: ", ") + ")", strength: S.postfix)
            }
        }
        // Nested gradients `\nabla \nabla L` read as a Hessian.
        if case .derivative(.gradient, _, let innerVars, let innerOf) = of.kind, kind == .gradient, let innerOf {
            let all = vars + innerVars.map { render($0).text }
            return R(text: "hessian(" + render(innerOf).text + (all.isEmpty ? "" : ", " + all.joined(separator: ", ")) + ")", strength: S.postfix)
        }
        let subject = render(of).text
        return R(text: head + "(" + subject + (vars.isEmpty ? "" : ", " + vars.joined(separator: ", ")) + ")", strength: S.postfix)
    }
}
