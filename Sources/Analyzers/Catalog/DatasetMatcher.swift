/// Finds catalogue datasets in text: whole words, leftmost-longest ("CIFAR-100" rather than
/// "CIFAR-10", "Fashion-MNIST" and never also "MNIST"), case-aware (exact case for short
/// acronym-like names such as "SST"; "Cifar-10" is fine), and strict with names that are common
/// words unless a context word is near.
///
/// Build once (``shared`` for the bundled catalogue); matching is one dictionary lookup per token.
public struct DatasetMatcher: Sendable {
    public let catalog: DatasetCatalog
    private let index: PhraseIndex
    private let globalCues: ContextCues
    /// Entry-specific context cues (the entry's own words, used instead of the global ones), by entry index.
    private let entryCues: [Int: ContextCues]

    /// A matcher over the bundled catalogue.
    public static let shared = DatasetMatcher(catalog: .shared)

    public init(catalog: DatasetCatalog) {
        self.catalog = catalog
        var index = PhraseIndex()
        var cues: [Int: ContextCues] = [:]
        let global = ContextCues(catalog.contextWords)
        for (n, e) in catalog.datasets.enumerated() {
            for s in e.spellings {
                index.add(s, payload: n, caseSensitive: e.caseSensitive, needsContext: e.needsContext(s))
            }
            if !e.contextWords.isEmpty { cues[n] = ContextCues(e.contextWords) }
        }
        index.finish()
        self.index = index
        self.globalCues = global
        self.entryCues = cues
    }

    /// Tokens that may stand between two names of one list ("MNIST, SVHN and Pet").
    private static let listGlue: Set<String> = [",", "and", "or", "&", "/", ";", "the", "as", "well", "(", ")", "'", "\""]

    /// Dataset mentions in `text` found with the bundled catalogue (``shared``).
    public static func matches(in text: String, context: MentionContext = .prose) -> [DatasetMention] {
        shared.matches(in: text, context: context)
    }

    /// All dataset mentions in `text`, in order, without overlaps.
    public func matches(in text: String, context: MentionContext = .prose) -> [DatasetMention] {
        matches(in: text, tokens: CatalogTokenizer.tokenize(text), context: context)
    }

    /// The same, for text already tokenized (``TextUnit`` keeps its tokens for every matcher).
    func matches(in text: String, tokens: [CatalogToken], context: MentionContext = .prose) -> [DatasetMention] {
        guard !tokens.isEmpty else { return [] }

        var accepted: [Found] = []
        var pending: [Found] = []      // needed context, none found yet
        var i = 0
        while i < tokens.count {
            if !index.mayStart(tokens[i].digest) || tokens[i].glued && tokens[i].kind != .punct { i += 1; continue }
            var taken: Found?
            for hit in index.candidates(in: text, tokens: tokens, at: i) {
                let end = extendVersionSuffix(hit, tokens: tokens, text: text)
                if !hit.phrase.needsContext {
                    taken = Found(hit: hit, end: end, byContext: false)
                    break
                }
                if context == .experimental && !isCompoundPart(hit, end: end, tokens: tokens, text: text)
                    || hasCue(hit, end: end, tokens: tokens, text: text) {
                    taken = Found(hit: hit, end: end, byContext: true)
                    break
                }
                if pending.last.map({ $0.end <= i }) ?? true, !isCompoundPart(hit, end: end, tokens: tokens, text: text) {
                    pending.append(Found(hit: hit, end: end, byContext: true))
                }
            }
            if let t = taken {
                accepted.append(t)
                pending.removeAll { $0.hit.start >= t.hit.start }
                i = t.end
            } else {
                i += 1
            }
        }

        // Second pass: an ambiguous name in a list with accepted names is accepted too.
        var changed = true
        while changed && !pending.isEmpty {
            changed = false
            for (k, p) in pending.enumerated().reversed() {
                if accepted.contains(where: { overlaps($0, p) }) { pending.remove(at: k); continue }
                if accepted.contains(where: { listNeighbours($0, p, tokens: tokens) }) {
                    accepted.append(p)
                    pending.remove(at: k)
                    changed = true
                }
            }
        }
        accepted.sort { $0.hit.start < $1.hit.start }

        return accepted.map { f in
            let range = tokens[f.hit.start].range.lowerBound..<tokens[f.end - 1].range.upperBound
            return DatasetMention(entry: catalog.datasets[f.hit.phrase.payload], text: String(text[range]),
                                  range: range, spelling: f.hit.phrase.spelling, acceptedByContext: f.byContext)
        }
    }

    /// A hit with its end after any version suffix.
    private struct Found {
        let hit: PhraseHit
        let end: Int
        let byContext: Bool
    }

    private func overlaps(_ a: Found, _ b: Found) -> Bool {
        a.hit.start < b.end && b.hit.start < a.end
    }

    private func hasCue(_ hit: PhraseHit, end: Int, tokens: [CatalogToken], text: String) -> Bool {
        if isCompoundPart(hit, end: end, tokens: tokens, text: text) { return false }
        let cues = entryCues[hit.phrase.payload] ?? globalCues
        let w = catalog.contextWindow
        return cues.found(in: tokens, from: hit.start - w, to: end + w, skipping: hit.start..<end)
    }

    /// Only list glue between the two mentions, and not too far apart.
    private func listNeighbours(_ a: Found, _ b: Found, tokens: [CatalogToken]) -> Bool {
        let (lo, hi) = a.hit.start < b.hit.start ? (a.end, b.hit.start) : (b.end, a.hit.start)
        guard lo <= hi, hi - lo <= 4 else { return false }
        for j in lo..<hi where !DatasetMatcher.listGlue.contains(tokens[j].lower) { return false }
        for j in lo...min(hi, tokens.count - 1) where tokens[j].paragraphBreakBefore { return false }
        return true
    }

    /// An ambiguous one-word name hyphenated to another word is part of a compound
    /// ("energy-based", "German-to-English"), not a name.
    private func isCompoundPart(_ hit: PhraseHit, end: Int, tokens: [CatalogToken], text: String) -> Bool {
        guard end - hit.start == 1 else { return false }
        if end < tokens.count, tokens[end].isWord, text[tokens[end].gapStart..<tokens[end].range.lowerBound] == "-" {
            return true
        }
        if hit.start > 0, tokens[hit.start - 1].isWord,
           text[tokens[hit.start].gapStart..<tokens[hit.start].range.lowerBound] == "-" {
            return true
        }
        return false
    }

    /// "HalfCheetah" + "-v2": extends a hit of a versioned entry over the suffix.
    private func extendVersionSuffix(_ hit: PhraseHit, tokens: [CatalogToken], text: String) -> Int {
        let e = catalog.datasets[hit.phrase.payload]
        guard e.versionSuffix, hit.end + 1 < tokens.count else { return hit.end }
        let v = tokens[hit.end], num = tokens[hit.end + 1]
        let gap = text[v.gapStart..<v.range.lowerBound]
        guard v.lower == "v", num.isNumber, num.glued, gap == "-" || gap.isEmpty,
              CatalogTokenizer.endsWord(text, at: num.range.upperBound) else { return hit.end }
        return hit.end + 2
    }
}
