import PaperModel

/// The audit of one algorithm line (or core equation): each operation it uses and, per
/// framework, the library call that provides it (nil: write it by hand).
public struct AuditLine: Codable, Hashable, Sendable {
    /// The algorithm's id, or nil for an equation of a paper without a box.
    public var algorithm: String?
    /// Index of the line in the algorithm's lines.
    public var line: Int?
    /// The equation's id, for papers without a box.
    public var equation: String?
    public var source: String
    public var plain: String
    public var operations: [AuditOperation]
    /// True when the line is prose whose operations could not be read: write it by hand.
    public var prose: Bool
    public var span: SourceSpan

    public init(algorithm: String?, line: Int?, equation: String?, source: String, plain: String,
                operations: [AuditOperation], prose: Bool, span: SourceSpan) {
        self.algorithm = algorithm
        self.line = line
        self.equation = equation
        self.source = source
        self.plain = plain
        self.operations = operations
        self.prose = prose
        self.span = span
    }

    /// Whether every operation of the line has a library call in `framework`
    /// (`numpy`, `pytorch`, `jax`, `swift`); a prose line is never covered.
    public func covered(by framework: String) -> Bool {
        !prose && operations.allSatisfy { $0.call(framework) != nil }
    }

    /// Operations with no call in `framework`.
    public func handWritten(in framework: String) -> [String] {
        operations.filter { $0.call(framework) == nil }.map(\.op)
    }
}

/// One operation of a line and the call that provides it per framework.
public struct AuditOperation: Codable, Hashable, Sendable {
    /// The operation's id in `library-map.json` (`sqrt`, `gradient`, `softmax`, `add`).
    public var op: String
    /// True for school arithmetic (`+`, `-`, `*`, `/`, powers).
    public var arithmetic: Bool
    public var numpy: String?
    public var pytorch: String?
    public var jax: String?
    public var swift: String?

    public init(op: String, arithmetic: Bool, numpy: String?, pytorch: String?, jax: String?, swift: String?) {
        self.op = op
        self.arithmetic = arithmetic
        self.numpy = numpy
        self.pytorch = pytorch
        self.jax = jax
        self.swift = swift
    }

    public func call(_ framework: String) -> String? {
        switch framework {
        case "numpy": numpy
        case "pytorch": pytorch
        case "jax": jax
        case "swift": swift
        default: nil
        }
    }
}
