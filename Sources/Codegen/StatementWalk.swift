import MathParsing

/// Reads and writes of generated statements, by plain name: the facts behind dead-code removal,
/// free-name detection, type inference and the split of an optimizer step into sections.
enum StatementWalk {
    /// Names a tree reads: symbols, not library function heads, not variables bound by a sum.
    static func reads(_ node: MathNode) -> Set<String> {
        var out = Set<String>()
        collect(node, bound: [], into: &out)
        return out
    }

    private static func collect(_ node: MathNode, bound: Set<String>, into out: inout Set<String>) {
        switch node.kind {
        case .symbol(let s):
            if s.style != .roman && !bound.contains(s.name) { out.insert(s.name) }
        case .apply(let function, let arguments):
            if case .symbol(let s) = function.kind {
                if s.style != .roman { out.insert(s.name) }
            } else {
                collect(function, bound: bound, into: &out)
            }
            arguments.forEach { collect($0, bound: bound, into: &out) }
        case .bigOperator(_, let lower, let upper, let body):
            var inner = bound
            if let lower, case .binary(.equal, let v, let from) = lower.kind, case .symbol(let s) = v.kind {
                inner.insert(s.name)
                collect(from, bound: bound, into: &out)
            } else if let lower {
                collect(lower, bound: bound, into: &out)
            }
            if let upper { collect(upper, bound: bound, into: &out) }
            if let body { collect(body, bound: inner, into: &out) }
        default:
            node.children.forEach { collect($0, bound: bound, into: &out) }
        }
    }

    /// Names applied as functions (`f` in `f(\theta)`), library functions excluded; with
    /// `outsideDerivatives`, only those called directly, not just differentiated.
    static func functions(_ node: MathNode, outsideDerivatives: Bool = false) -> Set<String> {
        var out = Set<String>()
        func visit(_ n: MathNode) {
            if outsideDerivatives, case .derivative = n.kind { return }
            if case .apply(let function, _) = n.kind, case .symbol(let s) = function.kind, s.style != .roman { out.insert(s.name) }
            n.children.forEach(visit)
        }
        visit(node)
        return out
    }

    /// Every tree a statement holds (conditions, values, loop bounds), its nested statements included.
    static func trees(_ statements: [CodeStatement]) -> [MathNode] {
        var out: [MathNode] = []
        visit(statements) { s in
            switch s {
            case .assign(_, _, let value, _): out.append(value)
            case .sample(_, _, let args, _): out += args
            case .loop(let loop, _, _):
                switch loop {
                case .range(_, let from, let to, _): out += [from, to]
                case .open(_, let from): out.append(from)
                case .forEach(_, let over): out.append(over)
                case .whileCondition(let c), .repeatUntil(let c): out.append(c)
                case .budget: break
                }
            case .branches(let branches): out += branches.compactMap(\.condition)
            case .return(let values, _): out += values
            default: break
            }
        }
        return out
    }

    /// Names read anywhere in the statements (a target updated with `+=` reads itself).
    static func reads(_ statements: [CodeStatement]) -> Set<String> {
        var out = Set<String>()
        for tree in trees(statements) { out.formUnion(reads(tree)) }
        visit(statements) { s in
            if case .assign(let target, let op, _, _) = s, op != nil { out.insert(target) }
        }
        return out
    }

    /// Names assigned anywhere in the statements (loop variables included).
    static func writes(_ statements: [CodeStatement]) -> Set<String> {
        var out = Set<String>()
        visit(statements) { s in
            switch s {
            case .assign(let target, _, _, _), .sample(let target, _, _, _), .given(let target, _, _): out.insert(target)
            case .loop(.range(let v, _, _, _), _, _), .loop(.open(let v, _), _, _), .loop(.forEach(let v, _), _, _): out.insert(v)
            default: break
            }
        }
        return out
    }

    /// Loop variables bound by the statements.
    static func loopVariables(_ statements: [CodeStatement]) -> Set<String> {
        var out = Set<String>()
        visit(statements) { s in
            switch s {
            case .loop(.range(let v, _, _, _), _, _), .loop(.open(let v, _), _, _), .loop(.forEach(let v, _), _, _): out.insert(v)
            default: break
            }
        }
        return out
    }

    /// Calls `body` on every statement, parents before their nested statements.
    static func visit(_ statements: [CodeStatement], _ body: (CodeStatement) -> Void) {
        for s in statements {
            body(s)
            switch s {
            case .loop(_, let inner, _): visit(inner, body)
            case .branches(let branches): for b in branches { visit(b.body, body) }
            default: break
            }
        }
    }

    /// The statements with every tree they hold rewritten by `transform`.
    static func mapTrees(_ statements: [CodeStatement], _ transform: @escaping (MathNode) -> MathNode) -> [CodeStatement] {
        map(statements) { s in
            switch s {
            case .assign(let target, let op, let value, let line): return [.assign(target: target, op: op, value: transform(value), line: line)]
            case .sample(let target, let d, let args, let line): return [.sample(target: target, distribution: d, arguments: args.map(transform), line: line)]
            case .return(let values, let line): return [.return(values.map(transform), line: line)]
            case .loop(let loop, let body, let line):
                let mapped: CodeLoop
                switch loop {
                case .range(let v, let from, let to, let down): mapped = .range(variable: v, from: transform(from), to: transform(to), descending: down)
                case .open(let v, let from): mapped = .open(variable: v, from: transform(from))
                case .forEach(let v, let over): mapped = .forEach(variable: v, over: transform(over))
                case .whileCondition(let c): mapped = .whileCondition(transform(c))
                case .repeatUntil(let c): mapped = .repeatUntil(transform(c))
                case .budget: mapped = .budget
                }
                return [.loop(mapped, body: body, line: line)]
            case .branches(let branches):
                return [.branches(branches.map { b in
                    var b = b
                    b.condition = b.condition.map(transform)
                    return b
                })]
            default: return [s]
            }
        }
    }

    /// The statements with names renamed (targets, loop variables and symbols in trees).
    static func renaming(_ statements: [CodeStatement], _ names: [String: String]) -> [CodeStatement] {
        guard !names.isEmpty else { return statements }
        let renamed = mapTrees(statements) { tree in
            replacing(tree) { node in
                guard case .symbol(let s) = node.kind, s.style != .roman, let new = names[s.name] else { return nil }
                return MathNode(.symbol(MathSymbol(new)), range: node.range)
            }
        }
        return map(renamed) { s in
            switch s {
            case .assign(let t, let op, let v, let line): return [.assign(target: names[t] ?? t, op: op, value: v, line: line)]
            case .sample(let t, let d, let a, let line): return [.sample(target: names[t] ?? t, distribution: d, arguments: a, line: line)]
            case .given(let t, let g, let line): return [.given(name: names[t] ?? t, as: g, line: line)]
            default: return [s]
            }
        }
    }

    /// A tree with every node for which `replacement` returns a value replaced, top-down.
    static func replacing(_ node: MathNode, _ replacement: (MathNode) -> MathNode?) -> MathNode {
        if let r = replacement(node) { return r }
        return node.mappingChildren { replacing($0, replacement) }
    }

    /// The statements with `transform` applied bottom-up; returning nil drops a statement.
    static func map(_ statements: [CodeStatement], _ transform: (CodeStatement) -> [CodeStatement]) -> [CodeStatement] {
        statements.flatMap { s -> [CodeStatement] in
            switch s {
            case .loop(let loop, let inner, let line):
                return transform(.loop(loop, body: map(inner, transform), line: line))
            case .branches(let branches):
                return transform(.branches(branches.map { b in
                    var b = b
                    b.body = map(b.body, transform)
                    return b
                }))
            default:
                return transform(s)
            }
        }
    }
}

extension CodeStatement {
    /// The box line the statement implements.
    var line: Int? {
        switch self {
        case .assign(_, _, _, let line), .sample(_, _, _, let line), .given(_, _, let line), .loop(_, _, let line),
             .return(_, let line), .break(let line):
            line
        case .comment(_, let line): line
        case .todo(let t): t.line
        case .branches(let b): b.first?.line
        }
    }
}
