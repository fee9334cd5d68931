import Foundation
import Testing
@testable import DataFiles

@Suite("Data file decoder")
struct DataFileDecoderTests {
    struct Entry: Codable, Equatable {
        var name: String
        var aliases: [String]
        var size: Int?
        var ratio: Double
        var flag: Bool
        var tags: [String: [Int]]
        var nested: Nested?
        var small: UInt8
    }

    struct Nested: Codable, Equatable {
        var kind: Kind
        var values: [Double?]
    }

    enum Kind: String, Codable { case a, b }

    private let sample = """
        [{"name": "CIFAR-10", "aliases": ["CIFAR10"], "size": 60000, "ratio": 0.1, "flag": true,
          "tags": {"x": [1, 2]}, "nested": {"kind": "b", "values": [1.5, null, 3]}, "small": 7},
         {"name": "MNIST", "aliases": [], "ratio": 1e-3, "flag": false, "tags": {}, "small": 255}]
        """

    @Test("decodes what JSONDecoder decodes, identically")
    func sameAsFoundation() throws {
        let data = Data(sample.utf8)
        let ours = try DataFileDecoder().decode([Entry].self, from: data)
        let theirs = try JSONDecoder().decode([Entry].self, from: data)
        #expect(ours == theirs)
        #expect(ours.count == 2)
        #expect(ours[1].size == nil)
        #expect(ours[0].nested?.values == [1.5, nil, 3])
    }

    @Test("type errors name the key path")
    func typeErrors() {
        let bad = #"[{"name": "x", "aliases": [], "ratio": "high", "flag": true, "tags": {}, "small": 1}]"#
        do {
            _ = try DataFileDecoder().decode([Entry].self, from: Data(bad.utf8))
            Issue.record("decoded a string as a Double")
        } catch {
            #expect(DataFileDecoder.describe(error).hasPrefix("[0].ratio:"))
        }
    }

    @Test("missing keys, out-of-range integers and unknown enum cases are errors")
    func otherErrors() {
        let missing = #"[{"aliases": [], "ratio": 1, "flag": true, "tags": {}, "small": 1}]"#
        #expect(DataFileDecoder.describe(capture { try DataFileDecoder().decode([Entry].self, from: Data(missing.utf8)) }).contains("missing key \"name\""))
        let big = #"[{"name": "x", "aliases": [], "ratio": 1, "flag": true, "tags": {}, "small": 256}]"#
        #expect(DataFileDecoder.describe(capture { try DataFileDecoder().decode([Entry].self, from: Data(big.utf8)) }).hasPrefix("[0].small:"))
        #expect(capture { try DataFileDecoder().decode(Kind.self, from: Data(#""c""#.utf8)) } is DecodingError)
    }

    private func capture(_ body: () throws -> Any) -> any Error {
        do { _ = try body(); return CocoaError(.featureUnsupported) } catch { return error }
    }

    @Test("every bundled data file decodes to the same generic tree as JSONSerialization reads")
    func bundledFiles() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folders = ["Sources/Analyzers/Resources", "Sources/Readers/Resources"]
        var checked = 0
        for folder in folders {
            let dir = root.appendingPathComponent(folder)
            for name in try FileManager.default.contentsOfDirectory(atPath: dir.path) where name.hasSuffix(".json") {
                let data = try Data(contentsOf: dir.appendingPathComponent(name))
                let ours = try JSONParser.parse([UInt8](data))
                let theirs = try JSONSerialization.jsonObject(with: data)
                #expect(same(ours, theirs), "\(name) parses differently")
                checked += 1
            }
        }
        #expect(checked >= 8)
    }

    private func same(_ a: JSONValue, _ b: Any) -> Bool {
        switch a {
        case .null: return b is NSNull
        case .bool(let x): return (b as? Bool) == x
        case .integer(let x): return (b as? NSNumber)?.doubleValue == Double(x)
        case .number(let x): return (b as? NSNumber)?.doubleValue == x
        case .string(let x): return (b as? String) == x
        case .array(let xs):
            guard let ys = b as? [Any], ys.count == xs.count else { return false }
            return zip(xs, ys).allSatisfy { same($0, $1) }
        case .object(let ms):
            guard let d = b as? [String: Any], d.count == ms.count else { return false }
            return ms.allSatisfy { m in d[m.key].map { same(m.value, $0) } ?? false }
        }
    }
}
