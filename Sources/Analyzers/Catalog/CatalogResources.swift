import DataFiles
import Foundation

/// Loads the JSON files bundled in `Sources/Analyzers/Resources`.
enum CatalogResources {
    static func data(named name: String) throws -> Data {
        guard let url = Bundle.module.url(forResource: name, withExtension: "json") else {
            throw CatalogError.missingResource(name + ".json")
        }
        return try Data(contentsOf: url)
    }

    static func decode<T: Decodable>(_ type: T.Type, from data: Data, file: String) throws -> T {
        do {
            return try DataFileDecoder().decode(T.self, from: data)
        } catch {
            throw CatalogError.malformed(file: file, reason: DataFileDecoder.describe(error))
        }
    }

    /// Loads a bundled catalogue; a broken bundled file is a build defect, so this traps.
    static func bundled<T: Decodable>(_ type: T.Type, named name: String) -> T {
        do {
            return try decode(T.self, from: data(named: name), file: name + ".json")
        } catch {
            fatalError("\(error)")
        }
    }
}
