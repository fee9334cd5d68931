import PaperModel

/// A value as the paper states it: one number, a set of values searched, a range, or text
/// (a schedule, a choice such as an optimizer's name).
public enum HyperValue: Hashable, Sendable {
    case number(Double)
    case set([Double])
    case range(Double, Double)
    case text(String)
}

extension HyperValue: Codable {
    /// Encoded as a JSON number, an array of numbers, `{"from": a, "to": b}`, or a string.
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let n = try? c.decode(Double.self) { self = .number(n); return }
        if let a = try? c.decode([Double].self) { self = .set(a); return }
        if let r = try? c.decode([String: Double].self), let a = r["from"], let b = r["to"] { self = .range(a, b); return }
        self = .text(try c.decode(String.self))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .number(let n): try c.encode(n)
        case .set(let a): try c.encode(a)
        case .range(let a, let b): try c.encode(["from": a, "to": b])
        case .text(let s): try c.encode(s)
        }
    }
}

/// A training, optimization, architecture or sampling setting the paper states for its method.
public struct HyperparameterFinding: Codable, Hashable, Sendable {
    /// The name in the paper's words ("learning rate", "mini-batch size").
    public var name: String
    /// The canonical name from the vocabulary (`learning_rate`), when known.
    public var canonical: String?
    /// The symbol the paper uses (`\alpha`, `β1`), if any.
    public var symbol: String?
    public var value: HyperValue
    /// The value exactly as written (`3e-4`, `$10^{-3}$`, `\{0.1, 1\}`).
    public var raw: String
    /// steps, epochs, tokens, %, …
    public var unit: String?
    /// Which model, dataset or experiment it belongs to, when the paper says.
    public var scope: String?
    public var evidence: Evidence
    /// 0…1: how sure the extractor is that this is a setting of the paper's own method.
    public var confidence: Double

    public init(name: String, canonical: String? = nil, symbol: String? = nil, value: HyperValue, raw: String,
                unit: String? = nil, scope: String? = nil, evidence: Evidence, confidence: Double) {
        self.name = name
        self.canonical = canonical
        self.symbol = symbol
        self.value = value
        self.raw = raw
        self.unit = unit
        self.scope = scope
        self.evidence = evidence
        self.confidence = confidence
    }
}
