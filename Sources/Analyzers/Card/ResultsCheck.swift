import Foundation

/// Compares a user's measured results with the claims on a paper's card (`deconstruct verify
/// --results FILE`).
///
/// ```swift
/// let card = try Pipeline.deconstruct(path: paper)
/// let report = try ResultsCheck().check(file: "results.csv", claims: card.claims)
/// print(ResultsTable.render(report))          // Writers
/// ```
///
/// Each claim sentence is read for the numbers it states per metric and dataset
/// (``ClaimMeasurementReader``). Each result is matched to them by metric and dataset, both
/// compared by their catalogue names ("top-1 accuracy" = "accuracy", "CIFAR10" = "CIFAR-10");
/// rates are compared on one scale (0.931 = 93.1%). The verdict uses the metric's tolerance
/// and direction (higher-is-better or lower-is-better) from `metrics.json`. Results that match
/// no claim are reported with the reason, and claims that no result checks are listed.
public struct ResultsCheck: Sendable {
    public var metrics: MetricCatalog
    public var datasets: DatasetMatcher

    public init(metrics: MetricCatalog = .shared, datasets: DatasetMatcher = .shared) {
        self.metrics = metrics
        self.datasets = datasets
    }

    /// Reads a results file (JSON or CSV, see ``ResultsFile``) and compares it with `claims`.
    public func check(file path: String, claims: [ClaimFinding]) throws(ResultsFileError) -> ResultsReport {
        check(try ResultsFile.read(path: path), claims: claims)
    }

    /// Compares results with `claims`.
    public func check(_ results: [MeasuredResult], claims: [ClaimFinding]) -> ResultsReport {
        let reader = ClaimMeasurementReader(metrics: metrics, datasets: datasets)
        let perClaim = claims.map { reader.measurements(in: $0) }
        let all = perClaim.flatMap { $0 }
        var report = ResultsReport()
        var checked = Set<String>()
        for r in results {
            let dataset = r.dataset.map(datasetName)
            guard let metric = metrics.metric(named: r.metric) else {
                report.unmatched.append(UnmatchedResult(result: r, reason: .unknownMetric, metric: nil, dataset: dataset))
                continue
            }
            var candidates = all.filter { $0.metric.name == metric.name }
            if let d = dataset {
                let same = candidates.filter { $0.dataset.map(Self.key) == Self.key(d) }
                candidates = same.isEmpty ? candidates.filter { $0.dataset == nil } : same
            }
            // The abstract and the conclusion often repeat a number: compare with it once.
            var seen = Set<String>()
            candidates = candidates.filter { seen.insert(Self.identity($0)).inserted }
            guard !candidates.isEmpty else {
                report.unmatched.append(UnmatchedResult(result: r, reason: .noClaim, metric: metric.name, dataset: dataset))
                continue
            }
            for m in candidates {
                report.comparisons.append(compare(r, with: m, metric: metric))
                checked.insert(Self.identity(m))
            }
        }
        for (claim, ms) in zip(claims, perClaim) {
            if ms.isEmpty {
                report.qualitative.append(claim)
            } else if !ms.contains(where: { checked.contains(Self.identity($0)) }) {
                report.unchecked.append(UncheckedClaim(claim: claim, measurements: ms))
            }
        }
        return report
    }

    /// The same number for the same metric on the same dataset, wherever the paper states it.
    static func identity(_ m: ClaimMeasurement) -> String {
        "\(m.metric.name)|\(m.value)|\(m.isPercent)|\(m.dataset ?? "")"
    }

    /// One result against one claim number.
    func compare(_ r: MeasuredResult, with m: ClaimMeasurement, metric: MetricCatalog.Metric) -> ResultsComparison {
        var paper = m.value
        var user = r.value
        var percent = false
        if metric.percent {
            // Rates: both as percentages (0.931 and 93.1% are the same accuracy).
            percent = true
            if !m.isPercent, paper <= 1, !(r.isPercent && r.value <= 1) { paper = ExactDecimal.scaled(paper, by: 2) }
            if !r.isPercent, user <= 1, paper > 1 { user = ExactDecimal.scaled(user, by: 2) }
        } else {
            percent = m.isPercent && r.isPercent
        }
        let difference = Self.clean(user - paper)
        let allowance = metrics.tolerance(of: metric).allowance(around: paper)
        let verdict: ResultsVerdict = abs(difference) <= allowance + 1e-12 ? .matches : difference < 0 ? .below : .above
        let relative = paper != 0 && (paper > 0) == (user > 0) ? difference / abs(paper) : nil
        return ResultsComparison(result: r, measurement: m, metric: metric.name, dataset: m.dataset, paperValue: paper,
                                 userValue: user, isPercent: percent, difference: difference, relativeDifference: relative,
                                 better: metric.better, tolerance: allowance, verdict: verdict)
    }

    /// A difference of two decimals without the binary noise (93.0 − 93.1 is −0.1, not
    /// −0.09999999999999432).
    static func clean(_ d: Double) -> Double {
        guard d.isFinite, d != 0 else { return d }
        let text = String(format: "%.10g", d)
        return Double(text) ?? d
    }

    /// The catalogue name of a dataset as a user writes it ("CIFAR10" → "CIFAR-10"), else the
    /// text itself.
    func datasetName(_ text: String) -> String {
        let k = Self.key(text)
        if let e = datasets.catalog.datasets.first(where: { $0.spellings.contains { Self.key($0) == k } }) { return e.name }
        if let m = datasets.matches(in: text, context: .experimental).first { return m.entry.name }
        return text
    }

    /// Lower-case letters and digits: "CIFAR-10" = "cifar10".
    static func key(_ s: String) -> String {
        String(s.lowercased().filter { $0.isLetter || $0.isNumber })
    }
}
