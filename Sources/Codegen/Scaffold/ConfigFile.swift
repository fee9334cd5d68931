import Analyzers
import PaperModel

/// `config.yaml` of a scaffold: the algorithm's arguments, then every setting on the card grouped
/// by the experiment it belongs to, each with its value and where the paper states it; settings
/// the paper leaves out are `null` and say so.
struct ConfigFile {
    var deconstruction: Deconstruction
    var code: GeneratedCode
    var citations: PaperCitations

    func text() -> String {
        let d = deconstruction
        var out: [String] = []
        out.append("# Settings for reproducing \"\(d.paper.metadata.title ?? "the paper")\", written by deconstruct.")
        out.append("# Each value is the paper's; the comment says where it is stated. A value the paper does not")
        out.append("# state is null: decide it (and note why) before you train.")
        out.append("")
        out.append("algorithm:  # \(code.title): the keyword arguments of \(code.shape == .optimizer ? "step()" : code.name + "()") in \(code.fileName)")
        if code.hyperparameters.isEmpty { out.append("  {}") }
        for h in code.hyperparameters {
            let key = h.argument ?? h.name
            if let v = h.value, !h.assumed {
                out.append(entry(key, Self.number(v), comment: [PlainProse.symbol(h.symbol), h.meaning, h.evidence.map { "stated at " + $0 }]))
            } else if h.assumed {
                out.append(entry(key, h.value ?? "null", comment: ["assumed, not in the paper: \(h.meaning ?? "a budget")"]))
            } else {
                out.append(entry(key, "null", comment: ["missing: not stated in the paper", PlainProse.symbol(h.symbol), h.meaning]))
            }
        }
        // The card's settings, one group per experiment (scope), in the paper's order.
        var groups: [(String, [HyperparameterFinding])] = []
        for h in d.hyperparameters {
            let scope = h.scope ?? "general"
            if let i = groups.firstIndex(where: { $0.0 == scope }) { groups[i].1.append(h) } else { groups.append((scope, [h])) }
        }
        out.append("")
        out.append("settings:  # every setting on the paper's card, by the experiment it belongs to")
        if groups.isEmpty { out.append("  {}") }
        for (scope, items) in groups {
            out.append("  \(Self.quoted(scope)):")
            var used = Set<String>()
            for h in items {
                var key = Self.key(h.canonical ?? h.name)
                var n = 2
                while used.contains(key) { key = Self.key(h.canonical ?? h.name) + "_\(n)"; n += 1 }
                used.insert(key)
                let words = h.name == key ? nil : "\"\(PlainProse.text(h.name))\""
                out.append("  " + entry(key, Self.value(h.value), comment: [words, h.symbol.map(PlainProse.symbol), h.unit,
                                                                             citations.cite(h.evidence)]))
            }
        }
        let unknowns = d.feasibility?.unknowns ?? []
        if !unknowns.isEmpty {
            out.append("")
            out.append("not_stated:  # what the card found missing")
            for u in unknowns {
                out.append(entry(Self.key(u.split(separator: "(").first.map(String.init) ?? u), "null", comment: ["missing: not stated in the paper (\(u))"]))
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    private func entry(_ key: String, _ value: String, comment: [String?]) -> String {
        let words = comment.compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: "; ")
        let line = "  \(key): \(value)"
        return words.isEmpty ? line : line.padding(toLength: max(line.count, 28), withPad: " ", startingAt: 0) + "  # " + words
    }

    /// A YAML key from the paper's words: `warm-up epochs` → `warm_up_epochs`.
    static func key(_ words: String) -> String {
        let plain = PlainProse.text(words).lowercased()
        var out = String(plain.map { $0.isLetter || $0.isNumber ? $0 : "_" })
        while out.contains("__") { out = out.replacingOccurrences(of: "__", with: "_") }
        out = String(out.drop(while: { $0 == "_" }).reversed().drop(while: { $0 == "_" }).reversed())
        if out.isEmpty || out.first!.isNumber { out = "setting_" + out }
        return out
    }

    /// A number YAML 1.1 readers (PyYAML) take as a float: `1e-8` → `1.0e-8`.
    static func number(_ text: String) -> String {
        guard let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }), !text[..<e].contains("."), Double(text) != nil else { return text }
        return String(text[..<e]) + ".0" + String(text[e...])
    }

    static func quoted(_ s: String) -> String {
        "\"" + PlainProse.text(s).replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// A card value as YAML: a number, a list of the values tried, a range, or quoted text.
    static func value(_ v: HyperValue) -> String {
        switch v {
        case .number(let x): number(NumericValue.format(x))
        case .set(let xs): "[" + xs.map { number(NumericValue.format($0)) }.joined(separator: ", ") + "]"
        case .range(let a, let b): "{from: \(number(NumericValue.format(a))), to: \(number(NumericValue.format(b)))}"
        case .text(let t): quoted(t)
        }
    }
}

/// Where a finding stands in the paper, as a reader would look it up: `§3.2 Training details
/// (sections/experiments.tex:14)`.
struct PaperCitations {
    /// Every section, subsections included, in document order.
    var sections: [Section]

    init(_ paper: Paper) {
        func flatten(_ s: [Section]) -> [Section] { s.flatMap { [$0] + flatten($0.subsections) } }
        sections = flatten(paper.sections)
    }

    /// `§3 Experimental Setup`, for a section title; another context (a caption) by its first words.
    func section(titled title: String?) -> String? {
        guard let title else { return nil }
        guard let s = sections.first(where: { $0.title == title }) else {
            var head = PlainProse.text(title)
            if let r = head.range(of: ". ") { head = String(head[..<r.lowerBound]) }
            return head.count > 60 ? String(head.prefix(57)) + "..." : head
        }
        return (s.number.map { "§\($0) " } ?? "") + PlainProse.text(s.title)
    }

    func cite(_ evidence: Evidence) -> String {
        [section(titled: evidence.context), evidence.span.short].compactMap { $0 }.joined(separator: ", ")
    }
}
