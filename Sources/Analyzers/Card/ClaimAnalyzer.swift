import Foundation
import PaperModel

/// Finds the paper's headline claims: sentences of the abstract, the contribution list, the
/// results and the conclusion that state an achievement or a comparison, with the number,
/// metric, dataset and baseline pulled out where the sentence states them.
public struct ClaimAnalyzer: Sendable {
    public var rules: CardRules
    public var datasets: DatasetMatcher
    /// Metric, value and dataset come from the measurement reader (the metric catalogue).
    public var measurements: ClaimMeasurementReader

    public init(rules: CardRules = .shared, datasets: DatasetMatcher = .shared, measurements: ClaimMeasurementReader = .shared) {
        self.rules = rules
        self.datasets = datasets
        self.measurements = measurements
    }

    public func analyze(_ units: [TextUnit]) -> [ClaimFinding] {
        var out: [ClaimFinding] = []
        var seen: Set<String> = []
        let claimPhrases = rules.claimPhrases
        let proposalPhrases = rules.proposalPhrases
        let ownPhrases = rules.ownVoicePhrases
        // Abstracts open with context ("Large language models are …"): until the paper first
        // speaks of its own work, a sentence is not a claim, whatever its words.
        var abstractVoiceHeard = false
        for unit in units where unit.kind == .sentence && !unit.inTheory {
            let source: String
            switch unit.role {
            case "abstract": source = "abstract"
            case "conclusion": source = "conclusion"
            case "introduction": source = "contributions"
            case "results": source = "results"
            default: continue
            }
            let cues = claimPhrases.matches(in: unit.text)
            // Outside the abstract a claim needs a cue word: the voice is not read without one.
            if cues.isEmpty && source != "abstract" { continue }
            let own = ownPhrases.containsAny(in: unit.text) || proposalPhrases.containsAny(in: unit.text)
            if source == "abstract" {
                abstractVoiceHeard = abstractVoiceHeard || own
                guard abstractVoiceHeard else { continue }
            }
            // In the abstract every sentence in which the paper speaks of its own work is a claim;
            // elsewhere a claim needs a cue word.
            guard !cues.isEmpty || (source == "abstract" && own) else { continue }
            // Introduction and results sentences need a first-person or a number to be the paper's own claim.
            if source == "contributions" || source == "results" {
                guard own else { continue }
            }
            let key = Self.letterKey(unit.text)
            guard !seen.contains(key) else { continue }
            seen.insert(key)
            var claim = ClaimFinding(text: unit.text, source: source, evidence: unit.evidence,
                                     confidence: min(1, 0.4 + 0.15 * Double(cues.count) + (source == "abstract" ? 0.2 : 0)))
            // A number is the claim's value only when it is stated for a metric ("93.1% test
            // accuracy"); "Theorem 1" or the 10 of "CIFAR-10" are not results.
            let read = measurements.read(claim, tokens: unit.catalogTokens)
            if let m = read.measurements.first {
                claim.metric = m.metric.name
                claim.value = m.value
                claim.unit = m.isPercent ? "%" : nil
                claim.dataset = m.dataset
            } else {
                claim.metric = read.mentions.first?.metric.name
            }
            if claim.dataset == nil { claim.dataset = datasets.matches(in: unit.text, tokens: unit.catalogTokens).first?.entry.name }
            claim.baseline = Self.baseline(in: unit.text)
            out.append(claim)
        }
        return out
    }

    /// The sentence's letters, lower-cased: two sentences with the same key say the same thing.
    /// ASCII text is read byte by byte (`Character.isLetter` costs hundreds of instructions
    /// per character); other text character by character.
    static func letterKey(_ text: String) -> String {
        var copy = text
        let ascii: String? = copy.withUTF8 { b in
            var out: [UInt8] = []
            out.reserveCapacity(b.count)
            for c in b {
                if c >= 0x80 { return nil }
                let l = c | 0x20
                if l &- 0x61 < 26 { out.append(l) }
            }
            return String(decoding: out, as: UTF8.self)
        }
        return ascii ?? text.lowercased().filter { $0.isLetter }
    }

    /// What the claim compares against ("than Adam", "over SGD"): the words after the cue up to
    /// a clause boundary. Quantities ("more than $\\alpha$", "over 2 points") and contrasts
    /// ("rather than") are not baselines.
    static func baseline(in text: String) -> String? {
        for cue in [" than ", " over ", " compared to ", " compared with ", " relative to ", " versus ", " vs. "] {
            guard let r = text.range(of: cue) else { continue }
            let before = lastWord(of: text[..<r.lowerBound])?.lowercased() ?? ""
            if notComparisons.contains(before) { continue }
            var words: [Substring] = []
            forEachWord(in: text[r.upperBound...]) { word in
                if words.count == 4 || stopWords.contains(word.lowercased()) { return false }
                let trimmed = word.trimmingCharacters(in: baselinePunctuation)
                if !trimmed.isEmpty { words.append(Substring(trimmed)) }
                return word.last.map({ ",.;:)".contains($0) }) != true
            }
            guard let first = words.first?.first, first.isLetter else { continue }
            return words.joined(separator: " ")
        }
        return nil
    }

    /// The last of `text.split(separator: " ")`, found from the end (the split walks all of it).
    static func lastWord(of text: Substring) -> Substring? {
        var end = text.endIndex
        while end > text.startIndex, text[text.index(before: end)] == " " { end = text.index(before: end) }
        guard end > text.startIndex else { return nil }
        let start = text[..<end].lastIndex(of: " ").map { text.index(after: $0) } ?? text.startIndex
        return text[start..<end]
    }

    /// Calls `body` with each of `text.split(separator: " ")` in order while it returns true,
    /// splitting no further than read.
    static func forEachWord(in text: Substring, _ body: (Substring) -> Bool) {
        var start = text.startIndex
        while start < text.endIndex {
            let end = text[start...].firstIndex(of: " ") ?? text.endIndex
            if start < end, !body(text[start..<end]) { return }
            start = end < text.endIndex ? text.index(after: end) : end
        }
    }

    private static let baselinePunctuation = CharacterSet(charactersIn: ",.;:()")
    /// Words before "than"/"over" that make what follows a quantity or a contrast.
    private static let notComparisons: Set<String> = ["more", "less", "fewer", "rather", "other", "greater", "larger", "smaller"]
    /// Words that end a baseline's name ("over Adam and matches …").
    private static let stopWords: Set<String> = ["and", "or", "but", "while", "which", "that", "on", "in", "at", "by", "with",
                                                 "for", "to", "from", "when", "as", "across", "using", "without"]
}
