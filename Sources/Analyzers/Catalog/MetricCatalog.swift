import Foundation

/// Evaluation metrics (`metrics.json`): names and spellings, which direction is better, whether
/// the metric is a rate written as a percentage or a fraction, and how close a reproduced value
/// must be to count as matching.
public struct MetricCatalog: Codable, Sendable {
    /// Which way a metric improves.
    public enum Better: String, Codable, Sendable {
        case higher, lower
    }

    /// How far a reproduced value may be from the paper's: the larger of an absolute difference
    /// (in the metric's unit; points for percentages) and a fraction of the paper's value.
    public struct Tolerance: Codable, Hashable, Sendable {
        public var absolute: Double?
        public var relative: Double?

        public init(absolute: Double? = nil, relative: Double? = nil) {
            self.absolute = absolute
            self.relative = relative
        }

        /// The allowed difference around `paperValue`.
        public func allowance(around paperValue: Double) -> Double {
            max(absolute ?? 0, (relative ?? 0) * abs(paperValue))
        }
    }

    public struct Metric: Codable, Hashable, Sendable {
        public let name: String
        public let aliases: [String]
        /// Spellings matched in a paper's text only as written ("IS", "EM").
        public let exactAliases: [String]
        public let better: Better
        /// A rate: 93.1% and 0.931 are the same value.
        public let percent: Bool
        public let tolerance: Tolerance?

        enum CodingKeys: String, CodingKey { case name, aliases, exactAliases, better, percent, tolerance }

        public init(name: String, aliases: [String] = [], exactAliases: [String] = [], better: Better, percent: Bool = false,
                    tolerance: Tolerance? = nil) {
            self.name = name
            self.aliases = aliases
            self.exactAliases = exactAliases
            self.better = better
            self.percent = percent
            self.tolerance = tolerance
        }

        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decode(String.self, forKey: .name)
            aliases = try c.decodeIfPresent([String].self, forKey: .aliases) ?? []
            exactAliases = try c.decodeIfPresent([String].self, forKey: .exactAliases) ?? []
            better = try c.decode(Better.self, forKey: .better)
            percent = try c.decodeIfPresent(Bool.self, forKey: .percent) ?? false
            tolerance = try c.decodeIfPresent(Tolerance.self, forKey: .tolerance)
        }
    }

    public let version: Int
    public let notes: String?
    public let defaultTolerance: Tolerance
    public let metrics: [Metric]
    private let byKey: [String: Int]

    /// The catalogue bundled with deconstruct.
    public static let shared: MetricCatalog = CatalogResources.bundled(MetricCatalog.self, named: "metrics")

    /// Decodes a catalogue (same format as the bundled `metrics.json`).
    public static func load(data: Data) throws -> MetricCatalog {
        try CatalogResources.decode(MetricCatalog.self, from: data, file: "<data>")
    }

    public init(version: Int = 1, notes: String? = nil, defaultTolerance: Tolerance = Tolerance(relative: 0.02),
                metrics: [Metric]) {
        self.version = version
        self.notes = notes
        self.defaultTolerance = defaultTolerance
        self.metrics = metrics
        var byKey: [String: Int] = [:]
        for (n, m) in metrics.enumerated() {
            for spelling in [m.name] + m.aliases + m.exactAliases {
                let k = Self.key(spelling)
                if !k.isEmpty, byKey[k] == nil { byKey[k] = n }
            }
        }
        self.byKey = byKey
    }

    enum CodingKeys: String, CodingKey { case version, notes, defaultTolerance, metrics }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(version: try c.decodeIfPresent(Int.self, forKey: .version) ?? 1,
                  notes: try c.decodeIfPresent(String.self, forKey: .notes),
                  defaultTolerance: try c.decodeIfPresent(Tolerance.self, forKey: .defaultTolerance) ?? Tolerance(relative: 0.02),
                  metrics: try c.decode([Metric].self, forKey: .metrics))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(version, forKey: .version)
        try c.encodeIfPresent(notes, forKey: .notes)
        try c.encode(defaultTolerance, forKey: .defaultTolerance)
        try c.encode(metrics, forKey: .metrics)
    }

    /// The metric a name stands for, in any case and spelling ("Top-1 Accuracy" → accuracy,
    /// "PPL" → perplexity); nil when the catalogue does not know it.
    public func metric(named name: String) -> Metric? {
        byKey[Self.key(name)].map { metrics[$0] }
    }

    /// The tolerance of a metric (its own, else the catalogue's default).
    public func tolerance(of metric: Metric) -> Tolerance {
        metric.tolerance ?? defaultTolerance
    }

    /// Lower-case letters and digits only, plus "@" ("pass@1"): "Top-1 acc." = "top1acc".
    static func key(_ s: String) -> String {
        // ASCII is tested without Foundation (building `CharacterSet.alphanumerics` for every
        // scalar made this the larger part of loading the catalogue).
        var out = String.UnicodeScalarView()
        var alphanumerics: CharacterSet?
        for u in s.lowercased().unicodeScalars {
            let keep: Bool
            if u.isASCII {
                let v = u.value
                keep = (v >= 0x30 && v <= 0x39) || (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) || v == 0x40
            } else {
                if alphanumerics == nil { alphanumerics = .alphanumerics }
                keep = alphanumerics!.contains(u)
            }
            if keep { out.append(u) }
        }
        return String(out)
    }
}
