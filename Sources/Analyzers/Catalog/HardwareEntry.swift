/// One accelerator of the hardware catalogue (`hardware.json`).
public struct HardwareEntry: Codable, Hashable, Sendable {
    /// What sort of device it is.
    public enum Kind: String, Codable, Sendable {
        case gpu, tpu, cpu, apple, accelerator
    }

    /// Canonical name, e.g. "NVIDIA A100".
    public let name: String
    /// Spellings papers use: "A100", "A100-SXM4-80GB", ...
    public let aliases: [String]
    public let vendor: String
    public let kind: Kind
    /// Memory variants in GB (unified memory configurations for Apple chips; per chip for TPUs).
    public let memoryGB: [Double]
    /// Peak FP32 TFLOPS; nil when unknown or not published.
    public let fp32TFLOPS: Double?
    /// Peak dense FP16 TFLOPS (tensor cores with FP32 accumulate where present); see the file's notes.
    public let fp16TFLOPS: Double?
    /// Peak dense BF16 TFLOPS; nil when unsupported or unknown.
    public let bf16TFLOPS: Double?
    public let year: Int?
    public let notes: String?
    /// TPUs: TensorCores per chip.
    public let coresPerChip: Int?
    /// TPUs: what the number in a slice name ("v3-512") counts.
    public let sliceUnit: SliceUnit?
    /// Spellings that need a context word ("GPU", "NVIDIA", "Apple", ...) nearby, e.g. "T4", "3090", "M1".
    public let contextAliases: [String]
    /// Extra context words for this entry.
    public let contextWords: [String]
    /// true: exact case for every spelling (Apple's "M1"); nil/false: case-insensitive.
    public let caseSensitive: Bool?

    /// What a TPU slice size counts.
    public enum SliceUnit: String, Codable, Sendable {
        case cores, chips
    }

    /// The name followed by the aliases.
    public var spellings: [String] { [name] + aliases }

    /// Largest memory variant.
    public var maxMemoryGB: Double? { memoryGB.max() }

    enum CodingKeys: String, CodingKey {
        case name, aliases, vendor, kind, year, notes
        case memoryGB = "memory_gb"
        case fp32TFLOPS = "fp32_tflops"
        case fp16TFLOPS = "fp16_tflops"
        case bf16TFLOPS = "bf16_tflops"
        case coresPerChip = "cores_per_chip"
        case sliceUnit = "slice_unit"
        case contextAliases = "context_aliases"
        case contextWords = "context_words"
        case caseSensitive = "case_sensitive"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        aliases = try c.decodeIfPresent([String].self, forKey: .aliases) ?? []
        vendor = try c.decode(String.self, forKey: .vendor)
        kind = try c.decode(Kind.self, forKey: .kind)
        if let list = try? c.decode([Double].self, forKey: .memoryGB) {
            memoryGB = list
        } else if let one = try c.decodeIfPresent(Double.self, forKey: .memoryGB) {
            memoryGB = [one]
        } else {
            memoryGB = []
        }
        fp32TFLOPS = try c.decodeIfPresent(Double.self, forKey: .fp32TFLOPS)
        fp16TFLOPS = try c.decodeIfPresent(Double.self, forKey: .fp16TFLOPS)
        bf16TFLOPS = try c.decodeIfPresent(Double.self, forKey: .bf16TFLOPS)
        year = try c.decodeIfPresent(Int.self, forKey: .year)
        notes = try c.decodeIfPresent(String.self, forKey: .notes)
        coresPerChip = try c.decodeIfPresent(Int.self, forKey: .coresPerChip)
        sliceUnit = try c.decodeIfPresent(SliceUnit.self, forKey: .sliceUnit)
        contextAliases = try c.decodeIfPresent([String].self, forKey: .contextAliases) ?? []
        contextWords = try c.decodeIfPresent([String].self, forKey: .contextWords) ?? []
        caseSensitive = try c.decodeIfPresent(Bool.self, forKey: .caseSensitive)
    }
}
