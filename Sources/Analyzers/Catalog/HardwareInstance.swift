/// A cloud instance type or system that stands for a fixed set of accelerators
/// ("p4d.24xlarge" = 8 x A100 40GB, "DGX-2" = 16 x V100 32GB).
public struct HardwareInstance: Codable, Hashable, Sendable {
    public let name: String
    public let aliases: [String]
    /// "AWS", "Google Cloud", "Azure", "NVIDIA".
    public let provider: String
    /// Name of the accelerator entry (``HardwareEntry/name``).
    public let device: String
    /// Accelerators per instance.
    public let count: Int
    /// Memory per accelerator, when the instance fixes it.
    public let memoryGB: Double?

    /// The name followed by the aliases.
    public var spellings: [String] { [name] + aliases }

    enum CodingKeys: String, CodingKey {
        case name, aliases, provider, device, count
        case memoryGB = "memory_gb"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        aliases = try c.decodeIfPresent([String].self, forKey: .aliases) ?? []
        provider = try c.decode(String.self, forKey: .provider)
        device = try c.decode(String.self, forKey: .device)
        count = try c.decode(Int.self, forKey: .count)
        memoryGB = try c.decodeIfPresent(Double.self, forKey: .memoryGB)
    }
}
