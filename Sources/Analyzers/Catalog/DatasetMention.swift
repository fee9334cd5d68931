/// A dataset, benchmark or environment named in a text.
public struct DatasetMention: Sendable, Hashable {
    /// The catalogue entry.
    public let entry: DatasetEntry
    /// The text as written, e.g. "Cifar-10" or "HalfCheetah-v2".
    public let text: String
    /// Where it is in the searched string.
    public let range: Range<String.Index>
    /// The catalogue spelling that matched, e.g. "CIFAR-10".
    public let spelling: String
    /// The spelling needed context, and context was found (or the text is experimental).
    public let acceptedByContext: Bool
}
