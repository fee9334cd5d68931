import Foundation

/// The dataset / benchmark / environment catalogue (`datasets.json`), decoded once.
///
/// Users can extend it with their own file: ``load(contentsOf:)`` and ``merging(_:)``.
public struct DatasetCatalog: Codable, Sendable {
    public let version: Int
    /// Free-text description of the format.
    public let notes: String?
    /// Words that make a context-requiring spelling acceptable when they are near it.
    public let contextWords: [String]
    /// How many tokens on each side of a mention are searched for a context word.
    public let contextWindow: Int
    public let datasets: [DatasetEntry]

    /// The catalogue bundled with deconstruct.
    public static let shared: DatasetCatalog = CatalogResources.bundled(DatasetCatalog.self, named: "datasets")

    public init(version: Int = 1, notes: String? = nil, contextWords: [String] = [], contextWindow: Int = 8,
                datasets: [DatasetEntry]) {
        self.version = version
        self.notes = notes
        self.contextWords = contextWords
        self.contextWindow = contextWindow
        self.datasets = datasets
    }

    /// Decodes a catalogue file (same format as the bundled `datasets.json`).
    public static func load(contentsOf url: URL) throws -> DatasetCatalog {
        try CatalogResources.decode(DatasetCatalog.self, from: Data(contentsOf: url), file: url.path)
    }

    /// Decodes a catalogue from JSON data.
    public static func load(data: Data) throws -> DatasetCatalog {
        try CatalogResources.decode(DatasetCatalog.self, from: data, file: "<data>")
    }

    /// This catalogue with `other`'s entries added; an entry of `other` with the same name replaces ours.
    public func merging(_ other: DatasetCatalog) -> DatasetCatalog {
        let replaced = Set(other.datasets.map(\.name))
        var words = contextWords
        for w in other.contextWords where !words.contains(w) { words.append(w) }
        return DatasetCatalog(version: version, notes: notes, contextWords: words, contextWindow: contextWindow,
                              datasets: datasets.filter { !replaced.contains($0.name) } + other.datasets)
    }

    /// The entry with this exact name, or with this exact alias.
    public func entry(named name: String) -> DatasetEntry? {
        datasets.first { $0.name == name } ?? datasets.first { $0.aliases.contains(name) }
    }

    enum CodingKeys: String, CodingKey {
        case version, notes, datasets
        case contextWords = "context_words"
        case contextWindow = "context_window"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        version = try c.decodeIfPresent(Int.self, forKey: .version) ?? 1
        notes = try c.decodeIfPresent(String.self, forKey: .notes)
        contextWords = try c.decodeIfPresent([String].self, forKey: .contextWords) ?? []
        contextWindow = try c.decodeIfPresent(Int.self, forKey: .contextWindow) ?? 8
        datasets = try c.decode([DatasetEntry].self, forKey: .datasets)
    }
}
