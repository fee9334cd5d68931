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

    /// The printed code is written into one byte buffer: every node appends its text, and a
    /// child that binds looser than its place allows gets its parentheses around the bytes it
    /// wrote. Building a `String` per node and concatenating them cost most of the printing.
    private typealias Out = [UInt8]

    func print(_ node: MathNode) -> String {
        var out = Out()
        out.reserveCapacity(64)
        _ = render(node, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// A formula as a statement: a top-level `=` or `\gets` is an assignment (`x = …`, or
    /// `x -= …` when the value starts from the same quantity); lines are joined with `; `.
    func statement(_ node: MathNode) -> String {
        var out = Out()
        out.reserveCapacity(64)
        statement(node, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    private func statement(_ node: MathNode, into out: inout Out) {
        switch node.kind {
        case .lines(let items):
            for (k, item) in items.enumerated() {
                if k > 0 { out.append(contentsOf: "; ".utf8) }
                statement(item, into: &out)
            }
        case .binary(let op, let lhs, let rhs) where op == .equal || op.isAssignment:
            if case .binary(let inner, _, _) = lhs.kind, inner.isRelation {
                _ = render(node, into: &out)
                return
            }
            _ = render(lhs, into: &out)
            if let key = reader.quantity(lhs, spelled: false)?.key, case .binary(let valueOp, let first, let rest) = rhs.kind,
               valueOp == .add || valueOp == .subtract, reader.quantity(first, spelled: false)?.key == key {
                out.append(contentsOf: (valueOp == .add ? " += " : " -= ").utf8)
                _ = render(rest, into: &out)
                return
            }
            out.append(contentsOf: " = ".utf8)
            _ = render(rhs, into: &out)
        default:
            _ = render(node, into: &out)
        }
    }

    /// The name of a quantity: the glossary's, else its readable spelling.
    func name(_ q: Quantity) -> String { names[q.key] ?? q.readable }

    /// The name of the quantity `node` denotes (nil: none). The spelling is made only for a
    /// quantity the glossary does not name.
    private func name(of node: MathNode) -> String? {
        guard let q = reader.quantity(node, spelled: false) else { return nil }
        return names[q.key] ?? reader.quantity(node)?.readable
    }

    /// Renders `node`, in parentheses when it binds looser than `minimum`.
    private func wrapped(_ node: MathNode, _ minimum: Int, into out: inout Out) {
        let mark = out.count
        if render(node, into: &out) < minimum {
            out.insert(UInt8(ascii: "("), at: mark)
            out.append(UInt8(ascii: ")"))
        }
    }

    /// `base[index]`.
    private func indexed(_ base: MathNode, _ index: MathNode, into out: inout Out) -> Int {
        wrapped(base, S.postfix, into: &out)
        out.append(UInt8(ascii: "["))
        _ = render(index, into: &out)
        out.append(UInt8(ascii: "]"))
        return S.postfix
    }

    /// Renders `items` joined by `separator`.
    private func list(_ items: [MathNode], _ separator: String, into out: inout Out) {
        for (k, item) in items.enumerated() {
            if k > 0 { out.append(contentsOf: separator.utf8) }
            _ = render(item, into: &out)
        }
    }

    /// The text of one node on its own (for the few rewrites that look at a part's text).
    private func text(_ node: MathNode) -> String { print(node) }

    /// Appends the text of `node`; returns how strongly it binds.
    private func render(_ node: MathNode, into out: inout Out) -> Int {
        if let name = name(of: node) {
            out.append(contentsOf: name.utf8)
            return S.atom
        }
        switch node.kind {
        case .number(let s): out.append(contentsOf: s.utf8)
        case .symbol(let s): out.append(contentsOf: s.name.utf8)
        case .constant(let c):
            out.append(contentsOf: (c == .infinity ? "inf" : c == .emptySet ? "{}" : c.rawValue).utf8)
        case .text(let t): out.append(contentsOf: t.collapsedSpaces.utf8)
        case .ellipsis: out.append(contentsOf: "...".utf8)
        case .empty: break
        case .raw(let s): out.append(contentsOf: s.utf8)
        case .unary(let op, let x):
            switch op {
            case .negate: out.append(UInt8(ascii: "-"))
            case .plus: out.append(UInt8(ascii: "+"))
            case .plusMinus: out.append(contentsOf: "±".utf8)
            case .minusPlus: out.append(contentsOf: "∓".utf8)
            case .not: out.append(contentsOf: "not ".utf8)
            case .forAll: out.append(contentsOf: "for all ".utf8)
            case .exists: out.append(contentsOf: "exists ".utf8)
            }
            switch op {
            case .negate, .plus, .plusMinus, .minusPlus:
                wrapped(x, S.unary + 1, into: &out)
                return S.unary
            case .not:
                wrapped(x, S.not + 1, into: &out)
                return S.not
            case .forAll, .exists:
                _ = render(x, into: &out)
                return S.tuple
            }
        case .binary(let op, let lhs, let rhs):
            return binary(op, lhs, rhs, into: &out)
        case .postfix(let op, let x):
            switch op {
            case .factorial, .dagger:
                out.append(contentsOf: (op == .factorial ? "factorial(" : "pinv(").utf8)
                _ = render(x, into: &out)
                out.append(UInt8(ascii: ")"))
            case .prime, .star:
                wrapped(x, S.postfix, into: &out)
                out.append(contentsOf: (op == .prime ? "_prime" : "_star").utf8)
            }
        case .fraction(let a, let b):
            wrapped(a, S.mul, into: &out)
            out.append(contentsOf: " / ".utf8)
            wrapped(b, S.mul + 1, into: &out)
            return S.mul
        case .root(let x, let degree):
            if let degree {
                wrapped(x, S.power + 1, into: &out)
                out.append(contentsOf: " ** (1 / ".utf8)
                _ = render(degree, into: &out)
                out.append(UInt8(ascii: ")"))
                return S.power
            }
            out.append(contentsOf: "sqrt(".utf8)
            _ = render(x, into: &out)
            out.append(UInt8(ascii: ")"))
        case .power(let base, let exponent):
            switch notation.reading(base: base, exponent: exponent) {
            case .index:
                if case .symbol = exponent.kind, reader.counterScript(exponent) == nil, let name = name(of: base) {
                    out.append(contentsOf: name.utf8)
                    out.append(UInt8(ascii: "_"))
                    out.append(contentsOf: CoreNaming.shared.identifierPart(text(exponent)).utf8)
                    return S.atom
                }
                return indexed(base, exponent, into: &out)
            case .power, .powerOfCounter, .elementwiseSquare:
                if node.isInverse, case .fence = base.kind {
                    out.append(contentsOf: "1 / ".utf8)
                    wrapped(base, S.mul + 1, into: &out)
                    return S.mul
                }
                wrapped(base, S.power + 1, into: &out)
                out.append(contentsOf: " ** ".utf8)
                wrapped(exponent, S.power, into: &out)
                return S.power
            }
        case .index(let base, let index):
            if case .fence(.doubleBar, .doubleBar, let body) = base.kind {
                out.append(contentsOf: "norm(".utf8)
                _ = render(body, into: &out)
                out.append(contentsOf: ", ".utf8)
                _ = render(index, into: &out)
                out.append(UInt8(ascii: ")"))
                return S.atom
            }
            return indexed(base, index, into: &out)
        case .superscriptIndex(let base, let index):
            return indexed(base, index, into: &out)
        case .transpose(let base, _):
            wrapped(base, S.postfix, into: &out)
            out.append(contentsOf: ".T".utf8)
            return S.postfix
        case .accent(let accent, let base):
            out.append(contentsOf: accent.rawValue.utf8)
            out.append(UInt8(ascii: "("))
            _ = render(base, into: &out)
            out.append(UInt8(ascii: ")"))
        case .apply(let function, let arguments):
            if let name = name(of: function) {
                out.append(contentsOf: name.utf8)
            } else if case .power(let base, let exponent) = function.kind, let name = name(of: base) {
                // `q^k(z)`, `\gamma^1(z)`: a superscript on a function labels it.
                out.append(contentsOf: name.utf8)
                out.append(UInt8(ascii: "["))
                _ = render(exponent, into: &out)
                out.append(UInt8(ascii: "]"))
            } else {
                wrapped(function, S.postfix, into: &out)
            }
            out.append(UInt8(ascii: "("))
            list(arguments, ", ", into: &out)
            out.append(UInt8(ascii: ")"))
            return S.postfix
        case .bigOperator(let op, let lower, let upper, let body):
            bigOperator(op, lower, upper, body, into: &out)
        case .derivative(let kind, let order, let variables, let of):
            let r = derivative(kind, order, variables, of)
            out.append(contentsOf: r.text.utf8)
            return r.strength
        case .fence(let open, let close, let body):
            let (before, after): (String, String) = switch (open, close) {
            case (.bar, .bar): ("abs(", ")")
            case (.doubleBar, .doubleBar): ("norm(", ")")
            case (.leftFloor, .rightFloor): ("floor(", ")")
            case (.leftCeil, .rightCeil): ("ceil(", ")")
            case (.leftAngle, .rightAngle): ("dot(", ")")
            case (.leftBrace, .rightBrace): ("{", "}")
            case (.leftParen, .rightParen), (.leftBracket, .rightBracket): ("(", ")")
            default: (open.rawValue, close.rawValue)
            }
            out.append(contentsOf: before.utf8)
            _ = render(body, into: &out)
            out.append(contentsOf: after.utf8)
        case .tuple(let items):
            list(items, ", ", into: &out)
            return S.tuple
        case .setBuilder(let element, let condition):
            out.append(UInt8(ascii: "{"))
            _ = render(element, into: &out)
            out.append(contentsOf: " for ".utf8)
            _ = render(condition, into: &out)
            out.append(UInt8(ascii: "}"))
        case .sequence(let items):
            // Empty items are left out, with their separator.
            var wrote = false
            for item in items {
                let mark = out.count
                if wrote { out.append(contentsOf: "  ".utf8) }
                let start = out.count
                _ = render(item, into: &out)
                if out.count == start { out.removeSubrange(mark...) } else { wrote = true }
            }
            return S.tuple
        case .cases(let rows):
            for (k, row) in rows.enumerated() {
                if k > 0 { out.append(contentsOf: " else ".utf8) }
                if row.count >= 2 {
                    _ = render(row[0], into: &out)
                    out.append(contentsOf: " if ".utf8)
                    _ = render(row[1], into: &out)
                } else {
                    list(row, " ", into: &out)
                }
            }
            return S.tuple
        case .table(let environment, let rows):
            out.append(contentsOf: environment.utf8)
            out.append(UInt8(ascii: "["))
            for (k, row) in rows.enumerated() {
                if k > 0 { out.append(contentsOf: "; ".utf8) }
                list(row, ", ", into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .lines(let items):
            list(items, "; ", into: &out)
            return S.tuple
        case .command(let name, let arguments):
            if arguments.count == 1, Self.wordCommands.contains(name) {
                // The word as one identifier: spaces become `_`.
                let mark = out.count
                _ = render(arguments[0], into: &out)
                for k in mark..<out.count where out[k] == UInt8(ascii: " ") { out[k] = UInt8(ascii: "_") }
                return S.atom
            }
            out.append(contentsOf: name.utf8)
            out.append(UInt8(ascii: "("))
            list(arguments, ", ", into: &out)
            out.append(UInt8(ascii: ")"))
        }
        return S.atom
    }

    /// Commands whose one argument is a word printed as an identifier.
    private static let wordCommands: Set<String> = ["textsc", "textrm", "texttt", "textit", "textbf", "mathrm", "mathsf", "mathtt", "operatorname"]

    private func binary(_ op: BinaryOperator, _ lhs: MathNode, _ rhs: MathNode, into out: inout Out) -> Int {
        func infix(_ symbol: String, _ strength: Int, rightAssociative: Bool = false) -> Int {
            wrapped(lhs, strength, into: &out)
            out.append(UInt8(ascii: " "))
            out.append(contentsOf: symbol.utf8)
            out.append(UInt8(ascii: " "))
            wrapped(rhs, rightAssociative ? strength : strength + 1, into: &out)
            return strength
        }
        func call(_ function: String) -> Int {
            out.append(contentsOf: function.utf8)
            out.append(UInt8(ascii: "("))
            _ = render(lhs, into: &out)
            out.append(contentsOf: ", ".utf8)
            _ = render(rhs, into: &out)
            out.append(UInt8(ascii: ")"))
            return S.atom
        }
        func joined(_ separator: String, _ strength: Int) -> Int {
            _ = render(lhs, into: &out)
            out.append(contentsOf: separator.utf8)
            _ = render(rhs, into: &out)
            return strength
        }
        switch op {
        case .add: return infix("+", S.add, rightAssociative: true)
        case .subtract: return infix("-", S.add)
        case .multiply, .dot, .cross, .star, .hadamard: return infix("*", S.mul, rightAssociative: true)
        case .implicit:
            let matrix = isTranspose(lhs) || isTranspose(rhs)
            return infix(matrix ? "@" : "*", S.mul, rightAssociative: true)
        case .divide: return infix("/", S.mul)
        case .tensor: return call("outer")
        case .convolve: return call("conv")
        case .compose: return call("compose")
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
        case .semicolon: return joined("; ", S.tuple)
        case .parallel: return joined(" || ", S.tuple + 1)
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

    /// `sum(body for i in 1..n)`, `E[body] (over x)`.
    private func bigOperator(_ op: String, _ lower: MathNode?, _ upper: MathNode?, _ body: MathNode?, into out: inout Out) {
        let expectation = op == "E"
        out.append(contentsOf: op.utf8)
        out.append(UInt8(ascii: expectation ? "[" : "("))
        if let body { _ = render(body, into: &out) }
        if expectation { out.append(UInt8(ascii: "]")) }
        let hasRange = lower != nil || upper != nil
        if expectation && hasRange { out.append(contentsOf: " (".utf8) }
        let rangeStart = out.count
        if let lower {
            if case .binary(.equal, let v, let from) = lower.kind, let upper {
                out.append(contentsOf: " for ".utf8)
                _ = render(v, into: &out)
                out.append(contentsOf: " in ".utf8)
                _ = render(from, into: &out)
                out.append(contentsOf: "..".utf8)
                _ = render(upper, into: &out)
            } else {
                out.append(contentsOf: " over ".utf8)
                _ = render(lower, into: &out)
                if let upper {
                    out.append(contentsOf: "..".utf8)
                    _ = render(upper, into: &out)
                }
            }
        } else if let upper {
            out.append(contentsOf: " up to ".utf8)
            _ = render(upper, into: &out)
        }
        if expectation {
            if hasRange {
                // The range trimmed of spaces: it starts with one, and a part may end with some.
                out.remove(at: rangeStart)
                while out.count > rangeStart, out.last == UInt8(ascii: " ") { out.removeLast() }
                out.append(UInt8(ascii: ")"))
            }
        } else {
            out.append(UInt8(ascii: ")"))
        }
    }

    private func derivative(_ kind: DerivativeKind, _ order: Int, _ variables: [MathNode], _ of: MathNode?) -> (text: String, strength: Int) {
        let vars = variables.map { text($0) }
        let head = kind == .gradient && order >= 2 ? "hessian" : "grad"
        guard let of else {
            return (head + (vars.isEmpty ? "" : "_" + vars.joined(separator: "_")), S.atom)
        }
        // `\nabla_\theta f(\theta_{t-1})` → grad(f)(theta): the function's gradient at its arguments.
        if case .apply(let f, let args) = of.kind, let fName = name(of: f) {
            let argText = args.map { text($0) }
            if vars.isEmpty || vars.allSatisfy({ argText.contains($0) }) {
                return (head + "(" + fName + ")(" + argText.joined(separator: ", ") + ")", S.postfix)
            }
        }
        // Nested gradients `\nabla \nabla L` read as a Hessian.
        if case .derivative(.gradient, _, let innerVars, let innerOf) = of.kind, kind == .gradient, let innerOf {
            let all = vars + innerVars.map { text($0) }
            return ("hessian(" + text(innerOf) + (all.isEmpty ? "" : ", " + all.joined(separator: ", ")) + ")", S.postfix)
        }
        let subject = text(of)
        return (head + "(" + subject + (vars.isEmpty ? "" : ", " + vars.joined(separator: ", ")) + ")", S.postfix)
    }
}
