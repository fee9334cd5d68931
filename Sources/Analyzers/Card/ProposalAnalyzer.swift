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
        let contrasts = Set(rules.contrastCues)
        // Names of what the paper proposes, with their acronyms: "DPO identifies …, rather than …"
        // is in the paper's own voice.
        var names: [String] = []
        for unit in units where unit.kind == .sentence && !unit.inTheory {
            guard Self.roles.contains(unit.role) else { continue }
            let matched = cues.matches(in: unit.text)
            guard let cue = matched.first else { continue }
            if matched.allSatisfy(contrasts.contains), !rules.ownVoicePhrases.containsAny(in: unit.text),
               !names.contains(where: { unit.text.contains($0) }) {
                continue
            }
            let key = ClaimAnalyzer.letterKey(unit.text)
            guard !seen.contains(key) else { continue }
            seen.insert(key)
            let name = Self.name(after: cue, in: unit.text)
            if let name {
                names.append(name)
                if let open = name.firstIndex(of: "("), let close = name.lastIndex(of: ")"), open < close {
                    names.append(String(name[name.index(after: open)..<close]))
                }
            }
            out.append(ProposalFinding(text: unit.text, name: name, evidence: unit.evidence))
            if out.count >= 12 { break }
        }
        return out
    }

    /// Roles of the sections read (a static set: a literal array here was built for every unit).
    static let roles: Set<String> = ["abstract", "introduction", "method", "other", "conclusion"]

    static let leadingFillers: Set<String> = ["a", "an", "the", "new", "novel", "simple", "method", "called", "named", "which",
                                              "that", "here"]
    /// Lower-case words a name may hold between capitalised ones ("Learning to Optimize").
    static let connectors: Set<String> = ["of", "for", "and", "with", "to", "via", "in", "on", "by", "the", "from"]

    /// The name right after the cue: a run of capitalised words with its acronym or expansion in
    /// parentheses ("we propose Damped Accumulated Momentum (DAM), …" → "Damped Accumulated
    /// Momentum (DAM)"; "we propose Adam, …" → "Adam").
    static func name(after cue: String, in text: String) -> String? {
        guard let r = caseInsensitiveRange(of: cue, in: text) else { return nil }
        // "we present|ed": the cue ends with its word.
        let rest = text[r.upperBound...].drop { $0.isLetter }
        // At most 16 words are read: splitting stops there (the 17th piece is the rest).
        let words = rest.split(separator: " ", maxSplits: 16).prefix(16).map(String.init)
        var k = 0
        while k < words.count, leadingFillers.contains(core(words[k]).lowercased()), !endsPhrase(words[k]) { k += 1 }
        var parts: [String] = []
        while k < words.count, parts.count < 8 {
            let w = words[k]
            if w.hasPrefix("(") { break }
            let c = core(w)
            if isNameWord(c) {
                parts.append(c)
            } else if !parts.isEmpty, connectors.contains(c), !endsPhrase(w), k + 1 < words.count, isNameWord(core(words[k + 1])) {
                parts.append(c)
            } else {
                break
            }
            k += 1
            if endsPhrase(w) { break }
        }
        guard !parts.isEmpty else { return nil }
        var name = parts.joined(separator: " ")
        // "(DAM)", "(EvoLved Sign Momentum)": the acronym or the expansion.
        if k < words.count, words[k].hasPrefix("("), !words[k - 1].hasSuffix(",") && !words[k - 1].hasSuffix(".") {
            var inner: [String] = []
            var j = k
            while j < words.count, j - k < 6 {
                inner.append(words[j])
                if words[j].contains(")") { break }
                j += 1
            }
            let joined = inner.joined(separator: " ")
            if let close = joined.firstIndex(of: ")") {
                let content = joined[joined.index(after: joined.startIndex)..<close]
                if content.contains(where: \.isUppercase), !content.contains("$"), !content.contains("\\") {
                    name += " (" + content + ")"
                }
            }
        }
        return name
    }

    /// `text.range(of: cue, options: .caseInsensitive)`, searched on bytes when both are ASCII:
    /// Foundation's search goes through `NSString` and case folding, and cost ≈ 100 K
    /// instructions per sentence. Other text keeps Foundation's search (its folding reaches
    /// beyond ASCII).
    static func caseInsensitiveRange(of cue: String, in text: String) -> Range<String.Index>? {
        var haystack = text
        var needle = cue
        // nil: not ASCII; .some(nil): not found.
        let found: Int?? = haystack.withUTF8 { h in
            needle.withUTF8 { n -> Int?? in
                guard !h.contains(where: { $0 >= 0x80 }), !n.contains(where: { $0 >= 0x80 }) else { return nil }
                guard !n.isEmpty, n.count <= h.count else { return .some(nil) }
                outer: for i in 0...(h.count - n.count) {
                    for k in 0..<n.count where h[i + k].asciiLowercased != n[k].asciiLowercased { continue outer }
                    return .some(i)
                }
                return .some(nil)
            }
        }
        switch found {
        case .none: return text.range(of: cue, options: .caseInsensitive)
        case .some(.none): return nil
        case .some(.some(let offset)):
            let lower = text.utf8.index(text.utf8.startIndex, offsetBy: offset)
            return lower..<text.utf8.index(lower, offsetBy: cue.utf8.count)
        }
    }

    /// A word without the punctuation around it (Foundation's `trimmingCharacters(in:)`, which
    /// trims these BMP characters one by one, on the word's scalars).
    static func core(_ w: String) -> String {
        let scalars = w.unicodeScalars
        var lower = scalars.startIndex
        var upper = scalars.endIndex
        while lower < upper, punctuation.contains(scalars[lower]) { lower = scalars.index(after: lower) }
        while upper > lower, punctuation.contains(scalars[scalars.index(before: upper)]) { upper = scalars.index(before: upper) }
        return lower == scalars.startIndex && upper == scalars.endIndex ? w : String(scalars[lower..<upper])
    }

    private static let punctuation: Set<Unicode.Scalar> = [",", ".", ";", ":", "(", ")", "\"", "“", "”", "'"]

    static func endsPhrase(_ w: String) -> Bool {
        guard let last = w.last else { return false }
        return ",.;:".contains(last)
    }

    /// "Adam", "GMFlow", "Schedule-Free", "iTransformer": a capital somewhere, no math or TeX.
    static func isNameWord(_ c: String) -> Bool {
        guard c.count >= 2, !c.hasPrefix("$"), !c.hasPrefix("\\"), let first = c.first, first.isLetter else { return false }
        return first.isUppercase || c.dropFirst().contains(where: \.isUppercase)
    }
}
