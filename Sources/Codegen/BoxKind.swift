import Analyzers
import MathParsing

/// Whether an algorithm box is a sequence of arithmetic updates (an optimizer, a sampler from
/// named distributions, an estimator): every line that computes something is math, and every
/// operation it uses is arithmetic, an elementary function, the gradient, or a draw from a named
/// distribution. Such a box must yield NumPy code that runs; the others get TODOs, and
/// ``reasons(_:audit:)`` says why, for the corpus report.
public enum BoxKind {
    /// Why the box is not arithmetic, one short reason per line that is not (empty: it is).
    public static func reasons(_ ir: AlgorithmIR, audit: [AuditLine]) -> [BoxReason] {
        let map = LibraryMap.shared
        let elementary = Set(TargetTables.shared.elementaryOperations.ids)
        var out: [BoxReason] = []
        var computing = 0
        for step in ir.steps {
            switch step.kind {
            case .declare, .end, .comment, .return, .break, .else, .loop, .until, .if, .elseIf:
                continue
            case .call where isSubgradient(step):
                computing += 1
                continue
            case .call, .prose, .procedure:
                out.append(BoxReason(line: step.line, reason: step.form == .prose || step.form == .mixed ? "a step in words" : "a call whose effect is not written as math"))
                continue
            default:
                break
            }
            guard step.form == .math else {
                out.append(BoxReason(line: step.line, reason: step.form == .partialMath ? "math that does not fully parse" : "a step in words"))
                continue
            }
            computing += 1
            let ops = audit.first { $0.algorithm == ir.id && $0.line == step.line }?.operations.map(\.op) ?? []
            for op in ops where !(map.operations[op]?.arithmetic ?? false) && !elementary.contains(op) {
                out.append(BoxReason(line: step.line, reason: op == "sample" ? "a draw from a distribution it does not name" : "\(op), not arithmetic"))
            }
        }
        if computing == 0 && out.isEmpty { out.append(BoxReason(line: 0, reason: "no line computes anything")) }
        return out
    }

    /// `g_t \in \partial f(y_t)`: a subgradient written as membership.
    static func isSubgradient(_ step: IRStep) -> Bool { subgradient(step) != nil }

    /// The target and the derivative of a line `g_t \in \partial f(y_t)`.
    static func subgradient(_ step: IRStep) -> (target: MathNode, derivative: MathNode)? {
        guard step.assignments.isEmpty, step.form == .math, step.expressions.count == 1, step.expressions[0].complete,
              case .binary(.element, let lhs, let rhs) = step.expressions[0].tree.kind, case .derivative = rhs.kind else { return nil }
        return (lhs, rhs)
    }
}

/// A line that keeps a box from being arithmetic, and why.
public struct BoxReason: Hashable, Sendable {
    public var line: Int
    public var reason: String
}
