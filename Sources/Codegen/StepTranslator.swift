import Foundation
import Analyzers
import MathParsing

/// A line of the box with the lines nested under it (a loop's body, a branch's body).
struct StepBlock: Sendable {
    var step: Int
    var children: [StepBlock] = []
    /// The `until` line that closes a `repeat`.
    var until: Int?

    /// Nests the steps by depth; block ends are dropped (their blocks are closed by depth).
    static func parse(_ steps: [IRStep], _ range: Range<Int>) -> [StepBlock] {
        var out: [StepBlock] = []
        var i = range.lowerBound
        let opens: Set<IRStep.Kind> = [.loop, .if, .elseIf, .else, .procedure]
        while i < range.upperBound {
            let s = steps[i]
            guard s.kind != .end else { i += 1; continue }
            guard opens.contains(s.kind) else {
                out.append(StepBlock(step: i))
                i += 1
                continue
            }
            var j = i + 1
            while j < range.upperBound, steps[j].depth > s.depth { j += 1 }
            var block = StepBlock(step: i, children: parse(steps, (i + 1)..<j))
            if s.loop?.kind == .repeat, j < range.upperBound, steps[j].kind == .until, steps[j].depth == s.depth {
                block.until = j
                j += 1
            }
            out.append(block)
            i = j
        }
        return out
    }

    /// This block and every block nested in it.
    var all: [StepBlock] { [self] + children.flatMap(\.all) }
}

/// Turns the box's lines into target-independent statements with plain names. What it cannot
/// read becomes a ``CodeStatement/todo(_:)`` naming the line and why.
struct StepTranslator {
    var ir: AlgorithmIR
    var plain: PlainMath
    /// Labels of the lines (`line 7`), for TODOs.
    var labels: [Int: String]
    /// Optimizer: the parameters' key; a line computing their gradient becomes `given`.
    var parameterKey: String?
    var gradientName = "grad"
    private let parser = MathParser()

    init(ir: AlgorithmIR, plain: PlainMath, labels: [Int: String], parameterKey: String? = nil) {
        self.ir = ir
        self.plain = plain
        self.labels = labels
        self.parameterKey = parameterKey
    }

    func todo(_ line: Int, _ reason: String) -> CodeStatement {
        .todo(CodeTodo(line: line, label: labels[line] ?? "line \(line + 1)", reason: reason, source: ir.steps[line].display))
    }

    func translate(_ blocks: [StepBlock]) -> [CodeStatement] {
        var out: [CodeStatement] = []
        var k = 0
        while k < blocks.count {
            let block = blocks[k]
            let step = ir.steps[block.step]
            switch step.kind {
            case .if:
                var branches = [branch(block)]
                while k + 1 < blocks.count, [.elseIf, .else].contains(ir.steps[blocks[k + 1].step].kind) {
                    k += 1
                    branches.append(branch(blocks[k]))
                    if ir.steps[blocks[k].step].kind == .else { break }
                }
                out.append(.branches(branches))
            case .elseIf, .else:
                out.append(todo(block.step, "an else branch without its if"))
                out += translate(block.children)
            case .loop:
                out += loop(block)
            case .procedure:
                out.append(.comment("procedure " + step.display, line: block.step))
                out += translate(block.children)
            default:
                out += statements(block.step)
            }
            k += 1
        }
        return out
    }

    // MARK: - Control flow

    private func branch(_ block: StepBlock) -> CodeBranch {
        let step = ir.steps[block.step]
        var b = CodeBranch(condition: nil, unreadable: nil, body: translate(block.children), line: block.step)
        guard step.kind != .else else { return b }
        if (step.form == .math || step.form == .partialMath), let e = step.expressions.first, e.complete {
            b.condition = plain.tree(e.tree)
        } else {
            b.unreadable = step.prose ?? step.source
        }
        return b
    }

    private func loop(_ block: StepBlock) -> [CodeStatement] {
        let step = ir.steps[block.step]
        let body = translate(block.children)
        guard let loop = step.loop else { return [todo(block.step, "a loop header that could not be read")] + body }
        switch loop.kind {
        case .for, .forAll:
            if let v = loop.variable, let from = loop.from.flatMap(math) {
                let name = plain.name(forKey: v)
                if let to = loop.to.flatMap(math) {
                    return [.loop(.range(variable: name, from: from, to: to, descending: loop.descending), body: body, line: block.step)]
                }
                if loop.to == nil, loop.over == nil {
                    return [.loop(.open(variable: name, from: from), body: body, line: block.step)]
                }
            }
            if let v = loop.variable, let over = loop.over.flatMap(math) {
                return [.loop(.forEach(variable: plain.name(forKey: v), over: over), body: body, line: block.step)]
            }
            return [todo(block.step, "a loop over \"\(step.display)\" whose range the code cannot read; it runs for a step budget"),
                    .loop(.budget, body: body, line: block.step)]
        case .while:
            // "while not converged", and "while true" (stopped from inside): a step budget.
            let always = ["true", "1", "\\true", "\\texttt{true}"].contains((loop.condition ?? "").lowercased().trimmingCharacters(in: .whitespaces))
            if loop.untilConverged || always { return [.loop(.budget, body: body, line: block.step)] }
            if step.form == .math, let e = step.expressions.first, e.complete {
                return [.loop(.whileCondition(plain.tree(e.tree)), body: body, line: block.step)]
            }
            return [todo(block.step, "the loop condition is in words (\"\(loop.condition ?? step.source)\"); it runs for a step budget"),
                    .loop(.budget, body: body, line: block.step)]
        case .repeat:
            if let u = block.until, !(ir.steps[u].loop?.untilConverged ?? false) {
                let until = ir.steps[u]
                if until.form == .math, let e = until.expressions.first, e.complete {
                    return [.loop(.repeatUntil(plain.tree(e.tree)), body: body, line: block.step)]
                }
                return [todo(u, "the until condition is in words; the loop runs for a step budget"), .loop(.budget, body: body, line: block.step)]
            }
            return [.loop(.budget, body: body, line: block.step)]
        case .loop:
            return [.loop(.budget, body: body, line: block.step)]
        }
    }

    /// Plain text of a loop bound (`1`, `T - 1`) as a plain tree.
    private func math(_ text: String) -> MathNode? {
        let r = parser.parse(text)
        guard r.complete else { return nil }
        return plain.tree(r.root)
    }

    // MARK: - Statements

    private func statements(_ index: Int) -> [CodeStatement] {
        let step = ir.steps[index]
        switch step.kind {
        case .declare, .end, .until:
            return []
        case .comment:
            let text = step.prose ?? step.comment ?? ""
            return text.isEmpty ? [] : [.comment(text, line: index)]
        case .break:
            return [.break(line: index)]
        case .return:
            if step.form == .math {
                let values = (step.assignments.compactMap(\.value) + step.expressions)
                guard values.allSatisfy(\.complete) else { return [todo(index, "the returned value could not be parsed")] }
                let trees = values.map { plain.tree($0.tree) }
                // A result the code cannot compute (`P_N \approx P^*`) must not make its names arguments.
                var check = ExpressionPrinter(table: CodeTarget.numpy.table, types: [:])
                check.derivative = { _ in "grad" }
                for tree in trees {
                    do { _ = try check.print(tree) } catch let u as Unsupported { return [todo(index, u.reason)] } catch {}
                }
                return [.return(trees, line: index)]
            }
            return [todo(index, "the result is described in words (\"\(step.prose ?? step.source)\")")]
        case .prose:
            return [todo(index, "a step in words, not math")]
        case .procedure, .loop, .if, .elseIf, .else:
            return []
        case .initialize, .assign, .sample, .call:
            // `g_t \in \partial f(y_t)`: a subgradient, read as the gradient.
            if let (lhs, rhs) = BoxKind.subgradient(step), let key = plain.key(of: lhs) {
                let name = plain.name(forKey: key)
                if let p = parameterKey, isGradient(rhs, of: p) { return [.given(name: name, as: gradientName, line: index)] }
                return [assign(name, plain.tree(rhs), index)]
            }
            if step.form == .mixed && step.assignments.allSatisfy({ $0.value == nil }) || step.assignments.isEmpty {
                if step.assignments.isEmpty && step.form == .math {
                    return [todo(index, "a call with no assignment (\(step.plain)): the code cannot tell what it changes")]
                }
                let why = step.kind == .sample ? "a draw described in words" : "a step in words"
                return [todo(index, why + (step.form == .mixed ? " around math" : ""))]
            }
            var out: [CodeStatement] = []
            for a in step.assignments { out += assignment(a, index) }
            return out
        }
    }

    private func assignment(_ a: IRAssignment, _ index: Int) -> [CodeStatement] {
        guard let value = a.value else {
            return [todo(index, "the value is given in words (\"\(a.valueProse ?? "")\")")]
        }
        guard value.complete && a.target.complete else { return [todo(index, "part of the math could not be parsed")] }
        if let key = a.targetKey {
            if case .apply = a.target.tree.kind { return [todo(index, "it defines a function (\(a.target.tree.plainText)), not a value")] }
            let name = plain.name(forKey: key)
            if a.operation == .sample { return [sample(name, value.tree, index)] }
            if let p = parameterKey, isGradient(value.tree, of: p) {
                return [.given(name: name, as: gradientName, line: index)]
            }
            return [assign(name, plain.tree(value.tree), index)]
        }
        // `a, b = c, d`: one assignment per pair, when no value reads a target.
        if case .tuple(let targets) = a.target.tree.kind, case .tuple(let values) = value.tree.kind, targets.count == values.count {
            let names = targets.compactMap { plain.key(of: $0) }.map(plain.name(forKey:))
            let reads = values.reduce(into: Set<String>()) { $0.formUnion(StatementWalk.reads(plain.tree($1))) }
            if names.count == targets.count, reads.isDisjoint(with: names) {
                return zip(names, values).map { a.operation == .sample ? sample($0, $1, index) : assign($0, plain.tree($1), index) }
            }
            return [todo(index, "a simultaneous assignment to \(a.target.tree.plainText) whose values read the targets")]
        }
        return [todo(index, "it assigns to \(a.target.tree.plainText), an expression rather than one variable")]
    }

    /// `x ← x + …` as `x += …`; `x ← x` (nothing changes) as a comment.
    private func assign(_ name: String, _ value: MathNode, _ index: Int) -> CodeStatement {
        if case .symbol(let s) = value.kind, s.name == name {
            return .comment("\(labels[index] ?? ""): \(ir.steps[index].display) leaves \(name) unchanged", line: index)
        }
        if case .binary(let op, let lhs, let rest) = value.kind, op == .add || op == .subtract,
           case .symbol(let s) = lhs.kind, s.name == name {
            return .assign(target: name, op: op == .add ? "+" : "-", value: rest, line: index)
        }
        return .assign(target: name, op: nil, value: value, line: index)
    }

    /// `x ~ N(0, I)`, `t ~ U(0, 1)`: a draw from a distribution the code knows.
    private func sample(_ name: String, _ distribution: MathNode, _ index: Int) -> CodeStatement {
        var head = distribution
        var args: [MathNode] = []
        if case .apply(let f, let a) = distribution.kind {
            head = f
            args = a.count == 1 ? (a[0].kind.tupleItems ?? a) : a
        }
        let key = plain.key(of: head) ?? ""
        let base = key.split(separator: "_").first.map(String.init) ?? key
        let op = LibraryMap.shared.distributions[key] ?? LibraryMap.shared.distributions[base]
        let plainArgs = args.map(plain.tree)
        switch op {
        case "sample_normal" where args.count == 2:
            if isZero(plainArgs[0]), isIdentity(plainArgs[1]) {
                return .sample(target: name, distribution: "sample_normal", arguments: [], line: index)
            }
            let variance = withoutIdentity(plainArgs[1])
            let scale = MathNode(.root(radicand: variance, degree: nil), range: 0..<0)
            return .sample(target: name, distribution: "sample_normal", arguments: [plainArgs[0], scale], line: index)
        case "sample_uniform" where args.count == 2:
            return .sample(target: name, distribution: "sample_uniform", arguments: plainArgs, line: index)
        default:
            return todo(index, "a draw from \(distribution.plainText), a distribution the code has no sampler for")
        }
    }

    private func isZero(_ n: MathNode) -> Bool {
        if case .number(let s) = n.kind { return Double(s) == 0 }
        return false
    }

    private func isIdentity(_ n: MathNode) -> Bool {
        if case .number("1") = n.kind { return true }
        if case .symbol(let s) = n.kind { return s.name == "I" || s.name.hasPrefix("I_") }
        return false
    }

    /// `\sigma^2 I` → `\sigma^2`.
    private func withoutIdentity(_ n: MathNode) -> MathNode {
        if case .binary(let op, let lhs, let rhs) = n.kind, op == .implicit || op == .multiply, isIdentity(rhs) { return lhs }
        return isIdentity(n) ? MathNode(.number("1"), range: 0..<0) : n
    }

    /// The value is the gradient of the objective with respect to the parameters.
    func isGradient(_ tree: MathNode, of key: String) -> Bool {
        guard case .derivative(let kind, let order, let variables, let of) = tree.kind, order == 1,
              kind == .gradient || kind == .partial else { return false }
        if let v = variables.first { return plain.key(of: v) == key }
        if case .apply(_, let args)? = of?.kind, let first = args.first { return plain.key(of: first) == key }
        return false
    }
}

extension MathNode.Kind {
    /// The items of a tuple, nil for anything else.
    var tupleItems: [MathNode]? {
        if case .tuple(let items) = self { return items }
        return nil
    }
}
