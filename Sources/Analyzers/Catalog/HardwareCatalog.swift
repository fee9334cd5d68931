import Foundation

/// The accelerator catalogue (`hardware.json`), decoded once.
public struct HardwareCatalog: Codable, Sendable {
    public let version: Int
    /// Conventions of the figures (which FP16 number, per chip or per board, ...).
    public let notes: String?
    /// Words that may precede a device name and belong to the mention ("NVIDIA", "Tesla", "Cloud").
    public let prefixWords: [String]
    /// Words naming a device in general ("GPUs", "chips", "cards").
    public let deviceWords: [String]
    /// Words that make a context-requiring spelling ("T4", "3090", "M1") acceptable nearby.
    public let contextWords: [String]
    /// How many tokens on each side are searched for a context word.
    public let contextWindow: Int
    public let accelerators: [HardwareEntry]
    public let instances: [HardwareInstance]

    /// The catalogue bundled with deconstruct.
    public static let shared: HardwareCatalog = CatalogResources.bundled(HardwareCatalog.self, named: "hardware")

    /// Decodes a catalogue file (same format as the bundled `hardware.json`).
    public static func load(contentsOf url: URL) throws -> HardwareCatalog {
        try CatalogResources.decode(HardwareCatalog.self, from: Data(contentsOf: url), file: url.path)
    }

    /// Decodes a catalogue from JSON data.
    public static func load(data: Data) throws -> HardwareCatalog {
        try CatalogResources.decode(HardwareCatalog.self, from: data, file: "<data>")
    }

    /// The accelerator with this exact name or alias.
    public func entry(named name: String) -> HardwareEntry? {
        accelerators.first { $0.name == name } ?? accelerators.first { $0.aliases.contains(name) }
    }

    enum CodingKeys: String, CodingKey {
        case version, notes, accelerators, instances
        case prefixWords = "prefix_words"
        case deviceWords = "device_words"
        case contextWords = "context_words"
        case contextWindow = "context_window"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        version = try c.decodeIfPresent(Int.self, forKey: .version) ?? 1
        notes = try c.decodeIfPresent(String.self, forKey: .notes)
        prefixWords = try c.decodeIfPresent([String].self, forKey: .prefixWords) ?? []
        deviceWords = try c.decodeIfPresent([String].self, forKey: .deviceWords) ?? []
        contextWords = try c.decodeIfPresent([String].self, forKey: .contextWords) ?? []
        contextWindow = try c.decodeIfPresent(Int.self, forKey: .contextWindow) ?? 6
        accelerators = try c.decode([HardwareEntry].self, forKey: .accelerators)
        instances = try c.decodeIfPresent([HardwareInstance].self, forKey: .instances) ?? []
    }
}
