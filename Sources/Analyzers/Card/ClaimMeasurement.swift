/// A number a claim states for a metric, with the dataset it was measured on: "93.1% test
/// accuracy on CIFAR-10", "lowers perplexity on Penn Treebank from 60.9 to 58.7" (58.7).
public struct ClaimMeasurement: Hashable, Sendable {
    /// The claim the number comes from (its text and evidence).
    public var claim: ClaimFinding
    /// The catalogue's metric.
    public var metric: MetricCatalog.Metric
    /// The metric as the claim writes it ("test accuracy").
    public var metricText: String
    public var value: Double
    /// Written with a percent sign.
    public var isPercent: Bool
    /// The catalogue name of the dataset the claim names for it, if any.
    public var dataset: String?

    public init(claim: ClaimFinding, metric: MetricCatalog.Metric, metricText: String, value: Double, isPercent: Bool,
                dataset: String?) {
        self.claim = claim
        self.metric = metric
        self.metricText = metricText
        self.value = value
        self.isPercent = isPercent
        self.dataset = dataset
    }
}

/// Finds the measurements in claim sentences: each metric the catalogue knows, paired with the
/// nearest number stated for it in the same clause (a number just before — "28.4 BLEU" — or a
/// few words after — "accuracy of 93.1%"; the second of "from 60.9 to 58.7"), and with the
/// nearest dataset named in the clause. Differences and factors ("1.4 points above", "by 2
/// BLEU", "3×"), years and counts of other things ("8 GPUs") are not measurements.
public struct ClaimMeasurementReader: Sendable {
    public let metrics: MetricCatalog
    public let datasets: DatasetMatcher
    /// Spellings of every metric as word sequences, longest first; exact ones keep their case.
    private let spellings: [(words: [String], exact: Bool, metric: MetricCatalog.Metric)]
    /// Indices into `spellings` by first word (lower-cased, or as written for exact ones), in
    /// `spellings` order, so a token is compared only with the spellings it can start.
    private let byFirstWord: [String: [Int]]

    /// The reader over the bundled metric and dataset catalogues, built once.
    public static let shared = ClaimMeasurementReader()

    public init(metrics: MetricCatalog = .shared, datasets: DatasetMatcher = .shared) {
        self.metrics = metrics
        self.datasets = datasets
        var out: [([String], Bool, MetricCatalog.Metric)] = []
        for m in metrics.metrics {
            for s in [m.name] + m.aliases {
                let w = ClaimTokenizer.tokenize(s).filter { $0.kind != .punct }.map(\.lower)
                if !w.isEmpty { out.append((w, false, m)) }
            }
            for s in m.exactAliases {
                let w = ClaimTokenizer.tokenize(s).filter { $0.kind != .punct }.map(\.text)
                if !w.isEmpty { out.append((w, true, m)) }
            }
        }
        let sorted = out.sorted { $0.0.count > $1.0.count }
        self.spellings = sorted
        var index: [String: [Int]] = [:]
        for (n, s) in sorted.enumerated() { index[s.0[0], default: []].append(n) }
        self.byFirstWord = index
    }

    /// Words after a number that make it a difference or a factor, not a measurement.
    static let differenceWords: Set<String> = ["point", "points", "pp", "percentage", "times", "x", "×", "fold", "pt", "pts"]
    /// Words after a number that make it a count of something else.
    static let countWords: Set<String> = [
        "gpu", "gpus", "tpu", "tpus", "hour", "hours", "day", "days", "minute", "minutes", "second", "seconds", "epoch",
        "epochs", "step", "steps", "iteration", "iterations", "layer", "layers", "parameter", "parameters", "params", "token",
        "tokens", "sample", "samples", "image", "images", "example", "examples", "m", "b", "k", "million", "billion",
        "thousand", "languages", "tasks", "datasets", "benchmarks", "games", "environments", "seeds", "runs", "heads",
    ]
    /// Words between "by" and a number that keep it a difference ("by over 2 BLEU").
    static let byFillers: Set<String> = ["over", "up", "to", "about", "around", "nearly", "almost", "roughly", "more", "than",
                                         "at", "least", "an", "average", "of", "approximately", "as", "much"]

    public func measurements(in claims: [ClaimFinding]) -> [ClaimMeasurement] {
        claims.flatMap { measurements(in: $0) }
    }

    public func measurements(in claim: ClaimFinding) -> [ClaimMeasurement] {
        read(claim).measurements
    }

    /// The claim's metric mentions (in order) and the measurements among them, from one
    /// tokenization of its text; `tokens`: its text already split for the dataset matcher (a
    /// ``TextUnit``'s), so it is not split again.
    func read(_ claim: ClaimFinding, tokens catalogTokens: [CatalogToken]? = nil)
        -> (mentions: [Mention], measurements: [ClaimMeasurement]) {
        let tokens = ClaimTokenizer.tokenize(claim.text)
        let mentions = metricMentions(tokens)
        guard !mentions.isEmpty, tokens.contains(where: { $0.kind == .number }) else { return (mentions, []) }
        let clauseOf = clauses(tokens)
        let numbers = eligibleNumbers(tokens)
        // Dataset mentions by scalar offset.
        let scalars = claim.text.unicodeScalars
        let sets: [(start: Int, end: Int, name: String)] = datasets.matches(in: claim.text, tokens: catalogTokens ?? CatalogTokenizer.tokenize(claim.text)).map { m in
            (scalars.distance(from: scalars.startIndex, to: m.range.lowerBound),
             scalars.distance(from: scalars.startIndex, to: m.range.upperBound), m.entry.name)
        }
        let tokenOfOffset = { (offset: Int) -> Int in tokens.firstIndex { $0.end > offset } ?? tokens.count }

        // Pair metrics with numbers, nearest first.
        var pairs: [(distance: Int, mention: Int, number: Int)] = []
        for (m, mention) in mentions.enumerated() {
            for n in numbers where clauseOf[n] == clauseOf[mention.start] {
                if n < mention.start {
                    let gap = mention.start - n - 1
                    if gap <= 3, (n + 1..<mention.start).allSatisfy({ tokens[$0].kind == .word }) {
                        pairs.append((gap, m, n))
                    }
                } else if n >= mention.end {
                    let gap = n - mention.end
                    if gap <= 8 { pairs.append((gap + 1, m, n)) }
                }
            }
        }
        pairs.sort { ($0.distance, $0.mention, $0.number) < ($1.distance, $1.mention, $1.number) }
        var usedMention = Set<Int>()
        var usedNumber = Set<Int>()
        var out: [(position: Int, measurement: ClaimMeasurement)] = []
        for p in pairs where !usedMention.contains(p.mention) && !usedNumber.contains(p.number) {
            usedMention.insert(p.mention)
            usedNumber.insert(p.number)
            let mention = mentions[p.mention]
            let number = tokens[p.number]
            // The dataset named nearest the metric in the same clause.
            var best: (Int, String)?
            for d in sets {
                let dt = tokenOfOffset(d.start)
                guard dt < tokens.count, clauseOf[dt] == clauseOf[mention.start] else { continue }
                let distance = dt >= mention.end ? dt - mention.end : mention.start - dt + 1
                if best == nil || distance < best!.0 { best = (distance, d.name) }
            }
            let dataset = best?.1 ?? (Set(sets.map(\.name)).count == 1 ? sets.first?.name : nil)
            out.append((mention.start, ClaimMeasurement(claim: claim, metric: mention.metric, metricText: mention.text,
                                                        value: number.value, isPercent: number.isPercent, dataset: dataset)))
        }
        return (mentions, out.sorted { $0.position < $1.position }.map(\.measurement))
    }

    // MARK: - Metrics

    struct Mention {
        var start: Int
        var end: Int
        var metric: MetricCatalog.Metric
        var text: String
    }

    func metricMentions(_ tokens: [ClaimTokenizer.Token]) -> [Mention] {
        var out: [Mention] = []
        var i = 0
        while i < tokens.count {
            var hit: Mention?
            if tokens[i].kind == .word {
                var candidates = byFirstWord[tokens[i].lower] ?? []
                if tokens[i].lower != tokens[i].text, let exact = byFirstWord[tokens[i].text] { candidates = (candidates + exact).sorted() }
                for n in candidates where i + spellings[n].words.count <= tokens.count {
                    let s = spellings[n]
                    let same = s.words.indices.allSatisfy { k in
                        let t = tokens[i + k]
                        return t.kind == .word && (s.exact ? t.text == s.words[k] : t.lower == s.words[k])
                    }
                    if same {
                        let end = i + s.words.count
                        hit = Mention(start: i, end: end, metric: s.metric,
                                      text: tokens[i..<end].map(\.text).joined(separator: " "))
                        break
                    }
                }
            }
            if let h = hit {
                out.append(h)
                i = h.end
            } else {
                i += 1
            }
        }
        return out
    }

    // MARK: - Numbers

    /// Numbers that can be measurements.
    func eligibleNumbers(_ tokens: [ClaimTokenizer.Token]) -> [Int] {
        var out: [Int] = []
        for (n, t) in tokens.enumerated() where t.kind == .number {
            if !t.isPercent, t.value == t.value.rounded(), t.value >= 1900, t.value <= 2100 { continue }   // a year
            if t.isFactor { continue }
            if n + 1 < tokens.count, tokens[n + 1].kind == .word {
                let next = tokens[n + 1].lower
                if Self.differenceWords.contains(next) || (!t.isPercent && Self.countWords.contains(next)) { continue }
            }
            // "by 2 BLEU", "by over 2 BLEU": a difference.
            var k = n - 1
            while k >= 0, tokens[k].kind == .word, Self.byFillers.contains(tokens[k].lower), n - k <= 3 { k -= 1 }
            if k >= 0, tokens[k].kind == .word, tokens[k].lower == "by" { continue }
            // "from 60.9 to 58.7": the first is the baseline.
            if n >= 1, tokens[n - 1].lower == "from", n + 2 < tokens.count, tokens[n + 1].lower == "to",
               tokens[n + 2].kind == .number {
                continue
            }
            out.append(n)
        }
        return out
    }

    /// The clause of each token: clauses end at ";" (and ":").
    func clauses(_ tokens: [ClaimTokenizer.Token]) -> [Int] {
        var clause = 0
        return tokens.map { t in
            if t.kind == .punct, t.text == ";" || t.text == ":" { clause += 1 }
            return clause
        }
    }
}
