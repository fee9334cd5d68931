/// An accelerator set-up named in a text: "8 NVIDIA P100 GPUs", "TPU v3-512", "4x A100 80GB".
public struct HardwareMention: Sendable, Hashable {
    /// The catalogue device.
    public let device: HardwareEntry
    /// The text of the mention, from the count (if any) to the device or its memory/slice suffix.
    public let text: String
    public let range: Range<String.Index>
    /// Number of devices (chips for TPUs), when stated or implied ("a single" = 1); nil otherwise.
    public let count: Int?
    /// Memory per device in GB when stated next to it and one of the device's known sizes.
    public let memoryGB: Double?
    /// TPU TensorCores, when the text counts cores ("TPU v3-512", "32 TPU v3 cores").
    public let cores: Int?
    /// The cloud instance or system named, when the mention came from one ("p4d.24xlarge").
    public let instance: HardwareInstance?
}
