/// One hyperparameter of the vocabulary (`hyperparameters.json`).
public struct HyperparameterEntry: Codable, Hashable, Sendable {
    /// Broad group of a hyperparameter.
    public enum Category: String, Codable, Sendable, CaseIterable {
        case optimization, architecture, regularization, training, sampling, rl, data
    }

    /// What values look like.
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// A real number (learning rate, dropout).
        case real
        /// A count (layers, steps, batch size).
        case integer
        /// A set or tuple of values (RandAugment (N, M), a train/val/test split).
        case set
        /// One of named options (optimizer, activation).
        case choice
        /// A named schedule or a function of time (cosine, linear decay).
        case schedule
    }

    /// Plausible bounds, inclusive; either side may be open.
    public struct ValueRange: Codable, Hashable, Sendable {
        public let min: Double?
        public let max: Double?

        public init(min: Double?, max: Double?) {
            self.min = min
            self.max = max
        }

        public func contains(_ v: Double) -> Bool {
            if let lo = min, v < lo { return false }
            if let hi = max, v > hi { return false }
            return true
        }
    }

    /// Canonical snake_case key, e.g. "learning_rate".
    public let name: String
    public let category: Category
    public let kind: Kind
    /// Phrases papers use: "learning rate", "step size", "lr", ...
    public let aliases: [String]
    /// TeX commands or Unicode symbols commonly used ("\\eta", "η"); ambiguous, need context.
    public let symbols: [String]
    /// What an integer counts ("steps", "epochs", "tokens"), if anything.
    public let units: String?
    /// Bounds for a sanity check; nil for non-numeric kinds.
    public let typicalRange: ValueRange?
    public let notes: String?

    /// Is `value` plausible for this hyperparameter (inside ``typicalRange``)?
    public func isPlausible(_ value: Double) -> Bool {
        typicalRange?.contains(value) ?? true
    }

    enum CodingKeys: String, CodingKey {
        case name, category, kind, aliases, symbols, units, notes
        case typicalRange = "typical_range"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        category = try c.decode(Category.self, forKey: .category)
        kind = try c.decode(Kind.self, forKey: .kind)
        aliases = try c.decodeIfPresent([String].self, forKey: .aliases) ?? []
        symbols = try c.decodeIfPresent([String].self, forKey: .symbols) ?? []
        units = try c.decodeIfPresent(String.self, forKey: .units)
        typicalRange = try c.decodeIfPresent(ValueRange.self, forKey: .typicalRange)
        notes = try c.decodeIfPresent(String.self, forKey: .notes)
    }
}
