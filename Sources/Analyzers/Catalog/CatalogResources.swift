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
            let bytes = [UInt8](try data(named: name))
            let tree: JSONValue
            let value: T
            do {
                tree = try JSONParser.parse(bytes)
                value = try DataFileDecoder().decode(T.self, from: tree)
            } catch {
                throw CatalogError.malformed(file: name + ".json", reason: DataFileDecoder.describe(error))
            }
            // The bundled catalogues live as long as the process (they are `static let`s), so
            // their parsed trees may too: freeing the ~10⁵ nodes of the dataset catalogue's tree
            // cost as much as decoding it, in every process's first analysis. The tree is
            // deliberately never freed (a few MB).
            _ = Unmanaged.passRetained(KeptTree(tree))
            return value
        } catch {
            fatalError("\(error)")
        }
    }

    /// Holds a tree that is never released (see ``bundled(_:named:)``).
    private final class KeptTree {
        let tree: JSONValue
        init(_ tree: JSONValue) { self.tree = tree }
    }
}
