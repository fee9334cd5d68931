/// Three ways to print a tree: readable ASCII (``MathNode/plainText``), regenerated TeX
/// (``MathNode/tex``) and a compact s-expression that shows the exact shape
/// (``MathNode/sExpression``, for tests and debugging).
extension MathNode {
    /// `m_t <- beta_1 * m_{t-1} + (1 - beta_1) * g_t`. Implicit multiplication prints as a space,
    /// so `f(x)` (application) and `a (b + c)` (product) stay distinct. Fonts are not shown.
    public var plainText: String { PlainPrinter().render(self).text }

    /// The formula as TeX again, in a canonical spelling (`\frac`, `\left(…\right)`, `\mathbf`).
    public var tex: String { TeXPrinter().render(self).text }

    /// `(<- (_ m t) (+ (cdot (_ beta 1) (_ m (- t 1))) …))`: one parenthesised form per node.
    /// Symbols show their font as a prefix (`bold:x`, `bb:E`, `rm:softmax`), constants a `#`.
    public var sExpression: String { SExpressionPrinter().render(self) }
}

/// Binding strengths for printing: a child printed inside a parent that binds tighter gets
/// parentheses.
enum Strength {
    static let tuple = 0
    static func of(_ op: BinaryOperator) -> Int { op.precedence * 10 }
    static let bigOperator = 70
    static let unary = 75
    static let power = 89
    static let postfix = 90
    static let atom = 100
}

private struct Rendered {
    var text: String
    var strength: Int
}

/// Big operators and gradients govern what follows them, so on the right of an operator they
/// need no parentheses: `a \sum_i x_i` reads back the same.
func extendsRight(_ node: MathNode) -> Bool {
    switch node.kind {
    case .bigOperator(let name, _, _, let body): name != "E" && body != nil
    case .derivative(.gradient, _, _, let of): of != nil
    default: false
    }
}

private func wrap(_ r: Rendered, _ minimum: Int, open: String = "(", close: String = ")") -> String {
    r.strength < minimum ? open + r.text + close : r.text
}

private let styleNames: [MathStyle: String] = [
    .normal: "", .roman: "rm", .italic: "it", .bold: "bold", .blackboard: "bb", .calligraphic: "cal",
    .script: "scr", .fraktur: "frak", .sansSerif: "sf", .typewriter: "tt",
]

private let constantPlain: [MathConstant: String] = [.pi: "pi", .e: "e", .infinity: "inf", .emptySet: "emptyset"]

// MARK: - Plain text

private struct PlainPrinter {
    /// Inside scripts `+` and `-` print without spaces: `m_{t-1}`.
    var compact = false

    func render(_ node: MathNode) -> Rendered {
        switch node.kind {
        case .number: return renderNumber(node)
        case .symbol: return renderSymbol(node)
        case .constant: return renderConstant(node)
        case .text: return renderText(node)
        case .ellipsis: return renderEllipsis(node)
        case .empty: return renderEmpty(node)
        case .raw: return renderRaw(node)
        case .unary: return renderUnary(node)
        case .binary: return renderBinary(node)
        case .postfix: return renderPostfix(node)
        case .fraction: return renderFraction(node)
        case .root: return renderRoot(node)
        case .power: return renderPower(node)
        case .index: return renderIndex(node)
        case .superscriptIndex: return renderSuperscriptIndex(node)
        case .transpose: return renderTranspose(node)
        case .accent: return renderAccent(node)
        case .apply: return renderApply(node)
        case .bigOperator: return renderBigOperator(node)
        case .derivative: return renderDerivative(node)
        case .fence: return renderFence(node)
        case .tuple: return renderTuple(node)
        case .setBuilder: return renderSetBuilder(node)
        case .sequence: return renderSequence(node)
        case .cases: return renderCases(node)
        case .table: return renderTable(node)
        case .lines: return renderLines(node)
        case .command: return renderCommand(node)
        }
    }

    @inline(never)
    private func renderNumber(_ node: MathNode) -> Rendered {
        guard case .number(let s) = node.kind else { return Rendered(text: "", strength: Strength.atom) }
        return Rendered(text: s, strength: Strength.atom)
    }

    @inline(never)
    private func renderSymbol(_ node: MathNode) -> Rendered {
        guard case .symbol(let s) = node.kind else { return Rendered(text: "", strength: Strength.atom) }
        return Rendered(text: s.name, strength: Strength.atom)
    }

    @inline(never)
    private func renderConstant(_ node: MathNode) -> Rendered {
        guard case .constant(let c) = node.kind else { return Rendered(text: "", strength: Strength.atom) }
        return Rendered(text: constantPlain[c]!, strength: Strength.atom)
    }

    @inline(never)
    private func renderText(_ node: MathNode) -> Rendered {
        guard case .text(let t) = node.kind else { return Rendered(text: "", strength: Strength.atom) }
        return Rendered(text: t.collapsingSpaces, strength: Strength.atom)
    }

    @inline(never)
    private func renderEllipsis(_ node: MathNode) -> Rendered {
        guard case .ellipsis = node.kind else { return Rendered(text: "", strength: Strength.atom) }
        return Rendered(text: "...", strength: Strength.atom)
    }

    @inline(never)
    private func renderEmpty(_ node: MathNode) -> Rendered {
        guard case .empty = node.kind else { return Rendered(text: "", strength: Strength.atom) }
        return Rendered(text: "", strength: Strength.atom)
    }

    @inline(never)
    private func renderRaw(_ node: MathNode) -> Rendered {
        guard case .raw(let s) = node.kind else { return Rendered(text: "", strength: Strength.atom) }
        return Rendered(text: "raw<\(s)>", strength: Strength.atom)
    }

    @inline(never)
    private func renderUnary(_ node: MathNode) -> Rendered {
        guard case .unary(let op, let operand) = node.kind else { return Rendered(text: "", strength: Strength.atom) }
        let inner = render(operand)
        switch op {
        case .negate: return Rendered(text: "-" + wrap(inner, Strength.unary + 1), strength: Strength.unary)
        case .plus: return Rendered(text: "+" + wrap(inner, Strength.unary + 1), strength: Strength.unary)
        case .plusMinus: return Rendered(text: "+-" + wrap(inner, Strength.unary + 1), strength: Strength.unary)
        case .minusPlus: return Rendered(text: "-+" + wrap(inner, Strength.unary + 1), strength: Strength.unary)
        case .not: return Rendered(text: "not " + wrap(inner, Strength.unary + 1), strength: Strength.unary)
        case .forAll: return Rendered(text: "forall " + inner.text, strength: Strength.of(.equal))
        case .exists: return Rendered(text: "exists " + inner.text, strength: Strength.of(.equal))
        }
    }

    @inline(never)
    private func renderBinary(_ node: MathNode) -> Rendered {
        guard case .binary(let op, let lhs, let rhs) = node.kind else { return Rendered(text: "", strength: Strength.atom) }
        let strength = Strength.of(op)
        let left = wrap(render(lhs), strength)
        let rightMinimum = op == .divide ? Strength.postfix : MathTables.nonAssociative.contains(op) ? strength + 1 : strength
        let right = wrap(render(rhs), extendsRight(rhs) ? Strength.tuple : rightMinimum)
        if op == .implicit { return Rendered(text: left + " " + right, strength: strength) }
        if compact { return Rendered(text: left + MathTables.spelling[op]!.plain + right, strength: strength) }
        return Rendered(text: left + " " + MathTables.spelling[op]!.plain + " " + right, strength: strength)
    }

    @inline(never)
    private func renderPostfix(_ node: MathNode) -> Rendered {
        guard case .postfix(let op, let operand) = node.kind else { return Rendered(text: "", strength: Strength.atom) }
        let base = wrap(render(operand), Strength.postfix)
        let mark = switch op {
        case .prime: "'"
        case .star: "^*"
        case .dagger: "^dagger"
        case .factorial: "!"
        }
        return Rendered(text: base + mark, strength: Strength.postfix)
    }

    @inline(never)
    private func renderFraction(_ node: MathNode) -> Rendered {
        guard case .fraction(let numerator, let denominator) = node.kind else { return Rendered(text: "", strength: Strength.atom) }
        let strength = Strength.of(.divide)
        return Rendered(text: wrap(render(numerator), strength) + " / " + wrap(render(denominator), Strength.postfix), strength: strength)
    }

    @inline(never)
    private func renderRoot(_ node: MathNode) -> Rendered {
        guard case .root(let radicand, let degree) = node.kind else { return Rendered(text: "", strength: Strength.atom) }
        if let degree { return Rendered(text: "root(\(render(radicand).text), \(render(degree).text))", strength: Strength.atom) }
        return Rendered(text: "sqrt(\(render(radicand).text))", strength: Strength.atom)
    }

    @inline(never)
    private func renderPower(_ node: MathNode) -> Rendered {
        guard case .power(let base, let exponent) = node.kind else { return Rendered(text: "", strength: Strength.atom) }
        return Rendered(text: wrap(render(base), Strength.postfix) + "^" + script(exponent), strength: Strength.power)
    }

    @inline(never)
    private func renderIndex(_ node: MathNode) -> Rendered {
        guard case .index(let base, let index) = node.kind else { return Rendered(text: "", strength: Strength.atom) }
        return Rendered(text: wrap(render(base), Strength.postfix) + "_" + script(index), strength: Strength.postfix)
    }

    @inline(never)
    private func renderSuperscriptIndex(_ node: MathNode) -> Rendered {
        guard case .superscriptIndex(let base, let index) = node.kind else { return Rendered(text: "", strength: Strength.atom) }
        return Rendered(text: wrap(render(base), Strength.postfix) + "^{(" + render(index).text + ")}", strength: Strength.postfix)
    }

    @inline(never)
    private func renderTranspose(_ node: MathNode) -> Rendered {
        guard case .transpose(let base, _) = node.kind else { return Rendered(text: "", strength: Strength.atom) }
        return Rendered(text: wrap(render(base), Strength.postfix) + "^T", strength: Strength.postfix)
    }

    @inline(never)
    private func renderAccent(_ node: MathNode) -> Rendered {
        guard case .accent(let accent, let base) = node.kind else { return Rendered(text: "", strength: Strength.atom) }
        return Rendered(text: "\(accent.rawValue)(\(render(base).text))", strength: Strength.atom)
    }

    @inline(never)
    private func renderApply(_ node: MathNode) -> Rendered {
        guard case .apply(let function, let arguments) = node.kind else { return Rendered(text: "", strength: Strength.atom) }
        let head = wrap(render(function), Strength.postfix)
        return Rendered(text: head + "(" + arguments.map { render($0).text }.joined(separator: ", ") + ")", strength: Strength.postfix)
    }

    @inline(never)
    private func renderBigOperator(_ node: MathNode) -> Rendered {
        guard case .bigOperator(let name, let lower, let upper, let body) = node.kind else { return Rendered(text: "", strength: Strength.atom) }
        var head = name
        if let lower { head += "_" + script(lower) }
        if let upper { head += "^" + script(upper) }
        if name == "E" { return Rendered(text: head + "[" + (body.map { render($0).text } ?? "") + "]", strength: Strength.atom) }
        guard let body else { return Rendered(text: head, strength: Strength.atom) }
        return Rendered(text: head + " " + wrap(render(body), Strength.of(.multiply)), strength: Strength.bigOperator)
    }

    @inline(never)
    private func renderDerivative(_ node: MathNode) -> Rendered {
        guard case .derivative(let kind, let order, let variables, let of) = node.kind else { return Rendered(text: "", strength: Strength.atom) }
        let vars = variables.map { render($0).text }
        switch kind {
        case .gradient:
            var head = "grad"
            if !vars.isEmpty {
                let joined = variables.map { PlainPrinter(compact: true).render($0).text }.joined(separator: ", ")
                head += "_" + (joined.count == 1 ? joined : "{" + joined + "}")
            }
            if order > 1 { head += "^\(order)" }
            guard let of else { return Rendered(text: head, strength: Strength.atom) }
            return Rendered(text: head + " " + wrap(render(of), Strength.of(.implicit) + 1), strength: Strength.bigOperator)
        case .partial, .total:
            let name = kind == .partial ? "partial" : "deriv"
            let subject = of.map { render($0).text } ?? "_"
            let order = order > 1 && order != vars.count ? "^\(order)" : ""
            return Rendered(text: name + order + "(" + ([subject] + vars).joined(separator: ", ") + ")", strength: Strength.atom)
        }
    }

    @inline(never)
    private func renderFence(_ node: MathNode) -> Rendered {
        guard case .fence(let open, let close, let body) = node.kind else { return Rendered(text: "", strength: Strength.atom) }
        let inner = render(body).text
        if open == .leftFloor && close == .rightFloor { return Rendered(text: "floor(\(inner))", strength: Strength.atom) }
        if open == .leftCeil && close == .rightCeil { return Rendered(text: "ceil(\(inner))", strength: Strength.atom) }
        return Rendered(text: MathTables.delimiterPlain[open]! + inner + MathTables.delimiterPlain[close]!, strength: Strength.atom)
    }

    @inline(never)
    private func renderTuple(_ node: MathNode) -> Rendered {
        guard case .tuple(let items) = node.kind else { return Rendered(text: "", strength: Strength.atom) }
        return Rendered(text: items.map { render($0).text }.joined(separator: ", "), strength: Strength.tuple)
    }

    @inline(never)
    private func renderSetBuilder(_ node: MathNode) -> Rendered {
        guard case .setBuilder(let element, let condition) = node.kind else { return Rendered(text: "", strength: Strength.atom) }
        return Rendered(text: "{" + render(element).text + " : " + render(condition).text + "}", strength: Strength.atom)
    }

    @inline(never)
    private func renderSequence(_ node: MathNode) -> Rendered {
        guard case .sequence(let items) = node.kind else { return Rendered(text: "", strength: Strength.atom) }
        return Rendered(text: items.map { render($0).text }.joined(separator: " "), strength: Strength.tuple)
    }

    @inline(never)
    private func renderCases(_ node: MathNode) -> Rendered {
        guard case .cases(let rows) = node.kind else { return Rendered(text: "", strength: Strength.atom) }
        return Rendered(text: "cases(" + rows.map { $0.map { render($0).text }.joined(separator: ", ") }.joined(separator: "; ") + ")", strength: Strength.atom)
    }

    @inline(never)
    private func renderTable(_ node: MathNode) -> Rendered {
        guard case .table(let environment, let rows) = node.kind else { return Rendered(text: "", strength: Strength.atom) }
        return Rendered(text: environment + "[" + rows.map { $0.map { render($0).text }.joined(separator: ", ") }.joined(separator: "; ") + "]", strength: Strength.atom)
    }

    @inline(never)
    private func renderLines(_ node: MathNode) -> Rendered {
        guard case .lines(let items) = node.kind else { return Rendered(text: "", strength: Strength.atom) }
        return Rendered(text: items.map { render($0).text }.joined(separator: "\n"), strength: Strength.tuple)
    }

    @inline(never)
    private func renderCommand(_ node: MathNode) -> Rendered {
        guard case .command(let name, let arguments) = node.kind else { return Rendered(text: "", strength: Strength.atom) }
        return Rendered(text: "\\" + name + arguments.map { "{" + render($0).text + "}" }.joined(), strength: Strength.atom)
    }

    /// A script prints bare when it is one character, else in braces: `x_t`, `m_{t-1}`.
    private func script(_ node: MathNode) -> String {
        let text = PlainPrinter(compact: true).render(node).text
        return text.count == 1 ? text : "{" + text + "}"
    }
}

// MARK: - TeX

private struct TeXPrinter {
    func render(_ node: MathNode) -> Rendered {
        switch node.kind {
        case .number: return renderNumber(node)
        case .symbol: return renderSymbol(node)
        case .constant: return renderConstant(node)
        case .text: return renderText(node)
        case .ellipsis: return renderEllipsis(node)
        case .empty: return renderEmpty(node)
        case .raw: return renderRaw(node)
        case .unary: return renderUnary(node)
        case .binary: return renderBinary(node)
        case .postfix: return renderPostfix(node)
        case .fraction: return renderFraction(node)
        case .root: return renderRoot(node)
        case .power: return renderPower(node)
        case .index: return renderIndex(node)
        case .superscriptIndex: return renderSuperscriptIndex(node)
        case .transpose: return renderTranspose(node)
        case .accent: return renderAccent(node)
        case .apply: return renderApply(node)
        case .bigOperator: return renderBigOperator(node)
        case .derivative: return renderDerivative(node)
        case .fence: return renderFence(node)
        case .tuple: return renderTuple(node)
        case .setBuilder: return renderSetBuilder(node)
        case .sequence: return renderSequence(node)
        case .cases: return renderCases(node)
        case .table: return renderTable(node)
        case .lines: return renderLines(node)
        case .command: return renderCommand(node)
        }
    }

    @inline(never)
    private func renderNumber(_ node: MathNode) -> Rendered {
        guard case .number(let s) = node.kind else { return Rendered(text: "", strength: Strength.atom) }
        return Rendered(text: s, strength: Strength.atom)
    }

    @inline(never)
    private func renderSymbol(_ node: MathNode) -> Rendered {
        guard case .symbol(let s) = node.kind else { return Rendered(text: "", strength: Strength.atom) }
        return Rendered(text: symbol(s), strength: Strength.atom)
    }

    @inline(never)
    private func renderConstant(_ node: MathNode) -> Rendered {
        guard case .constant(let c) = node.kind else { return Rendered(text: "", strength: Strength.atom) }
        let text = switch c {
        case .pi: "\\pi"
        case .e: "e"
        case .infinity: "\\infty"
        case .emptySet: "\\emptyset"
        }
        return Rendered(text: text, strength: Strength.atom)
    }

    @inline(never)
    private func renderText(_ node: MathNode) -> Rendered {
        guard case .text(let t) = node.kind else { return Rendered(text: "", strength: Strength.atom) }
        return Rendered(text: "\\text{\(t)}", strength: Strength.atom)
    }

    @inline(never)
    private func renderEllipsis(_ node: MathNode) -> Rendered {
        guard case .ellipsis = node.kind else { return Rendered(text: "", strength: Strength.atom) }
        return Rendered(text: "\\dots", strength: Strength.atom)
    }

    @inline(never)
    private func renderEmpty(_ node: MathNode) -> Rendered {
        guard case .empty = node.kind else { return Rendered(text: "", strength: Strength.atom) }
        return Rendered(text: "{}", strength: Strength.atom)
    }

    @inline(never)
    private func renderRaw(_ node: MathNode) -> Rendered {
        guard case .raw(let s) = node.kind else { return Rendered(text: "", strength: Strength.atom) }
        return Rendered(text: s, strength: Strength.atom)
    }

    @inline(never)
    private func renderUnary(_ node: MathNode) -> Rendered {
        guard case .unary(let op, let operand) = node.kind else { return Rendered(text: "", strength: Strength.atom) }
        let inner = render(operand)
        let prefix = switch op {
        case .negate: "-"
        case .plus: "+"
        case .plusMinus: "\\pm "
        case .minusPlus: "\\mp "
        case .not: "\\neg "
        case .forAll: "\\forall "
        case .exists: "\\exists "
        }
        return Rendered(text: prefix + wrap(inner, Strength.unary + 1, open: "\\left(", close: "\\right)"), strength: Strength.unary)
    }

    @inline(never)
    private func renderBinary(_ node: MathNode) -> Rendered {
        guard case .binary(let op, let lhs, let rhs) = node.kind else { return Rendered(text: "", strength: Strength.atom) }
        let strength = Strength.of(op)
        let left = wrap(render(lhs), strength, open: "\\left(", close: "\\right)")
        let rightMinimum = op == .divide ? Strength.postfix : MathTables.nonAssociative.contains(op) ? strength + 1 : strength
        let right = wrap(render(rhs), extendsRight(rhs) ? Strength.tuple : rightMinimum, open: "\\left(", close: "\\right)")
        if op == .implicit { return Rendered(text: left + " " + right, strength: strength) }
        return Rendered(text: left + " " + MathTables.spelling[op]!.tex + " " + right, strength: strength)
    }

    @inline(never)
    private func renderPostfix(_ node: MathNode) -> Rendered {
        guard case .postfix(let op, let operand) = node.kind else { return Rendered(text: "", strength: Strength.atom) }
        let base = wrap(render(operand), Strength.postfix, open: "\\left(", close: "\\right)")
        let mark = switch op {
        case .prime: "'"
        case .star: "^{*}"
        case .dagger: "^{\\dagger}"
        case .factorial: "!"
        }
        return Rendered(text: base + mark, strength: Strength.postfix)
    }

    @inline(never)
    private func renderFraction(_ node: MathNode) -> Rendered {
        guard case .fraction(let numerator, let denominator) = node.kind else { return Rendered(text: "", strength: Strength.atom) }
        return Rendered(text: "\\frac{\(render(numerator).text)}{\(render(denominator).text)}", strength: Strength.atom)
    }

    @inline(never)
    private func renderRoot(_ node: MathNode) -> Rendered {
        guard case .root(let radicand, let degree) = node.kind else { return Rendered(text: "", strength: Strength.atom) }
        let index = degree.map { "[\(render($0).text)]" } ?? ""
        return Rendered(text: "\\sqrt\(index){\(render(radicand).text)}", strength: Strength.atom)
    }

    @inline(never)
    private func renderPower(_ node: MathNode) -> Rendered {
        guard case .power(let base, let exponent) = node.kind else { return Rendered(text: "", strength: Strength.atom) }
        return Rendered(text: baseText(base) + "^{" + render(exponent).text + "}", strength: Strength.power)
    }

    @inline(never)
    private func renderIndex(_ node: MathNode) -> Rendered {
        guard case .index(let base, let index) = node.kind else { return Rendered(text: "", strength: Strength.atom) }
        return Rendered(text: baseText(base) + "_{" + render(index).text + "}", strength: Strength.postfix)
    }

    @inline(never)
    private func renderSuperscriptIndex(_ node: MathNode) -> Rendered {
        guard case .superscriptIndex(let base, let index) = node.kind else { return Rendered(text: "", strength: Strength.atom) }
        return Rendered(text: baseText(base) + "^{(" + render(index).text + ")}", strength: Strength.postfix)
    }

    @inline(never)
    private func renderTranspose(_ node: MathNode) -> Rendered {
        guard case .transpose(let base, let ambiguous) = node.kind else { return Rendered(text: "", strength: Strength.atom) }
        return Rendered(text: baseText(base) + (ambiguous ? "^{T}" : "^{\\top}"), strength: Strength.postfix)
    }

    @inline(never)
    private func renderAccent(_ node: MathNode) -> Rendered {
        guard case .accent(let accent, let base) = node.kind else { return Rendered(text: "", strength: Strength.atom) }
        return Rendered(text: "\\\(MathTables.accentCommand[accent]!){\(render(base).text)}", strength: Strength.atom)
    }

    @inline(never)
    private func renderApply(_ node: MathNode) -> Rendered {
        guard case .apply(let function, let arguments) = node.kind else { return Rendered(text: "", strength: Strength.atom) }
        let head = wrap(render(function), Strength.postfix, open: "\\left(", close: "\\right)")
        return Rendered(text: head + "\\left(" + arguments.map { render($0).text }.joined(separator: ", ") + "\\right)", strength: Strength.postfix)
    }

    @inline(never)
    private func renderBigOperator(_ node: MathNode) -> Rendered {
        guard case .bigOperator(let name, let lower, let upper, let body) = node.kind else { return Rendered(text: "", strength: Strength.atom) }
        var head: String
        if name == "E" {
            head = "\\mathbb{E}"
        } else if MathTables.bigOperatorCommands[name] != nil || MathTables.limitFunctionCommands.contains(name) {
            head = name.hasPrefix("arg") ? "\\operatorname*{arg\\,\(name.dropFirst(3))}" : "\\" + name
        } else {
            head = "\\operatorname*{\(name)}"
        }
        if let lower { head += "_{" + render(lower).text + "}" }
        if let upper { head += "^{" + render(upper).text + "}" }
        if name == "E" { return Rendered(text: head + "\\left[" + (body.map { render($0).text } ?? "") + "\\right]", strength: Strength.atom) }
        guard let body else { return Rendered(text: head, strength: Strength.atom) }
        return Rendered(text: head + " " + wrap(render(body), Strength.of(.multiply), open: "\\left(", close: "\\right)"), strength: Strength.bigOperator)
    }

    @inline(never)
    private func renderDerivative(_ node: MathNode) -> Rendered {
        guard case .derivative(let kind, let order, let variables, let of) = node.kind else { return Rendered(text: "", strength: Strength.atom) }
        let subject = of.map { render($0) }
        switch kind {
        case .gradient:
            var head = "\\nabla"
            if !variables.isEmpty { head += "_{" + variables.map { render($0).text }.joined(separator: ", ") + "}" }
            if order > 1 { head += "^{\(order)}" }
            guard let subject else { return Rendered(text: head, strength: Strength.atom) }
            return Rendered(text: head + " " + wrap(subject, Strength.of(.implicit) + 1, open: "\\left(", close: "\\right)"), strength: Strength.bigOperator)
        case .partial, .total:
            let d = kind == .partial ? "\\partial" : "d"
            let power = order > 1 ? "^{\(order)}" : ""
            if variables.isEmpty {
                return Rendered(text: d + power + (subject.map { " " + $0.text } ?? ""), strength: Strength.bigOperator)
            }
            let bottom = variables.map { d + " " + render($0).text }.joined(separator: " ")
            return Rendered(text: "\\frac{\(d)\(power)\(subject.map { " " + $0.text } ?? "")}{\(bottom)}", strength: Strength.atom)
        }
    }

    @inline(never)
    private func renderFence(_ node: MathNode) -> Rendered {
        guard case .fence(let open, let close, let body) = node.kind else { return Rendered(text: "", strength: Strength.atom) }
        return Rendered(text: "\\left" + MathTables.delimiterTeX[open]! + " " + render(body).text + " \\right" + MathTables.delimiterTeX[close]!, strength: Strength.atom)
    }

    @inline(never)
    private func renderTuple(_ node: MathNode) -> Rendered {
        guard case .tuple(let items) = node.kind else { return Rendered(text: "", strength: Strength.atom) }
        return Rendered(text: items.map { render($0).text }.joined(separator: ", "), strength: Strength.tuple)
    }

    @inline(never)
    private func renderSetBuilder(_ node: MathNode) -> Rendered {
        guard case .setBuilder(let element, let condition) = node.kind else { return Rendered(text: "", strength: Strength.atom) }
        return Rendered(text: "\\left\\{ " + render(element).text + " \\mid " + render(condition).text + " \\right\\}", strength: Strength.atom)
    }

    @inline(never)
    private func renderSequence(_ node: MathNode) -> Rendered {
        guard case .sequence(let items) = node.kind else { return Rendered(text: "", strength: Strength.atom) }
        return Rendered(text: items.map { render($0).text }.joined(separator: " \\quad "), strength: Strength.tuple)
    }

    @inline(never)
    private func renderCases(_ node: MathNode) -> Rendered {
        guard case .cases(let rows) = node.kind else { return Rendered(text: "", strength: Strength.atom) }
        return Rendered(text: environment("cases", rows), strength: Strength.atom)
    }

    @inline(never)
    private func renderTable(_ node: MathNode) -> Rendered {
        guard case .table(let name, let rows) = node.kind else { return Rendered(text: "", strength: Strength.atom) }
        return Rendered(text: environment(name, rows), strength: Strength.atom)
    }

    @inline(never)
    private func renderLines(_ node: MathNode) -> Rendered {
        guard case .lines(let items) = node.kind else { return Rendered(text: "", strength: Strength.atom) }
        return Rendered(text: "\\begin{aligned}" + items.map { render($0).text }.joined(separator: " \\\\ ") + "\\end{aligned}", strength: Strength.atom)
    }

    @inline(never)
    private func renderCommand(_ node: MathNode) -> Rendered {
        guard case .command(let name, let arguments) = node.kind else { return Rendered(text: "", strength: Strength.atom) }
        return Rendered(text: "\\" + name + arguments.map { "{" + render($0).text + "}" }.joined(), strength: Strength.atom)
    }

    private func baseText(_ base: MathNode) -> String {
        let r = render(base)
        if r.strength < Strength.postfix { return "\\left(" + r.text + "\\right)" }
        switch base.kind {
        case .symbol, .number, .constant, .fence, .accent: return r.text
        default: return "{" + r.text + "}"
        }
    }

    private func environment(_ name: String, _ rows: [[MathNode]]) -> String {
        "\\begin{\(name)}" + rows.map { $0.map { render($0).text }.joined(separator: " & ") }.joined(separator: " \\\\ ") + "\\end{\(name)}"
    }

    private func symbol(_ s: MathSymbol) -> String {
        let isCommand = MathTables.greek.contains(s.name) || MathTables.namedSymbols.contains(s.name)
        let body = isCommand ? "\\" + s.name : s.name
        if MathTables.functionCommands.contains(s.name) && s.style == .roman { return "\\" + s.name }
        if MathTables.limitFunctionCommands.contains(s.name) && s.style == .roman { return "\\" + s.name }
        switch s.style {
        case .normal: return s.name.unicodeScalars.count > 1 && !isCommand ? "\\mathit{\(s.name)}" : body
        case .roman: return s.name.unicodeScalars.count > 1 ? "\\operatorname{\(s.name)}" : "\\mathrm{\(body)}"
        case .italic: return "\\mathit{\(body)}"
        case .bold: return isCommand ? "\\boldsymbol{\(body)}" : "\\mathbf{\(body)}"
        case .blackboard: return "\\mathbb{\(body)}"
        case .calligraphic: return "\\mathcal{\(body)}"
        case .script: return "\\mathscr{\(body)}"
        case .fraktur: return "\\mathfrak{\(body)}"
        case .sansSerif: return "\\mathsf{\(body)}"
        case .typewriter: return "\\mathtt{\(body)}"
        }
    }
}

// MARK: - S-expression

private struct SExpressionPrinter {
    func render(_ node: MathNode) -> String {
        switch node.kind {
        case .number: return renderNumber(node)
        case .symbol: return renderSymbol(node)
        case .constant: return renderConstant(node)
        case .text: return renderText(node)
        case .ellipsis: return renderEllipsis(node)
        case .empty: return renderEmpty(node)
        case .raw: return renderRaw(node)
        case .unary: return renderUnary(node)
        case .binary: return renderBinary(node)
        case .postfix: return renderPostfix(node)
        case .fraction: return renderFraction(node)
        case .root: return renderRoot(node)
        case .power: return renderPower(node)
        case .index: return renderIndex(node)
        case .superscriptIndex: return renderSuperscriptIndex(node)
        case .transpose: return renderTranspose(node)
        case .accent: return renderAccent(node)
        case .apply: return renderApply(node)
        case .bigOperator: return renderBigOperator(node)
        case .derivative: return renderDerivative(node)
        case .fence: return renderFence(node)
        case .tuple: return renderTuple(node)
        case .setBuilder: return renderSetBuilder(node)
        case .sequence: return renderSequence(node)
        case .cases: return renderCases(node)
        case .table: return renderTable(node)
        case .lines: return renderLines(node)
        case .command: return renderCommand(node)
        }
    }

    @inline(never)
    private func renderNumber(_ node: MathNode) -> String {
        guard case .number(let s) = node.kind else { return "" }
        return s
    }

    @inline(never)
    private func renderSymbol(_ node: MathNode) -> String {
        guard case .symbol(let s) = node.kind else { return "" }
        let style = styleNames[s.style]!
        return style.isEmpty ? s.name : style + ":" + s.name
    }

    @inline(never)
    private func renderConstant(_ node: MathNode) -> String {
        guard case .constant(let c) = node.kind else { return "" }
        return "#" + constantPlain[c]!
    }

    @inline(never)
    private func renderText(_ node: MathNode) -> String {
        guard case .text(let t) = node.kind else { return "" }
        return "\"" + t + "\""
    }

    @inline(never)
    private func renderEllipsis(_ node: MathNode) -> String {
        guard case .ellipsis = node.kind else { return "" }
        return "..."
    }

    @inline(never)
    private func renderEmpty(_ node: MathNode) -> String {
        guard case .empty = node.kind else { return "" }
        return "_"
    }

    @inline(never)
    private func renderRaw(_ node: MathNode) -> String {
        guard case .raw(let s) = node.kind else { return "" }
        return "(raw \"\(s)\")"
    }

    @inline(never)
    private func renderUnary(_ node: MathNode) -> String {
        guard case .unary(let op, let operand) = node.kind else { return "" }
        let name = switch op {
        case .negate: "neg"
        case .plus: "pos"
        case .plusMinus: "pm"
        case .minusPlus: "mp"
        case .not: "not"
        case .forAll: "forall"
        case .exists: "exists"
        }
        return list(name, [operand])
    }

    @inline(never)
    private func renderBinary(_ node: MathNode) -> String {
        guard case .binary(let op, let lhs, let rhs) = node.kind else { return "" }
        return list(MathTables.sexpName[op]!, [lhs, rhs])
    }

    @inline(never)
    private func renderPostfix(_ node: MathNode) -> String {
        guard case .postfix(let op, let operand) = node.kind else { return "" }
        return list(op == .factorial ? "!" : op.rawValue, [operand])
    }

    @inline(never)
    private func renderFraction(_ node: MathNode) -> String {
        guard case .fraction(let a, let b) = node.kind else { return "" }
        return list("frac", [a, b])
    }

    @inline(never)
    private func renderRoot(_ node: MathNode) -> String {
        guard case .root(let radicand, let degree) = node.kind else { return "" }
        return degree.map { list("root", [radicand, $0]) } ?? list("sqrt", [radicand])
    }

    @inline(never)
    private func renderPower(_ node: MathNode) -> String {
        guard case .power(let a, let b) = node.kind else { return "" }
        return list("^", [a, b])
    }

    @inline(never)
    private func renderIndex(_ node: MathNode) -> String {
        guard case .index(let a, let b) = node.kind else { return "" }
        return list("_", [a, b])
    }

    @inline(never)
    private func renderSuperscriptIndex(_ node: MathNode) -> String {
        guard case .superscriptIndex(let a, let b) = node.kind else { return "" }
        return list("^()", [a, b])
    }

    @inline(never)
    private func renderTranspose(_ node: MathNode) -> String {
        guard case .transpose(let base, let ambiguous) = node.kind else { return "" }
        return list(ambiguous ? "T?" : "T", [base])
    }

    @inline(never)
    private func renderAccent(_ node: MathNode) -> String {
        guard case .accent(let accent, let base) = node.kind else { return "" }
        return list(accent.rawValue, [base])
    }

    @inline(never)
    private func renderApply(_ node: MathNode) -> String {
        guard case .apply(let function, let arguments) = node.kind else { return "" }
        return list("apply", [function] + arguments)
    }

    @inline(never)
    private func renderBigOperator(_ node: MathNode) -> String {
        guard case .bigOperator(let name, let lower, let upper, let body) = node.kind else { return "" }
        return "(" + ([name] + [lower, upper, body].map { $0.map(render) ?? "_" }).joined(separator: " ") + ")"
    }

    @inline(never)
    private func renderDerivative(_ node: MathNode) -> String {
        guard case .derivative(let kind, let order, let variables, let of) = node.kind else { return "" }
        let name = (kind == .gradient ? "grad" : kind == .partial ? "partial" : "d") + (order > 1 ? "^\(order)" : "")
        return "(" + ([name, of.map(render) ?? "_"] + variables.map(render)).joined(separator: " ") + ")"
    }

    @inline(never)
    private func renderFence(_ node: MathNode) -> String {
        guard case .fence(let open, let close, let body) = node.kind else { return "" }
        let name: String? = switch (open, close) {
        case (.leftParen, .rightParen): "paren"
        case (.leftBracket, .rightBracket): "bracket"
        case (.leftBrace, .rightBrace): "set"
        case (.bar, .bar): "abs"
        case (.doubleBar, .doubleBar): "norm"
        case (.leftAngle, .rightAngle): "angle"
        case (.leftFloor, .rightFloor): "floor"
        case (.leftCeil, .rightCeil): "ceil"
        default: nil
        }
        return list(name ?? "fence \(open.rawValue) \(close.rawValue)", [body])
    }

    @inline(never)
    private func renderTuple(_ node: MathNode) -> String {
        guard case .tuple(let items) = node.kind else { return "" }
        return list("tuple", items)
    }

    @inline(never)
    private func renderSetBuilder(_ node: MathNode) -> String {
        guard case .setBuilder(let a, let b) = node.kind else { return "" }
        return list("setof", [a, b])
    }

    @inline(never)
    private func renderSequence(_ node: MathNode) -> String {
        guard case .sequence(let items) = node.kind else { return "" }
        return list("seq", items)
    }

    @inline(never)
    private func renderCases(_ node: MathNode) -> String {
        guard case .cases(let rows) = node.kind else { return "" }
        return "(cases " + rows.map { "(" + $0.map(render).joined(separator: " ") + ")" }.joined(separator: " ") + ")"
    }

    @inline(never)
    private func renderTable(_ node: MathNode) -> String {
        guard case .table(let name, let rows) = node.kind else { return "" }
        return "(\(name) " + rows.map { "(" + $0.map(render).joined(separator: " ") + ")" }.joined(separator: " ") + ")"
    }

    @inline(never)
    private func renderLines(_ node: MathNode) -> String {
        guard case .lines(let items) = node.kind else { return "" }
        return list("lines", items)
    }

    @inline(never)
    private func renderCommand(_ node: MathNode) -> String {
        guard case .command(let name, let arguments) = node.kind else { return "" }
        return list("\\" + name, arguments)
    }

    private func list(_ head: String, _ items: [MathNode]) -> String {
        "(" + ([head] + items.map(render)).joined(separator: " ") + ")"
    }
}

extension String {
    /// Trimmed, with runs of white space as one space.
    var collapsingSpaces: String {
        var result = ""
        var pendingSpace = false
        for scalar in unicodeScalars {
            if scalar.properties.isWhitespace {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result += " " }
                pendingSpace = false
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
