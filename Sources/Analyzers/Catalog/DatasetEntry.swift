/// One dataset, benchmark or RL environment of the catalogue (`datasets.json`).
public struct DatasetEntry: Codable, Hashable, Sendable {
    /// Canonical display name, e.g. "CIFAR-10".
    public let name: String
    /// Other spellings papers use, e.g. "CIFAR10", "CIFAR 10".
    public let aliases: [String]
    /// What the data is used for, e.g. "image classification".
    public let task: String
    /// "image", "text", "audio", "graph", "molecule", "tabular", "rl environment", "video", ...
    public let modality: String
    /// Typical size as a short string ("60k train / 10k test images"); nil when unknown.
    public let size: String?
    /// Metrics usually reported on it.
    public let metrics: [String]
    /// Every spelling needs a context word nearby (for names that are common words).
    public let requiresContext: Bool
    /// Spellings that need a context word nearby even if the entry as a whole does not.
    public let contextAliases: [String]
    /// Words that count as context for this entry, on top of the catalogue's global list.
    public let contextWords: [String]
    /// true: exact case for every spelling; false: case-insensitive; nil: the automatic rule
    /// (exact case for short spellings with two or more capitals).
    public let caseSensitive: Bool?
    /// Also accept a Gym-style version suffix ("-v2") after any spelling.
    public let versionSuffix: Bool

    /// The name followed by the aliases.
    public var spellings: [String] { [name] + aliases }

    /// Does this spelling need a context word nearby?
    public func needsContext(_ spelling: String) -> Bool {
        requiresContext || contextAliases.contains(spelling)
    }

    public init(name: String, aliases: [String] = [], task: String, modality: String, size: String? = nil,
                metrics: [String] = [], requiresContext: Bool = false, contextAliases: [String] = [],
                contextWords: [String] = [], caseSensitive: Bool? = nil, versionSuffix: Bool = false) {
        self.name = name
        self.aliases = aliases
        self.task = task
        self.modality = modality
        self.size = size
        self.metrics = metrics
        self.requiresContext = requiresContext
        self.contextAliases = contextAliases
        self.contextWords = contextWords
        self.caseSensitive = caseSensitive
        self.versionSuffix = versionSuffix
    }

    enum CodingKeys: String, CodingKey {
        case name, aliases, task, modality, size, metrics
        case requiresContext = "requires_context"
        case contextAliases = "context_aliases"
        case contextWords = "context_words"
        case caseSensitive = "case_sensitive"
        case versionSuffix = "version_suffix"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        aliases = try c.decodeIfPresent([String].self, forKey: .aliases) ?? []
        task = try c.decode(String.self, forKey: .task)
        modality = try c.decode(String.self, forKey: .modality)
        size = try c.decodeIfPresent(String.self, forKey: .size)
        metrics = try c.decodeIfPresent([String].self, forKey: .metrics) ?? []
        requiresContext = try c.decodeIfPresent(Bool.self, forKey: .requiresContext) ?? false
        contextAliases = try c.decodeIfPresent([String].self, forKey: .contextAliases) ?? []
        contextWords = try c.decodeIfPresent([String].self, forKey: .contextWords) ?? []
        caseSensitive = try c.decodeIfPresent(Bool.self, forKey: .caseSensitive)
        versionSuffix = try c.decodeIfPresent(Bool.self, forKey: .versionSuffix) ?? false
    }
}
