import Analyzers
import PaperModel

/// The core-algorithm part of the HTML report (steps 2 and 3): each box line by line — the
/// paper's line with its math drawn, the line in plain names, and the call in each framework —
/// with its state variables and traps; for a paper without a box, its core equations and their
/// flow; then the glossary.
enum HTMLCore {
    static func anchor(_ algorithmID: String) -> String { HTMLMarkup.anchor("alg", algorithmID) }

    static func section(_ d: Deconstruction) -> String {
        let core = d.core
        let counts = CoreSection.roleCounts(core)
        var out = "<section id=\"core\">"
        for ir in core.algorithms {
            out += "<h2 id=\"\(anchor(ir.id))\">Core algorithm: \(HTMLMarkup.escape(ir.title))</h2>"
            if !ir.caption.isEmpty { out += "<p class=\"caption\">" + HTMLMarkup.text(ir.caption) + "</p>" }
            out += "<p class=\"note\">From <span class=\"where\">\(HTMLMarkup.escape(ir.span.description))</span>. "
                + "The paper's other math — \(counts.theory) theory and \(counts.background) background equations — is not needed to implement it.</p>"
            out += "<table class=\"algorithm\"><thead><tr><th>#</th><th>paper</th><th>plain names"
                + (ir.elementwise ? ", element-wise" : "") + "</th><th>NumPy</th><th>PyTorch</th><th>JAX</th><th>Swift</th></tr></thead><tbody>"
            for step in ir.steps where step.kind != .end {
                let audit = CoreSection.audit(core, ir, step)
                let cells = CoreSection.frameworks.map { fw in
                    "<td>" + CoreSection.frameworkCell(audit, fw) { "<code>" + HTMLMarkup.escape($0) + "</code>" } + "</td>"
                }
                out += "<tr><td class=\"ln\">\(step.line + 1)</td><td class=\"paper\" style=\"padding-left:\(0.4 + Double(step.depth) * 1.5)em\">"
                    + line(step) + "</td><td><code>\(HTMLMarkup.escape(step.plain))</code></td>" + cells.joined() + "</tr>"
            }
            out += "</tbody></table>"
            if !ir.stateVariables.isEmpty {
                out += "<p>State carried across iterations: " + ir.stateVariables.map { "<code>\(HTMLMarkup.escape($0.name))</code>" }.joined(separator: ", ") + ".</p>"
            }
            let traps = core.traps.filter { $0.algorithm == ir.id }
            if !traps.isEmpty {
                out += "<h3>Traps</h3><ul class=\"traps\">" + traps.map { t in
                    "<li>" + HTMLMarkup.escape(t.message) + (t.evidence.map { " <span class=\"where\">\(HTMLMarkup.escape($0.short))</span>" } ?? "") + "</li>"
                }.joined() + "</ul>"
            }
        }
        if core.algorithms.isEmpty {
            out += "<h2>Core equations</h2><p class=\"note\">No algorithm box. \(counts.core) core, \(counts.background) background and "
                + "\(counts.theory) theory equations.</p>"
            out += equations(core.equations.filter { $0.role == .core })
            let rest = core.equations.filter { $0.role != .core }
            if !rest.isEmpty {
                out += "<details><summary>The other \(rest.count) equations (background and theory)</summary>" + equations(rest) + "</details>"
            }
            if let flow = core.flow {
                out += "<h3>Flow</h3><p class=\"note\">Which quantity feeds which, as a Mermaid flowchart "
                    + "(paste into any Mermaid viewer to draw it).</p><pre class=\"flow\">" + HTMLMarkup.escape(flow) + "</pre>"
            }
        }
        out += glossary(core.glossary.filter { $0.meaning != nil || $0.value != nil })
        return out + "</section>"
    }

    /// The paper's line: keyword, text with its math drawn, trailing keyword, comment.
    private static func line(_ step: IRStep) -> String {
        let (lead, trail) = IRStep.keyword(step.lineKind)
        var out = lead.isEmpty ? "" : "<b>\(HTMLMarkup.escape(lead))</b> "
        out += HTMLMarkup.text(step.source)
        if !trail.isEmpty, !step.source.isEmpty { out += " <b>\(HTMLMarkup.escape(trail.trimmingLeadingSpace))</b>" }
        if let c = step.comment { out += " <span class=\"comment\">▷ " + HTMLMarkup.text(c) + "</span>" }
        return out
    }

    private static func equations(_ list: [EquationRole]) -> String {
        guard !list.isEmpty else { return "" }
        return "<table class=\"equations\"><thead><tr><th>#</th><th>equation</th><th>role</th><th>why</th><th>where</th></tr></thead><tbody>"
            + list.map { e in
                "<tr id=\"\(HTMLMarkup.anchor("eq", e.id))\"><td>\(HTMLMarkup.escape(e.number ?? ""))</td><td>\(HTMLMarkup.math(e.latex, display: true))"
                    + (e.plain.map { "<code>\(HTMLMarkup.escape($0))</code>" } ?? "") + "</td><td>\(e.role.rawValue)</td>"
                    + "<td>\(HTMLMarkup.escape(e.reason))</td><td class=\"where\">\(HTMLMarkup.escape(e.span.short))</td></tr>"
            }.joined() + "</tbody></table>"
    }

    private static func glossary(_ entries: [GlossaryEntry]) -> String {
        guard !entries.isEmpty else { return "" }
        return "<h3 id=\"glossary\">Glossary</h3><table class=\"glossary\"><thead><tr><th>symbol</th><th>plain name</th><th>meaning</th>"
            + "<th>value</th><th>where</th></tr></thead><tbody>"
            + entries.map { g in
                "<tr><td>\(HTMLMarkup.math(g.symbol))</td><td><code>\(HTMLMarkup.escape(g.name))</code></td>"
                    + "<td>\(HTMLMarkup.text(g.meaning ?? ""))</td><td>\(HTMLMarkup.escape(g.value ?? ""))</td>"
                    + "<td class=\"where\">\(HTMLMarkup.escape(g.evidence?.short ?? ""))</td></tr>"
            }.joined() + "</tbody></table>"
    }
}

private extension String {
    var trimmingLeadingSpace: String { String(drop { $0 == " " }) }
}
