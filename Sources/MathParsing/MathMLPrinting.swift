/// MathML Core (presentation markup) for a parsed formula, for the HTML report: browsers draw it
/// without scripts or fonts of ours. The printer follows the tree, so what it draws is what the
/// parser understood; text it could not parse (``MathNode/Kind/raw``) is shown as TeX in `mtext`.
extension MathNode {
    /// The formula as a `<math>` element. `display` makes it a centred block; `alttext` (usually
    /// the paper's TeX) is kept as the element's text alternative for screen readers and copying.
    /// The markup is well-formed XML: every element is closed and text is escaped.
    public func mathML(display: Bool = false, alttext: String? = nil) -> String {
        var head = "<math"
        if display { head += " display=\"block\"" }
        if let alttext { head += " alttext=\"" + MathML.escape(alttext) + "\"" }
        return head + ">" + MathMLPrinter().render(self).markup + "</math>"
    }
}

/// Markup helpers shared by the printer and by writers that embed MathML.
public enum MathML {
    /// Escapes `&`, `<`, `>` and `"` for use in text and attribute values.
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for c in s.unicodeScalars {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.unicodeScalars.append(c)
            }
        }
        return out
    }

    /// The character a TeX symbol command draws (`beta` → `β`, `le` → `≤`), from the reader's
    /// Unicode table; nil for names that are not a single symbol.
    public static func glyph(_ name: String) -> String? { MathMLTables.glyphs[name] }
}

private struct Marked {
    var markup: String
    var strength: Int
}

private func row(_ parts: String...) -> String { "<mrow>" + parts.joined() + "</mrow>" }
private func mo(_ s: String, _ attributes: String = "") -> String { "<mo\(attributes)>" + MathML.escape(s) + "</mo>" }
private func mi(_ s: String, normal: Bool = false) -> String {
    (normal ? "<mi mathvariant=\"normal\">" : "<mi>") + MathML.escape(s) + "</mi>"
}
private func mtext(_ s: String) -> String { "<mtext>" + MathML.escape(s) + "</mtext>" }

private func parenthesized(_ inner: String, _ open: String = "(", _ close: String = ")") -> String {
    row(mo(open), inner, mo(close))
}

private func wrap(_ m: Marked, _ minimum: Int) -> String {
    m.strength < minimum ? parenthesized(m.markup) : m.markup
}

private struct MathMLPrinter {
    func render(_ node: MathNode) -> Marked {
        switch node.kind {
        case .number(let s): return atom("<mn>" + MathML.escape(s) + "</mn>")
        case .symbol(let s): return atom(symbol(s))
        case .constant(let c): return atom(mi(MathMLTables.constants[c]!))
        case .text(let t): return atom(mtext(t))
        case .ellipsis: return atom(mi("…"))
        case .empty: return atom("<mrow></mrow>")
        case .raw(let s): return atom(mtext(s))
        case .unary(let op, let operand): return unary(op, operand)
        case .binary(let op, let lhs, let rhs): return binary(op, lhs, rhs)
        case .postfix(let op, let operand): return postfix(op, operand)
        case .fraction(let n, let d): return atom("<mfrac>" + row(render(n).markup) + row(render(d).markup) + "</mfrac>")
        case .root(let radicand, let degree):
            if let degree { return atom("<mroot>" + row(render(radicand).markup) + row(render(degree).markup) + "</mroot>") }
            return atom("<msqrt>" + render(radicand).markup + "</msqrt>")
        case .power(let base, let exponent): return power(base, exponent)
        case .index(let base, let index):
            return Marked(markup: "<msub>" + scriptBase(base) + row(render(index).markup) + "</msub>", strength: Strength.postfix)
        case .superscriptIndex(let base, let index):
            return Marked(markup: "<msup>" + scriptBase(base) + parenthesized(render(index).markup) + "</msup>", strength: Strength.postfix)
        case .transpose(let base, let ambiguous):
            return Marked(markup: "<msup>" + scriptBase(base) + mi(ambiguous ? "T" : "⊤", normal: true) + "</msup>", strength: Strength.postfix)
        case .accent(let accent, let base): return accented(accent, base)
        case .apply(let function, let arguments):
            let args = arguments.map { render($0).markup }.joined(separator: mo(","))
            return Marked(markup: row(wrap(render(function), Strength.postfix), mo("\u{2061}"), parenthesized(args)), strength: Strength.postfix)
        case .bigOperator(let name, let lower, let upper, let body): return bigOperator(name, lower, upper, body)
        case .derivative(let kind, let order, let variables, let of): return derivative(kind, order, variables, of)
        case .fence(let open, let close, let body):
            let inner = render(body).markup
            let o = open == .none ? "" : mo(open.rawValue)
            let c = close == .none ? "" : mo(close.rawValue)
            return atom(row(o, inner, c))
        case .tuple(let items):
            return Marked(markup: row(items.map { render($0).markup }.joined(separator: mo(",", " separator=\"true\""))), strength: Strength.tuple)
        case .setBuilder(let element, let condition):
            return atom(row(mo("{"), render(element).markup, mo("∣"), render(condition).markup, mo("}")))
        case .sequence(let items):
            return Marked(markup: row(items.map { render($0).markup }.joined(separator: "<mspace width=\"1em\"></mspace>")), strength: Strength.tuple)
        case .cases(let rows): return atom(row(mo("{"), table(rows, align: "left")))
        case .table(let environment, let rows):
            let t = table(rows, align: "center")
            if let (open, close) = MathMLTables.matrixFences[environment] { return atom(row(mo(open), t, mo(close))) }
            return atom(t)
        case .lines(let items): return Marked(markup: table(items.map { [$0] }, align: "left"), strength: Strength.tuple)
        case .command(let name, let arguments):
            return atom(row(mtext("\\" + name), arguments.map { row(mo("{"), render($0).markup, mo("}")) }.joined()))
        }
    }

    private func atom(_ markup: String) -> Marked { Marked(markup: markup, strength: Strength.atom) }

    /// A base of a script: anything looser than a postfix gets parentheses (`(a+b)^2`).
    private func scriptBase(_ node: MathNode) -> String { row(wrap(render(node), Strength.postfix)) }

    private func symbol(_ s: MathSymbol) -> String {
        let text = MathMLTables.glyphs[s.name] ?? s.name
        if let styled = MathMLTables.styled(text, s.style) { return "<mi>" + MathML.escape(styled) + "</mi>" }
        // Bold Greek and bold words have no letters of their own here: CSS draws them bold.
        if s.style == .bold { return "<mi style=\"font-weight:bold\">" + MathML.escape(text) + "</mi>" }
        let upright = s.style == .roman || s.style == .sansSerif || s.style == .typewriter
        return mi(text, normal: upright && text.unicodeScalars.count == 1)
    }

    private func unary(_ op: UnaryOperator, _ operand: MathNode) -> Marked {
        let inner = render(operand)
        let sign = MathMLTables.unary[op]!
        if op == .forAll || op == .exists {
            return Marked(markup: row(mo(sign), inner.markup), strength: Strength.of(.equal))
        }
        return Marked(markup: row(mo(sign), wrap(inner, Strength.unary + 1)), strength: Strength.unary)
    }

    private func binary(_ op: BinaryOperator, _ lhs: MathNode, _ rhs: MathNode) -> Marked {
        let strength = Strength.of(op)
        let left = wrap(render(lhs), strength)
        let rightMinimum = op == .divide ? Strength.postfix : MathTables.nonAssociative.contains(op) ? strength + 1 : strength
        let right = wrap(render(rhs), extendsRight(rhs) ? Strength.tuple : rightMinimum)
        return Marked(markup: row(left, mo(MathMLTables.binary[op] ?? MathTables.spelling[op]!.plain), right), strength: strength)
    }

    private func postfix(_ op: PostfixOperator, _ operand: MathNode) -> Marked {
        let base = scriptBase(operand)
        let markup = switch op {
        case .prime: "<msup>" + base + mo("′") + "</msup>"
        case .star: "<msup>" + base + mo("∗") + "</msup>"
        case .dagger: "<msup>" + base + mo("†") + "</msup>"
        case .factorial: row(base, mo("!"))
        }
        return Marked(markup: markup, strength: Strength.postfix)
    }

    /// `x_t^2` is one `msubsup`, not a power of a subscript.
    private func power(_ base: MathNode, _ exponent: MathNode) -> Marked {
        let top = row(render(exponent).markup)
        if case .index(let inner, let index) = base.kind {
            return Marked(markup: "<msubsup>" + scriptBase(inner) + row(render(index).markup) + top + "</msubsup>", strength: Strength.power)
        }
        return Marked(markup: "<msup>" + scriptBase(base) + top + "</msup>", strength: Strength.power)
    }

    private func accented(_ accent: Accent, _ base: MathNode) -> Marked {
        let mark = MathMLTables.accents[accent]!
        let inner = row(render(base).markup)
        if accent == .underline {
            return atom("<munder accentunder=\"true\">" + inner + mo(mark, " stretchy=\"true\"") + "</munder>")
        }
        return atom("<mover accent=\"true\">" + inner + mo(mark) + "</mover>")
    }

    private func bigOperator(_ name: String, _ lower: MathNode?, _ upper: MathNode?, _ body: MathNode?) -> Marked {
        let head: String
        let isLargeOperator = MathMLTables.largeOperators[name] != nil
        if name == "E" {
            head = mi("𝔼")
        } else if let glyph = MathMLTables.largeOperators[name] {
            head = mo(glyph, " largeop=\"true\" movablelimits=\"true\"")
        } else {
            let word = name.hasPrefix("arg") ? "arg " + name.dropFirst(3) : name
            head = mi(String(word))
        }
        let low = lower.map { row(render($0).markup) }
        let high = upper.map { row(render($0).markup) }
        var markup: String
        // Integrals and expectations carry their limits as scripts; sums and max/min under and over.
        let underOver = isLargeOperator && !name.hasSuffix("int") || name != "E" && !isLargeOperator
        switch (low, high) {
        case let (l?, h?): markup = underOver ? "<munderover>\(head)\(l)\(h)</munderover>" : "<msubsup>\(head)\(l)\(h)</msubsup>"
        case let (l?, nil): markup = underOver ? "<munder>\(head)\(l)</munder>" : "<msub>\(head)\(l)</msub>"
        case let (nil, h?): markup = underOver ? "<mover>\(head)\(h)</mover>" : "<msup>\(head)\(h)</msup>"
        case (nil, nil): markup = head
        }
        if name == "E" {
            return atom(row(markup, mo("["), body.map { render($0).markup } ?? "", mo("]")))
        }
        guard let body else { return atom(markup) }
        return Marked(markup: row(markup, wrap(render(body), Strength.of(.multiply))), strength: Strength.bigOperator)
    }

    private func derivative(_ kind: DerivativeKind, _ order: Int, _ variables: [MathNode], _ of: MathNode?) -> Marked {
        let subject = of.map { render($0) }
        switch kind {
        case .gradient:
            var head = mi("∇")
            if !variables.isEmpty {
                head = "<msub>" + head + row(variables.map { render($0).markup }.joined(separator: mo(","))) + "</msub>"
            }
            if order > 1 { head = "<msup>" + row(head) + "<mn>\(order)</mn></msup>" }
            guard let subject else { return atom(head) }
            return Marked(markup: row(head, wrap(subject, Strength.of(.implicit) + 1)), strength: Strength.bigOperator)
        case .partial, .total:
            let d = kind == .partial ? mi("∂") : mi("d", normal: true)
            let dn = order > 1 ? "<msup>" + d + "<mn>\(order)</mn></msup>" : d
            if variables.isEmpty { return Marked(markup: row(dn, subject?.markup ?? ""), strength: Strength.bigOperator) }
            let bottom = variables.map { row(d, render($0).markup) }.joined()
            return atom("<mfrac>" + row(dn, subject?.markup ?? "") + row(bottom) + "</mfrac>")
        }
    }

    private func table(_ rows: [[MathNode]], align: String) -> String {
        "<mtable columnalign=\"\(align)\">" + rows.map { cells in
            "<mtr>" + cells.map { "<mtd>" + render($0).markup + "</mtd>" }.joined() + "</mtr>"
        }.joined() + "</mtable>"
    }
}
