/// How a reproduced value stands against the paper's.
public enum ResultsVerdict: String, Codable, Sendable {
    /// Within the metric's tolerance.
    case matches
    /// Lower than the paper's by more than the tolerance.
    case below
    /// Higher than the paper's by more than the tolerance.
    case above
}

/// One of the user's results compared with one number a claim states.
public struct ResultsComparison: Hashable, Sendable {
    public var result: MeasuredResult
    public var measurement: ClaimMeasurement
    /// The catalogue's metric name ("accuracy") and dataset name ("CIFAR-10"), if any.
    public var metric: String
    public var dataset: String?
    /// Both values on one scale: percentage points when the metric is a rate (``isPercent``).
    public var paperValue: Double
    public var userValue: Double
    public var isPercent: Bool
    /// `userValue - paperValue`.
    public var difference: Double
    /// `difference / |paperValue|`; nil when the paper's value is 0 or the two differ in sign.
    public var relativeDifference: Double?
    /// Which direction is better for the metric.
    public var better: MetricCatalog.Better
    /// The largest `|difference|` that still matches.
    public var tolerance: Double
    public var verdict: ResultsVerdict

    /// The user's value is better than the paper's beyond the tolerance (true), worse (false),
    /// or the two match (nil).
    public var isBetter: Bool? {
        switch verdict {
        case .matches: return nil
        case .below: return better == .lower
        case .above: return better == .higher
        }
    }
}

/// A result that could not be compared with any claim, and why.
public struct UnmatchedResult: Hashable, Sendable {
    public enum Reason: String, Codable, Sendable {
        /// The metric is not in the catalogue (`metrics.json`).
        case unknownMetric = "unknown metric"
        /// The metric is known, but no claim states a value for it (on that dataset).
        case noClaim = "no claim"
    }

    public var result: MeasuredResult
    public var reason: Reason
    /// The catalogue's name for the metric, when known.
    public var metric: String?
    /// The catalogue's name for the dataset, when known.
    public var dataset: String?

    public init(result: MeasuredResult, reason: Reason, metric: String? = nil, dataset: String? = nil) {
        self.result = result
        self.reason = reason
        self.metric = metric
        self.dataset = dataset
    }
}

/// A claim no result of the user's checks.
public struct UncheckedClaim: Hashable, Sendable {
    public var claim: ClaimFinding
    /// The numbers it states (empty for a claim without a measurable number).
    public var measurements: [ClaimMeasurement]

    public init(claim: ClaimFinding, measurements: [ClaimMeasurement]) {
        self.claim = claim
        self.measurements = measurements
    }
}

/// The user's results against the paper's claims (``ResultsCheck``).
public struct ResultsReport: Hashable, Sendable {
    /// Each result against each claim number it could be compared with, in the file's order.
    public var comparisons: [ResultsComparison]
    /// Results compared with nothing: never dropped silently.
    public var unmatched: [UnmatchedResult]
    /// Claims stating numbers that no result checks.
    public var unchecked: [UncheckedClaim]
    /// Claims with no number to check ("we propose …", "converges faster").
    public var qualitative: [ClaimFinding]

    public init(comparisons: [ResultsComparison] = [], unmatched: [UnmatchedResult] = [], unchecked: [UncheckedClaim] = [],
                qualitative: [ClaimFinding] = []) {
        self.comparisons = comparisons
        self.unmatched = unmatched
        self.unchecked = unchecked
        self.qualitative = qualitative
    }

    /// Every result was compared and every comparison matches.
    public var allMatch: Bool { unmatched.isEmpty && !comparisons.isEmpty && comparisons.allSatisfy { $0.verdict == .matches } }
}
