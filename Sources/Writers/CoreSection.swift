import Analyzers
import PaperModel

/// Renders the core-algorithm part of a deconstruction (steps 2 and 3): per algorithm the table
/// paper line | plain names | library?, the state variables and the traps; for a paper without
/// a box, the core equations with their roles and the Mermaid flow.
public enum CoreSection {
    /// Terminal text, wrapped to `width` columns.
    public static func text(_ core: CoreAnalysis, style: TextStyle, width: Int) -> String {
        var out: [String] = []
        let width = max(width, 60)
        let counts = roleCounts(core)
        for ir in core.algorithms {
            out.append(style.bold("CORE ALGORITHM") + "  \(ir.title) (\(ir.span.short))" + (ir.caption.isEmpty ? "" : ": " + firstSentence(ir.caption)))
            if counts.theory + counts.background > 0 {
                out.append("  " + style.dim("Other math: \(counts.theory) theory and \(counts.background) background equations, not needed to implement it"))
            }
            let rows = ir.steps.filter { $0.kind != .end }.map { step -> (String, String, String) in
                let indent = String(repeating: "  ", count: step.depth)
                let line = audit(core, ir, step)
                return (indent + step.display, step.plain.isEmpty ? "" : indent + step.plain, line.map(librarySummary) ?? "–")
            }
            out += table(header: ("paper", "plain names" + (ir.elementwise ? ", element-wise" : ""), "library?"), rows: rows, width: width, style: style)
            if !ir.stateVariables.isEmpty {
                out.append("  state carried across iterations: " + ir.stateVariables.map(\.name).joined(separator: ", "))
            }
            let traps = core.traps.filter { $0.algorithm == ir.id }
            if !traps.isEmpty {
                out.append(style.bold("TRAPS"))
                for t in traps { out += wrap("· " + t.message + (t.evidence.map { "  (\($0.short))" } ?? ""), width: width, indent: "  ", hanging: "    ") }
            }
            out.append("")
        }
        if core.algorithms.isEmpty {
            let core3 = core.equations.filter { $0.role == .core }
            out.append(style.bold("CORE EQUATIONS") + "  no algorithm box; \(core3.count) core, \(counts.background) background, \(counts.theory) theory")
            for e in core3 {
                let head = "(\(e.number ?? e.id)) " + (e.plain ?? e.latex)
                out += wrap(head, width: width, indent: "  ", hanging: "      ")
                out += wrap(style.dim(e.reason + " · " + e.span.short), width: width, indent: "      ", hanging: "      ")
            }
            if let flow = core.flow {
                out.append(style.bold("FLOW") + " (Mermaid)")
                out += flow.split(separator: "\n").map { "  " + $0 }
            }
            out.append("")
        }
        let named = core.glossary.filter { $0.meaning != nil || $0.value != nil }
        if !named.isEmpty {
            out.append(style.bold("GLOSSARY"))
            for g in named {
                var s = "\(g.name) = \(g.symbol)"
                if let m = g.meaning { s += ": " + m }
                if let v = g.value { s += " (value \(v))" }
                if let e = g.evidence { s += "  " + style.dim(e.short) }
                out += wrap(s, width: width, indent: "  ", hanging: "    ")
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// Markdown: one table per algorithm with a column per framework.
    public static func markdown(_ core: CoreAnalysis) -> String {
        var out: [String] = []
        let counts = roleCounts(core)
        for ir in core.algorithms {
            out.append("## Core algorithm: \(ir.title)")
            out.append("")
            if !ir.caption.isEmpty { out.append("> " + cell(ir.caption)); out.append("") }
            out.append("From `\(ir.span.description)`. The paper's other math — \(counts.theory) theory and \(counts.background) background equations — is not needed to implement it.")
            out.append("")
            out.append("| paper | plain names | NumPy | PyTorch | JAX | Swift |")
            out.append("|---|---|---|---|---|---|")
            for step in ir.steps where step.kind != .end {
                let indent = String(repeating: "&nbsp;&nbsp;", count: step.depth)
                let line = audit(core, ir, step)
                let frameworks = frameworks.map { fw in frameworkCell(line, fw) { "`\($0)`" } }
                out.append("| \(indent)\(cell(step.display)) | \(indent)\(step.plain.isEmpty ? "" : "`" + cell(step.plain) + "`") | " + frameworks.joined(separator: " | ") + " |")
            }
            out.append("")
            if !ir.stateVariables.isEmpty {
                out.append("State carried across iterations: " + ir.stateVariables.map { "`\($0.name)`" }.joined(separator: ", ") + ".")
                out.append("")
            }
            let traps = core.traps.filter { $0.algorithm == ir.id }
            if !traps.isEmpty {
                out.append("**Traps**")
                out.append("")
                for t in traps { out.append("- " + t.message + (t.evidence.map { " (`\($0.short)`)" } ?? "")) }
                out.append("")
            }
        }
        if core.algorithms.isEmpty {
            out.append("## Core equations")
            out.append("")
            out.append("No algorithm box. \(counts.core) core, \(counts.background) background and \(counts.theory) theory equations.")
            out.append("")
            out.append("| # | plain names | role | why | where |")
            out.append("|---|---|---|---|---|")
            for e in core.equations where e.role == .core {
                out.append("| \(e.number ?? e.id) | `\(cell(e.plain ?? e.latex))` | \(e.role.rawValue) | \(cell(e.reason)) | `\(e.span.short)` |")
            }
            out.append("")
            if let flow = core.flow {
                out.append("```mermaid")
                out.append(flow)
                out.append("```")
                out.append("")
            }
        }
        let named = core.glossary.filter { $0.meaning != nil || $0.value != nil }
        if !named.isEmpty {
            out.append("**Glossary**")
            out.append("")
            out.append("| symbol | plain name | meaning | value | where |")
            out.append("|---|---|---|---|---|")
            for g in named {
                out.append("| $\(g.symbol)$ | `\(g.name)` | \(cell(g.meaning ?? "")) | \(g.value ?? "") | \(g.evidence.map { "`\($0.short)`" } ?? "") |")
            }
            out.append("")
        }
        return out.joined(separator: "\n")
    }

    // MARK: - Helpers

    /// What the library column says for a line: "arithmetic", "np.sqrt / torch.sqrt / jnp.sqrt",
    /// "write it" for prose, "–" when there is nothing to call.
    static func librarySummary(_ line: AuditLine) -> String {
        if line.prose { return "write it" }
        if line.operations.isEmpty { return "–" }
        let calls = line.operations.filter { !$0.arithmetic }
        if calls.isEmpty { return "arithmetic" }
        return calls.map { op in
            let known = [op.numpy, op.pytorch, op.jax].compactMap { $0 }
            return known.isEmpty ? "write \(op.op)" : known.joined(separator: " / ")
        }.joined(separator: "; ")
    }

    /// The frameworks of the per-line library columns, as the audit names them.
    static let frameworks = ["numpy", "pytorch", "jax", "swift"]

    /// One framework's cell for a line: its calls (each passed through `code`), "write it" for
    /// prose, "write op" for an operation the framework lacks, "arithmetic", or "–".
    static func frameworkCell(_ line: AuditLine?, _ framework: String, code: (String) -> String) -> String {
        guard let line else { return "–" }
        if line.prose { return "write it" }
        if line.operations.isEmpty { return "–" }
        return line.operations.filter { !$0.arithmetic }.map { $0.call(framework).map(code) ?? "write \($0.op)" }
            .joined(separator: ", ").nilIfEmpty ?? "arithmetic"
    }

    static func audit(_ core: CoreAnalysis, _ ir: AlgorithmIR, _ step: IRStep) -> AuditLine? {
        core.audit.first { $0.algorithm == ir.id && $0.line == step.line }
    }

    static func roleCounts(_ core: CoreAnalysis) -> (core: Int, background: Int, theory: Int) {
        (core.equations.filter { $0.role == .core }.count, core.equations.filter { $0.role == .background }.count,
         core.equations.filter { $0.role == .theory }.count)
    }

    static func firstSentence(_ s: String) -> String {
        let text = s.split(whereSeparator: \.isNewline).joined(separator: " ")
        if let r = text.range(of: ". ") { return String(text[..<r.lowerBound]) }
        return text
    }

    private static func cell(_ s: String) -> String {
        s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }

    private static func table(header: (String, String, String), rows: [(String, String, String)], width: Int,
                              style: TextStyle) -> [String] {
        let all = [header] + rows
        let paperWidth = min(all.map(\.0.count).max() ?? 10, max(24, width * 2 / 5))
        let plainWidth = min(all.map(\.1.count).max() ?? 10, max(20, width - paperWidth - 24))
        let libraryWidth = max(16, width - paperWidth - plainWidth - 6)
        var out: [String] = []
        for (i, row) in all.enumerated() {
            let a = chunks(row.0, paperWidth), b = chunks(row.1, plainWidth), c = chunks(row.2, libraryWidth)
            for k in 0..<max(a.count, b.count, c.count) {
                let line = "  " + pad(k < a.count ? a[k] : "", paperWidth) + "  " + pad(k < b.count ? b[k] : "", plainWidth) + "  " + (k < c.count ? c[k] : "")
                var trimmed = line
                while trimmed.hasSuffix(" ") { trimmed.removeLast() }
                out.append(i == 0 ? style.dim(trimmed) : trimmed)
            }
        }
        return out
    }

    private static func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }

    /// Splits text into pieces of at most `n` characters, at spaces where possible.
    static func chunks(_ s: String, _ n: Int) -> [String] {
        guard s.count > n, n > 0 else { return [s] }
        var out: [String] = []
        var rest = Substring(s)
        while rest.count > n {
            let head = rest.prefix(n)
            if let space = head.lastIndex(of: " "), space > head.startIndex {
                out.append(String(rest[..<space]))
                rest = rest[rest.index(after: space)...]
            } else {
                out.append(String(head))
                rest = rest.dropFirst(n)
            }
        }
        if !rest.isEmpty { out.append(String(rest)) }
        return out
    }

    private static func wrap(_ s: String, width: Int, indent: String, hanging: String) -> [String] {
        let pieces = chunks(s, width - hanging.count)
        return pieces.enumerated().map { ($0.offset == 0 ? indent : hanging) + $0.element }
    }
}

private extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
