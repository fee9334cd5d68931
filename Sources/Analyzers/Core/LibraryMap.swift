import Foundation

/// Which library provides each operation, per framework (`library-map.json`): the data behind
/// the audit and, later, the code printers' known-functions tables.
public struct LibraryMap: Decodable, Sendable {
    /// One operation and its call per framework (nil: write it by hand).
    public struct Entry: Decodable, Sendable, Hashable {
        public var label: String
        public var arithmetic: Bool
        public var numpy: String?
        public var pytorch: String?
        public var jax: String?
        public var swift: String?
    }

    public var frameworks: [String]
    public var operations: [String: Entry]
    /// Function names as written in math → operation.
    public var functionNames: [String: String]
    /// Big-operator names (`sum`, `E`, `argmin`) → operation .
    public var bigOperators: [String: String]
    /// Distribution names in `x \sim D(…)` → sampling operation.
    public var distributions: [String: String]
    /// Lower-case words of prose lines → operation.
    public var words: [String: String]

    public static let shared: LibraryMap = CatalogResources.bundled(LibraryMap.self, named: "library-map")

    /// The audit entry of an operation; an unknown id is a hand-written operation.
    public func operation(_ op: String) -> AuditOperation {
        guard let e = operations[op] else {
            return AuditOperation(op: op, arithmetic: false, numpy: nil, pytorch: nil, jax: nil, swift: nil)
        }
        return AuditOperation(op: op, arithmetic: e.arithmetic, numpy: e.numpy, pytorch: e.pytorch, jax: e.jax, swift: e.swift)
    }
}
