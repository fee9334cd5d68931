import Foundation

/// The extractor's rules as data (`hyperparameter-rules.json`): link words between a name and its
/// value, count nouns that name a setting after a number, section kinds, table cues, negative cues.
/// Word lists are compared after ``HyperparameterRules/normalize(_:)`` (lower-cased, singular).
public struct HyperparameterRules: Sendable {
    public struct CountNoun: Codable, Sendable, Hashable {
        /// The noun phrase ("hidden units", "steps").
        public let phrase: String
        /// The vocabulary entry it counts, if any.
        public let canonical: String?
        /// The sentence must speak of training ("train", "run for", ...) for the count to be a setting.
        public let needsTraining: Bool
        /// Only after a hyphenated number ("5-layer", "two-head").
        public let hyphenOnly: Bool

        enum CodingKeys: String, CodingKey { case phrase, canonical, needsTraining, hyphenOnly }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            phrase = try c.decode(String.self, forKey: .phrase)
            canonical = try c.decodeIfPresent(String.self, forKey: .canonical)
            needsTraining = try c.decodeIfPresent(Bool.self, forKey: .needsTraining) ?? false
            hyphenOnly = try c.decodeIfPresent(Bool.self, forKey: .hyphenOnly) ?? false
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(phrase, forKey: .phrase)
            try c.encodeIfPresent(canonical, forKey: .canonical)
            if needsTraining { try c.encode(true, forKey: .needsTraining) }
            if hyphenOnly { try c.encode(true, forKey: .hyphenOnly) }
        }
    }

    struct File: Codable {
        struct SectionKinds: Codable {
            let settings: [String]
            let skip: [String]
            let theory: [String]
        }
        let version: Int
        let notes: String?
        let linkWords: [String]
        let strongLinks: [String]
        let blockWords: [String]
        let qualifiers: [String]
        let nameSuffixes: [String]
        let countNouns: [CountNoun]
        let dimensionWords: [String]
        let references: [String]
        let sectionKinds: SectionKinds
        let otherWorkCues: [String]
        let otherWorkSubjects: [String]
        let firstPerson: [String]
        let trainingCues: [String]
        let evaluationCues: [String]
        let descriptiveCanonicals: [String]
        let ambiguousNames: [String]
        let tableCues: [String]
        let genericColumnHeaders: [String]
        let methodColumnHeaders: [String]?
        let repeatedColumnMinimumRows: Int?
        let factors: Factors?
        let methodNames: [String]?
        let resultCues: [String]
        let tableResultCues: [String]
        let hardwareWords: [String]
        let deviceNouns: [String]?
        let specialCases: SpecialCases?
    }

    /// A number followed by a factor word and a comparison ("3-5 times the learning rate of
    /// AdamW", "3-10x smaller") is a ratio between settings, not a setting.
    struct Factors: Codable {
        let words: [String]
        let comparisons: [String]
    }

    /// Sentences about special cases or limits ("setting λ = 0 gives Adam", "with β = 0 this
    /// reduces to SGD"): their values are not the paper's choices.
    struct SpecialCases: Codable {
        /// Phrases that state a special case when a word follows them ("reduces to SGD", not
        /// "reduces to 0.001").
        let phrases: [String]
        /// Verbs that state a special case when a method's name follows ("gives Adam", "is exactly
        /// the Adam update"), after `skips`.
        let methodVerbs: [String]
        let skips: [String]
        /// Words after a comma that start another clause ("…, since λ = 0 recovers Adam").
        let clauseStarts: [String]
    }

    public let version: Int
    public let countNouns: [CountNoun]
    /// Loaded from the bundled file (lets extractors share one compiled name index).
    let isBundled: Bool
    let linkWords: Set<String>
    let strongLinks: Set<String>
    let blockWords: Set<String>
    let qualifiers: Set<String>
    let nameSuffixes: Set<String>
    let dimensionWords: Set<String>
    let references: Set<String>
    let settingsSections: Set<String>
    let skipSections: [[String]]
    /// The first words of ``skipSections``: a title's word that starts none is passed over.
    let skipSectionStarts: Set<String>
    let theorySections: Set<String>
    let otherWorkCues: [[String]]
    let otherWorkSubjects: Set<String>
    let firstPerson: Set<String>
    let trainingCues: Set<String>
    let evaluationCues: Set<String>
    let descriptiveCanonicals: Set<String>
    let ambiguousNames: Set<String>
    let tableCues: Set<String>
    let tableCuePhrases: [[String]]
    /// The first words of ``tableCuePhrases``: a caption's word that starts none is passed over.
    let tableCuePhraseStarts: Set<String>
    let genericColumnHeaders: Set<String>
    /// Table headers of a column that names each row's method ("Optimizer", "Method").
    let methodColumnHeaders: Set<String>
    /// A table of one row per model with at least this many rows, where a column holds a value on
    /// every row and no more than two values, states that column's setting once for the table.
    let repeatedColumnMinimumRows: Int
    /// Words that make the number before them a factor ("times", "fold"; "10x" is one by its form).
    let factorWords: Set<String>
    /// Words after a factor that compare ("than", "smaller", "the").
    let comparisonWords: Set<String>
    /// Names of methods (optimizers, training algorithms) a paper proposes or compares with.
    let methodNames: Set<String>
    /// Words of a sentence that reports results ("achieves", "accuracy").
    let resultCues: Set<String>
    /// Words of a table caption or header that mark a results table.
    let tableResultCues: Set<String>
    let hardwareWords: Set<String>
    /// Nouns after a count that make it a count of devices ("4 A100 GPUs", "8 TPU v3 cores").
    let deviceNouns: Set<String>
    let specialCasePhrases: [[String]]
    let specialCaseVerbs: [[String]]
    let specialCaseSkips: Set<String>
    let clauseStarts: Set<String>

    /// The rules bundled with deconstruct.
    public static let shared: HyperparameterRules = {
        let file = CatalogResources.bundled(File.self, named: "hyperparameter-rules")
        return HyperparameterRules(file, bundled: true)
    }()

    /// Decodes a rules file (same format as the bundled `hyperparameter-rules.json`).
    public static func load(data: Data) throws -> HyperparameterRules {
        HyperparameterRules(try CatalogResources.decode(File.self, from: data, file: "<data>"))
    }

    init(_ f: File, bundled: Bool = false) {
        isBundled = bundled
        func set(_ a: [String]) -> Set<String> { Set(a.map(Self.normalize)) }
        version = f.version
        countNouns = f.countNouns
        linkWords = set(f.linkWords)
        strongLinks = set(f.strongLinks)
        blockWords = set(f.blockWords)
        qualifiers = set(f.qualifiers)
        nameSuffixes = set(f.nameSuffixes)
        dimensionWords = set(f.dimensionWords)
        references = Set(f.references.map { $0.lowercased() })
        settingsSections = set(f.sectionKinds.settings)
        skipSections = f.sectionKinds.skip.map { Self.titleWords($0) }
        skipSectionStarts = Set(skipSections.compactMap(\.first))
        theorySections = set(f.sectionKinds.theory)
        otherWorkCues = f.otherWorkCues.map { $0.lowercased().split(separator: " ").map { Self.normalize(String($0)) } }
        otherWorkSubjects = set(f.otherWorkSubjects)
        firstPerson = set(f.firstPerson)
        trainingCues = set(f.trainingCues)
        evaluationCues = set(f.evaluationCues)
        descriptiveCanonicals = Set(f.descriptiveCanonicals)
        ambiguousNames = Set(f.ambiguousNames.map { HyperparameterVocabulary.key($0) })
        tableCues = set(f.tableCues.filter { !$0.contains(" ") })
        tableCuePhrases = f.tableCues.filter { $0.contains(" ") }.map { $0.split(separator: " ").map { Self.normalize(String($0)) } }
        tableCuePhraseStarts = Set(tableCuePhrases.compactMap(\.first))
        genericColumnHeaders = set(f.genericColumnHeaders)
        methodColumnHeaders = set(f.methodColumnHeaders ?? [])
        repeatedColumnMinimumRows = f.repeatedColumnMinimumRows ?? 6
        factorWords = set(f.factors?.words ?? [])
        comparisonWords = set(f.factors?.comparisons ?? [])
        methodNames = set(f.methodNames ?? [])
        resultCues = set(f.resultCues)
        tableResultCues = set(f.tableResultCues)
        hardwareWords = set(f.hardwareWords)
        deviceNouns = set(f.deviceNouns ?? [])
        func phrases(_ a: [String]?) -> [[String]] {
            (a ?? []).map { $0.lowercased().split(separator: " ").map { Self.normalize(String($0)) } }.filter { !$0.isEmpty }
        }
        specialCasePhrases = phrases(f.specialCases?.phrases)
        specialCaseVerbs = phrases(f.specialCases?.methodVerbs)
        specialCaseSkips = set(f.specialCases?.skips ?? [])
        clauseStarts = set(f.specialCases?.clauseStarts ?? [])
    }

    /// Lower-cased and singular, as the vocabulary compares words.
    static func normalize(_ w: String) -> String {
        HyperparameterVocabulary.singular(w.lowercased())
    }

    /// What a section title says about the settings in it.
    enum SectionKind { case settings, skip, theory, other }

    func sectionKind(_ title: String) -> SectionKind {
        let words = Self.titleWords(title)
        // A phrase is tried only where its first word stands.
        for k in words.indices where skipSectionStarts.contains(words[k]) {
            for phrase in skipSections where !phrase.isEmpty && phrase[0] == words[k] && k + phrase.count <= words.count {
                var same = true
                for (n, w) in phrase.enumerated() where words[k + n] != w { same = false; break }
                if same { return .skip }
            }
        }
        if words.contains(where: { settingsSections.contains($0) }) { return .settings }
        if words.contains(where: { theorySections.contains($0) }) { return .theory }
        return .other
    }

    /// Lower-cased singular words of a title ("Related Works" → related, work).
    static func titleWords(_ title: String) -> [String] {
        var words: [String] = []
        if title.utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII: bytes, without Character look-ups.
            var cur: [UInt8] = []
            for c in title.utf8 {
                let isUpper = c >= 0x41 && c <= 0x5A
                if isUpper || (c >= 0x61 && c <= 0x7A) || c == 0x2D {
                    cur.append(isUpper ? c + 0x20 : c)
                } else if !cur.isEmpty {
                    words.append(String(decoding: cur, as: UTF8.self))
                    cur.removeAll(keepingCapacity: true)
                }
            }
            if !cur.isEmpty { words.append(String(decoding: cur, as: UTF8.self)) }
            return words.map { HyperparameterVocabulary.singular($0) }
        }
        var cur = ""
        for ch in title.lowercased() {
            if ch.isLetter || ch == "-" { cur.append(ch) } else if !cur.isEmpty { words.append(cur); cur = "" }
        }
        if !cur.isEmpty { words.append(cur) }
        return words.map { HyperparameterVocabulary.singular($0) }
    }
}
