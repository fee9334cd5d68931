import Foundation

/// A setting read from a sentence, table cell or algorithm line, before it gets its evidence.
struct HyperCandidate: Sendable {
    var name: String
    var canonical: String?
    var symbol: String?
    var value: HyperValue
    var raw: String
    var unit: String?
    var scope: String?
    var confidence: Double
}

/// Where a sentence stands: what its section says about the settings in it.
struct HyperSite: Sendable {
    var sectionTitle: String?
    var kind: HyperparameterRules.SectionKind
    /// Added to every confidence from this place (settings sections up, theory down).
    var weight: Double
    /// An algorithm's declaration or caption, a table: settings are stated, not discussed.
    var declarative: Bool = false
}

/// Pairs names with values in one tokenized sentence.
///
/// Patterns, in order: math relations (`$\alpha = 10^{-3}$`, with the name from the words right
/// before, from the paper's own symbol definitions, or from the vocabulary when the sentence
/// agrees); a name followed by link words and a value ("a learning rate of 3e-4", "the batch
/// size is set to 64"); a count followed by a count noun ("40K steps", "two stacked layers");
/// values continuing an earlier one ("24 for Transformer and 12 for Diff Transformer").
///
/// A class: the reader holds the rules, the vocabulary and the paper's glossary (some forty
/// collections), and a struct was copied whole, each collection retained and released, whenever
/// a closure or the table reader took it.
final class HyperSentenceReader {
    let index: HyperNameIndex
    let rules: HyperparameterRules
    let vocabulary: HyperparameterVocabulary
    let glossary: HyperGlossary
    let paperNames: HyperNameIndex.PaperNames
    let memo: HyperMemo
    /// Tells the paper's method from the baselines it compares with.
    let methods: HyperMethodNames

    init(index: HyperNameIndex, rules: HyperparameterRules, vocabulary: HyperparameterVocabulary, glossary: HyperGlossary,
         paperNames: HyperNameIndex.PaperNames, memo: HyperMemo, methods: HyperMethodNames = HyperMethodNames()) {
        self.index = index
        self.rules = rules
        self.vocabulary = vocabulary
        self.glossary = glossary
        self.paperNames = paperNames
        self.memo = memo
        self.methods = methods
    }

    static let strongPunct: Set<String> = [":", "=", "(", "∈"]
    static let gapPunct: Set<String> = [":", "=", "(", ",", "∈", "≈", "~", "∼"]
    static let listJoiners: Set<String> = [",", "and", "or", "/", "&"]
    static let conditionWords: Set<String> = ["when", "if", "whenever", "unless", "until", "where", "case", "whereas", "while"]
    static let skipBeforeCount: Set<String> = [
        "a", "an", "the", "additional", "approximately", "about", "around", "roughly", "total", "only", "just",
        "another", "further", "extra", "roughly", "nearly", "almost", "over", "least", "most", "up", "than", "more",
    ]
    static let evaluationBeforeCount: Set<String> = [
        "every", "each", "after", "per", "within", "at", "in", "next", "first", "last", "from", "to", "than", "between",
        "of", "till", "until", "by", "before",
    ]
    static let goodBeforeCount: Set<String> = ["for", "with", "on", "using", "use", "uses", "of", "total"]
    static let unitWords: Set<String> = [
        "step", "epoch", "iteration", "token", "frame", "sample", "image", "sequence", "example", "episode", "update",
        "pixel", "timestep", "unit", "layer", "head", "run", "seed", "trial", "minibatch", "batch", "word", "sentence",
        "character", "dimension", "channel", "neuron", "node", "block", "candidate", "elite", "particle", "game",
    ]
    static let settingVerbs: Set<String> = ["set", "use", "used", "using", "setting", "choose", "chose", "chosen", "fix", "fixed", "found", "find", "work", "works", "default", "employ", "adopt"]
    static let trailingGeneric: Set<String> = ["hyperparameter", "hyper", "parameter"]

    struct Name {
        var start: Int
        var end: Int
        /// As written, with qualifiers ("maximal learning rate").
        var text: String
        var entry: HyperparameterEntry?
        var count: HyperparameterRules.CountNoun?
        /// A one-word generic name ("batch", "temperature") that needs a strong link.
        var ambiguous: Bool
        var fromPaper: Bool
        /// "2-dimensional latent space": a count of dimensions named after the number.
        var dimension = false
        /// "minibatches of size": the name takes the value after "of size".
        var ofSize = false
    }

    struct Group {
        var first: Int
        var last: Int
        var values: [Double]
        var isSet: Bool
        var isRange: Bool
        var isInteger: Bool
        var isPercent: Bool
        var spelled: Bool
        var raw: String
    }

    // MARK: - Entry point

    /// What kind of sentence it is, as far as its numbers go.
    struct Mood {
        /// About cited work ("[12] uses …", "They adopt …"), with no "we".
        var otherWork: Bool
        /// Reports results ("achieves", "accuracy").
        var result: Bool
        /// Speaks of evaluation and not of training.
        var evaluation: Bool
        /// Says "we"/"our".
        var firstPerson: Bool
        var trainingIndex: Int?
    }

    /// - Parameter tokens: annotated (``HyperLexicon/annotate(_:)``).
    func mood(_ tokens: [HyperToken]) -> Mood {
        var first = false
        var result = false
        var trainingIndex: Int?
        var evaluationIndex: Int?
        for k in tokens.indices where tokens[k].kind == .word {
            let f = tokens[k].flags
            if f.contains(.firstPerson) { first = true }
            if f.contains(.resultCue) { result = true }
            if trainingIndex == nil, f.contains(.trainingCue) { trainingIndex = k }
            if evaluationIndex == nil, f.contains(.evaluationCue) { evaluationIndex = k }
        }
        let evaluation = evaluationIndex.map { e in trainingIndex.map { $0 > e } ?? true } ?? false
        return Mood(otherWork: isOtherWork(tokens, firstPerson: first), result: result, evaluation: evaluation,
                    firstPerson: first, trainingIndex: trainingIndex)
    }

    /// - Parameter scalars: the scalars of `text`, when the caller has them.
    func read(_ input: [HyperToken], text: String, scalars known: [Unicode.Scalar]? = nil, site: HyperSite) -> [HyperCandidate] {
        let scalars = known ?? ScalarText.scalars(text)
        var tokens = Self.proseRelations(Self.droppingAsides(input), scalars: scalars)
        index.lexicon.annotate(&tokens)
        guard tokens.indices.contains(where: { tokens[$0].kind.isValue || tokens[$0].kind == .relation }) else { return [] }
        func slice(_ a: Int, _ b: Int) -> String {
            guard a < b, a >= 0, b <= scalars.count else { return "" }
            return ScalarText.string(scalars, a, b)
        }
        let names = findNames(tokens, slice: slice)
        var nameEnding: [Int: Int] = [:]
        var nameStarting: [Int: Int] = [:]
        for (n, nm) in names.enumerated() {
            nameEnding[nm.end - 1] = n
            nameStarting[nm.start] = n
        }
        let m = mood(tokens)
        let nameStarts = Set(nameStarting.keys)
        let clauses = HyperClauses(tokens, scalars: scalars, cues: index.specialCues, nameStarts: nameStarts)
        let baselines = methods.baselineClauses(tokens)
        func isBaselines(_ i: Int) -> Bool { baselines.contains { $0.contains(i) } }
        var out: [HyperCandidate] = []
        let baseWeight = site.weight + (m.otherWork ? -0.4 : 0) + (m.evaluation && !site.declarative ? -0.15 : 0)
        let resultPenalty = m.result && !site.declarative ? 0.35 : 0

        // 1. Relations in math.
        var resolvedCategories = Set<HyperparameterEntry.Category>()
        var pending: [(token: Int, rel: HyperRelation, conditional: Bool)] = []
        for i in tokens.indices where tokens[i].kind == .relation && !clauses.isSpecialCase(i) && !isBaselines(i) {
            let t = tokens[i]
            let conditional = isConditional(tokens, before: i)
            // A name right before: "the step size $\alpha = 0.001$", "set the transition ratio to $\lambda=0.5$".
            var adjacent: Int?
            if t.relations.count == 1,
               let (n, _, _, _) = nameBefore(tokens, i, nameEnding: nameEnding, maxGap: 3, allowUnknown: 0, tight: true),
               !names[n].fromPaper || glossary.definitions[t.relations[0].key].map({ HyperparameterVocabulary.key($0.name) == HyperparameterVocabulary.key(names[n].text) }) ?? true {
                adjacent = n
            } else if t.relations.count == 1, let n = nameAfter(tokens, i, nameStarting: nameStarting, names: names) {
                adjacent = n
            }
            // "the hyperparameter $c_a = 0.005$": declared a setting, named by its symbol.
            let declared = adjacent == nil && i > 0 && tokens[i - 1].kind == .word
                && ["hyperparameter", "hyper-parameter", "parameter", "constant", "coefficient"].contains(tokens[i - 1].norm)
            for rel in t.relations {
                let weight = baseWeight + (conditional ? -0.3 : 0)
                if let n = adjacent {
                    let nm = names[n]
                    if let c = candidate(name: nm.text, entry: nm.entry, symbol: rel.lhs, rel: rel, base: 0.85,
                                         weight: weight - resultPenalty * 0.6, mood: m, scope: site.sectionTitle) {
                        out.append(contentsOf: c)
                        if let e = nm.entry { resolvedCategories.insert(e.category) }
                    }
                    continue
                }
                if declared, glossary.definitions[rel.key] == nil {
                    out.append(contentsOf: candidate(name: rel.lhs, entry: nil, symbol: rel.lhs, rel: rel, base: 0.75,
                                                     weight: weight - resultPenalty, mood: m, scope: site.sectionTitle) ?? [])
                    continue
                }
                pending.append((i, rel, conditional))
            }
        }
        // Symbols resolved from the paper's definitions or from the vocabulary, in agreement with
        // the other settings of the sentence.
        var unresolved: [(Int, HyperRelation, Bool)] = []
        for (i, rel, cond) in pending {
            let weight = baseWeight + (cond ? -0.3 : 0) - resultPenalty
            if let expansion = expandTuple(rel) {
                for (entry, key, value) in expansion {
                    var r = rel
                    r.values = [value]
                    r.isSet = false
                    out.append(contentsOf: candidate(name: key, entry: entry, symbol: key, rel: r, base: 0.75,
                                                     weight: weight, mood: m, scope: site.sectionTitle) ?? [])
                    resolvedCategories.insert(entry.category)
                }
                continue
            }
            if let def = glossary.definitions[rel.key] {
                // A symbol the vocabulary knows for sure (β1) keeps its entry; the paper gives the name.
                let sure = memo.canonical(forSymbol: rel.key)
                let entry = sure.count == 1 && rel.key.contains(where: { $0.isNumber })
                    ? sure[0] : def.canonical.flatMap { vocabulary.entry(named: $0) }
                out.append(contentsOf: candidate(name: def.name, entry: entry, symbol: rel.lhs, rel: rel, base: 0.75,
                                                 weight: weight, mood: m, scope: site.sectionTitle) ?? [])
                if let e = entry { resolvedCategories.insert(e.category) }
                continue
            }
            let cands = memo.canonical(forSymbol: rel.key)
            if cands.count == 1, rel.key.contains(where: { $0.isNumber }) {
                out.append(contentsOf: candidate(name: rel.key, entry: cands[0], symbol: rel.lhs, rel: rel, base: 0.75,
                                                 weight: weight, mood: m, scope: site.sectionTitle) ?? [])
                resolvedCategories.insert(cands[0].category)
                continue
            }
            unresolved.append((i, rel, cond))
        }

        // 2. Values in prose.
        let groups = valueGroups(tokens, nameStarts: nameStarts, slice: slice)
            .filter { !clauses.isSpecialCase($0.first) && !clauses.isDeviceCount($0.first) }
        var groupName: [Int: (name: Int, forEnd: Int)] = [:]
        var forwardUsed = Set<Int>()
        var trainingOK: [Int: Bool] = [:]
        func training(_ g: Int) -> Bool {
            if let v = trainingOK[g] { return v }
            let v = trainingContext(tokens, groups, g, trainingIndex: m.trainingIndex, evaluation: m.evaluation, memo: trainingOK)
            trainingOK[g] = v
            return v
        }
        for (g, grp) in groups.enumerated() {
            if isReference(tokens, before: grp.first) || isFactor(tokens, after: grp.last) { continue }
            let forPhrase = self.forPhrase(tokens, after: grp.last + 1, slice: slice)
            let unitWord = grp.last + 1 < tokens.count && tokens[grp.last + 1].kind == .word
                && tokens[grp.last + 1].flags.contains(.unitWord) ? slice(tokens[grp.last + 1].start, tokens[grp.last + 1].end) : nil
            let conditional = isConditional(tokens, before: grp.first)
            let weight = baseWeight + (conditional ? -0.3 : 0)

            // Count noun after: "40K steps", "two stacked RNN layers", "5-layer MLP".
            let after = countAfter(grp, tokens, nameStarting: nameStarting, names: names, training: { training(g) })
            // Name before: "a learning rate of 3e-4".
            var before = nameBefore(tokens, grp.first, nameEnding: nameEnding, maxGap: 8, allowUnknown: 1, tight: false)
            if let b = before, names[b.name].ambiguous, !(b.strong && b.unknown == 0) { before = nil }
            if let b = before, names[b.name].count != nil, names[b.name].entry == nil { before = nil }
            if let b = before, forwardUsed.contains(b.name), !names[b.name].ofSize { before = nil }
            // "layers of 200 units": "of" hands the number to the noun after it.
            if let b = before, b.onlyOf, grp.last + 1 < tokens.count, tokens[grp.last + 1].kind == .word,
               !tokens[grp.last + 1].flags.contains(.link), !tokens[grp.last + 1].flags.contains(.unitWord) {
                before = nil
            }
            var chosen: (name: Int, base: Double, forward: Bool)?
            if let a = after, a.hyphenated {
                chosen = (a.name, 0.75, true)
            } else if let b = before, b.strong || after == nil {
                chosen = (b.name, b.strong ? 0.8 : 0.7, false)
            } else if let a = after {
                chosen = (a.name, 0.75, true)
            }
            if chosen == nil, let prev = continuation(tokens, groups: groups, g, groupName: groupName) {
                chosen = (prev, 0.75, false)
            }
            // "{1, 5, 25} for the control variate training iteration number".
            var forName = false
            if chosen == nil, let fp = forPhrase, let n = names.firstIndex(where: { $0.start >= grp.last + 1 && $0.end <= fp.end && $0.entry != nil && !$0.ambiguous }) {
                chosen = (n, 0.7, false)
                forName = true
            }
            guard let ch = chosen else { continue }
            let nm = names[ch.name]
            var entry = nm.entry
            var unit = unitWord
            var penalty = resultPenalty * (ch.forward ? 1 : 0.6)
            if ch.forward, let c = nm.count {
                entry = c.canonical.flatMap { vocabulary.entry(named: $0) } ?? nm.entry
                unit = nm.text
            }
            if ch.forward, nm.count == nil, !nm.dimension { unit = nil }
            if m.otherWork { penalty += 0 }
            let symbol = symbolBetween(tokens, from: nm.end, to: grp.first)
            var value: HyperValue
            if grp.isRange, grp.values.count == 2 {
                value = .range(grp.values[0], grp.values[1])
            } else if grp.values.count == 1 {
                value = .number(grp.isPercent ? ExactDecimal.fraction(percent: grp.values[0]) : grp.values[0])
            } else {
                value = .set(grp.values)
            }
            if grp.isPercent, grp.values.count == 1 { unit = "%" }
            let scopeFor = forName ? nil : forPhrase?.text
            let scope = [site.sectionTitle, scopeFor].compactMap { $0 }.joined(separator: ": ")
            guard let c = make(name: nm.text, entry: entry, symbol: symbol, value: value, raw: grp.raw,
                               isInteger: grp.isInteger, isPercent: grp.isPercent, unit: unit,
                               scope: scope.isEmpty ? nil : scope,
                               confidence: ch.base + weight - penalty + (nm.fromPaper ? -0.05 : 0))
            else { continue }
            // A baseline's value is named (a value continuing it may be the paper's) but not kept.
            if !isBaselines(grp.first) { out.append(c) }
            if ch.forward { forwardUsed.insert(ch.name) }
            if let e = entry { resolvedCategories.insert(e.category) }
            groupName[g] = (ch.name, forName ? grp.last + 1 : (forPhrase?.end ?? grp.last + 1))
        }

        // 3. Symbols left: the vocabulary's reading when the sentence agrees, else the bare symbol.
        for (_, rel, cond) in unresolved {
            let weight = baseWeight + (cond ? -0.3 : 0) - resultPenalty
            let cands = memo.canonical(forSymbol: rel.key)
            let mentioned = cands.first { e in names.contains { $0.entry?.name == e.name } }
            let agreeing = mentioned ?? cands.first { resolvedCategories.contains($0.category) && $0.category != .architecture }
            if let e = agreeing {
                out.append(contentsOf: candidate(name: rel.key, entry: e, symbol: rel.lhs, rel: rel, base: 0.7,
                                                 weight: weight, mood: m, scope: site.sectionTitle) ?? [])
            } else if rel.expression == nil {
                // A bare symbol the paper says it uses ("We use γ = 0.01 for …") in its settings.
                let stated = m.firstPerson && tokens.contains { $0.kind == .word && Self.settingVerbs.contains($0.norm) }
                out.append(contentsOf: candidate(name: rel.lhs, entry: nil, symbol: rel.lhs, rel: rel,
                                                 base: site.declarative ? 0.55 : stated ? 0.45 : 0.35,
                                                 weight: weight, mood: m, scope: site.sectionTitle) ?? [])
            }
        }
        return out
    }

    // MARK: - Names

    func findNames(_ tokens: [HyperToken], slice: (Int, Int) -> String) -> [Name] {
        var out: [Name] = []
        for hit in index.find(in: tokens, paper: paperNames) {
            var start = hit.start
            var end = hit.end
            var entry = hit.vocab.map { vocabulary.hyperparameters[$0] }
            let count = hit.count.map { rules.countNouns[$0] }
            if entry == nil, let c = count?.canonical { entry = vocabulary.entry(named: c) }
            let key = tokens[start..<end].map(\.norm).joined()
            var ambiguous = rules.ambiguousNames.contains(key)
            var ofSize = false
            // Qualifiers before: "maximal learning rate", "inner learning rate".
            while start > 0, tokens[start - 1].kind == .word, tokens[start - 1].flags.contains(.qualifier),
                  !(tokens[start - 1].norm == "value" && start >= 2 && tokens[start - 2].norm == "the") {
                start -= 1
                ambiguous = false
            }
            // A suffix makes another quantity: "learning rate scaling", "horizon length".
            if end < tokens.count, tokens[end].kind == .word, tokens[end].flags.contains(.nameSuffix),
               hit.paperName == nil {
                let extended = tokens[hit.start...end].map(\.norm).joined(separator: " ")
                end += 1
                entry = memo.canonical(forName: extended) ?? (count == nil ? nil : entry)
                if memo.canonical(forName: extended) == nil, count == nil { entry = nil }
                ambiguous = false
            }
            // "batches of size 50", "sequences of length 50".
            if end + 2 <= tokens.count, end + 1 < tokens.count, tokens[end].norm == "of", tokens[end + 1].kind == .word,
               ["size", "length", "width", "dimension", "dimensionality"].contains(tokens[end + 1].norm) {
                let phrase = tokens[hit.start..<end].map(\.norm).joined(separator: " ") + " " + tokens[end + 1].norm
                if let e = memo.canonical(forPhrase: phrase) {
                    entry = e
                    end += 2
                    ambiguous = false
                    ofSize = true
                }
            }
            var text = slice(tokens[start].start, tokens[end - 1].end)
            // "temperature parameter" → "temperature".
            if end - start >= 2, Self.trailingGeneric.contains(tokens[end - 1].norm) {
                text = slice(tokens[start].start, tokens[end - 2].end)
            }
            var name = Name(start: start, end: end, text: text, entry: entry, count: count, ambiguous: ambiguous,
                            fromPaper: hit.vocab == nil && hit.count == nil)
            name.ofSize = ofSize
            out.append(name)
        }
        // "2-dimensional latent space", "128-dimensional embeddings".
        for i in 1..<max(1, tokens.count) where tokens[i].kind == .word && tokens[i].hyphenBefore
            && tokens[i].flags.contains(.dimension) && tokens[i - 1].kind == .number {
            var j = i + 1
            var best: (Int, HyperparameterEntry)?
            while j < tokens.count, j <= i + 2, tokens[j].kind == .word {
                let phrase = tokens[(i + 1)...j].map(\.norm).joined(separator: " ") + " dimension"
                if let e = memo.canonical(forPhrase: phrase) { best = (j + 1, e) }
                j += 1
            }
            if let (end, e) = best, !out.contains(where: { $0.start < end && $0.end > i }) {
                out.append(Name(start: i, end: end, text: slice(tokens[i + 1].start, tokens[end - 1].end) + " dimension",
                                entry: e, count: nil, ambiguous: false, fromPaper: false, dimension: true))
            }
        }
        // "X of size N" where X is no known name: "trajectory sequences of length 50".
        var i = 1
        while i + 2 < tokens.count {
            if tokens[i].norm == "of", tokens[i - 1].kind == .word, tokens[i + 1].kind == .word,
               ["size", "length"].contains(tokens[i + 1].norm), tokens[i + 2].kind.isValue,
               !out.contains(where: { $0.end > i - 1 && $0.start <= i - 1 }) {
                var s = i - 1
                if s > 0, tokens[s - 1].kind == .word, !tokens[s - 1].flags.contains(.link) { s -= 1 }
                let phrase = tokens[s..<i].map(\.norm).joined(separator: " ") + " " + tokens[i + 1].norm
                if let e = memo.canonical(forPhrase: phrase) {
                    out.append(Name(start: s, end: i + 2, text: slice(tokens[s].start, tokens[i + 1].end), entry: e, count: nil,
                                    ambiguous: false, fromPaper: false))
                }
            }
            i += 1
        }
        return out.sorted { $0.start < $1.start }
    }

    /// The nearest name before token `i`, across link words only (unknown words only with a strong
    /// link such as "is", "of", "="). `tight`: no commas, symbols or formulas in between.
    func nameBefore(_ tokens: [HyperToken], _ i: Int, nameEnding: [Int: Int], maxGap: Int, allowUnknown: Int,
                    tight: Bool) -> (name: Int, strong: Bool, unknown: Int, onlyOf: Bool)? {
        var k = i - 1
        var gap = 0
        var unknown = 0
        var strong = false
        var onlyOf = true
        while k >= 0, gap <= maxGap {
            if let n = nameEnding[k] {
                if unknown > 0 && !strong { return nil }
                return (n, strong, unknown, onlyOf && strong)
            }
            let t = tokens[k]
            switch t.kind {
            case .number, .list, .relation:
                return nil
            case .word:
                if t.flags.contains(.block) || t.flags.contains(.reference) { return nil }
                if t.flags.contains(.condition) { return nil }
                if t.flags.contains(.link) {
                    if t.flags.contains(.strongLink) { strong = true }
                    if !["of", "the", "a", "an"].contains(t.norm) { onlyOf = false }
                } else {
                    unknown += 1
                    onlyOf = false
                    if unknown > allowUnknown { return nil }
                }
            case .punct:
                if Self.strongPunct.contains(t.norm) { strong = true }
                if !Self.gapPunct.contains(t.norm) { return nil }
                if tight, t.norm == "," || t.norm == ";" { return nil }
                onlyOf = false
            case .symbol, .math:
                if tight { return nil }
                onlyOf = false
            }
            gap += 1
            k -= 1
        }
        return nil
    }

    /// A name right after a formula: "we use $n = \lceil 128/\mathit{NFE} \rceil$ sub-steps".
    func nameAfter(_ tokens: [HyperToken], _ i: Int, nameStarting: [Int: Int], names: [Name]) -> Int? {
        var k = i + 1
        while k < tokens.count, k <= i + 2 {
            if let n = nameStarting[k], names[n].entry?.kind != .choice { return n }
            guard tokens[k].kind == .word, ["the", "a", "of"].contains(tokens[k].norm) else { return nil }
            k += 1
        }
        return nil
    }

    /// A count noun right after a whole number: "10 iterations", "two stacked RNN layers", "5-layer".
    func countAfter(_ g: Group, _ tokens: [HyperToken], nameStarting: [Int: Int], names: [Name],
                    training: () -> Bool) -> (name: Int, hyphenated: Bool)? {
        guard g.isInteger, !g.isPercent, !g.isRange else { return nil }
        var k = g.last + 1
        var modifiers = 0
        while k < tokens.count, modifiers <= 2 {
            if let n = nameStarting[k] {
                let nm = names[n]
                let hyphenated = tokens[k].hyphenBefore && modifiers == 0
                if nm.dimension { return modifiers == 0 ? (n, true) : nil }
                if let c = nm.count, !(c.hyphenOnly && !tokens[k].hyphenBefore && nm.entry != nil) {
                    if c.hyphenOnly, !hyphenated { return nil }
                    if c.needsTraining, !training() { return nil }
                    return (n, hyphenated)
                }
                if let e = nm.entry, e.kind == .integer, !nm.ambiguous || modifiers == 0 {
                    if let u = e.units, ["steps", "epochs", "tokens"].contains(u), !training() { return nil }
                    return (n, hyphenated)
                }
                return nil
            }
            let t = tokens[k]
            guard t.kind == .word, !t.flags.contains(.link), !t.flags.contains(.block),
                  !t.flags.contains(.unitWord) else { return nil }
            modifiers += 1
            k += 1
        }
        return nil
    }

    /// Is a count of steps, tokens or epochs a training setting here? Not after "every", "after",
    /// "in"; yes after "for", "with", "on", or when the sentence speaks of training before it.
    /// A restatement ("40B tokens (i.e., 10K steps)") is read like the value it restates.
    func trainingContext(_ tokens: [HyperToken], _ groups: [Group], _ g: Int, trainingIndex: Int?, evaluation: Bool,
                         memo: [Int: Bool]) -> Bool {
        let grp = groups[g]
        var k = grp.first - 1
        var back = 0
        while k >= 0, back < 7, ["(", ",", ".", "i", "e", "g", "ie", "eg", "that", "is"].contains(tokens[k].norm) { k -= 1; back += 1 }
        if back >= 2, k >= 0, tokens[k].kind.isValue, let prev = groups.lastIndex(where: { $0.last == k }), prev < g {
            return memo[prev] ?? trainingContext(tokens, groups, prev, trainingIndex: trainingIndex, evaluation: evaluation, memo: memo)
        }
        k = grp.first - 1
        while k >= 0, tokens[k].kind == .word, tokens[k].flags.contains(.skipBeforeCount) { k -= 1 }
        if k >= 0, tokens[k].kind == .word {
            let w = tokens[k].norm
            if tokens[k].flags.contains(.evaluationBeforeCount) && !(w == "of" && k > 0 && tokens[k - 1].norm == "total") { return false }
            if evaluation { return false }
            if tokens[k].flags.contains(.goodBeforeCount) { return true }
        }
        if evaluation { return false }
        if let t = trainingIndex, t < grp.first { return true }
        return false
    }

    /// A value continuing an earlier one of the same name: "$24$ for Transformer and $12$ for Diff".
    func continuation(_ tokens: [HyperToken], groups: [Group], _ g: Int, groupName: [Int: (name: Int, forEnd: Int)]) -> Int? {
        guard g > 0, let prev = groupName[g - 1] else { return nil }
        var k = prev.forEnd
        let end = groups[g].first
        guard k <= end else { return nil }
        var joiners = 0
        while k < end {
            let t = tokens[k]
            if t.kind == .punct, t.norm == "," || t.norm == ";" { joiners += 1 }
            else if t.kind == .word, ["and", "or", "while", "respectively", "but", "for"].contains(t.norm) { joiners += 1 }
            else if t.kind == .word, ["the", "a", "an", "it", "is", "with", "to"].contains(t.norm) {}
            else { return nil }
            k += 1
        }
        return joiners > 0 ? prev.name : nil
    }

    // MARK: - Values

    /// Numbers and lists, with lists written out ("1e-5, 2e-5 and 3e-5", "32 and 64") and ranges
    /// ("between 1e-4 and 1e-2", "from 0.1 to 1") joined.
    func valueGroups(_ tokens: [HyperToken], nameStarts: Set<Int>, slice: (Int, Int) -> String) -> [Group] {
        var out: [Group] = []
        var i = 0
        var depth = 0
        while i < tokens.count {
            // Fields read in place: a copy of a token (its Strings retained and released) for
            // every token of every sentence showed in the profile.
            if tokens[i].kind == .punct {
                if tokens[i].norm == "(" { depth += 1 } else if tokens[i].norm == ")" { depth = max(0, depth - 1) }
            }
            guard tokens[i].kind.isValue else { i += 1; continue }
            let t = tokens[i]
            if Self.isEnumerator(tokens, i, depth: depth) { i += 1; continue }
            if t.kind == .list {
                out.append(Group(first: i, last: i, values: t.values, isSet: t.isSet || true, isRange: false,
                                 isInteger: t.isInteger, isPercent: false, spelled: false, raw: slice(t.start, t.end)))
                i += 1
                continue
            }
            var last = i
            var values = [t.value]
            var ints = t.isInteger
            var pct = t.isPercent
            var j = i + 1
            // "1e-5, 2e-5, and 3e-5": numbers joined by commas, "and", "or", "/".
            while j + 1 < tokens.count {
                var k = j
                var sawJoin = false
                while k < tokens.count, tokens[k].flags.contains(.listJoiner), k - j < 2 { sawJoin = true; k += 1 }
                guard sawJoin, k < tokens.count, tokens[k].kind == .number, !tokens[k].spelled || t.spelled,
                      tokens[k].isPercent == t.isPercent, !nameStarts.contains(k + 1),
                      !Self.isEnumerator(tokens, k, depth: depth) else { break }
                // Not the start of a new setting: "64 and a weight decay of 0.01" fails above; "4 and 8 heads" joins.
                values.append(tokens[k].value)
                ints = ints && tokens[k].isInteger
                pct = pct || tokens[k].isPercent
                last = k
                j = k + 1
            }
            var isRange = false
            if last == i, i + 2 < tokens.count, tokens[i + 2].kind == .number, !tokens[i + 2].spelled {
                let mid = tokens[i + 1].norm
                let prev = i > 0 ? tokens[i - 1].norm : ""
                if (mid == "and" && prev == "between") || (mid == "to" && prev == "from") || mid == "–" {
                    values.append(tokens[i + 2].value)
                    ints = ints && tokens[i + 2].isInteger
                    last = i + 2
                    isRange = true
                }
            }
            if pct && values.count > 1 { values = values.map(ExactDecimal.fraction(percent:)) }
            out.append(Group(first: i, last: last, values: values, isSet: values.count > 1 && !isRange, isRange: isRange,
                             isInteger: ints, isPercent: pct && values.count == 1, spelled: t.spelled,
                             raw: slice(tokens[i].start, tokens[last].end)))
            i = last + 1
        }
        return out
    }

    /// "1) the number of ...", "(2) applying ...": an item label.
    static func isEnumerator(_ tokens: [HyperToken], _ i: Int, depth: Int) -> Bool {
        guard tokens[i].kind == .number, tokens[i].isInteger, tokens[i].value < 20, i + 1 < tokens.count,
              tokens[i + 1].kind == .punct, tokens[i + 1].norm == ")" else { return false }
        if depth == 0 { return true }
        // "(1)" standing where a clause starts.
        guard i >= 1, tokens[i - 1].norm == "(" else { return false }
        if i == 1 { return true }
        let before = tokens[i - 2]
        return before.kind == .punct && [",", ":", ";"].contains(before.norm) || before.norm == "and" || before.norm == "or"
    }

    /// "Table 3", "Section 4.1", "Eq. (5)", "Phase 1": a label, not a value.
    func isReference(_ tokens: [HyperToken], before i: Int) -> Bool {
        var k = i - 1
        if k >= 0, tokens[k].norm == "(" || tokens[k].norm == "." { k -= 1 }
        guard k >= 0, tokens[k].kind == .word else { return false }
        return tokens[k].flags.contains(.reference)
    }

    /// "3-5 times the learning rate", "3-10x smaller", "4 times larger than": a factor between
    /// settings, not a value: a range of factors, or a factor with a comparison after it. ("0.1
    /// times the base learning rate" states a setting: the factor is the value.)
    func isFactor(_ tokens: [HyperToken], after last: Int) -> Bool {
        var k = last + 1
        var pair = false
        if k < tokens.count, tokens[k].kind == .number, tokens[k].hyphenBefore { k += 1; pair = true }
        guard k < tokens.count, tokens[k].kind == .word else { return false }
        let w = tokens[k]
        // "10x", glued: a number, then "x".
        let glued = w.lower.utf8.count >= 2 && w.lower.utf8.last == 0x78
            && w.lower.utf8.dropLast().allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
        guard w.flags.contains(.factor) || glued else { return false }
        return pair || (glued && w.hyphenBefore) || (k + 1 < tokens.count && tokens[k + 1].flags.contains(.comparison))
    }

    /// "when", "if", "where" before a value: a condition, not a setting.
    func isConditional(_ tokens: [HyperToken], before i: Int) -> Bool {
        var k = i - 1
        var steps = 0
        while k >= 0, steps < 3 {
            let t = tokens[k]
            if t.kind == .word, t.flags.contains(.condition) { return true }
            if t.kind == .word, ["at", "for", "with", "using"].contains(t.norm), steps == 0 { return false }
            if t.kind == .punct, t.norm == "(" { k -= 1; steps += 1; continue }
            if t.kind != .word { return false }
            k -= 1
            steps += 1
        }
        return false
    }

    /// "for Transformer", "for 830M to 2.8B sizes": which model or experiment a value is for.
    func forPhrase(_ tokens: [HyperToken], after k0: Int, slice: (Int, Int) -> String) -> (text: String, end: Int)? {
        var k = k0
        if k < tokens.count, tokens[k].kind == .word, tokens[k].flags.contains(.unitWord) { k += 1 }
        guard k < tokens.count, tokens[k].norm == "for" else { return nil }
        var j = k + 1
        if j < tokens.count, ["each", "every", "all", "both", "the", "a"].contains(tokens[j].norm) {
            if tokens[j].norm != "the" && tokens[j].norm != "a" { return nil }
            j += 1
        }
        let start = j
        while j < tokens.count, j - start < 5 {
            let t = tokens[j]
            if t.kind == .punct || t.kind == .relation || t.kind == .list { break }
            if t.kind == .word, ["and", "or", "while", "with", "which", "that", "respectively", "but"].contains(t.norm) { break }
            if t.kind == .number, j + 1 < tokens.count, !(tokens[j + 1].kind == .word && (tokens[j + 1].norm == "to" || tokens[j + 1].norm == "size")) && j > start { break }
            j += 1
        }
        guard j > start else { return nil }
        return (slice(tokens[start].start, tokens[j - 1].end), j)
    }

    /// A symbol written between a name and its value: "the head dimension $d$ is $128$".
    func symbolBetween(_ tokens: [HyperToken], from a: Int, to b: Int) -> String? {
        guard a < b else { return nil }
        for k in a..<b where tokens[k].kind == .symbol {
            return tokens[k].symbolTeX.first
        }
        return nil
    }

    // MARK: - Candidates

    /// `\beta = 0.9, 0.95` with `\beta_1`, `\beta_2` in the vocabulary: one value per indexed symbol.
    func expandTuple(_ rel: HyperRelation) -> [(HyperparameterEntry, String, Double)]? {
        guard rel.op == .equals || rel.isBracket, !rel.isSet, rel.values.count >= 2, rel.values.count <= 3,
              !rel.key.contains(where: { $0.isNumber }) else { return nil }
        var out: [(HyperparameterEntry, String, Double)] = []
        for (n, v) in rel.values.enumerated() {
            let k = rel.key + String(n + 1)
            guard let e = memo.canonical(forSymbol: k).first else { return nil }
            out.append((e, k, v))
        }
        return out
    }

    func candidate(name: String, entry: HyperparameterEntry?, symbol: String?, rel: HyperRelation, base: Double,
                   weight: Double, mood: Mood, scope: String?) -> [HyperCandidate]? {
        if let expr = rel.expression {
            // A formula as the value: only as the paper's own stated choice ("we set ...", "we use ...").
            guard entry != nil || name != rel.lhs, mood.firstPerson, !mood.otherWork, Self.hasLiteral(expr) else { return nil }
            return [HyperCandidate(name: name, canonical: entry?.name, symbol: symbol, value: .text(expr), raw: expr,
                                   unit: nil, scope: scope, confidence: min(0.95, base - 0.15 + weight))]
        }
        // An interval is a domain, not a setting; three values or more in brackets are a list
        // searched ("β2 ∈ [0.99, 0.999, 0.9999]").
        if rel.op == .element, rel.isBracket, rel.values.count <= 2 { return nil }
        let value: HyperValue = rel.values.count == 1 && !rel.isSet
            ? .number(rel.isPercent ? ExactDecimal.fraction(percent: rel.values[0]) : rel.values[0]) : .set(rel.values)
        guard let c = make(name: name, entry: entry, symbol: symbol, value: value, raw: rel.raw, isInteger: rel.isInteger,
                           isPercent: rel.isPercent, unit: rel.isPercent ? "%" : nil, scope: scope, confidence: base + weight)
        else { return nil }
        return [c]
    }

    /// A number in a formula outside sub- and superscripts ("0.8 - 0.6 \\exp(...)" yes, "f(s_{t-1})" no).
    static func hasLiteral(_ tex: String) -> Bool {
        var depth = 0
        var scriptDepth: Int? = nil
        var pendingScript = false
        for ch in tex {
            if ch == "_" || ch == "^" { pendingScript = true; continue }
            if ch == "{" {
                depth += 1
                if pendingScript, scriptDepth == nil { scriptDepth = depth }
                pendingScript = false
                continue
            }
            if ch == "}" {
                if scriptDepth == depth { scriptDepth = nil }
                depth -= 1
                continue
            }
            if pendingScript { pendingScript = false; continue }
            if ch.isNumber, scriptDepth == nil { return true }
        }
        return false
    }

    /// A candidate after the vocabulary's checks: no numbers for choices, counts are whole,
    /// values inside the plausible range; descriptive entries (parameter counts) are not settings.
    func make(name: String, entry: HyperparameterEntry?, symbol: String?, value: HyperValue, raw: String, isInteger: Bool,
              isPercent: Bool, unit: String?, scope: String?, confidence: Double) -> HyperCandidate? {
        let nums: [Double]
        switch value {
        case .number(let v): nums = [v]
        case .set(let vs): nums = vs
        case .range(let a, let b): nums = [a, b]
        case .text: nums = []
        }
        if let e = entry {
            if rules.descriptiveCanonicals.contains(e.name) { return nil }
            if !nums.isEmpty, e.kind == .choice || e.kind == .schedule { return nil }
            if e.kind == .integer, !nums.isEmpty {
                let fractionOK = isPercent && (e.units == "steps" || e.units == "epochs")
                if !fractionOK, nums.contains(where: { $0 != $0.rounded() }) { return nil }
            }
            if nums.contains(where: { !e.isPlausible($0) }) { return nil }
        }
        return HyperCandidate(name: name, canonical: entry?.name, symbol: symbol, value: value, raw: raw, unit: unit,
                              scope: scope, confidence: max(0, min(0.97, confidence)))
    }

    // MARK: - Sentence cues

    /// A sentence about cited work: it starts with a citation or "X et al.", and has no "we".
    func isOtherWork(_ tokens: [HyperToken], firstPerson: Bool) -> Bool {
        if firstPerson { return false }
        // By index: iterating the tokens copies each one.
        if !tokens.isEmpty, tokens[0].citeBefore { return true }
        if let f = tokens.indices.first(where: { tokens[$0].kind == .word }), tokens[f].flags.contains(.otherWorkSubject) { return true }
        for k in tokens.indices where tokens[k].flags.contains(.otherWorkCueStart) {
            for cue in rules.otherWorkCues where cue.count > 1 && k + cue.count <= tokens.count {
                var same = true
                for (n, w) in cue.enumerated() where tokens[k + n].norm != w { same = false; break }
                if same { return true }
            }
        }
        return tokens.indices.contains { tokens[$0].kind == .word && tokens[$0].flags.contains(.otherWorkCue) }
    }

    /// A symbol, "=" (or "∈", "equal to") and a value start at token `i`.
    static func startsProseRelation(_ tokens: [HyperToken], _ i: Int) -> Bool {
        guard tokens[i].kind == .symbol, i + 2 < tokens.count, tokens[i].symbols.count == 1 else { return false }
        if i + 3 < tokens.count, tokens[i + 1].norm == "equal", tokens[i + 2].norm == "to" { return tokens[i + 3].kind.isValue }
        if listAfterIn(tokens, i) != nil { return true }
        return (tokens[i + 1].norm == "=" || tokens[i + 1].norm == "∈") && tokens[i + 2].kind.isValue
    }

    /// "β1 in [0.8, 0.9, 0.95]", "γ in the list of [0.005, 0.01]": the words between the symbol
    /// and the written list it is searched in (1 or 4), or nil.
    static func listAfterIn(_ tokens: [HyperToken], _ i: Int) -> Int? {
        guard i + 2 < tokens.count, tokens[i + 1].norm == "in" else { return nil }
        if tokens[i + 2].kind == .list { return 1 }
        if i + 5 < tokens.count, tokens[i + 2].norm == "the", ["list", "set", "grid", "range"].contains(tokens[i + 3].norm),
           tokens[i + 4].norm == "of", tokens[i + 5].kind == .list {
            return 4
        }
        return nil
    }

    /// Without asides of one to three words in parentheses, which stand between a name and its
    /// value: "gradient clipping (by norm) threshold 1.0", "learning rate (LR) of 0.1".
    static func droppingAsides(_ tokens: [HyperToken]) -> [HyperToken] {
        var out: [HyperToken]?
        var i = 0
        while i < tokens.count {
            if tokens[i].kind == .punct, tokens[i].norm == "(", i > 0, tokens[i - 1].kind == .word {
                var j = i + 1
                while j < tokens.count, j - i <= 3, tokens[j].kind == .word { j += 1 }
                if j > i + 1, j < tokens.count, tokens[j].kind == .punct, tokens[j].norm == ")" {
                    if out == nil { out = Array(tokens[..<i]) }
                    i = j + 1
                    continue
                }
            }
            out?.append(tokens[i])
            i += 1
        }
        return out ?? tokens
    }

    /// "β1 = 0.9, β2 = 0.999" written in prose (plain text, PDF): read as math relations.
    static func proseRelations(_ tokens: [HyperToken], scalars: [Unicode.Scalar]) -> [HyperToken] {
        guard tokens.indices.contains(where: { startsProseRelation(tokens, $0) }) else { return tokens }
        var out: [HyperToken] = []
        var i = 0
        while i < tokens.count {
            let t = tokens[i]
            // "$n$ equal to 1,024, 8,192, and 1,048,576": the sign written as words.
            var opLen = 1
            var searched = false
            if t.kind == .symbol, i + 3 < tokens.count, tokens[i + 1].norm == "equal", tokens[i + 2].norm == "to" { opLen = 2 }
            if t.kind == .symbol, t.symbols.count == 1, let n = listAfterIn(tokens, i) { opLen = n; searched = true }
            guard t.kind == .symbol, t.symbols.count == 1, i + opLen + 1 < tokens.count,
                  opLen >= 2 || searched || tokens[i + 1].norm == "=" || tokens[i + 1].norm == "∈",
                  tokens[i + opLen + 1].kind.isValue else {
                out.append(t)
                i += 1
                continue
            }
            let v0 = i + opLen + 1
            var values = tokens[v0].kind == .list ? tokens[v0].values : [tokens[v0].value]
            var end = v0
            // "β1, β2 = 0.9, 0.999"
            var k = end + 1
            while k + 1 < tokens.count, tokens[k].norm == "," || tokens[k].norm == "and", tokens[k + 1].kind == .number
                    || (k + 2 < tokens.count && tokens[k].norm == "," && tokens[k + 1].norm == "and" && tokens[k + 2].kind == .number),
                  !(k + 2 < tokens.count && (tokens[k + 2].norm == "=" || tokens[k + 2].kind == .symbol)) {
                if tokens[k + 1].norm == "and" { k += 1 }
                values.append(tokens[k + 1].value)
                end = k + 1
                k += 2
            }
            let raw = ScalarText.string(scalars, tokens[v0].start, tokens[end].end)
            let isSet = tokens[v0].kind == .list && tokens[v0].isSet
            let op: HyperRelation.Op = tokens[i + 1].norm == "∈" || searched ? .element : .equals
            var rels = [HyperRelation(lhs: t.symbolTeX.first ?? t.raw, key: t.norm, op: op, values: values, isSet: isSet,
                                      isBracket: tokens[v0].kind == .list && !tokens[v0].isSet, expression: nil,
                                      raw: raw, isPercent: tokens[v0].isPercent, isInteger: tokens[v0].isInteger)]
            // Symbols listed before: "β1, β2 = 0.9, 0.98".
            var syms: [HyperToken] = []
            while out.count >= 2, out[out.count - 1].norm == ",", out[out.count - 2].kind == .symbol {
                syms.insert(out[out.count - 2], at: 0)
                out.removeLast(2)
            }
            if !syms.isEmpty, values.count == syms.count + 1, op == .equals {
                rels = (syms + [t]).enumerated().map { n, s in
                    HyperRelation(lhs: s.symbolTeX.first ?? s.raw, key: s.norm, op: .equals, values: [values[n]], isSet: false, isBracket: false,
                                  expression: nil, raw: raw, isPercent: false, isInteger: false)
                }
            } else {
                for s in syms { out.append(s); out.append(HyperToken(.punct, raw: ",", norm: ",", start: s.end, end: s.end + 1)) }
            }
            var r = HyperToken(.relation, raw: ScalarText.string(scalars, (syms.first ?? t).start, tokens[end].end),
                               norm: "", start: (syms.first ?? t).start, end: tokens[end].end)
            r.relations = rels
            r.citeBefore = t.citeBefore
            out.append(r)
            i = end + 1
        }
        return out
    }
}
