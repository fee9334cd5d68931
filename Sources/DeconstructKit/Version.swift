/// The tool's version and the JSON schema identifier of its documents.
public enum DeconstructVersion {
    public static let tool = "0.1.0"
}
