/// What the extractor's rules say about a word, as bits: one dictionary look-up per token when
/// a sentence is tokenized, and every later test ("is it a link word?", "can a setting's name
/// start here?") is a bit test instead of a hash of the word in each rule's set.
struct HyperWordFlags: OptionSet, Sendable, Hashable {
    let rawValue: UInt64

    // Rules (hyperparameter-rules.json).
    static let link = Self(rawValue: 1 << 0)
    static let strongLink = Self(rawValue: 1 << 1)
    static let block = Self(rawValue: 1 << 2)
    static let qualifier = Self(rawValue: 1 << 3)
    static let nameSuffix = Self(rawValue: 1 << 4)
    static let dimension = Self(rawValue: 1 << 5)
    /// The word as written (lower-cased, not singular) is a reference word ("Table", "Sec").
    static let reference = Self(rawValue: 1 << 6)
    static let firstPerson = Self(rawValue: 1 << 7)
    static let trainingCue = Self(rawValue: 1 << 8)
    static let evaluationCue = Self(rawValue: 1 << 9)
    static let resultCue = Self(rawValue: 1 << 10)
    static let otherWorkSubject = Self(rawValue: 1 << 11)
    /// A one-word cue of cited work, or the first word of a longer one.
    static let otherWorkCue = Self(rawValue: 1 << 12)
    static let otherWorkCueStart = Self(rawValue: 1 << 13)
    static let deviceNoun = Self(rawValue: 1 << 14)
    static let clauseStart = Self(rawValue: 1 << 15)
    static let specialSkip = Self(rawValue: 1 << 16)
    /// First word of a special-case phrase or verb.
    static let specialCueStart = Self(rawValue: 1 << 17)
    // The sentence reader's own word lists.
    static let condition = Self(rawValue: 1 << 18)
    static let unitWord = Self(rawValue: 1 << 19)
    static let skipBeforeCount = Self(rawValue: 1 << 20)
    static let evaluationBeforeCount = Self(rawValue: 1 << 21)
    static let goodBeforeCount = Self(rawValue: 1 << 22)
    static let listJoiner = Self(rawValue: 1 << 23)
    // The glossary's word lists.
    static let stopBefore = Self(rawValue: 1 << 24)
    static let stopAfter = Self(rawValue: 1 << 25)
    static let definingVerb = Self(rawValue: 1 << 26)
    static let leadIn = Self(rawValue: 1 << 27)
    static let generic = Self(rawValue: 1 << 28)
    /// A setting's name (vocabulary phrase or count noun, keyed without spaces) starts with it.
    static let nameStart = Self(rawValue: 1 << 29)
    /// "times", "fold": after a number, a factor ("3-5 times the learning rate").
    static let factor = Self(rawValue: 1 << 30)
    /// "than", "smaller", "the": after a factor, what it compares with.
    static let comparison = Self(rawValue: 1 << 31)
    /// The name of a method a paper may propose or compare with ("AdamW", "Lion", "PPO").
    static let methodName = Self(rawValue: 1 << 32)
    /// Set on every token the lexicon has seen, known or not.
    static let annotated = Self(rawValue: 1 << 63)
}

/// The words the extractor's rules name, with their ``HyperWordFlags``; built once per rules and
/// vocabulary (once per process for the bundled ones) by ``HyperNameIndex``.
struct HyperLexicon: Sendable {
    private let table: WordTable<HyperWordFlags>

    /// - Parameter nameKeys: the keys of every setting's name (``HyperNameIndex``); each of
    ///   their prefixes gets ``HyperWordFlags/nameStart``.
    init(rules: HyperparameterRules, nameKeys: [String]) {
        var table = WordTable<HyperWordFlags>(minimumCapacity: nameKeys.reduce(0) { $0 + $1.utf8.count } + 2048)
        func add(_ words: some Sequence<String>, _ f: HyperWordFlags) {
            for w in words { table[w] = (table[w] ?? []).union(f) }
        }
        for k in nameKeys {
            // Every prefix that ends where a character ends, longest first: a prefix already
            // marked means that its own prefixes are too (names share their first words, and a
            // String per prefix was most of the cost of loading the lexicon).
            let bytes = Array(k.utf8)
            var end = bytes.count
            while end >= 1 {
                if end == bytes.count || bytes[end] & 0xC0 != 0x80 {
                    let p = String(decoding: bytes[0..<end], as: UTF8.self)
                    if table[p] != nil { break }
                    table[p] = .nameStart
                }
                end -= 1
            }
        }
        add(rules.linkWords, .link)
        add(rules.strongLinks, .strongLink)
        add(rules.blockWords, .block)
        add(rules.qualifiers, .qualifier)
        add(rules.nameSuffixes, .nameSuffix)
        add(rules.dimensionWords, .dimension)
        add(rules.references, .reference)
        add(rules.firstPerson, .firstPerson)
        add(rules.trainingCues, .trainingCue)
        add(rules.evaluationCues, .evaluationCue)
        add(rules.resultCues, .resultCue)
        add(rules.otherWorkSubjects, .otherWorkSubject)
        add(rules.otherWorkCues.filter { $0.count == 1 }.map { $0[0] }, .otherWorkCue)
        add(rules.otherWorkCues.filter { $0.count > 1 }.map { $0[0] }, .otherWorkCueStart)
        add(rules.deviceNouns, .deviceNoun)
        add(rules.factorWords, .factor)
        add(rules.comparisonWords, .comparison)
        add(rules.methodNames, .methodName)
        add(rules.clauseStarts, .clauseStart)
        add(rules.specialCaseSkips, .specialSkip)
        add((rules.specialCasePhrases + rules.specialCaseVerbs).map { $0[0] }, .specialCueStart)
        add(HyperSentenceReader.conditionWords, .condition)
        add(HyperSentenceReader.unitWords, .unitWord)
        add(HyperSentenceReader.skipBeforeCount, .skipBeforeCount)
        add(HyperSentenceReader.evaluationBeforeCount, .evaluationBeforeCount)
        add(HyperSentenceReader.goodBeforeCount, .goodBeforeCount)
        add(HyperSentenceReader.listJoiners, .listJoiner)
        add(HyperGlossary.stopBefore, .stopBefore)
        add(HyperGlossary.stopAfter, .stopAfter)
        add(HyperGlossary.definingVerbs, .definingVerb)
        add(HyperGlossary.leadIns, .leadIn)
        add(HyperGlossary.generic, .generic)
        self.table = table
    }

    /// Flags of a word by its normalised form, and `lower` for the reference test (which reads
    /// the word as written).
    func flags(norm: String, lower: String) -> HyperWordFlags {
        let known = table[norm] ?? []
        var f = known.subtracting(.reference)
        if lower.isEmpty || lower == norm {
            if known.contains(.reference) { f.insert(.reference) }
        } else if let written = table[lower], written.contains(.reference) {
            f.insert(.reference)
        }
        f.insert(.annotated)
        return f
    }

    /// Whether some setting's name (keyed without spaces) starts with `key`.
    func startsName(_ key: String) -> Bool {
        table[key]?.contains(.nameStart) ?? false
    }

    /// ``startsName(_:)`` of a key whose ``WordTable/hash(_:)`` is known.
    func startsName(_ key: String, hash: UInt64) -> Bool {
        table[key, hash: hash]?.contains(.nameStart) ?? false
    }

    /// Sets the flags of every word, symbol and punctuation token.
    func annotate(_ tokens: inout [HyperToken]) {
        // Tokens are annotated once, after tokenizing; later calls find nothing to do and must
        // not write, which would copy an array shared with the unit that holds it.
        guard let first = tokens.indices.first(where: { !tokens[$0].flags.contains(.annotated) }) else { return }
        for k in first..<tokens.count where !tokens[k].flags.contains(.annotated) {
            switch tokens[k].kind {
            case .word, .symbol, .punct:
                tokens[k].flags = flags(norm: tokens[k].norm, lower: tokens[k].lower)
            default:
                tokens[k].flags = .annotated
            }
        }
    }
}
