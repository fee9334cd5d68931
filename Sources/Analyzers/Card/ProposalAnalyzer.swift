import Foundation
import PaperModel

/// Finds what a paper says is new: sentences with "we propose", "we introduce", "instead of …
/// we use …", and the name of the thing proposed where one follows.
public struct ProposalAnalyzer: Sendable {
    public var rules: CardRules

    public init(rules: CardRules = .shared) {
        self.rules = rules
    }

    public func analyze(_ units: [TextUnit]) -> [ProposalFinding] {
        var out: [ProposalFinding] = []
        var seen: Set<String> = []
        let cues = rules.proposalPhrases
        for unit in units where unit.kind == .sentence && !unit.inTheory {
            guard ["abstract", "introduction", "method", "other", "conclusion"].contains(unit.role) else { continue }
            guard let cue = cues.matches(in: unit.text).first else { continue }
            let lower = unit.text.lowercased()
            let key = lower.filter { $0.isLetter }
            guard !seen.contains(key) else { continue }
            seen.insert(key)
            out.append(ProposalFinding(text: unit.text, name: Self.name(after: cue, in: unit.text), evidence: unit.evidence))
            if out.count >= 12 { break }
        }
        return out
    }

    /// A capitalized name or acronym right after the cue ("we propose Adam, …" → Adam).
    static func name(after cue: String, in text: String) -> String? {
        guard let r = text.range(of: cue, options: .caseInsensitive) else { return nil }
        let words = text[r.upperBound...].split(separator: " ").prefix(6)
        for w in words {
            let word = w.trimmingCharacters(in: CharacterSet(charactersIn: ",.;:()\"“”'"))
            if ["a", "an", "the", "new", "novel", "simple", "method", "called", "named", "which", "that"].contains(word.lowercased()) { continue }
            if let first = word.first, first.isUppercase, word.count >= 2, !word.hasPrefix("$") { return word }
            if word.hasPrefix("\\") { continue }
            break
        }
        return nil
    }
}
