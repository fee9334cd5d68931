/// Why a catalogue file could not be loaded.
public enum CatalogError: Error, Sendable, CustomStringConvertible {
    /// The bundled resource is missing from the build.
    case missingResource(String)
    /// The file is not valid catalogue JSON.
    case malformed(file: String, reason: String)

    public var description: String {
        switch self {
        case .missingResource(let name): return "catalogue resource \(name) is missing from the bundle"
        case .malformed(let file, let reason): return "catalogue \(file) is malformed: \(reason)"
        }
    }
}
