/// A compiled catalogue spelling: its tokens, how to compare case, and what it stands for.
struct CompiledPhrase: Sendable {
    /// Index of the catalogue entry this spelling belongs to.
    let payload: Int
    /// The spelling as written in the catalogue.
    let spelling: String
    let lower: [String]
    let exact: [String]
    /// `lower.count`, and the ``TokenDigest`` of its second token (0 for a one-token phrase): a
    /// phrase is compared only with tokens that pass these two (see ``PhraseIndex/mayMatch``).
    let length: Int
    let secondDigest: UInt16
    /// How letter case is compared.
    let caseMode: CaseMode
    /// Order of addition, to keep ties deterministic.
    let ordinal: Int
    /// Accept only with a context word nearby (or in an experimental context).
    let needsContext: Bool
}

/// How a compiled phrase compares letter case.
enum CaseMode: Sendable {
    /// Any case.
    case insensitive
    /// Exact case for tokens of two or more characters ("GSM8K" also matches "GSM8k").
    case acronym
    /// Exact case for every token.
    case exact
}

/// A phrase found in a token stream.
struct PhraseHit: Sendable {
    let phrase: CompiledPhrase
    /// Token indices covered, `start..<end`.
    let start: Int
    let end: Int
}

/// Phrases indexed by their first token, for leftmost-longest matching over a token stream.
///
/// Built once per catalogue; lookups cost one dictionary access per token plus a comparison of
/// the few phrases that share the token's first word.
struct PhraseIndex: Sendable {
    /// Phrases by the ``TokenDigest`` of their first token: a token finds its list without
    /// building its lower-case text (phrases whose first words share a digest share a list;
    /// ``matches(_:tokens:at:in:)`` compares the first word too).
    private(set) var byFirst: [UInt16: [CompiledPhrase]] = [:]
    /// Digests of the keys of `byFirst`.
    private var firstDigests = DigestSet()
    private var count = 0

    /// Adds a spelling; spellings that tokenize to nothing are ignored.
    mutating func add(_ spelling: String, payload: Int, caseSensitive: Bool?, needsContext: Bool) {
        let toks = CatalogTokenizer.tokenize(spelling)
        guard let first = toks.first else { return }
        let mode: CaseMode
        switch caseSensitive {
        case true?: mode = .exact
        case false?: mode = .insensitive
        case nil: mode = PhraseIndex.looksCaseSensitive(spelling) ? .acronym : .insensitive
        }
        let phrase = CompiledPhrase(payload: payload, spelling: spelling, lower: toks.map(\.lower),
                                    exact: toks.map(\.text), length: toks.count,
                                    secondDigest: toks.count > 1 ? toks[1].digest : 0, caseMode: mode,
                                    ordinal: count, needsContext: needsContext)
        count += 1
        byFirst[first.digest, default: []].append(phrase)
        firstDigests.insert(first.digest)
    }

    /// Sorts candidate lists longest first; call after the last `add`.
    mutating func finish() {
        for (k, v) in byFirst {
            byFirst[k] = v.sorted { ($0.lower.count, -$0.ordinal) > ($1.lower.count, -$1.ordinal) }
        }
    }

    /// The automatic case rule: a spelling with at most five letters, two or more of them
    /// capitals, is an acronym-like name ("SST", "MNIST", "CoLA", "WiC") and needs exact case.
    static func looksCaseSensitive(_ s: String) -> Bool {
        var letters = 0
        var upper = 0
        for u in s.unicodeScalars where CatalogTokenizer.isLetter(u) {
            letters += 1
            if u.isASCII ? (u.value >= 0x41 && u.value <= 0x5A) : u.properties.isUppercase { upper += 1 }
        }
        return letters <= 5 && upper >= 2
    }

    /// Does `phrase` match the tokens starting at `i`? Gaps inside the phrase may hold soft
    /// separators, but at most one hyphen or underscore and one line break (so table columns of
    /// extracted PDF text do not join into names).
    static func matches(_ phrase: CompiledPhrase, tokens: [CatalogToken], at i: Int, in text: String) -> Bool {
        let n = phrase.length
        guard i + n <= tokens.count else { return false }
        // Fields are read from the array in place: copying a token retains its two strings.
        for k in 0..<n {
            if !tokens[i + k].lowerIs(phrase.lower[k]) { return false }
            if k > 0 {
                if tokens[i + k].paragraphBreakBefore { return false }
                let gap = tokens[i + k].gapStart..<tokens[i + k].range.lowerBound
                if !gap.isEmpty, !isTightGap(text[gap]) { return false }
            }
            switch phrase.caseMode {
            case .insensitive: break
            case .acronym: if tokens[i + k].text.count >= 2, tokens[i + k].text != phrase.exact[k] { return false }
            case .exact: if tokens[i + k].text != phrase.exact[k] { return false }
            }
        }
        return true
    }

    /// A cheap first test of ``matches(_:tokens:at:in:)``: the phrase fits and its second token's
    /// digest is the next token's. Catalogues hold many spellings with one first token ("A100",
    /// "A6000", … all start with `a`, as does every article "a" of a paper), so most candidates
    /// fail here without a string comparison or a copy of the phrase.
    @inline(__always)
    static func mayMatch(_ phrase: CompiledPhrase, tokens: [CatalogToken], at i: Int) -> Bool {
        let n = phrase.length
        guard i + n <= tokens.count else { return false }
        return n == 1 || tokens[i + 1].digest == phrase.secondDigest
    }

    static func isTightGap(_ gap: Substring) -> Bool {
        var hyphens = 0
        var newlines = 0
        for u in gap.unicodeScalars {
            switch u {
            case "\n": newlines += 1
            case "-", "_", "\u{2010}", "\u{2011}", "\u{2012}", "\u{2013}": hyphens += 1
            default: break
            }
        }
        return hyphens <= 1 && newlines <= 1
    }

    /// False when no phrase starts with a token of this digest (most tokens): a bit test.
    func mayStart(_ digest: UInt16) -> Bool { firstDigests.contains(digest) }

    /// The phrases whose first token may be `token` (nil: none), longest first: those whose
    /// first token has its digest.
    func phrases(startingWith token: CatalogToken) -> [CompiledPhrase]? {
        firstDigests.contains(token.digest) ? byFirst[token.digest] : nil
    }

    /// All phrases that match at token `i` and end at a word boundary, longest first.
    func candidates(in text: String, tokens: [CatalogToken], at i: Int) -> [PhraseHit] {
        guard let list = phrases(startingWith: tokens[i]) else { return [] }
        var hits: [PhraseHit] = []
        for k in list.indices where PhraseIndex.mayMatch(list[k], tokens: tokens, at: i)
                && PhraseIndex.matches(list[k], tokens: tokens, at: i, in: text) {
            let end = i + list[k].length
            // A phrase ending in punctuation ("Ms.", "Pitfall!") ends wherever it ends.
            if tokens[end - 1].kind == .punct || CatalogTokenizer.endsWord(text, at: tokens[end - 1].range.upperBound) {
                hits.append(PhraseHit(phrase: list[k], start: i, end: end))
            }
        }
        return hits
    }
}
