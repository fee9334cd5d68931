import PaperModel

/// Puts numbered tables and figures of a PDF back where the text first refers to them.
///
/// LaTeX floats drift: to the top of the next page, onto a page of floats, past the next
/// heading. In the source, authors write a float next to the paragraph that first names it
/// ("Table 12 lists …"), which is where the LaTeX reader finds it. A float whose first mention
/// lies in another section moves to just after that paragraph; a float never mentioned stays.
enum PDFFloatAnchoring {
    /// The words that name a float kind in prose, and the kind.
    static let names: [String: String] = [
        "table": "table", "tables": "table", "tab.": "table", "tabs.": "table",
        "figure": "figure", "figures": "figure", "fig.": "figure", "figs.": "figure",
    ]

    static func anchor(_ sections: inout [Section]) {
        // Where each float sits (section id) and where it is first mentioned (paragraph id).
        var floatSection: [String: String] = [:]
        var floatKey: [String: String] = [:]  // block id → "table:12"
        var firstMention: [String: (paragraph: String, section: String)] = [:]
        func visit(_ s: Section) {
            for b in s.blocks {
                switch b {
                case .table(let t):
                    if let n = t.number { floatSection[t.id] = s.id; floatKey[t.id] = "table:" + n }
                case .figure(let f):
                    if let n = f.number { floatSection[f.id] = s.id; floatKey[f.id] = "figure:" + n }
                case .paragraph(let p):
                    for key in mentions(p.text) where firstMention[key] == nil { firstMention[key] = (p.id, s.id) }
                default:
                    break
                }
            }
            s.subsections.forEach(visit)
        }
        sections.forEach(visit)
        var target: [String: String] = [:]  // float id → paragraph id
        for (id, key) in floatKey {
            if let m = firstMention[key], m.section != floatSection[id] { target[id] = m.paragraph }
        }
        guard !target.isEmpty else { return }
        // Take the moving floats out, in document order.
        var moving: [String: [Block]] = [:]
        func take(_ s: inout Section) {
            s.blocks.removeAll { b in
                let id: String
                switch b {
                case .table(let t): id = t.id
                case .figure(let f): id = f.id
                default: return false
                }
                guard let p = target[id] else { return false }
                moving[p, default: []].append(b)
                return true
            }
            for k in s.subsections.indices { take(&s.subsections[k]) }
        }
        for k in sections.indices { take(&sections[k]) }
        func put(_ s: inout Section) {
            var out: [Block] = []
            for b in s.blocks {
                out.append(b)
                if case .paragraph(let p) = b, let floats = moving[p.id] { out += floats }
            }
            s.blocks = out
            for k in s.subsections.indices { put(&s.subsections[k]) }
        }
        for k in sections.indices { put(&sections[k]) }
    }

    /// The floats a text names: `table:3` for "Table 3", "Tables 3 and 4", "Tab. 3".
    static func mentions(_ text: String) -> [String] {
        var out: [String] = []
        let words = text.split(separator: " ")
        var k = 0
        while k < words.count {
            var name = Substring(words[k].lowercased())
            while let f = name.first, "([".contains(f) { name = name.dropFirst() }
            guard let kind = names[String(name)] else { k += 1; continue }
            var j = k + 1
            while j < words.count {
                var w = Substring(words[j])
                while let l = w.last, ",.;:)]".contains(l) { w = w.dropLast() }
                if let f = w.first, f.isNumber || (f.isUppercase && w.count >= 2 && w.dropFirst().first.map { $0.isNumber || $0 == "." } == true),
                   w.allSatisfy({ $0.isNumber || $0.isUppercase || $0 == "." }) {
                    out.append(kind + ":" + w)
                    j += 1
                    // "Tables 3 and 4", "Tables 3, 4".
                    if words[j - 1].hasSuffix(","), j < words.count { continue }
                    if j < words.count, words[j] == "and" || words[j] == "&" { j += 1; continue }
                }
                break
            }
            k = max(j, k + 1)
        }
        return out
    }
}
