import PaperModel

/// Finds the datasets, benchmarks and environments a paper trains or evaluates on: catalogue
/// names matched in its text, weighted by where they stand (an experiments section or a
/// table counts; a related-work mention alone does not).
public struct DatasetAnalyzer: Sendable {
    public var matcher: DatasetMatcher
    public var rules: CardRules

    public init(matcher: DatasetMatcher = .shared, rules: CardRules = .shared) {
        self.matcher = matcher
        self.rules = rules
    }

    public func analyze(_ units: [TextUnit]) -> [DatasetFinding] {
        struct Tally {
            var entry: DatasetEntry
            var weight = 0.0
            var mentions = 0
            var best: (evidence: Evidence, weight: Double)?
        }
        var tallies: [String: Tally] = [:]
        var order: [String] = []
        for unit in units where !unit.inTheory {
            // Common words that are also dataset names ("Concrete", "Energy", "Pet") are accepted
            // without a context word only inside tables.
            let experimental = unit.kind == .tableRow
            for m in matcher.matches(in: unit.text, tokens: unit.catalogTokens, context: experimental ? .experimental : .prose) {
                let w = rules.datasetWeights[unit.role] ?? rules.datasetWeights["other"] ?? 0.5
                var t = tallies[m.entry.name] ?? { order.append(m.entry.name); return Tally(entry: m.entry) }()
                t.weight += w
                t.mentions += 1
                if t.best == nil || w > t.best!.weight { t.best = (unit.evidence, w) }
                tallies[m.entry.name] = t
            }
        }
        return order.compactMap { name in
            guard let t = tallies[name], let best = t.best, t.weight >= rules.datasetThreshold else { return nil }
            return DatasetFinding(name: t.entry.name, canonical: t.entry.name, task: t.entry.task, size: t.entry.size,
                                  metrics: t.entry.metrics, mentions: t.mentions, evidence: best.evidence,
                                  confidence: min(1, t.weight / 3))
        }
    }
}
