import MathParsing

/// Lists the operations a formula or a prose line uses, as ids of `library-map.json`.
struct OperationAudit: Sendable {
    var map: LibraryMap = .shared
    var notation: Notation

    private var reader: QuantityReader { notation.reader }

    /// Operations of a tree, in order of first appearance, each once.
    func operations(in tree: MathNode) -> [String] {
        var ops: [String] = []
        func add(_ op: String?) { if let op, !ops.contains(op) { ops.append(op) } }
        walk(tree) { node in
            switch node.kind {
            case .binary(let op, let lhs, let rhs):
                switch op {
                case .add: add("add")
                case .subtract: add("subtract")
                case .multiply, .dot, .cross, .star, .hadamard: add("multiply")
                case .implicit:
                    if case .transpose = lhs.kind { add("matmul") } else if case .transpose = rhs.kind { add("matmul") } else if !isScaleOfDerivative(rhs) { add("multiply") }
                case .divide: add("divide")
                case .tensor: add("outer")
                case .convolve: add("conv")
                case .less, .greater, .lessEqual, .greaterEqual, .notEqual: add("compare")
                case .similar: add(distribution(rhs))
                default: break
                }
            case .unary(.negate, _): add("negate")
            case .fraction: add("divide")
            case .root(_, let degree): add(degree == nil ? "sqrt" : "power")
            case .power(let base, let exponent):
                switch notation.reading(base: base, exponent: exponent) {
                case .index: break
                case .elementwiseSquare: add("square")
                case .power, .powerOfCounter:
                    if node.isInverse, isMatrixLike(base) { add("inverse") } else { add("power") }
                }
            case .transpose(_, _): add("transpose")
            case .fence(let open, let close, _):
                switch (open, close) {
                case (.bar, .bar): add("abs")
                case (.doubleBar, .doubleBar): add("norm")
                case (.leftFloor, .rightFloor): add("floor")
                case (.leftCeil, .rightCeil): add("ceil")
                case (.leftAngle, .rightAngle): add("dot")
                default: break
                }
            case .apply(let function, _):
                if let name = functionName(function), let op = map.functionNames[name] { add(op) }
            case .symbol(let s) where s.style == .roman:
                if let op = map.functionNames[s.name] { add(op) }
            case .bigOperator(let name, _, _, _):
                add(map.bigOperators[name] ?? map.functionNames[name])
            case .derivative(let kind, let order, _, let of):
                if kind == .gradient, order >= 2 { add("hessian") } else if kind == .gradient, case .derivative? = of?.kind { add("hessian") } else { add("gradient") }
            case .text(let t):
                for op in words(t) { add(op) }
            case .command(let name, let args):
                if let op = map.functionNames[name] { add(op) }
                for a in args { if case .text(let t) = a.kind { for op in words(t) { add(op) } } }
            default:
                break
            }
        }
        // `\nabla\nabla L` is one Hessian, not a gradient as well.
        if ops.contains("hessian") { ops.removeAll { $0 == "gradient" } }
        return ops
    }

    /// Visits nodes parents first, not descending into quantities (`m_{t-1}`: the `t - 1` is an
    /// index, not a subtraction) nor into the scripts of an index.
    private func walk(_ node: MathNode, _ body: (MathNode) -> Void) {
        assert(reader.isQuantity(node) == (reader.quantity(node) != nil))
        // Asked of every node: the test alone, without the quantity's key and spelling.
        if reader.isQuantity(node) { return }
        body(node)
        switch node.kind {
        case .index(let base, _), .superscriptIndex(let base, _):
            walk(base, body)
        case .power(let base, let exponent):
            walk(base, body)
            if notation.reading(base: base, exponent: exponent) != .index { walk(exponent, body) }
        case .bigOperator(_, _, let upper, let content):
            if let upper { walk(upper, body) }
            if let content { walk(content, body) }
        case .derivative(_, _, _, let of):
            if let of { walk(of, body) }
        default:
            node.kind.forEachChild { walk($0, body) }
        }
    }

    /// Operations named by the words of a prose line ("Backpropagate and update θ").
    func words(_ text: String) -> [String] {
        var ops: [String] = []
        for word in text.words {
            let w = word.trimming("_-")
            if let op = map.words[w] ?? map.functionNames[w], !ops.contains(op) { ops.append(op) }
        }
        return ops
    }

    private func functionName(_ node: MathNode) -> String? {
        switch node.kind {
        case .symbol(let s): return s.name
        case .index(let base, _), .power(let base, _), .accent(_, let base): return functionName(base)
        case .command(_, let args):
            if let first = args.first, case .text(let t) = first.kind { return t }
            return args.first.flatMap(functionName)
        case .text(let t): return t
        default: return nil
        }
    }

    private func distribution(_ rhs: MathNode) -> String {
        var head = rhs
        if case .apply(let f, _) = rhs.kind { head = f }
        if let q = reader.quantity(head) {
            let base = q.key.split(separator: "_").first.map(String.init) ?? q.key
            if let op = map.distributions[q.key] ?? map.distributions[base] { return op }
        }
        if case .symbol(let s) = head.kind, let op = map.distributions[s.name] { return op }
        return "sample"
    }

    private func isMatrixLike(_ node: MathNode) -> Bool {
        if case .apply = node.kind { return true }
        if case .symbol(let s) = node.kind, s.name.first?.isUppercase == true { return true }
        return false
    }

    /// `\alpha \nabla L`: the product of a scale and a gradient is still multiplication.
    private func isScaleOfDerivative(_ node: MathNode) -> Bool { false }
}
