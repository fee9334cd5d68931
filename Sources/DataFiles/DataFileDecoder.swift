import Foundation

/// Decodes `Decodable` types from JSON data files — the rule files and catalogues bundled as
/// resources, and the user's configuration files.
///
/// Does what `JSONDecoder` does for these files at a fraction of the cost (Foundation's decoder
/// spends ~400 instructions per byte on Linux; the catalogues alone took tens of milliseconds to
/// load): one ``JSONParser`` pass, then a thin `Decoder` over the tree. No key or date strategies.
public struct DataFileDecoder: Sendable {
    public init() {}

    /// Decodes a value from JSON bytes; syntax errors name the line and column.
    public func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try decode(type, from: JSONParser.parse([UInt8](data)))
    }

    /// A one-line account of a decoding failure: the line and column of a syntax error, or the
    /// key path (`datasets[3].name`) and what was wrong there.
    public static func describe(_ error: any Error) -> String {
        if let e = error as? JSONParser.SyntaxError { return e.description }
        guard let e = error as? DecodingError else { return String(describing: error) }
        func path(_ keys: [any CodingKey]) -> String {
            var out = ""
            for k in keys {
                if let i = k.intValue { out += "[\(i)]" } else { out += (out.isEmpty ? "" : ".") + k.stringValue }
            }
            return out.isEmpty ? "the top level" : out
        }
        switch e {
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c):
            return "\(path(c.codingPath)): \(c.debugDescription)"
        case .keyNotFound(let key, let c):
            return "\(path(c.codingPath)): missing key \"\(key.stringValue)\""
        @unknown default:
            return String(describing: e)
        }
    }

    /// Decodes a value from a parsed document.
    public func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        try T(from: JSONTreeDecoder(value: value, path: []))
    }
}

/// A `Decoder` over one node of a ``JSONValue`` tree.
struct JSONTreeDecoder: Decoder {
    let value: JSONValue
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(value: JSONValue, path: [any CodingKey]) {
        self.value = value
        self.codingPath = path
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value else { throw mismatch([String: Int].self, value, codingPath) }
        return KeyedDecodingContainer(JSONKeyedContainer<Key>(members: members, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let items) = value else { throw mismatch([Int].self, value, codingPath) }
        return JSONUnkeyedContainer(items: items, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        JSONSingleValue(value: value, codingPath: codingPath)
    }
}

func mismatch(_ type: Any.Type, _ value: JSONValue, _ path: [any CodingKey]) -> DecodingError {
    .typeMismatch(type, .init(codingPath: path, debugDescription: "expected \(type), found \(value.kindName)"))
}

/// Decodes one node as `T`: scalars directly (metatype comparisons, no conformance lookups),
/// anything else through its `init(from:)`. Shared by the three containers.
enum JSONScalar {
    /// `path` is computed only when needed (an error, or a nested value), so scalars cost no
    /// allocation.
    static func decode<T: Decodable>(_ type: T.Type, _ value: JSONValue, _ path: () -> [any CodingKey]) throws -> T {
        if T.self == String.self {
            guard case .string(let s) = value else { throw mismatch(T.self, value, path()) }
            return unsafeBitCast(s, to: T.self)
        }
        if T.self == Double.self {
            guard let d = double(value) else { throw mismatch(T.self, value, path()) }
            return unsafeBitCast(d, to: T.self)
        }
        if T.self == Int.self { return unsafeBitCast(try integer(Int.self, value, path), to: T.self) }
        if T.self == Bool.self {
            guard case .bool(let b) = value else { throw mismatch(T.self, value, path()) }
            return unsafeBitCast(b, to: T.self)
        }
        if T.self == Float.self {
            guard let d = double(value) else { throw mismatch(T.self, value, path()) }
            return unsafeBitCast(Float(d), to: T.self)
        }
        if T.self == Int64.self { return unsafeBitCast(try integer(Int64.self, value, path), to: T.self) }
        if T.self == Int32.self { return unsafeBitCast(try integer(Int32.self, value, path), to: T.self) }
        if T.self == Int16.self { return unsafeBitCast(try integer(Int16.self, value, path), to: T.self) }
        if T.self == Int8.self { return unsafeBitCast(try integer(Int8.self, value, path), to: T.self) }
        if T.self == UInt.self { return unsafeBitCast(try integer(UInt.self, value, path), to: T.self) }
        if T.self == UInt64.self { return unsafeBitCast(try integer(UInt64.self, value, path), to: T.self) }
        if T.self == UInt32.self { return unsafeBitCast(try integer(UInt32.self, value, path), to: T.self) }
        if T.self == UInt16.self { return unsafeBitCast(try integer(UInt16.self, value, path), to: T.self) }
        if T.self == UInt8.self { return unsafeBitCast(try integer(UInt8.self, value, path), to: T.self) }
        // Lists of strings fill the catalogues: read them without a nested decoder (anything
        // else in the list takes the general path below, which reports it).
        if T.self == [String].self, let strings = strings(value) { return unsafeBitCast(strings, to: T.self) }
        return try T(from: JSONTreeDecoder(value: value, path: path()))
    }

    /// The items of an array of strings; nil for anything else.
    static func strings(_ value: JSONValue) -> [String]? {
        guard case .array(let items) = value else { return nil }
        var out: [String] = []
        out.reserveCapacity(items.count)
        for item in items {
            guard case .string(let s) = item else { return nil }
            out.append(s)
        }
        return out
    }

    static func integer<I: FixedWidthInteger>(_ type: I.Type, _ value: JSONValue, _ path: () -> [any CodingKey]) throws -> I {
        switch value {
        case .integer(let i): if let v = I(exactly: i) { return v }
        case .number(let d): if let v = I(exactly: d) { return v }
        default: break
        }
        throw mismatch(I.self, value, path())
    }

    static func double(_ value: JSONValue) -> Double? {
        switch value {
        case .integer(let i): return Double(i)
        case .number(let d): return d
        default: return nil
        }
    }
}

struct JSONSingleValue: SingleValueDecodingContainer {
    let value: JSONValue
    let codingPath: [any CodingKey]

    func decodeNil() -> Bool { value == .null }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if value == .null, !(T.self is any ExpressibleByNilLiteral.Type) {
            throw DecodingError.valueNotFound(T.self, .init(codingPath: codingPath, debugDescription: "found null"))
        }
        return try JSONScalar.decode(type, value, { codingPath })
    }
}

struct JSONKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let members: [JSONMember]
    let codingPath: [any CodingKey]

    var allKeys: [Key] { members.compactMap { Key(stringValue: $0.key) } }

    private func find(_ key: Key) -> JSONValue? {
        let name = key.stringValue
        for m in members where m.key == name { return m.value }
        return nil
    }

    private func require(_ key: Key) throws -> JSONValue {
        guard let v = find(key) else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "no key \"\(key.stringValue)\""))
        }
        return v
    }

    func contains(_ key: Key) -> Bool { find(key) != nil }

    func decodeNil(forKey key: Key) throws -> Bool { try require(key) == .null }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        let v = try require(key)
        if v == .null, !(T.self is any ExpressibleByNilLiteral.Type) {
            throw DecodingError.valueNotFound(T.self, .init(codingPath: codingPath + [key], debugDescription: "found null"))
        }
        return try JSONScalar.decode(type, v, { codingPath + [key] })
    }

    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
        guard let v = find(key), v != .null else { return nil }
        return try JSONScalar.decode(type, v, { codingPath + [key] })
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        try JSONTreeDecoder(value: require(key), path: codingPath + [key]).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try JSONTreeDecoder(value: require(key), path: codingPath + [key]).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        JSONTreeDecoder(value: members.first { $0.key == "super" }?.value ?? .null, path: codingPath)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        JSONTreeDecoder(value: find(key) ?? .null, path: codingPath + [key])
    }
}

struct JSONUnkeyedContainer: UnkeyedDecodingContainer {
    let items: [JSONValue]
    let codingPath: [any CodingKey]
    var currentIndex = 0

    init(items: [JSONValue], codingPath: [any CodingKey]) {
        self.items = items
        self.codingPath = codingPath
    }

    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    /// The next item; its coding path is built only when asked for.
    private mutating func next<T>(_ type: T.Type) throws -> (value: JSONValue, index: Int) {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(T.self, .init(codingPath: codingPath, debugDescription: "the array has no more items"))
        }
        defer { currentIndex += 1 }
        return (items[currentIndex], currentIndex)
    }

    private func path(_ index: Int) -> [any CodingKey] { codingPath + [JSONIndexKey(intValue: index)!] }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, items[currentIndex] == .null else { return false }
        currentIndex += 1
        return true
    }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let (v, index) = try next(type)
        if v == .null, !(T.self is any ExpressibleByNilLiteral.Type) {
            throw DecodingError.valueNotFound(T.self, .init(codingPath: path(index), debugDescription: "found null"))
        }
        return try JSONScalar.decode(type, v, { path(index) })
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let (v, index) = try next([String: Int].self)
        return try JSONTreeDecoder(value: v, path: path(index)).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let (v, index) = try next([Int].self)
        return try JSONTreeDecoder(value: v, path: path(index)).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder {
        let (v, index) = try next(JSONValue.self)
        return JSONTreeDecoder(value: v, path: path(index))
    }
}

/// A coding key for array positions (and `super`).
struct JSONIndexKey: CodingKey {
    var stringValue: String
    var intValue: Int?

    init?(stringValue: String) {
        self.stringValue = stringValue
        self.intValue = nil
    }

    init?(intValue: Int) {
        self.stringValue = "Index \(intValue)"
        self.intValue = intValue
    }
}
