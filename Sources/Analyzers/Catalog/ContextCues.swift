/// Multi-word context cues ("data set", "OpenAI Gym") compiled to token sequences.
struct ContextCues: Sendable {
    private var phrases: [String: [[String]]] = [:]
    /// Digests of the keys of `phrases`.
    private var digests = DigestSet(bitCount: 1024)

    init(_ words: [String]) {
        for w in words { add(w) }
    }

    mutating func add(_ w: String) {
        let tokens = CatalogTokenizer.tokenize(w)
        guard let first = tokens.first else { return }
        phrases[first.lower, default: []].append(tokens.map(\.lower))
        digests.insert(first.digest)
    }

    func merged(with words: [String]) -> ContextCues {
        var c = self
        for w in words { c.add(w) }
        return c
    }

    /// Is there a cue among tokens `lo..<hi`, skipping the tokens `skip`?
    func found(in tokens: [CatalogToken], from lo: Int, to hi: Int, skipping skip: Range<Int>) -> Bool {
        var j = max(0, lo)
        let upper = min(tokens.count, hi)
        while j < upper {
            if skip.contains(j) { j = skip.upperBound; continue }
            if digests.contains(tokens[j].digest), let list = phrases[tokens[j].lower] {
                for p in list where j + p.count <= tokens.count {
                    var ok = true
                    for k in 1..<max(1, p.count) where tokens[j + k].lower != p[k] { ok = false; break }
                    if ok { return true }
                }
            }
            j += 1
        }
        return false
    }
}
