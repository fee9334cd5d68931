import MathParsing
import PaperModel

/// Gives every display equation a role (core, background, theory) and says why.
struct EquationClassifier: Sendable {
    var rules: CoreRules = .shared
    var cardRules: CardRules = .shared
    var parser = MathMemo()

    struct Context: Sendable {
        /// Equation numbers an algorithm line or caption cites ("(3)", "Equation 5").
        var citedByAlgorithms: [String: String]
        /// Labels cited from experiment or result paragraphs.
        var citedByExperiments: Set<String>
        /// Labels cited from method paragraphs.
        var citedByMethod: Set<String>
        /// Quantity keys an algorithm assigns, with the algorithm's title.
        var algorithmTargets: [String: String]
        var reader: QuantityReader
    }

    /// `titleRoles`: roles of section titles already read (see ``sectionRole(_:titleRoles:)``).
    func classify(_ paper: PaperBlocks, context: Context, titleRoles: [String: String?] = [:]) -> [EquationRole] {
        var out: [EquationRole] = []
        // A section's role depends on its path only: found once per section, as asked.
        var roles: [String?: String?] = [:]
        var titleRoles = titleRoles
        for located in paper.all {
            guard case .equation(let eq) = located.block else { continue }
            let result = parser.parse(eq.tex)
            let sectionName = located.section.map { s in (s.number.map { "§\($0) " } ?? "") + s.title }
            let key = located.section?.id
            let (role, reason) = decide(eq, located: located, tree: result.root, context: context, sectionName: sectionName) {
                if let known = roles[key] { return known }
                let r = sectionRole(located, titleRoles: &titleRoles)
                roles[key] = r
                return r
            }
            out.append(EquationRole(id: eq.id, latex: eq.tex, role: role, reason: reason, parsed: result.complete,
                                    number: eq.numbers.last, labels: eq.labels, section: sectionName, span: eq.span))
        }
        return out
    }

    /// The section's role: method, background, experiments, theory, … (nil: a section of its own).
    func sectionRole(_ located: LocatedBlock) -> String? {
        var titleRoles: [String: String?] = [:]
        return sectionRole(located, titleRoles: &titleRoles)
    }

    /// ``sectionRole(_:)``, reading each title once per paper: `titleRoles` keeps the role of every
    /// title read (a title is read for each of its subsections, and the card's phrase sets
    /// tokenize it on every look-up).
    func sectionRole(_ located: LocatedBlock, titleRoles: inout [String: String?]) -> String? {
        for s in located.sectionPath.reversed() {
            let role: String?
            if let known = titleRoles[s.title] {
                role = known
            } else {
                role = titleRole(s.title)
                titleRoles[s.title] = role
            }
            if let role { return role }
        }
        return nil
    }

    /// The role one title gives on its own (nil: none; the section's parents decide).
    private func titleRole(_ title: String) -> String? {
        if CoreRules.titleMatches(title, rules.theorySectionWords) { return "theory" }
        if CoreRules.titleMatches(title, rules.backgroundSectionWords) { return "background" }
        if let r = cardRules.role(ofTitle: title) { return r }
        if CoreRules.titleMatches(title, rules.methodSectionWords) { return "method" }
        return nil
    }

    private func decide(_ eq: Equation, located: LocatedBlock, tree: MathNode, context: Context,
                        sectionName: String?, sectionRole: () -> String?) -> (EquationRole.Role, String) {
        let whereText = sectionName.map { "in \($0)" } ?? "before the first section"
        // Citations and definitions that make an equation core, whatever its section.
        var because: [String] = []
        for n in eq.numbers { if let alg = context.citedByAlgorithms[n] { because.append("cited by \(alg)") } }
        if eq.labels.contains(where: context.citedByExperiments.contains) { because.append("cited by the experiments") }
        let defined = definedKeys(tree, reader: context.reader)
        if let hit = defined.first(where: { context.algorithmTargets[$0] != nil }) {
            because.append("defines \(hit.replacingOccurrences(of: "hat(", with: "hat ").replacingOccurrences(of: ")", with: "")), which \(context.algorithmTargets[hit]!) computes")
        }
        if let theorem = located.theoremPath.last, rules.theoryCategories.contains(theorem.category) {
            let name = theorem.kind + (theorem.number.map { " \($0)" } ?? "")
            return (.theory, "inside \(name) \(whereText)" + (because.isEmpty ? "" : "; " + because.joined(separator: "; ") + ", but part of the argument"))
        }
        if !because.isEmpty {
            return (.core, because.joined(separator: "; ") + " (\(whereText))")
        }
        if located.inAppendix {
            return (.theory, "appendix derivation \(whereText)")
        }
        let role = sectionRole()
        if role == "theory" { return (.theory, "\(whereText), a section of analysis") }
        if isBound(tree) { return (.theory, "states a bound (an inequality) \(whereText)") }
        switch role {
        case "method", nil:
            if eq.labels.contains(where: context.citedByMethod.contains) {
                return (.core, "\(whereText) (the method), cited again by the method's text")
            }
            return (.core, "\(whereText) (the method)" + (defined.isEmpty ? "" : "; defines " + defined.prefix(3).joined(separator: ", ")))
        case "experiments":
            return defined.isEmpty ? (.background, "\(whereText) (experimental setup), defines nothing the method computes")
                : (.core, "\(whereText) (experimental setup); defines " + defined.prefix(3).joined(separator: ", "))
        case "introduction", "relatedWork", "background", "abstract":
            return (.background, "\(whereText) (\(role!.replacingOccurrences(of: "relatedWork", with: "related work")))")
        default:
            return (.background, "\(whereText) (\(role ?? "other")), not cited by the method")
        }
    }

    /// Keys on the left of `=`, `:=`, `\gets` (each line of a multi-line equation).
    func definedKeys(_ tree: MathNode, reader: QuantityReader) -> [String] {
        var keys: [String] = []
        func visit(_ node: MathNode) {
            switch node.kind {
            case .lines(let items), .sequence(let items): items.forEach(visit)
            case .binary(let op, let lhs, _) where op == .equal || op.isAssignment:
                var left = lhs
                // `a = b = c`: the leftmost side is defined.
                while case .binary(let inner, let l, _) = left.kind, inner == .equal { left = l }
                if let q = reader.quantity(left, spelled: false) { keys.append(q.key) }
                else if case .apply(let f, _) = left.kind, let q = reader.quantity(f, spelled: false) { keys.append(q.key) }
            default: break
            }
        }
        visit(tree)
        var seen = Set<String>()
        return keys.filter { seen.insert($0).inserted }
    }

    private func isBound(_ tree: MathNode) -> Bool {
        var node = tree
        if case .lines(let items) = tree.kind, let first = items.first { node = first }
        if case .sequence(let items) = node.kind, let first = items.first { node = first }
        guard case .binary(let op, _, _) = node.kind else { return false }
        return [.less, .greater, .lessEqual, .greaterEqual, .muchLess, .muchGreater].contains(op)
    }
}
