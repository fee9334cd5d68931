import MathParsing
import PaperModel

/// Finds what the paper calls each symbol and which values it states, then gives every symbol
/// of the core algorithm a plain name (see ``GlossaryEntry``).
struct GlossaryBuilder: Sendable {
    var naming: CoreNaming = .shared
    var parser = MathMemo()

    struct Candidate: Sendable {
        var source: GlossaryEntry.Source
        var meaning: String
        var span: SourceSpan
        var text: String
        var shared: Bool
        var initial: Bool
    }

    /// The paper's words and values, by quantity key.
    struct Findings: Sendable {
        var meanings: [String: Candidate] = [:]
        var values: [String: (String, SourceSpan)] = [:]
        /// Keys described in a caption or sentence as taken "to the power".
        var powerNotes: [String: SourceSpan] = [:]

        mutating func offer(_ key: String, _ c: Candidate) {
            if let old = meanings[key] {
                // Strongest source wins; among equals the first; a meaning of the initial value
                // (`\theta_0`) gives way to one of the quantity itself.
                if c.source < old.source || (c.source == old.source && old.initial && !c.initial) { meanings[key] = c }
            } else {
                meanings[key] = c
            }
        }
    }

    // MARK: - Collecting

    /// `relevant`: the only keys whose meanings and values are asked for (nil: all). The prose's
    /// words around a formula are read only when it stands for one of them: most formulas in a
    /// paper's prose name symbols the core never uses.
    func findings(paper: PaperBlocks, drafts: [AlgorithmIR], counters: Set<String>, rules: CoreRules = .shared,
                  relevant: Set<String>? = nil) -> Findings {
        var f = Findings()
        let reader = QuantityReader(counters: counters, naming: naming)
        // 1. Declarations in algorithm boxes.
        for ir in drafts {
            var byLine: [Int: [IRInput]] = [:]
            for input in ir.inputs { byLine[input.line, default: []].append(input) }
            for input in ir.inputs {
                guard let description = input.description, !input.symbol.isEmpty,
                      let q = quantity(of: input.symbol, reader: reader) else { continue }
                let shared = (byLine[input.line] ?? []).filter { $0.description == description }.count > 1
                f.offer(q.key, Candidate(source: .declaration, meaning: description, span: input.span,
                                         text: ir.steps[input.line].source, shared: shared, initial: q.initial))
            }
            // Comments on assignments: "update velocity".
            for step in ir.steps {
                guard let comment = step.comment, step.assignments.count == 1,
                      let q = reader.quantity(step.assignments[0].target.tree) else { continue }
                var words = comment.words
                while let first = words.first, ["update", "compute", "evaluate", "calculate", "get", "set", "the", "new"].contains(first) {
                    words.removeFirst()
                }
                guard !words.isEmpty, words.count <= 3, words.count < comment.words.count else { continue }
                f.offer(q.key, Candidate(source: .comment, meaning: words.joined(separator: " "), span: step.span,
                                         text: comment, shared: false, initial: q.initial))
            }
        }
        // 2. Captions (algorithms first: their defaults are the paper's recommendation), then prose
        // and tables in document order, each read as it is met (no list of the paper's texts).
        // A set, built once: the list is long and asked for every word before every formula.
        let stopWords = Set(naming.appositionStopWords)
        func consider(_ text: String, _ span: SourceSpan) {
            // A byte scan rejects most texts; the Character search (a `$` with a combining mark
            // is another character) decides for the rest.
            guard Self.hasDollarByte(text), text.contains("$") else { return }
            read(text, span: span, reader: reader, rules: rules, stopWords: stopWords, relevant: relevant, into: &f)
        }
        for a in paper.algorithms where Self.hasDollarByte(a.caption) {
            for s in SentenceSplitter.split(a.caption) { consider(s.text, a.span) }
        }
        for located in paper.all {
            switch located.block {
            case .paragraph(let p): for s in p.sentences { consider(s.text, s.span) }
            case .table(let t):
                consider(t.caption, t.span)
                for row in t.rows { for cell in row.cells { consider(cell.text, row.span) } }
            case .figure(let fig): consider(fig.caption, fig.span)
            default: break
            }
        }
        return f
    }

    /// Whether `text` holds a `$` byte, searched on its contiguous bytes (`utf8.contains` walks
    /// the view byte by byte through its iterator, and every sentence of the paper is asked).
    static func hasDollarByte(_ text: String) -> Bool {
        var copy = text
        return copy.withUTF8 { ByteScan.contains($0, UInt8(ascii: "$")) }
    }

    private func quantity(of tex: String, reader: QuantityReader) -> Quantity? {
        let tree = parser.parse(tex).root
        if let q = reader.quantity(tree) { return q }
        if case .apply(let function, _) = tree.kind { return reader.quantity(function) }
        return nil
    }

    /// The quantities a formula in prose stands for: `x`, `x, y`, the left side of `x = …` or
    /// `x \in …`.
    /// Not spelled: only their keys and `initial` are read.
    private func targets(_ tree: MathNode, reader: QuantityReader) -> [Quantity] {
        if let q = reader.quantity(tree, spelled: false) { return [q] }
        switch tree.kind {
        case .tuple(let items):
            let qs = items.compactMap { reader.quantity($0, spelled: false) }
            return qs.count == items.count ? qs : []
        case .binary(let op, let lhs, _) where op == .equal || op.isAssignment || op == .element || op == .define:
            return targets(lhs, reader: reader)
        case .apply(let function, _):
            if case .symbol(let s) = function.kind, s.style == .roman || LibraryMap.shared.functionNames[s.name] != nil { return [] }
            return reader.quantity(function, spelled: false).map { [$0] } ?? []
        default:
            return []
        }
    }

    private static let definitionLeads = [
        "is the ", "is a ", "is an ", "is our ", "is its ", "denotes the ", "denotes a ", "denotes an ", "denotes ",
        "represents the ", "represents ", "be the ", "be its ", "be a ", "be an ", "are the ", "are our ",
        "stands for the ", "stands for ", "is called the ", "refers to the ", "corresponds to the ", "as the ",
        "denote the ", "denote ",
    ]

    /// The first bytes of the leads: most words after a formula start with none of them, and
    /// are not compared with each lead.
    private static let definitionLeadStarts = Set(definitionLeads.compactMap(\.utf8.first))

    private func read(_ text: String, span: SourceSpan, reader: QuantityReader, rules: CoreRules, stopWords: Set<String>,
                      relevant: Set<String>?, into f: inout Findings) {
        let pieces = InlineMath(text).pieces
        // Whether the text says "to the power": asked only once a formula may hold a power (most
        // hold none), so most texts are never lower-cased.
        var saysPower: Bool?
        var skipUntil = -1
        for (i, piece) in pieces.enumerated() {
            guard case .math(let tex) = piece else { continue }
            let tree = parser.parse(tex.trimmingTrailingPunctuation).root
            // Values: `\alpha = 0.001`, `\beta_1, \beta_2 = 0.9, 0.999`.
            values(tree, reader: reader, span: span, relevant: relevant, into: &f)
            if Self.mayHoldPower(tex) {
                if saysPower == nil {
                    // A byte pre-check first: lower-casing the sentence costs more than the search.
                    if rules.powerCues.contains(where: { CoreAnalyzer.mayContain(text, lowercased: $0) }) {
                        let lower = CatalogTokenizer.asciiLowercased(text)
                        saysPower = rules.powerCues.contains { lower.contains($0) }
                    } else {
                        saysPower = false
                    }
                }
                if saysPower == true {
                    tree.visit { node in
                        if case .power(let base, _) = node.kind, let q = reader.quantity(base, spelled: false) { f.powerNotes[q.key] = f.powerNotes[q.key] ?? span }
                    }
                }
            }
            guard i > skipUntil else { continue }
            var qs = targets(tree, reader: reader)
            guard !qs.isEmpty else { continue }
            // "$m_t$ and $v_t$ …": symbols joined by "and" share what follows.
            var j = i
            while j + 2 < pieces.count, case .prose(let between) = pieces[j + 1],
                  Self.isJoiner(between), case .math(let next) = pieces[j + 2] {
                let more = targets(parser.parse(next.trimmingTrailingPunctuation).root, reader: reader)
                guard !more.isEmpty else { break }
                qs += more
                j += 2
            }
            skipUntil = j
            // The words around a formula matter only for the keys asked for (the chain above is
            // read whatever the keys: it decides which formulas share the words).
            if let relevant, !qs.contains(where: { relevant.contains($0.key) }) { continue }
            let before: String = if i > 0, case .prose(let p) = pieces[i - 1] { p } else { "" }
            let after: String = if j + 1 < pieces.count, case .prose(let p) = pieces[j + 1] { p } else { "" }
            let shared = qs.count > 1
            func offer(_ source: GlossaryEntry.Source, _ meaning: String) {
                let m = meaning.trimming(" ,.;:")
                guard m.first?.isLetter == true, (1...12).contains(m.wordCount) else { return }
                for q in qs {
                    f.offer(q.key, Candidate(source: source, meaning: m, span: span, text: text, shared: shared, initial: q.initial))
                }
            }
            let afterLower = Self.leadingClauseLowercased(after)
            if let first = afterLower.utf8.first, Self.definitionLeadStarts.contains(first),
               let lead = Self.definitionLeads.first(where: { afterLower.hasPrefix($0) }),
               !Self.endsLowercased(before, with: "denote by ") {
                let rest = String(afterLower.dropFirst(lead.count))
                let phrase = Self.phrase(rest)
                let bad = ["equal", "set to", "given by", "defined", "computed", "obtained", "used", "bounded", "updated", "a function of"]
                if !bad.contains(where: { phrase.hasPrefix($0) }), !phrase.isEmpty {
                    offer(.definition, phrase)
                    continue
                }
            }
            if Self.endsLowercased(before, with: "denote by ") || Self.endsLowercased(before, with: "denote ")
                || Self.endsLowercased(before, with: "write ") {
                if afterLower.hasPrefix("the ") || afterLower.hasPrefix("a ") || afterLower.hasPrefix("an ") {
                    offer(.definition, Self.phrase(String(afterLower)))
                    continue
                }
            }
            // Apposition: "the step size $\alpha$", "decay rates $\beta_1$ and $\beta_2$". Only the
            // last four words matter: up to three for the phrase and the one before it.
            let tail = Self.lastWords(before, 4)
            var words = tail.words
            let more = tail.more
            var phrase: [String] = []
            while let last = words.last, phrase.count < 3 {
                let w = last.lowercased()
                guard Self.isLettersOrHyphens(w), !stopWords.contains(w) else { break }
                phrase.insert(w, at: 0)
                words.removeLast()
            }
            if let first = phrase.first, first.count >= 3 {
                let previous = words.last?.lowercased() ?? ""
                // "We selected $\epsilon$": after a subject pronoun the words are a verb, not a name.
                if !Self.pronouns.contains(previous), (words.isEmpty && !more) || stopWords.contains(previous) || previous.hasSuffix(",") {
                    offer(.apposition, phrase.joined(separator: " "))
                }
            }
        }
    }

    private static let pronouns: Set<String> = ["we", "i", "they", "you", "one", "it"]

    /// The words after a formula as the definition tests read them: lower-cased, leading spaces
    /// dropped. For ASCII text only the clause up to the first `.,;:()$` is kept (the leads hold
    /// none of these bytes, so a lead that does not fit in the clause did not match the whole
    /// text either, and ``phrase(_:)`` stops there): the rest of a sentence is not lower-cased.
    static func leadingClauseLowercased(_ text: String) -> String {
        var copy = text
        return copy.withUTF8 { b -> String in
            guard !b.contains(where: { $0 >= 0x80 }) else {
                return String(CatalogTokenizer.asciiLowercased(text).drop(while: { $0 == " " }))
            }
            var start = 0
            while start < b.count, b[start] == 0x20 { start += 1 }
            var end = start
            while end < b.count, !Self.endsClause(b[end]) { end += 1 }
            return CatalogTokenizer.asciiLowercased(UnsafeBufferPointer(rebasing: b[start..<end]))
        }
    }

    /// The bytes ``phrase(_:)`` stops at: `.,;:()$`.
    private static func endsClause(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "$"): true
        default: false
        }
    }

    /// Whether the lower-cased `text` ends with `suffix` (lower case, ASCII), as
    /// `CatalogTokenizer.asciiLowercased(text).hasSuffix(suffix)`: the words before a formula are
    /// asked how they end ("denote by "). When the bytes compared and the one before them are
    /// ASCII, each is a character and its lower case is the ASCII one, whatever comes before:
    /// they are compared case-folded, and the rest of the sentence is not lower-cased.
    static func endsLowercased(_ text: String, with suffix: StaticString) -> Bool {
        let s = UnsafeBufferPointer(start: suffix.utf8Start, count: suffix.utf8CodeUnitCount)
        var copy = text
        let folded = copy.withUTF8 { b -> Bool? in
            guard b.count >= s.count else { return false }
            let from = b.count - s.count
            guard b[max(from - 1, 0)...].allSatisfy({ $0 < 0x80 }) else { return nil }
            for k in 0..<s.count {
                let c = b[from + k]
                if (c &- 0x41 < 26 ? c | 0x20 : c) != s[k] { return false }
            }
            return true
        }
        return folded ?? CatalogTokenizer.asciiLowercased(text).hasSuffix(String(describing: suffix))
    }

    /// False only when no power can come out of the TeX: the parser makes powers of `^` alone,
    /// and a non-ASCII character (a Unicode superscript) is left to the parser.
    static func mayHoldPower(_ tex: String) -> Bool {
        tex.utf8.contains { $0 == UInt8(ascii: "^") || $0 >= 0x80 }
    }

    /// `,`, `and` or `, and` between spaces: what joins symbols that share a description.
    static func isJoiner(_ text: String) -> Bool {
        // Bytes, not Characters: asked between every pair of formulas of every sentence. Only
        // spaces are trimmed, as `trimming(" ")` did.
        let b = text.utf8
        var lower = b.startIndex, upper = b.endIndex
        while lower < upper, b[lower] == 0x20 { lower = b.index(after: lower) }
        while upper > lower, b[b.index(before: upper)] == 0x20 { upper = b.index(before: upper) }
        let core = b[lower..<upper]
        return core.elementsEqual(",".utf8) || core.elementsEqual("and".utf8) || core.elementsEqual(", and".utf8)
    }

    /// Every character a letter or `-` (`Character.isLetter`, on bytes for ASCII words).
    static func isLettersOrHyphens(_ word: String) -> Bool {
        let bytes = word.utf8
        guard bytes.allSatisfy({ $0 < 0x80 }) else { return word.allSatisfy { $0.isLetter || $0 == "-" } }
        return bytes.allSatisfy { $0 &- 0x61 < 26 || $0 &- 0x41 < 26 || $0 == UInt8(ascii: "-") }
    }

    /// The last `count` words of `text` (split at spaces, as `split(separator: " ")` does), and
    /// whether any word comes before them. Walks back from the end instead of splitting it all.
    static func lastWords(_ text: String, _ count: Int) -> (words: [String], more: Bool) {
        if let ascii = asciiLastWords(text, count) { return ascii }
        var words: [String] = []
        var end = text.endIndex
        var i = text.endIndex
        while i > text.startIndex {
            let j = text.index(before: i)
            if text[j] == " " {
                if end > i {
                    words.append(String(text[i..<end]))
                    // Any byte but a space belongs to a character that is not a space: a word.
                    if words.count == count { return (words.reversed(), text[..<j].utf8.contains { $0 != 0x20 }) }
                }
                end = j
            }
            i = j
        }
        if end > text.startIndex { words.append(String(text[..<end])) }
        return (words.reversed(), false)
    }

    /// ``lastWords(_:_:)`` walking bytes, which is the same split as by characters when the bytes
    /// walked (and the one before the last space) are ASCII; nil otherwise.
    private static func asciiLastWords(_ text: String, _ count: Int) -> (words: [String], more: Bool)? {
        var copy = text
        return copy.withUTF8 { b -> (words: [String], more: Bool)? in
            func word(_ lower: Int, _ upper: Int) -> String { String(decoding: UnsafeBufferPointer(rebasing: b[lower..<upper]), as: UTF8.self) }
            var words: [String] = []
            var end = b.count
            var i = b.count
            while i > 0 {
                let j = i - 1
                let c = b[j]
                if c >= 0x80 { return nil }
                if c == 0x20 {
                    if end > i {
                        words.append(word(i, end))
                        if words.count == count {
                            if j > 0 && b[j - 1] >= 0x80 { return nil }
                            return (words.reversed(), b[..<j].contains { $0 != 0x20 })
                        }
                    }
                    end = j
                }
                i = j
            }
            if end > 0 { words.append(word(0, end)) }
            return (words.reversed(), false)
        }
    }

    /// A defining phrase up to the end of its clause: "the learning rate, and …" → "learning rate".
    private static func phrase(_ text: String) -> String {
        var out = ""
        for c in text {
            if c == "." || c == "," || c == ";" || c == ":" || c == "(" || c == ")" || c == "$" { break }
            out.append(c)
        }
        var words = out.split(separator: " ").map(String.init)
        while let first = words.first, ["the", "a", "an"].contains(first) { words.removeFirst() }
        // Stop before a new clause.
        if let cut = words.firstIndex(where: { ["and", "while", "which", "where", "whereas"].contains($0) }) {
            words = Array(words[..<cut])
        }
        return words.joined(separator: " ")
    }

    private func values(_ tree: MathNode, reader: QuantityReader, span: SourceSpan, relevant: Set<String>?, into f: inout Findings) {
        guard case .binary(let op, let lhs, let rhs) = tree.kind, op == .equal || op == .assign || op == .define else {
            if case .tuple = tree.kind {
                for (k, v) in tupleValues(tree, reader: reader) where f.values[k] == nil { f.values[k] = (v, span) }
            }
            return
        }
        // `\beta_1, \beta_2 = 0.9, 0.999` parses as (\beta_1, \beta_2 = 0.9, 0.999).
        if let q = reader.quantity(lhs, spelled: false), q.counter == nil, relevant?.contains(q.key) ?? true, !reader.counters.contains(q.key),
           let v = NumericValue.text(rhs) {
            if f.values[q.key] == nil { f.values[q.key] = (v, span) }
        }
    }

    /// Same as `values`, for tuples split around one `=`.
    func tupleValues(_ tree: MathNode, reader: QuantityReader) -> [(String, String)] {
        guard case .tuple(let items) = tree.kind,
              let k = items.firstIndex(where: { if case .binary(.equal, _, _) = $0.kind { true } else { false } }),
              case .binary(.equal, let lhs, let rhs) = items[k].kind else { return [] }
        let names = Array(items[..<k]) + [lhs]
        let vals = [rhs] + Array(items[(k + 1)...])
        guard names.count == vals.count else { return [] }
        return zip(names, vals).compactMap { n, v in
            guard let q = reader.quantity(n, spelled: false), let t = NumericValue.text(v) else { return nil }
            return (q.key, t)
        }
    }

    // MARK: - Naming

    /// Glossary entries for the given quantities (key, readable spelling, TeX as first written),
    /// with names unique across the set.
    func entries(for quantities: [(key: String, readable: String, tex: String)], findings: Findings) -> [GlossaryEntry] {
        var used = Set<String>()
        var entries: [GlossaryEntry] = []
        // Names from meanings are given first, so that a spelling never takes a name the paper chose.
        let readableNames = Set(quantities.map(\.readable))
        for (key, readable, tex) in quantities {
            let c = findings.meanings[key]
            var name = readable
            var fromMeaning = false
            if let c, !c.shared, !c.initial, c.source <= .apposition, !naming.keepSpelling.contains(readable),
               let candidate = naming.identifier(fromMeaning: c.meaning),
               !used.contains(candidate), !readableNames.contains(candidate) || candidate == readable {
                name = candidate
                fromMeaning = true
            }
            if let reserved = naming.reservedNames[name] { name = reserved }
            var unique = name
            var n = 2
            while used.contains(unique) { unique = name + "_\(n)"; n += 1 }
            used.insert(unique)
            let value = findings.values[key]
            entries.append(GlossaryEntry(symbol: tex, key: key, name: unique, nameFromMeaning: fromMeaning,
                                         meaning: c.map { $0.initial ? "initial value: " + $0.meaning : $0.meaning },
                                         source: c?.source ?? .none, evidence: c?.span, evidenceText: c?.text,
                                         value: value?.0, valueEvidence: value?.1, shared: c?.shared ?? false))
        }
        return entries
    }
}
