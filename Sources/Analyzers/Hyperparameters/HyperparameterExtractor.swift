import Foundation
import PaperModel

/// Finds every training, optimization, architecture and sampling setting a paper states for its
/// own method: in prose ("a learning rate of 3e-4", "we train for 300K steps"), in inline math
/// (`$\alpha = 10^{-3}$`, `$\lambda \in \{0.1, 1\}$`), in algorithm captions and Require/Input
/// lines, and in tables that list settings.
///
/// Each finding carries the sentence, cell or line it comes from. Rules are data
/// (``HyperparameterRules``, `hyperparameter-rules.json`); names and plausible values come from
/// the ``HyperparameterVocabulary``. Proofs, related work and acknowledgments are not read;
/// results tables are skipped; numbers that belong to cited work lose confidence.
public struct HyperparameterExtractor: Sendable {
    public let vocabulary: HyperparameterVocabulary
    public let rules: HyperparameterRules
    /// Findings below this confidence are dropped (bare symbols such as `$K = 4$` with no name
    /// in the paper's words score about 0.45).
    public var minimumConfidence: Double
    let index: HyperNameIndex

    private static let sharedIndex = HyperNameIndex(vocabulary: .shared, rules: .shared)

    public init(vocabulary: HyperparameterVocabulary = .shared, rules: HyperparameterRules = .shared,
                minimumConfidence: Double = 0.5) {
        self.vocabulary = vocabulary
        self.rules = rules
        self.minimumConfidence = minimumConfidence
        if rules.isBundled, vocabulary.hyperparameters == HyperparameterVocabulary.shared.hyperparameters {
            index = Self.sharedIndex
        } else {
            index = HyperNameIndex(vocabulary: vocabulary, rules: rules)
        }
    }

    /// A piece of text to read: a sentence, caption sentence or algorithm line.
    struct Unit {
        var text: String
        var span: SourceSpan
        var context: String?
        var site: HyperSite
        /// An algorithm's Require/Input line.
        var declaration: Bool
        var tokens: [HyperToken] = []
        /// The text's scalars, decoded once for the tokenizer, the glossary and the reader.
        var scalars: [Unicode.Scalar] = []
        /// The text holds a digit.
        var mayHoldValue = false
    }

    public func extract(from paper: Paper) -> [HyperparameterFinding] {
        let unicodeExponents = paper.source.kind != .latex
        let memo = HyperMemo(vocabulary: vocabulary)
        // A block's site and context, by its section (and whether it is in the abstract): both
        // depend on its sections only, and building them per block joined a String each time.
        var siteCache: [String: (site: HyperSite, context: String?)?] = [:]
        var kinds: [String: HyperparameterRules.SectionKind] = [:]
        func kind(_ s: Section) -> HyperparameterRules.SectionKind {
            if let k = kinds[s.id] { return k }
            let k = rules.sectionKind(s.title)
            kinds[s.id] = k
            return k
        }
        var units: [Unit] = []
        var tables: [(Table, HyperSite, String?)] = []
        let abstractCount = paper.abstract.count
        var titles: [String: String] = [:]
        for s in paper.allSections { if let n = s.number, titles[n] == nil { titles[n] = s.title } }
        for (n, lb) in paper.allBlocks.enumerated() {
            guard lb.theoremPath.isEmpty else { continue }
            let siteKey = (n < abstractCount ? "abstract|" : "") + (lb.sectionPath.last?.id ?? "")
            let cached: (site: HyperSite, context: String?)?
            if let c = siteCache[siteKey] {
                cached = c
            } else {
                cached = site(for: lb.sectionPath, isAbstract: n < abstractCount, titles: titles,
                              hasSections: !paper.sections.isEmpty, kind: kind).map { site in
                    (site, lb.sectionPath.last.map { s in [s.number, s.title].compactMap { $0 }.joined(separator: " ") })
                }
                siteCache[siteKey] = .some(cached)
            }
            guard let cached else { continue }
            let site = cached.site, context = cached.context
            switch lb.block {
            case .paragraph(let p):
                for s in p.sentences {
                    units.append(Unit(text: s.text, span: s.span, context: context, site: site, declaration: false))
                }
            case .table(let t):
                let label = "Table" + (t.number.map { " " + $0 } ?? "")
                for s in SentenceSplitter.split(t.caption) {
                    units.append(Unit(text: s.text, span: t.span, context: label, site: site, declaration: false))
                }
                tables.append((t, site, context))
            case .figure(let f):
                let label = "Figure" + (f.number.map { " " + $0 } ?? "")
                for s in SentenceSplitter.split(f.caption) {
                    units.append(Unit(text: s.text, span: f.span, context: label, site: site, declaration: false))
                }
            case .algorithm(let a):
                let label = "Algorithm" + (a.number.map { " " + $0 } ?? "") + (a.caption.isEmpty ? "" : ": " + a.caption)
                var declared = site
                declared.declarative = true
                declared.weight = max(site.weight, 0.05)
                for s in SentenceSplitter.split(a.caption) {
                    units.append(Unit(text: s.text, span: a.span, context: label, site: declared, declaration: false))
                }
                for line in a.lines {
                    switch line.kind {
                    case .require, .input, .parameters, .initialize, .ensure:
                        units.append(Unit(text: line.text, span: line.span, context: label, site: declared, declaration: true))
                    case .comment:
                        units.append(Unit(text: line.text, span: line.span, context: label, site: declared, declaration: false))
                    default:
                        if let c = line.comment, !c.isEmpty {
                            units.append(Unit(text: c, span: line.span, context: label, site: declared, declaration: false))
                        }
                    }
                }
            default:
                break
            }
        }

        // Tokenize what may hold symbols or values, and learn the paper's symbol definitions.
        var glossary = HyperGlossary()
        for k in units.indices {
            let text = units[k].text
            let bytes = ScalarText.bytes(text)
            let hasDigit = bytes.digit
            let hasMath = bytes.dollar || units[k].declaration || (unicodeExponents && bytes.nonASCII)
            guard hasDigit || hasMath else { continue }
            units[k].mayHoldValue = hasDigit
            units[k].scalars = ScalarText.scalars(text)
            units[k].tokens = HyperTokenizer.tokenize(scalars: units[k].scalars, unicodeExponents: unicodeExponents, memo: memo,
                                                      lexicon: index.lexicon)
            index.lexicon.annotate(&units[k].tokens)
            if unicodeExponents, hasDigit { HyperTokenizer.markLatinSymbols(&units[k].tokens, text: text, memo: memo) }
            if hasMath {
                glossary.learn(units[k].tokens, text: text, scalars: units[k].scalars, declaration: units[k].declaration,
                               memo: memo, index: index)
            }
        }
        var paperNames = HyperNameIndex.PaperNames()
        for def in glossary.definitions.values where def.strength >= 2 && def.canonical == nil {
            if HyperTableReader.words(def.name).count >= 2 { _ = paperNames.add(def.name) }
        }
        let reader = HyperSentenceReader(index: index, rules: rules, vocabulary: vocabulary, glossary: glossary,
                                         paperNames: paperNames, memo: memo, methods: HyperMethodNames(paper: paper, rules: rules))

        var findings: [HyperparameterFinding] = []
        var seen: [String: Int] = [:]
        func add(_ c: HyperCandidate, evidence: Evidence, place: String? = nil) {
            guard c.confidence >= minimumConfidence else { return }
            let key = Self.dedupKey(c) + (place ?? "")
            if let old = seen[key] {
                if findings[old].confidence < c.confidence {
                    findings[old].confidence = c.confidence
                }
                return
            }
            seen[key] = findings.count
            findings.append(HyperparameterFinding(name: c.name, canonical: c.canonical, symbol: c.symbol, value: c.value,
                                                  raw: c.raw, unit: c.unit, scope: c.scope, evidence: evidence,
                                                  confidence: (c.confidence * 100).rounded() / 100))
        }
        var nextTable = 0
        // By index: a unit copied out of the array retained each of its Strings and arrays.
        for k in units.indices where !units[k].tokens.isEmpty && units[k].mayHoldValue {
            for c in reader.read(units[k].tokens, text: units[k].text, scalars: units[k].scalars, site: units[k].site) {
                add(c, evidence: Evidence(span: units[k].span, text: units[k].text, context: units[k].context))
            }
        }
        // Settings named, not numbered: "we use the AdamW optimizer".
        let choices = HyperChoiceReader(skipped: CardRules.shared.settingsSupplied(byTitle: paper.metadata.title ?? ""))
        for k in units.indices where !units[k].declaration {
            for c in choices.read(units[k].text, site: units[k].site) {
                add(c, evidence: Evidence(span: units[k].span, text: units[k].text, context: units[k].context))
            }
        }
        let tableReader = HyperTableReader(sentences: reader, methods: reader.methods)
        while nextTable < tables.count {
            let (t, site, _) = tables[nextTable]
            nextTable += 1
            let label = "Table" + (t.number.map { " " + $0 } ?? "") + (t.caption.isEmpty ? "" : ": " + t.caption)
            for cell in tableReader.read(t, site: site, unicodeExponents: unicodeExponents) {
                let span = cell.row < t.rows.count ? t.rows[cell.row].span : t.span
                add(cell.candidate, evidence: Evidence(span: span, text: cell.evidence, context: label),
                    place: cell.place.map { "|t\(nextTable)" + $0 })
            }
        }
        return findings.sorted { a, b in
            (a.evidence.span.file, a.evidence.span.page ?? 0, a.evidence.span.line, a.evidence.span.column)
                < (b.evidence.span.file, b.evidence.span.page ?? 0, b.evidence.span.line, b.evidence.span.column)
        }
    }

    /// The symbol definitions the extractor learns from a paper (for diagnostics).
    func debugGlossary(_ paper: Paper) -> [String: String] {
        var g = HyperGlossary()
        let memo = HyperMemo(vocabulary: vocabulary)
        let unicodeExponents = paper.source.kind != .latex
        for p in paper.paragraphs {
            for s in p.sentences {
                g.learn(HyperTokenizer.tokenize(s.text, unicodeExponents: unicodeExponents), text: s.text, declaration: false,
                        memo: memo, index: index)
            }
        }
        for a in paper.algorithms {
            for l in a.lines {
                g.learn(HyperTokenizer.tokenize(l.text, unicodeExponents: unicodeExponents), text: l.text,
                        declaration: [.require, .input, .parameters].contains(l.kind), memo: memo, index: index)
            }
        }
        return g.definitions.mapValues { "\($0.name) [\($0.canonical ?? "-")] s\($0.strength)" }
    }

    /// Same setting, same value, same scope. Numbers by their bits in hexadecimal (printing a
    /// Double's shortest decimal costs several times more, and tells the same values apart).
    static func dedupKey(_ c: HyperCandidate) -> String {
        let name = c.canonical ?? HyperparameterVocabulary.key(c.name)
        func bits(_ v: Double) -> String { String(v.bitPattern, radix: 16) }
        let value: String
        switch c.value {
        case .number(let v): value = bits(v)
        case .set(let vs): value = "{" + vs.map(\.bitPattern).sorted().map { String($0, radix: 16) }.joined(separator: ",") + "}"
        case .range(let a, let b): value = "[" + bits(a) + "," + bits(b) + "]"
        case .text(let t): value = "t" + t
        }
        return name + "|" + value + "|" + (c.scope ?? "")
    }

    /// What the sections around a block say about the settings in it; nil when it is not read.
    func site(for path: [Section], isAbstract: Bool, titles: [String: String] = [:], hasSections: Bool = true,
              kind kindOf: ((Section) -> HyperparameterRules.SectionKind)? = nil) -> HyperSite? {
        var kind = HyperparameterRules.SectionKind.other
        let kinds = path.map { kindOf?($0) ?? rules.sectionKind($0.title) }
        if kinds.contains(.skip) { return nil }
        for k in kinds.reversed() where k != .other { kind = k; break }
        var weight: Double
        switch kind {
        case .settings: weight = 0.1
        case .theory: weight = -0.25
        default: weight = path.contains { $0.appendix } ? 0.05 : 0
        }
        // The abstract and front matter state claims; text without sections (plain text) is neutral.
        if isAbstract || (path.isEmpty && hasSections) { weight = -0.15 }
        return HyperSite(sectionTitle: path.last.map { Self.scopeTitle($0.title, titles: titles) }, kind: kind, weight: weight)
    }

    /// "Hyperparameters for Section 3.1" states the settings of section 3.1: same scope.
    static func scopeTitle(_ title: String, titles: [String: String]) -> String {
        // "... Section 3.1", "... Sec. 4", "§ 2". Most titles name no section: "§" and "sec" are
        // looked for in the bytes before the title is read Character by Character.
        guard ScalarText.contains(title, byte: 0xA7) || Self.containsSec(title) else { return title }
        let chars = Array(title)
        var i = 0
        while i < chars.count {
            var j = -1
            if chars[i] == "§" {
                j = i + 1
            } else if chars[i] == "S" || chars[i] == "s", i + 3 <= chars.count,
                      String(chars[i..<(i + 3)]).lowercased() == "sec", i == 0 || !chars[i - 1].isLetter {
                j = i + 3
                while j < chars.count, chars[j].isLetter || chars[j] == "." { j += 1 }
            }
            if j > i {
                while j < chars.count, chars[j] == " " { j += 1 }
                var n = ""
                while j < chars.count, chars[j].isNumber || chars[j] == "." || (chars[j].isLetter && chars[j].isUppercase && n.isEmpty) {
                    n.append(chars[j])
                    j += 1
                }
                while n.hasSuffix(".") { n.removeLast() }
                if let t = titles[n] { return t }
            }
            i += 1
        }
        return title
    }

    /// Whether the title's UTF-8 holds "sec" in any case.
    static func containsSec(_ title: String) -> Bool {
        func search(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
            guard b.count >= 3 else { return false }
            for i in 0...(b.count - 3) where b[i] | 0x20 == 0x73 && b[i + 1] | 0x20 == 0x65 && b[i + 2] | 0x20 == 0x63 {
                return true
            }
            return false
        }
        return title.utf8.withContiguousStorageIfAvailable(search) ?? Array(title.utf8).withUnsafeBufferPointer(search)
    }
}
