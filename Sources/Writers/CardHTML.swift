import Analyzers
import PaperModel

/// The card part of the HTML report: claims, proposals, hyperparameters, what the paper leaves
/// unstated, hardware, datasets and feasibility. Building it registers every entry's evidence in
/// the passage index, so the "where" of each row links to its passage.
struct CardHTML {
    private(set) var html = ""

    init(_ d: Deconstruction, passages: inout PassageIndex) {
        var out = "<section id=\"card\"><h2>Card</h2>"
        func whereLink(_ e: Evidence, _ highlight: String?, _ anchor: String, _ label: String) -> String {
            let id = passages.add(e, highlight: highlight, anchor: anchor, label: label)
            return "<a class=\"where\" href=\"#\(id)\" title=\"\(HTMLMarkup.escape(TLDR.shorten(e.text, to: 240)))\">"
                + HTMLMarkup.escape(e.span.short) + "</a>"
        }

        if !d.claims.isEmpty {
            out += "<h3>Claims</h3><table><thead><tr><th>claim</th><th>result</th><th>from</th><th>where</th></tr></thead><tbody>"
            for (i, c) in d.claims.enumerated() {
                let anchor = "claim-\(i + 1)"
                var result: [String] = []
                if let m = c.metric { result.append(HTMLMarkup.escape(m)) }
                if let v = c.value { result.append("<b>" + CardFormatting.number(v) + (c.unit.map { HTMLMarkup.escape($0) } ?? "") + "</b>") }
                if let ds = c.dataset { result.append("on " + HTMLMarkup.escape(ds)) }
                if let b = c.baseline { result.append("vs " + HTMLMarkup.text(b)) }
                out += "<tr id=\"\(anchor)\"><td>\(HTMLMarkup.text(c.text))</td><td>\(result.joined(separator: " "))</td>"
                    + "<td>\(HTMLMarkup.escape(c.source))</td><td>\(whereLink(c.evidence, nil, anchor, "claim \(i + 1)"))</td></tr>"
            }
            out += "</tbody></table>"
        }

        if !d.proposals.isEmpty {
            out += "<h3>Proposals</h3><ul class=\"proposals\">"
            for (i, p) in d.proposals.enumerated() {
                let anchor = "proposal-\(i + 1)"
                out += "<li id=\"\(anchor)\">" + (p.name.map { "<b>\(HTMLMarkup.escape($0))</b>: " } ?? "")
                    + HTMLMarkup.text(p.text) + " " + whereLink(p.evidence, p.name, anchor, "proposal \(i + 1)") + "</li>"
            }
            out += "</ul>"
        }

        out += "<h3 id=\"hyperparameters\">Hyperparameters</h3>"
        if d.hyperparameters.isEmpty {
            out += "<p>None found.</p>"
        } else {
            out += "<table><thead><tr><th>name</th><th>canonical</th><th>symbol</th><th>value</th><th>scope</th><th>where</th></tr></thead><tbody>"
            for (i, h) in d.hyperparameters.enumerated() {
                let anchor = "hp-\(i + 1)"
                let value = CardFormatting.value(h.value) + (h.unit.map { " " + $0 } ?? "")
                out += "<tr id=\"\(anchor)\"><td>\(HTMLMarkup.text(h.name))</td><td><code>\(HTMLMarkup.escape(h.canonical ?? ""))</code></td>"
                    + "<td>\(h.symbol.map { HTMLMarkup.math($0) } ?? "")</td><td class=\"value\">\(HTMLMarkup.escape(value))</td>"
                    + "<td>\(HTMLMarkup.escape(h.scope ?? ""))</td>"
                    + "<td>\(whereLink(h.evidence, h.raw, anchor, h.canonical ?? h.name))</td></tr>"
            }
            out += "</tbody></table>"
        }
        if let f = d.feasibility, !f.unknowns.isEmpty {
            out += "<p class=\"missing\"><b>Not stated by the paper:</b> " + HTMLMarkup.escape(f.unknowns.joined(separator: ", ")) + ".</p>"
        }

        out += "<h3 id=\"hardware\">Hardware</h3>"
        if d.hardware.isEmpty {
            out += "<p>Not stated.</p>"
        } else {
            out += "<ul>"
            for (i, h) in d.hardware.enumerated() {
                let anchor = "hw-\(i + 1)"
                out += "<li id=\"\(anchor)\">" + HTMLMarkup.escape(CardFormatting.hardware(h)) + " "
                    + whereLink(h.evidence, h.name, anchor, h.device) + "</li>"
            }
            out += "</ul>"
        }

        out += "<h3 id=\"datasets\">Datasets</h3>"
        if d.datasets.isEmpty {
            out += "<p>None found.</p>"
        } else {
            out += "<table><thead><tr><th>dataset</th><th>task</th><th>size</th><th>metrics</th><th>where</th></tr></thead><tbody>"
            for (i, ds) in d.datasets.enumerated() {
                let anchor = "ds-\(i + 1)"
                let name = HTMLMarkup.escape(ds.name) + (ds.introduced ? " <span class=\"tag\">introduced</span>" : "")
                out += "<tr id=\"\(anchor)\"><td>\(name)</td><td>\(HTMLMarkup.escape(ds.task ?? ""))</td>"
                    + "<td>\(HTMLMarkup.escape(ds.size ?? ""))</td><td>\(HTMLMarkup.escape(ds.metrics.joined(separator: ", ")))</td>"
                    + "<td>\(whereLink(ds.evidence, ds.name, anchor, ds.name))</td></tr>"
            }
            out += "</tbody></table>"
        }

        if let f = d.feasibility {
            out += "<h3 id=\"feasibility\">Feasibility</h3><p><span class=\"verdict \(f.verdict.rawValue)\">\(f.verdict.rawValue)</span> "
                + HTMLMarkup.escape(f.summary) + "</p><ul>"
            if let pc = f.paperCompute { out += "<li>Paper: " + HTMLMarkup.escape(pc) + "</li>" }
            for r in f.reasons { out += "<li>" + HTMLMarkup.escape(r) + "</li>" }
            for p in f.plan { out += "<li>Plan: " + HTMLMarkup.escape(p) + "</li>" }
            out += "</ul>"
        }
        html = out + "</section>"
    }

    /// Where a TL;DR line's reference points, and how the link reads.
    static func target(_ ref: TLDR.CardReference, _ d: Deconstruction) -> (String, String)? {
        switch ref {
        case .proposal(let i): ("proposal-\(i + 1)", "proposal")
        case .claim(let i): ("claim-\(i + 1)", "claim")
        case .datasets: ("datasets", "datasets")
        case .hyperparameters: ("hyperparameters", "settings")
        case .feasibility: d.feasibility == nil ? nil : ("feasibility", "feasibility")
        case .algorithm(let i):
            d.paper.algorithms.indices.contains(i) ? (HTMLCore.anchor(d.paper.algorithms[i].id), "algorithm") : nil
        }
    }
}
