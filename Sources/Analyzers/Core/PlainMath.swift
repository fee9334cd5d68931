import MathParsing

/// An algorithm's math with plain names, for code printers: every quantity becomes one symbol
/// named as in the glossary (`m_{t-1}` → `m`, `\hat{v}_t` → `v_hat`, `\beta_1` → `beta1`), a
/// superscript that is an index becomes a ``MathNode/Kind/superscriptIndex(base:index:)``, and a
/// power stays a power (`\beta_1^t`, `g_t^2`). Library functions (`\log`, `\mathrm{softmax}`)
/// keep their roman style so that a printer can tell them from the paper's own functions.
///
/// It reads the math exactly as the analysis did: the reader and the notation are rebuilt from
/// ``AlgorithmIR/loopCounters`` and ``AlgorithmIR/notation``.
///
/// ```swift
/// let plain = PlainMath(ir, glossary: analysis.glossary)
/// plain.tree(step.assignments[0].value!.tree).sExpression   // (+ (* beta1 m) (* (- 1 beta1) g))
/// ```
public struct PlainMath: Sendable {
    let notation: Notation
    let names: [String: String]

    private var reader: QuantityReader { notation.reader }

    public init(_ algorithm: AlgorithmIR, glossary: [GlossaryEntry]) {
        let n = algorithm.notation ?? IRNotation()
        let reader = QuantityReader(counters: Set(algorithm.loopCounters), keepCounter: Set(n.keepCounter))
        notation = Notation(reader: reader, constants: Set(n.constants), powerNotes: Set(n.powerNotes), varying: Set(n.varying),
                            labelledBases: Set(n.labelledBases))
        var names: [String: String] = [:]
        for entry in glossary { names[entry.key] = entry.name }
        for input in algorithm.inputs where !input.key.isEmpty && !input.name.isEmpty && names[input.key] == nil {
            names[input.key] = input.name
        }
        self.names = names
    }

    /// The loop counters in force (`t`, `k`, `for` variables).
    public var counters: Set<String> { reader.counters }

    /// The quantity key of a node (`m` for `m_{t-1}`), or nil when it is not a quantity.
    public func key(of node: MathNode) -> String? { reader.quantity(node)?.key }

    /// The plain name of a node that is a quantity.
    public func name(of node: MathNode) -> String? { reader.quantity(node).map { names[$0.key] ?? $0.readable } }

    /// The plain name of a quantity key (the key itself when the glossary has no entry).
    public func name(forKey key: String) -> String { names[key] ?? key }

    /// The counter shift of a quantity node: -1 for `m_{t-1}`, +1 for `x_{t+1}`, 0 otherwise.
    public func shift(of node: MathNode) -> Int { reader.quantity(node)?.shift ?? 0 }

    /// True for an initial value (`\theta_0`).
    public func isInitial(_ node: MathNode) -> Bool { reader.quantity(node)?.initial ?? false }

    /// Keys of every quantity the tree reads (bound variables of sums and function heads excluded).
    public func uses(in node: MathNode) -> [String] { reader.uses(in: node).keys }

    /// Keys of the functions the tree applies (`f` in `f(\theta)`).
    public func functions(in node: MathNode) -> [String] {
        var seen = Set<String>()
        return reader.uses(in: node).functions.map(\.key).filter { seen.insert($0).inserted }
    }

    /// The tree with plain names.
    public func tree(_ node: MathNode) -> MathNode {
        if isLibraryFunction(node) { return node }
        // `\mathbf{0}`, `\mathbf{1}`: a number set in bold is still the number.
        if case .symbol(let s) = node.kind, !s.name.isEmpty, s.name.allSatisfy(\.isNumber) {
            return MathNode(.number(s.name), range: node.range)
        }
        if let q = reader.quantity(node) {
            return MathNode(.symbol(MathSymbol(names[q.key] ?? q.readable)), range: node.range)
        }
        switch node.kind {
        case .apply(let function, let arguments):
            // `\max(a, b)` written in italics is still the library's max.
            if case .symbol(let s) = function.kind, LibraryMap.shared.functionNames[s.name] != nil {
                return MathNode(.apply(function: MathNode(.symbol(MathSymbol(s.name, style: .roman)), range: function.range),
                                       arguments: arguments.map(tree)), range: node.range)
            }
        case .power(let base, let exponent):
            guard notation.reading(base: base, exponent: exponent) == .index else { break }
            if let q = reader.quantity(base), case .symbol(let s) = exponent.kind, reader.counterScript(exponent) == nil {
                let name = (names[q.key] ?? q.readable) + "_" + CoreNaming.shared.identifierPart(s.name)
                return MathNode(.symbol(MathSymbol(name)), range: node.range)
            }
            return MathNode(.superscriptIndex(base: tree(base), index: tree(exponent)), range: node.range)
        default:
            break
        }
        return node.mappingChildren(tree)
    }

    /// `\log`, `\mathrm{softmax}`, `\exp`: a function the library map knows, set upright.
    private func isLibraryFunction(_ node: MathNode) -> Bool {
        guard case .symbol(let s) = node.kind, s.style == .roman else { return false }
        return LibraryMap.shared.functionNames[s.name] != nil
    }
}

extension MathNode {
    /// The same node with each direct child replaced by `transform(child)`.
    public func mappingChildren(_ transform: (MathNode) -> MathNode) -> MathNode {
        let kind: Kind
        switch self.kind {
        case .number, .symbol, .constant, .text, .ellipsis, .empty, .raw:
            return self
        case .unary(let op, let a): kind = .unary(op: op, operand: transform(a))
        case .postfix(let op, let a): kind = .postfix(op: op, operand: transform(a))
        case .transpose(let a, let ambiguous): kind = .transpose(base: transform(a), ambiguous: ambiguous)
        case .accent(let accent, let a): kind = .accent(accent, base: transform(a))
        case .binary(let op, let a, let b): kind = .binary(op: op, lhs: transform(a), rhs: transform(b))
        case .fraction(let a, let b): kind = .fraction(numerator: transform(a), denominator: transform(b))
        case .power(let a, let b): kind = .power(base: transform(a), exponent: transform(b))
        case .index(let a, let b): kind = .index(base: transform(a), index: transform(b))
        case .superscriptIndex(let a, let b): kind = .superscriptIndex(base: transform(a), index: transform(b))
        case .setBuilder(let a, let b): kind = .setBuilder(element: transform(a), condition: transform(b))
        case .root(let a, let degree): kind = .root(radicand: transform(a), degree: degree.map(transform))
        case .apply(let f, let args): kind = .apply(function: transform(f), arguments: args.map(transform))
        case .bigOperator(let name, let lower, let upper, let body):
            kind = .bigOperator(name: name, lower: lower.map(transform), upper: upper.map(transform), body: body.map(transform))
        case .derivative(let k, let order, let variables, let of):
            kind = .derivative(kind: k, order: order, variables: variables.map(transform), of: of.map(transform))
        case .fence(let open, let close, let body): kind = .fence(open: open, close: close, body: transform(body))
        case .tuple(let items): kind = .tuple(items.map(transform))
        case .sequence(let items): kind = .sequence(items.map(transform))
        case .lines(let items): kind = .lines(items.map(transform))
        case .command(let name, let args): kind = .command(name: name, arguments: args.map(transform))
        case .cases(let rows): kind = .cases(rows: rows.map { $0.map(transform) })
        case .table(let environment, let rows): kind = .table(environment: environment, rows: rows.map { $0.map(transform) })
        }
        return MathNode(kind, range: range)
    }
}
