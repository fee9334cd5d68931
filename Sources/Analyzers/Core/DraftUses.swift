/// The quantities each piece of math of an algorithm draft uses, in ``IRStep/allMath`` order,
/// read once with the draft's reader: the glossary, the resolver and the trap finder each walked
/// every tree again.
struct DraftUses: Sendable {
    /// Per step, per piece of its `allMath`.
    let steps: [[QuantityUses]]

    init(_ ir: AlgorithmIR, reader: QuantityReader) {
        steps = ir.steps.map { $0.allMath.map { reader.uses(in: $0.tree) } }
    }

    /// The uses of the value of assignment `a` of step `s` (nil: the assignment has no value).
    func value(step s: Int, assignment a: Int, in ir: AlgorithmIR) -> QuantityUses? {
        // `allMath` lists each assignment's target, then its value if any, then the expressions.
        var k = 0
        for (j, assignment) in ir.steps[s].assignments.enumerated() {
            k += 1
            guard assignment.value != nil else {
                if j == a { return nil }
                continue
            }
            if j == a { return steps[s][k] }
            k += 1
        }
        return nil
    }

    /// The uses of the expressions of step `s`, in order.
    func expressions(step s: Int, in ir: AlgorithmIR) -> ArraySlice<QuantityUses> {
        steps[s].suffix(ir.steps[s].expressions.count)
    }
}
