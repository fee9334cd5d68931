import Foundation
import MathParsing

/// The one statement printer every target shares: writes ``CodeStatement``s with the target's
/// syntax table, each line commented with the box line it implements, and turns what the
/// expression printer cannot express into visible `TODO(line N)` comments (collected in
/// ``todos``).
struct StatementPrinter {
    var table: TargetTable
    var expressions: ExpressionPrinter
    var program: CodeProgram
    /// Arrays updated in place (`m[...] = …`, `m.copy_(…)`): optimizer state and parameters.
    var inPlace: Set<String> = []
    /// Names that exist before the statements run (arguments, state): never declared.
    var known: Set<String> = []
    /// How a gradient given by the caller is described (`grads`, `theta.grad`).
    var givenAs = "grads"
    /// Where the given value comes from, for the comment (`grads`, `theta.grad`).
    var givenFrom = "grads"
    private(set) var todos: [CodeTodo] = []
    private var syntax: TargetTable.Syntax { table.syntax }

    init(table: TargetTable, expressions: ExpressionPrinter, program: CodeProgram) {
        self.table = table
        self.expressions = expressions
        self.program = program
    }

    /// The statements as lines at `indent` levels, declaring the locals they introduce (Swift).
    mutating func lines(_ statements: [CodeStatement], indent: Int) -> [String] {
        var declared = known
        var out: [String] = []
        if table.language == "swift" {
            // A local assigned more than once, or inside a nested block, is declared up front.
            var counts: [String: Int] = [:]
            var nested = Set<String>()
            for s in statements {
                switch s {
                case .assign(let t, _, _, _), .sample(let t, _, _, _): counts[t, default: 0] += 1
                default: nested.formUnion(StatementWalk.writes([s]).subtracting(StatementWalk.loopVariables([s])))
                }
            }
            for name in (Set(counts.keys).union(nested)).sorted() where !known.contains(name) && (counts[name, default: 0] > 1 || nested.contains(name)) {
                let zero = expressions.types[name] == .int ? "0" : (expressions.types[name] == .bool ? "false" : "0.0")
                out.append(pad(indent) + fill(syntax.declareVar, ["target": expressions.identifier(name), "value": zero]))
                declared.insert(name)
            }
        }
        out += body(statements, indent: indent, declared: &declared)
        return out
    }

    private mutating func body(_ statements: [CodeStatement], indent: Int, declared: inout Set<String>) -> [String] {
        var out: [String] = []
        for s in statements {
            out += statement(s, indent: indent, declared: &declared)
        }
        return out
    }

    private func pad(_ n: Int) -> String { String(repeating: syntax.indent, count: n) }

    /// `code  # line 7: m_t <- …`, or the comment on its own line above when the line would be long.
    func cited(_ code: String, _ line: Int?, indent: Int) -> [String] {
        guard let line else { return [pad(indent) + code] }
        let comment = syntax.comment + program.citation(line) + ": " + (program.lineText[line] ?? "")
        let one = pad(indent) + code + "  " + comment
        if one.count <= syntax.lineLimit { return [one] }
        let short = pad(indent) + code + "  " + syntax.comment + program.citation(line)
        if short.count <= syntax.lineLimit, (pad(indent) + comment).count > syntax.lineLimit {
            return [short]
        }
        return [pad(indent) + comment, pad(indent) + code]
    }

    private mutating func todo(_ line: Int, _ reason: String, indent: Int) -> [String] {
        let label = program.lineLabels[line] ?? "line \(line + 1)"
        let t = CodeTodo(line: line, label: label, reason: reason, source: program.lineText[line] ?? "")
        todos.append(t)
        return [pad(indent) + syntax.comment + "TODO(\(label)): \(reason) — \(t.source)"]
    }

    private mutating func statement(_ s: CodeStatement, indent: Int, declared: inout Set<String>) -> [String] {
        switch s {
        case .assign(let target, let op, let value, let line):
            do {
                var v = try expressions.print(value)
                // `z = x` for arrays: a copy, so that later in-place updates of one leave the other alone.
                if op == nil, case .symbol(let s) = value.kind, expressions.types[s.name]?.isArray == true, !expressions.elementwise,
                   let copy = table.functions["copy"]?.array {
                    v = fill(copy, ["0": v])
                }
                let t = expressions.identifier(target) + (expressions.elementwise && expressions.types[target]?.isArray == true ? "[i]" : "")
                let code: String
                if let op {
                    code = fill(syntax.augmented, ["target": t, "op": op, "value": v])
                } else if inPlace.contains(target) {
                    code = fill(syntax.inPlace, ["target": t, "value": v])
                } else if !declared.contains(target) {
                    code = fill(syntax.declare, ["target": t, "value": v])
                    declared.insert(target)
                } else {
                    code = fill(syntax.assign, ["target": t, "value": v])
                }
                return cited(code, line, indent: indent)
            } catch let u as Unsupported {
                return todo(line, u.reason, indent: indent)
            } catch {
                return todo(line, "\(error)", indent: indent)
            }
        case .sample(let target, let distribution, let arguments, let line):
            do {
                let r = try expressions.function(distribution, arguments, real: true)
                let t = expressions.identifier(target)
                let code = inPlace.contains(target) ? fill(syntax.inPlace, ["target": t, "value": r.text])
                    : fill(declared.contains(target) ? syntax.assign : syntax.declare, ["target": t, "value": r.text])
                declared.insert(target)
                return cited(code, line, indent: indent)
            } catch let u as Unsupported {
                return todo(line, u.reason, indent: indent)
            } catch {
                return todo(line, "\(error)", indent: indent)
            }
        case .given(let name, _, let line):
            if expressions.identifier(name) == givenAs {
                return [pad(indent) + syntax.comment + program.citation(line) + ": " + (program.lineText[line] ?? "") + " — given in " + givenFrom]
            }
            declared.insert(name)
            return cited(fill(syntax.declare, ["target": expressions.identifier(name), "value": givenAs]), line, indent: indent)
        case .comment(let text, _):
            return [pad(indent) + syntax.comment + text]
        case .todo(let t):
            return todo(t.line, t.reason, indent: indent)
        case .break(let line):
            return cited(syntax.break, line, indent: indent)
        case .return(let values, let line):
            do {
                let printed = try values.map { try expressions.print($0) }
                return cited(fill(syntax.return, ["value": printed.joined(separator: ", ")]), line, indent: indent)
            } catch let u as Unsupported {
                return todo(line, u.reason, indent: indent)
            } catch {
                return todo(line, "\(error)", indent: indent)
            }
        case .loop(let loop, let inner, let line):
            return loopLines(loop, inner, line, indent: indent, declared: &declared)
        case .branches(let branches):
            var out: [String] = []
            for (k, b) in branches.enumerated() {
                var head: String
                var extra: [String] = []
                if let c = b.condition {
                    do {
                        head = fill(k == 0 ? syntax.if : syntax.elif, ["cond": try expressions.print(c)])
                    } catch let u as Unsupported {
                        extra = todo(b.line, u.reason + "; the branch is never taken", indent: indent)
                        head = fill(k == 0 ? syntax.if : syntax.elif, ["cond": syntax.false])
                    } catch {
                        head = fill(k == 0 ? syntax.if : syntax.elif, ["cond": syntax.false])
                    }
                } else if let words = b.unreadable {
                    extra = todo(b.line, "the condition is in words (\"\(words.collapsed)\"); the branch is never taken", indent: indent)
                    head = fill(k == 0 ? syntax.if : syntax.elif, ["cond": syntax.false])
                } else {
                    head = syntax.else
                }
                out += extra
                out += cited(head, b.line, indent: indent)
                var scope = declared
                out += block(b.body, indent: indent + 1, declared: &scope)
            }
            if let end = syntax.blockEnd { out.append(pad(indent) + end) }
            return out
        }
    }

    private mutating func block(_ statements: [CodeStatement], indent: Int, declared: inout Set<String>) -> [String] {
        let lines = body(statements, indent: indent, declared: &declared)
        let code = lines.filter { !$0.trimmingCharacters(in: .whitespaces).hasPrefix(syntax.comment.trimmingCharacters(in: .whitespaces)) }
        if code.isEmpty, let empty = syntax.emptyBlock { return lines + [pad(indent) + empty] }
        return lines
    }

    /// A loop bound as an integer (`B / 2` → `int(B / 2)`).
    private func bound(_ node: MathNode) throws -> String {
        let (text, type) = try expressions.printTyped(node)
        return type == .int ? text : fill(syntax.toInt, ["0": text])
    }

    private mutating func loopLines(_ loop: CodeLoop, _ inner: [CodeStatement], _ line: Int, indent: Int,
                                    declared: inout Set<String>) -> [String] {
        var head: String
        var pre: [String] = []
        var tail: [String] = []
        var scope = declared
        do {
            switch loop {
            case .range(let v, let from, let to, let descending):
                head = fill(descending ? syntax.forRangeDown : syntax.forRange,
                            ["var": expressions.identifier(v), "from": try bound(from), "to": try bound(to)])
                scope.insert(v)
            case .open(let v, let from):
                head = fill(syntax.forRange, ["var": expressions.identifier(v), "from": try bound(from),
                                              "to": expressions.identifier("max_steps")])
                scope.insert(v)
            case .forEach(let v, let over):
                guard table.language == "python" else { throw Unsupported(reason: "a loop over a collection") }
                head = "for \(expressions.identifier(v)) in \(try expressions.print(over)):"
                scope.insert(v)
            case .whileCondition(let c):
                head = fill(syntax.while, ["cond": try expressions.print(c)])
            case .budget:
                head = fill(syntax.budget, ["limit": expressions.identifier("max_steps")])
            case .repeatUntil(let c):
                head = syntax.doWhile
                var until = fill(syntax.untilBreak, ["cond": try expressions.print(c)])
                if syntax.blockEnd == nil {
                    tail = [pad(indent + 1) + until, pad(indent + 2) + syntax.break]
                } else {
                    until += " " + syntax.break + " " + (syntax.blockEnd ?? "")
                    tail = [pad(indent + 1) + until]
                }
            }
        } catch let u as Unsupported {
            pre = todo(line, u.reason + "; the loop runs for a step budget instead", indent: indent)
            head = fill(syntax.budget, ["limit": expressions.identifier("max_steps")])
        } catch {
            head = fill(syntax.budget, ["limit": expressions.identifier("max_steps")])
        }
        var out = pre + cited(head, line, indent: indent)
        out += block(inner, indent: indent + 1, declared: &scope) + tail
        if let end = syntax.blockEnd { out.append(pad(indent) + end) }
        return out
    }
}
