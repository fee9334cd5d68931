import MathParsing

/// A quantity as the code sees it: `m_t`, `m_{t-1}` and `\mathbf{m}_0` are one quantity `m`
/// (the loop counter and the initial-value subscript are dropped), `\beta_1` is `beta_1`,
/// `\hat{m}_t` is `hat(m)`, `\mathcal{L}_d` is `cal:L_d`.
struct Quantity: Hashable, Sendable {
    /// Identity used to match the same quantity across lines and paragraphs (fonts such as bold
    /// are ignored; calligraphic, blackboard, fraktur and script letters are kept apart).
    var key: String
    /// A readable spelling for code: `beta1`, `m_hat`, `L_d`, `eps`.
    var readable: String
    /// The loop counter that subscripted it (`t` for `m_{t-1}`), if any.
    var counter: String?
    /// -1 for `t-1`, +1 for `t+1`, 0 for `t` or no counter.
    var shift: Int
    /// Subscript `0` (an initial value such as `\theta_0`).
    var initial: Bool
}

/// Recognises quantities in math trees, given the loop counters in force.
struct QuantityReader: Sendable {
    var counters: Set<String>
    var naming: CoreNaming
    /// Keys whose counter subscript is kept: the box uses the bare symbol for another quantity
    /// (`v` the best value so far, `v^{(t)}` the current one).
    var keepCounter: Set<String> = []

    init(counters: Set<String>, naming: CoreNaming = .shared, keepCounter: Set<String> = []) {
        self.counters = counters
        self.naming = naming
        self.keepCounter = keepCounter
    }

    /// The quantity a node denotes, or nil when it is not a (decorated, indexed) symbol.
    func quantity(_ node: MathNode) -> Quantity? { quantity(node, spelled: true) }

    /// ``quantity(_:)``; with `spelled` false, `readable` is left empty: for callers that read
    /// the key, counter, shift and `initial` alone. The spelling is most of a quantity's cost (a
    /// name look-up, scripts made into identifiers, two more strings built).
    func quantity(_ node: MathNode, spelled: Bool) -> Quantity? {
        switch node.kind {
        case .symbol(let s):
            return Quantity(key: styleKey(s), readable: spelled ? naming.spell(s.name) : "", counter: nil, shift: 0, initial: false)
        case .index(let base, let index), .superscriptIndex(let base, let index):
            guard var q = quantity(base, spelled: spelled) else { return nil }
            let isSuper: Bool = if case .superscriptIndex = node.kind { true } else { false }
            if let (counter, shift) = counterScript(index) {
                if keepCounter.contains(q.key) {
                    let text = scriptText(index)
                    q.key.appendScript(text, superscript: isSuper)
                    if spelled { q.readable += "_" + naming.identifierPart(text) }
                    return q
                }
                q.counter = counter
                q.shift = shift
                return q
            }
            if case .number("0") = index.kind, !isSuper {
                q.initial = true
                return q
            }
            if case .tuple(let items) = index.kind {
                // `v_{t,i}`: drop the counter, keep the rest.
                var rest: [MathNode] = []
                for item in items {
                    if let (counter, shift) = counterScript(item), q.counter == nil {
                        q.counter = counter
                        q.shift = shift
                    } else {
                        rest.append(item)
                    }
                }
                guard !rest.isEmpty else { return q }
                let text = rest.map { scriptText($0) }.joined(separator: ",")
                q.key.appendScript(text, superscript: isSuper)
                if spelled { q.readable += "_" + rest.map { naming.identifierPart(scriptText($0)) }.joined(separator: "_") }
                return q
            }
            let text = scriptText(index)
            q.key.appendScript(text, superscript: isSuper)
            guard spelled else { return q }
            let part = naming.identifierPart(text)
            if case .number = index.kind, !isSuper, !q.readable.hasSuffix("_") {
                q.readable += part
            } else {
                q.readable += "_" + part
            }
            return q
        case .accent(let accent, let base):
            guard var q = quantity(base, spelled: spelled) else { return nil }
            q.key = accent.rawValue + "(" + q.key + ")"
            if spelled { q.readable = naming.decorate(q.readable, accent: accent.rawValue) }
            return q
        case .binary(.implicit, let lhs, let rhs):
            // `\Delta t` (a step), `d\mathbf{w}` (a differential in a reverse pass): one name.
            guard case .symbol(let head) = lhs.kind, head.style == .normal || head.style == .roman,
                  head.name == "Delta" || head.name == "d", var q = quantity(rhs, spelled: spelled) else { return nil }
            if head.name == "d" {
                guard case .symbol(let s) = rhs.kind, s.style == .bold || CoreNaming.greekLetters.contains(s.name) else { return nil }
            }
            q.key = head.name + " " + q.key
            if spelled { q.readable = (head.name == "d" ? "d" : "delta_") + q.readable }
            q.counter = nil
            q.shift = 0
            return q
        case .postfix(let op, let base) where op == .prime || op == .star || op == .dagger:
            guard var q = quantity(base, spelled: spelled) else { return nil }
            q.key += op == .prime ? "'" : op == .star ? "*" : "†"
            if spelled { q.readable += op == .prime ? "_prime" : op == .star ? "_star" : "_dagger" }
            return q
        default:
            return nil
        }
    }

    /// Whether ``quantity(_:)`` is non-nil, without building the key and spelling: the same
    /// structural tests (every branch of `quantity` that passes them returns a quantity).
    func isQuantity(_ node: MathNode) -> Bool {
        switch node.kind {
        case .symbol:
            return true
        case .index(let base, _), .superscriptIndex(let base, _), .accent(_, let base):
            return isQuantity(base)
        case .binary(.implicit, let lhs, let rhs):
            guard case .symbol(let head) = lhs.kind, head.style == .normal || head.style == .roman,
                  head.name == "Delta" || head.name == "d", isQuantity(rhs) else { return false }
            if head.name == "d" {
                guard case .symbol(let s) = rhs.kind, s.style == .bold || CoreNaming.greekLetters.contains(s.name) else { return false }
            }
            return true
        case .postfix(let op, let base) where op == .prime || op == .star || op == .dagger:
            return isQuantity(base)
        default:
            return false
        }
    }

    /// The readable spelling of the quantity `node` denotes (empty: none).
    func spelling(_ node: MathNode) -> String { quantity(node)?.readable ?? "" }

    /// `t`, `t-1`, `t+1` (a counter, shifted by a number): the counter and the shift.
    func counterScript(_ node: MathNode) -> (String, Int)? {
        switch node.kind {
        case .symbol(let s) where counters.contains(s.name):
            return (s.name, 0)
        case .binary(let op, let lhs, let rhs) where op == .add || op == .subtract:
            guard case .symbol(let s) = lhs.kind, counters.contains(s.name) else { return nil }
            switch rhs.kind {
            case .number(let n): return (s.name, (op == .add ? 1 : -1) * (Int(n) ?? 1))
            default:
                // `t - \Delta t`: still the counter, shifted by a step.
                return (s.name, op == .add ? 1 : -1)
            }
        default:
            return nil
        }
    }

    /// Every quantity used in a tree, in order, not descending into the quantities themselves.
    /// Bound variables (`\sum_{i=1}`, `\max_{x}`) and function heads are reported apart. The
    /// quantities are not spelled (`readable` is empty; ``spelling(_:)`` gives it from the node):
    /// the callers read their keys, and spell the few they name.
    func uses(in node: MathNode) -> QuantityUses {
        var uses = QuantityUses()
        collect(node, into: &uses)
        return uses
    }

    private func collect(_ node: MathNode, into uses: inout QuantityUses) {
        if let q = quantity(node, spelled: false) {
            uses.append(q, node: node)
            if case .index(_, let index) = node.kind { collectCounters(index, into: &uses) }
            return
        }
        switch node.kind {
        case .apply(let function, let arguments):
            if let q = quantity(function) { uses.functions.append(q) } else { collect(function, into: &uses) }
            arguments.forEach { collect($0, into: &uses) }
        case .bigOperator(_, let lower, let upper, let body):
            if let lower {
                // `i = 1`, `x \in X`, `i`: the variable on the left is bound.
                if case .binary(let op, let lhs, let rhs) = lower.kind, op == .equal || op == .element || op == .similar {
                    if let q = quantity(lhs) { uses.bound.insert(q.key) } else { collect(lhs, into: &uses) }
                    collect(rhs, into: &uses)
                } else if let q = quantity(lower) {
                    uses.bound.insert(q.key)
                } else {
                    collect(lower, into: &uses)
                }
            }
            if let upper { collect(upper, into: &uses) }
            if let body { collect(body, into: &uses) }
        case .derivative(_, _, let variables, let of):
            for v in variables { if let q = quantity(v) { uses.append(q, node: v) } }
            if let of { collect(of, into: &uses) }
        case .text, .command:
            break
        default:
            node.kind.forEachChildNode { collect($0, into: &uses) }
        }
    }

    private func collectCounters(_ node: MathNode, into uses: inout QuantityUses) {
        // Recursion instead of `forEach`, whose stack is an array allocated per index.
        if case .symbol(let s) = node.kind, counters.contains(s.name) { uses.counters.insert(s.name) }
        node.kind.forEachChild { collectCounters($0, into: &uses) }
    }

    private func styleKey(_ s: MathSymbol) -> String {
        switch s.style {
        case .calligraphic: "cal:" + s.name
        case .blackboard: "bb:" + s.name
        case .fraktur: "frak:" + s.name
        case .script: "scr:" + s.name
        default: s.name
        }
    }

    /// The plain text of a script, compact (`t-1`, `1:L`).
    private func scriptText(_ node: MathNode) -> String {
        // Most scripts are one symbol or numeral, whose plain text is its name: no printer.
        let text: String = switch node.kind {
        case .symbol(let s): s.name
        case .number(let n): n
        default: node.plainText
        }
        guard text.utf8.contains(0x20) else { return text }
        return text.replacingOccurrences(of: " ", with: "")
    }
}

private extension String {
    /// `_{text}` or `^(text)`, appended in place (a concatenation builds two strings first).
    mutating func appendScript(_ text: String, superscript: Bool) {
        append(superscript ? "^(" : "_{")
        append(text)
        append(superscript ? ")" : "}")
    }
}

/// What ``QuantityReader/uses(in:)`` found.
struct QuantityUses: Sendable {
    /// Not spelled: see ``QuantityReader/uses(in:)``.
    var quantities: [Quantity] = []
    /// The node of each of `quantities`.
    var nodes: [MathNode] = []
    var functions: [Quantity] = []
    var bound: Set<String> = []
    var counters: Set<String> = []

    mutating func append(_ q: Quantity, node: MathNode) {
        quantities.append(q)
        nodes.append(node)
    }

    var keys: [String] {
        var seen = Set<String>()
        var out: [String] = []
        for q in quantities where seen.insert(q.key).inserted { out.append(q.key) }
        return out
    }
}

extension MathNode.Kind {
    /// Direct children, for walks outside the MathParsing module.
    func forEachChildNode(_ body: (MathNode) -> Void) {
        forEachChild(body)
    }
}

extension MathNode {
    /// The nodes in ``forEach(_:)``'s order (parents first, in source order), by recursion: the
    /// core walks every tree several times, and `forEach` allocates a stack and copies each node
    /// through it.
    func visit(_ body: (MathNode) -> Void) {
        body(self)
        kind.forEachChild { $0.visit(body) }
    }

    /// Whether this node or one below it satisfies `predicate`; stops at the first.
    func anyNode(_ predicate: (MathNode) -> Bool) -> Bool {
        if predicate(self) { return true }
        var found = false
        kind.forEachChild { if !found { found = $0.anyNode(predicate) } }
        return found
    }
}
