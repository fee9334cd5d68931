import MathParsing
import PaperModel

/// For a paper without an algorithm box: orders the core equations into a flow (which quantity
/// feeds which, inside which loop) and draws it as a Mermaid `flowchart TD`.
struct CoreFlow: Sendable {
    var rules: CoreRules = .shared

    struct Node: Sendable {
        var id: String
        var label: String
        var defines: [String]
        var uses: [String]
        var inLoop: Bool
    }

    /// Mermaid text, or nil when fewer than one core equation defines anything.
    func mermaid(core: [EquationRole], trees: [String: MathNode], reader: QuantityReader, printer: CodePrinter,
                 classifier: EquationClassifier, loopEquations: Set<String>) -> String? {
        var nodes: [Node] = []
        for (i, eq) in core.enumerated() {
            guard let tree = trees[eq.id] else { continue }
            let defines = classifier.definedKeys(tree, reader: reader)
            guard !defines.isEmpty else { continue }
            let uses = reader.uses(in: tree).keys.filter { !defines.contains($0) }
            var label = eq.plain ?? printer.print(tree)
            if label.count > 60 { label = String(label.prefix(57)) + "..." }
            if let n = eq.number { label = "(\(n)) " + label }
            nodes.append(Node(id: "e\(i + 1)", label: label, defines: defines, uses: uses, inLoop: loopEquations.contains(eq.id)))
        }
        guard !nodes.isEmpty else { return nil }
        var lines = ["flowchart TD"]
        func escape(_ s: String) -> String {
            s.replacingOccurrences(of: "\"", with: "#quot;").replacingOccurrences(of: "\n", with: " ")
        }
        let looped = nodes.filter(\.inLoop)
        let outside = nodes.filter { !$0.inLoop }
        for n in outside { lines.append("  \(n.id)[\"\(escape(n.label))\"]") }
        if !looped.isEmpty {
            lines.append("  subgraph loop[\"each step\"]")
            for n in looped { lines.append("    \(n.id)[\"\(escape(n.label))\"]") }
            lines.append("  end")
        }
        // An edge from the last definition of a quantity before its use; uses before any definition
        // (loop-carried) link to the first definition after.
        var edges = Set<String>()
        for (j, n) in nodes.enumerated() {
            for key in n.uses {
                let producer = nodes[..<j].lastIndex { $0.defines.contains(key) } ?? nodes.indices.last { $0 > j && nodes[$0].defines.contains(key) }
                guard let p = producer, p != j else { continue }
                let name = printer.names[key] ?? key
                let edge = "  \(nodes[p].id) -->|\(escape(name))| \(n.id)"
                if edges.insert(edge).inserted { lines.append(edge) }
            }
        }
        return lines.joined(separator: "\n")
    }
}
