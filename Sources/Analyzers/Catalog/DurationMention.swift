/// A stated amount of (training) time: "for 3.5 days", "12 hours", "took 2 weeks",
/// "200 GPU hours", "72-100 hours", "∼3K TPU V2 days", "2-3 minutes per run".
public struct DurationMention: Sendable, Hashable {
    /// Unit of a duration.
    public enum Unit: String, Sendable, Hashable, CaseIterable {
        case second, minute, hour, day, week, month

        /// Hours in one unit (a month counts 30 days).
        public var hours: Double {
            switch self {
            case .second: return 1.0 / 3600
            case .minute: return 1.0 / 60
            case .hour: return 1
            case .day: return 24
            case .week: return 24 * 7
            case .month: return 24 * 30
            }
        }
    }

    /// The text from the number to the unit (and "per ..." when present).
    public let text: String
    public let range: Range<String.Index>
    /// The (lower) amount.
    public let value: Double
    /// The upper end of a range ("72-100 hours"), else nil.
    public let upperValue: Double?
    public let unit: Unit
    /// Device-time rather than wall-clock: "GPU", "TPU", "TPU V2", "node", "core", ...
    public let resource: String?
    /// Preceded by "about", "around", "approximately", "~", "∼", "≈", ...
    public let isApproximate: Bool
    /// What the time is for, when stated: "run", "epoch", "step", "iteration", "seed", ...
    public let per: String?

    /// `value` in hours.
    public var hours: Double { value * unit.hours }
    /// `upperValue` in hours.
    public var upperHours: Double? { upperValue.map { $0 * unit.hours } }
}
