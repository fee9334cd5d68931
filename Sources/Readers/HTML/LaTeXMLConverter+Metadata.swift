import PaperModel

extension LaTeXMLConverter {
    // MARK: Title, authors, date

    mutating func readTitle(_ c: Int) {
        guard metadata.title == nil else { return }
        let title = Self.collapse(inlineText([c], skipTags: true).text)
        guard !title.isEmpty else { return }
        metadata.title = title
        metadata.titleSpan = doc.point(doc[c].start, file: file)
    }

    mutating func readDate(_ c: Int) {
        var t = Self.collapse(doc.plainText(c))
        if t.hasPrefix("("), t.hasSuffix(")") { t = String(t.dropFirst().dropLast()) }
        if t.hasPrefix("Dated:") { t = String(t.dropFirst(6)) }
        t = t.trimmedSpace
        if !t.isEmpty, metadata.date == nil { metadata.date = t }
    }

    /// Authors from `ltx_creator`/`ltx_personname`. LaTeXML keeps `\author{…}` as written, lines
    /// apart (`<br>`): leading lines of names (split at commas and "and"), then an affiliation,
    /// then e-mail addresses.
    mutating func readAuthors(_ c: Int) {
        var creators = doc.all(in: c, where: { $0.hasClass(.creator) })
        if creators.isEmpty { creators = [c] }
        var authors: [Author] = []
        for creator in creators where !doc[creator].hasClass(.roleEditor) {
            let person = doc.first(in: creator, where: { $0.hasClass(.personname) }) ?? creator
            let text = inlineText([person], skipTags: true, breakLines: true,
                                  skipClasses: ClassSet([.authorNotes, .note, .contact, .roleEmail])).text
            let lines = text.split(separator: "\n").map { Self.collapse(String($0)) }.filter { !$0.isEmpty }
            var affiliation: String?
            if let a = doc.first(in: creator, where: { $0.hasClass(.roleAffiliation) || $0.hasClass(.roleAddress) }) {
                let t = Self.collapse(doc.plainText(a))
                if !t.isEmpty { affiliation = t }
            }
            authors += Self.authors(fromLines: lines, affiliation: affiliation)
        }
        if metadata.authors.isEmpty { metadata.authors = authors }
    }

    static let institutionWords: Set<String> = [
        "university", "universität", "université", "universidad", "institute", "institut", "instituto", "college",
        "school", "department", "dept", "dept.", "laboratory", "laboratories", "lab", "labs", "inc", "inc.", "corp",
        "corporation", "research", "center", "centre", "academy", "hospital", "foundation", "group", "faculty",
        "google", "microsoft", "deepmind", "openai", "facebook", "meta", "amazon", "nvidia", "ibm", "apple", "ai",
        "technology", "sciences", "science", "of", "company", "ltd", "gmbh", "polytechnic", "eth", "mit",
    ]
    static let nameParticles: Set<String> = ["de", "van", "von", "der", "den", "la", "le", "di", "da", "du", "del", "dos", "bin", "al", "y"]

    static func authors(fromLines lines: [String], affiliation explicit: String?) -> [Author] {
        var names: [String] = []
        var affiliation = explicit
        var affiliationFound = false
        for (k, line) in lines.enumerated() {
            if line.contains("@") { continue }
            let parts = splitNames(removingMarks(line))
            if k == 0 || (!affiliationFound && !parts.isEmpty && parts.allSatisfy(looksLikeName)) {
                names += parts
                continue
            }
            if !affiliationFound {
                affiliationFound = true
                if affiliation == nil { affiliation = line }
            }
        }
        return names.map { Author(name: $0, affiliation: affiliation) }
    }

    /// A line without inline math and footnote symbols (`Duvenaud$^{\dagger}$` → `Duvenaud`).
    static func removingMarks(_ s: String) -> String {
        var out = ""
        var inMath = false
        for ch in s {
            if ch == "$" { inMath.toggle(); continue }
            if inMath { continue }
            if "*†‡§¶∗⋆".contains(ch) { continue }
            out.append(ch)
        }
        return out
    }

    /// Names separated by commas, semicolons, "and" or "&".
    static func splitNames(_ s: String) -> [String] {
        var out: [String] = []
        for part in s.split(whereSeparator: { $0 == "," || $0 == ";" }) {
            var current: [Substring] = []
            for word in part.split(separator: " ") {
                if word == "and" || word == "AND" || word == "&" {
                    if !current.isEmpty { out.append(current.joined(separator: " ")) }
                    current = []
                } else {
                    current.append(word)
                }
            }
            if !current.isEmpty { out.append(current.joined(separator: " ")) }
        }
        return out
    }

    static func looksLikeName(_ s: String) -> Bool {
        let words = s.split(separator: " ")
        guard (2...5).contains(words.count) else { return false }
        for w in words {
            let lower = w.lowercased()
            if institutionWords.contains(lower) { return false }
            if w.contains(where: { $0.isNumber }) { return false }
            if nameParticles.contains(lower) { continue }
            guard let f = w.first, f.isUppercase else { return false }
        }
        return true
    }

    // MARK: Abstract

    mutating func readAbstract(_ c: Int) {
        let title = doc.elementChildren(c).first { doc[$0].hasClass(.title) }
        for block in flattenBlocks(items(of: c, context: .abstract, skipping: title.map { [$0] } ?? [])) {
            if case .paragraph(let p) = block { abstract.append(p) }
        }
    }

    // MARK: Bibliography

    /// Entries of `ltx_biblist`: the key is the item's id (what citations link to); the text is
    /// the author-year tag (when it is not a bare number) and the blocks, without "Cited by".
    mutating func readBibliography(_ c: Int) {
        let items = doc.all(in: c, where: { $0.hasClass(.bibitem) || $0.tag == .li })
        for item in items {
            let key = doc[item].attribute("id") ?? "bib\(bibliography.count + 1)"
            var parts: [String] = []
            let children = doc.elementChildren(item)
            if let tag = children.first(where: { doc[$0].hasClass(.tag) }) {
                let t = Self.collapse(doc.plainText(tag))
                if !Self.isBareNumber(t) { parts.append(t) }
            }
            let blocks = children.filter { doc[$0].hasClass(.bibblock) && !doc[$0].hasClass(.bibCited) }
            if blocks.isEmpty {
                let rest = doc[item].children.filter { !doc[$0].hasClass(.tag) }
                parts.append(inlineText(rest).text)
            } else {
                for b in blocks { parts.append(inlineText([b]).text) }
            }
            let text = Self.collapse(parts.filter { !$0.isEmpty }.joined(separator: " "))
            guard !text.isEmpty else { continue }
            bibliography.append(BibEntry(key: key, text: text, span: doc.point(doc[item].start, file: file)))
        }
    }

    /// `[12]`, `12.`, `(3)`.
    static func isBareNumber(_ s: String) -> Bool {
        let t = s.trimmedNumberMarks
        return !t.isEmpty && t.allSatisfy { $0.isNumber }
    }
}

private extension String {
    var trimmedNumberMarks: String {
        var t = Substring(self)
        while let f = t.first, "[(".contains(f) || f == " " { t = t.dropFirst() }
        while let l = t.last, "]).:".contains(l) || l == " " { t = t.dropLast() }
        return String(t)
    }
}
