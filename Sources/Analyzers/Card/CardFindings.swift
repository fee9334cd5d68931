import PaperModel

/// A dataset, benchmark or environment the paper trains or evaluates on.
public struct DatasetFinding: Codable, Hashable, Sendable {
    public var name: String
    /// The catalogue entry's name, when the dataset is in the catalogue.
    public var canonical: String?
    public var task: String?
    public var size: String?
    public var metrics: [String]
    /// True when the paper introduces the dataset itself.
    public var introduced: Bool
    public var mentions: Int
    public var evidence: Evidence
    public var confidence: Double

    public init(name: String, canonical: String? = nil, task: String? = nil, size: String? = nil, metrics: [String] = [],
                introduced: Bool = false, mentions: Int = 1, evidence: Evidence, confidence: Double) {
        self.name = name
        self.canonical = canonical
        self.task = task
        self.size = size
        self.metrics = metrics
        self.introduced = introduced
        self.mentions = mentions
        self.evidence = evidence
        self.confidence = confidence
    }
}

/// An accelerator setup stated for the experiments.
public struct HardwareFinding: Codable, Hashable, Sendable {
    /// The device as the catalogue names it (`NVIDIA V100`).
    public var device: String
    /// The text as written (`8 NVIDIA Tesla V100 GPUs`).
    public var name: String
    public var count: Int?
    public var memoryGB: Double?
    /// Training time as stated (`3.5 days`), and in hours.
    public var duration: String?
    public var hours: Double?
    /// count × hours, when both are stated.
    public var deviceHours: Double?
    public var evidence: Evidence

    public init(device: String, name: String, count: Int? = nil, memoryGB: Double? = nil, duration: String? = nil,
                hours: Double? = nil, deviceHours: Double? = nil, evidence: Evidence) {
        self.device = device
        self.name = name
        self.count = count
        self.memoryGB = memoryGB
        self.duration = duration
        self.hours = hours
        self.deviceHours = deviceHours
        self.evidence = evidence
    }
}

/// A headline result or comparison the paper claims.
public struct ClaimFinding: Codable, Hashable, Sendable {
    public var text: String
    public var metric: String?
    public var value: Double?
    public var unit: String?
    public var dataset: String?
    public var baseline: String?
    /// abstract, contributions, results, conclusion.
    public var source: String
    public var evidence: Evidence
    public var confidence: Double

    public init(text: String, metric: String? = nil, value: Double? = nil, unit: String? = nil, dataset: String? = nil,
                baseline: String? = nil, source: String, evidence: Evidence, confidence: Double) {
        self.text = text
        self.metric = metric
        self.value = value
        self.unit = unit
        self.dataset = dataset
        self.baseline = baseline
        self.source = source
        self.evidence = evidence
        self.confidence = confidence
    }
}

/// Something the paper says is new ("we propose …", "we introduce …").
public struct ProposalFinding: Codable, Hashable, Sendable {
    public var text: String
    /// The name of what is proposed, when it has one.
    public var name: String?
    public var evidence: Evidence

    public init(text: String, name: String? = nil, evidence: Evidence) {
        self.text = text
        self.name = name
        self.evidence = evidence
    }
}

/// An algorithm box in the card: caption, and its steps as text (the scorer reads these).
public struct AlgorithmSummary: Codable, Hashable, Sendable {
    public var id: String
    public var caption: String
    public var label: String?
    public var number: String?
    public var steps: [String]
    public var span: SourceSpan

    public init(_ a: Algorithm) {
        id = a.id
        caption = a.caption
        label = a.label
        number = a.number
        steps = a.steps.map { $0.text }
        span = a.span
    }
}
