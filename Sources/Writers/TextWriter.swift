import PaperModel
import Analyzers

/// The terminal summary: the card (TL;DR, claims, proposals, hyperparameters, hardware,
/// datasets, feasibility), then the algorithm boxes line by line. Every entry says where in the
/// paper it comes from.
public enum TextWriter {
    public static func write(_ d: Deconstruction, style: TextStyle = .plain, width: Int = 100, all: Bool = false) -> String {
        let paper = d.paper
        let limit = all ? Int.max : 12
        var out = style.bold(paper.metadata.title ?? "(untitled)") + "\n"
        var facts: [String] = []
        if !paper.metadata.authors.isEmpty { facts.append(paper.metadata.authors.map(\.name).joined(separator: ", ")) }
        if let id = paper.metadata.arxivID { facts.append("arXiv \(id)") }
        facts.append(paper.source.mainFile + (paper.source.pages.map { ", \($0) pages" } ?? ""))
        out += style.dim(facts.joined(separator: " · ")) + "\n"

        func section(_ title: String) { out += "\n" + style.bold(title) + "\n" }
        func row(_ text: String, _ location: String, indent: String = "  ") {
            let available = width - location.count - 2
            let wrapped = wrap(text, width: max(40, available), indent: indent)
            var lines = wrapped.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            if let first = lines.first {
                let pad = max(1, width - first.count - location.count)
                lines[0] = first + String(repeating: " ", count: pad) + style.dim(location)
            }
            out += lines.joined(separator: "\n") + "\n"
        }
        func more(_ n: Int) { if n > limit { out += style.dim("  … \(n - limit) more (--all, or --format json)") + "\n" } }

        if !d.tldr.isEmpty {
            section("TL;DR")
            for line in d.tldr { out += wrap(line, width: width, indent: "  ") + "\n" }
        }
        if !d.claims.isEmpty {
            section("CLAIMS")
            for c in d.claims.prefix(limit) { row("· " + c.text, c.evidence.span.short) }
            more(d.claims.count)
        }
        if !d.proposals.isEmpty {
            section("PROPOSALS")
            for p in d.proposals.prefix(limit) { row("· " + p.text, p.evidence.span.short) }
            more(d.proposals.count)
        }
        section("HYPERPARAMETERS")
        if d.hyperparameters.isEmpty {
            out += "  none found\n"
        } else {
            for h in d.hyperparameters.prefix(all ? Int.max : 30) {
                var text = h.name
                if let c = h.canonical, c != h.name { text += " [\(c)]" }
                if let s = h.symbol { text += "  \(s)" }
                text += " = " + CardFormatting.value(h.value) + (h.unit.map { " \($0)" } ?? "")
                if let scope = h.scope { text += "  (\(scope))" }
                row(text, h.evidence.span.short)
            }
            if d.hyperparameters.count > 30, !all { out += style.dim("  … \(d.hyperparameters.count - 30) more (--all)") + "\n" }
        }
        if let f = d.feasibility, !f.unknowns.isEmpty {
            out += style.dim("  not stated: " + f.unknowns.joined(separator: ", ")) + "\n"
        }
        section("HARDWARE")
        if d.hardware.isEmpty { out += "  not stated\n" }
        for h in d.hardware { row(CardFormatting.hardware(h), h.evidence.span.short) }
        section("DATASETS")
        if d.datasets.isEmpty { out += "  none found\n" }
        for ds in d.datasets.prefix(limit) {
            row("\(ds.name)" + (ds.task.map { " — \($0)" } ?? "") + (ds.size.map { ", \($0)" } ?? ""), ds.evidence.span.short)
        }
        more(d.datasets.count)
        if let f = d.feasibility {
            section("FEASIBILITY")
            out += wrap(f.summary, width: width, indent: "  ") + "\n"
            if let pc = f.paperCompute { out += "  paper: \(pc)\n" }
            for r in f.reasons { out += wrap("· " + r, width: width, indent: "  ") + "\n" }
            if !f.plan.isEmpty {
                out += "  plan:\n"
                for p in f.plan { out += wrap("- " + p, width: width, indent: "    ") + "\n" }
            }
        }
        let core = d.core
        if !core.algorithms.isEmpty || !core.equations.isEmpty {
            out += "\n" + CoreSection.text(core, style: style, width: width)
        }
        let problems = d.diagnostics.filter { $0.severity != .note }
        if !problems.isEmpty {
            out += "\n" + style.dim("\(problems.count) warning(s)/error(s) while reading; see stderr") + "\n"
        }
        out += "\n" + style.dim("outline: deconstruct outline \(paper.source.input) · all fields: --format json") + "\n"
        return out
    }

    /// How a line's keyword reads in pseudocode.
    static func keywordText(_ kind: AlgorithmLine.Kind) -> String {
        switch kind {
        case .state, .text, .assign: ""
        case .require: "Require: "
        case .ensure: "Ensure: "
        case .input: "Input: "
        case .output: "Output: "
        case .parameters: "Parameters: "
        case .initialize: "Initialize: "
        case .call: "call "
        case .return: "return "
        case .print: "print "
        case .if: "if "
        case .elseIf: "else if "
        case .else: "else"
        case .endIf: "end if"
        case .for: "for "
        case .forAll: "for all "
        case .endFor: "end for"
        case .while: "while "
        case .endWhile: "end while"
        case .repeat: "repeat"
        case .until: "until "
        case .loop: "loop "
        case .endLoop: "end loop"
        case .procedure: "procedure "
        case .endProcedure: "end procedure"
        case .function: "function "
        case .endFunction: "end function"
        case .comment: "▷ "
        }
    }

    /// Greedy word wrap.
    public static func wrap(_ text: String, width: Int, indent: String) -> String {
        var lines: [String] = []
        var line = indent
        for word in text.split(separator: " ") {
            if line.count + word.count + 1 > width, line.count > indent.count {
                lines.append(line)
                line = indent
            }
            line += (line.count > indent.count ? " " : "") + word
        }
        if line.count > indent.count { lines.append(line) }
        return lines.joined(separator: "\n")
    }
}
