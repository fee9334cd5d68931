/// The names that are functions before `(` (``MathParser/functions`` and the defaults), with
/// bit masks in front of the set: the parser asks about nearly every symbol that precedes a
/// parenthesis, most are single letters or Greek names that are not functions, and a bit test
/// answers those without hashing the name (the standard library's hasher is ≈ 100 instructions).
struct FunctionNameSet: Sendable {
    private let names: Set<String>
    /// Bit `b` (of 128) set when the one-byte name `b` is in the set.
    private let single: (UInt64, UInt64)
    /// Bit `b` set when a longer name starts with the ASCII byte `b`.
    private let first: (UInt64, UInt64)
    /// Whether a longer name starts with a non-ASCII byte.
    private let nonASCIIFirst: Bool

    init(_ names: Set<String>) {
        self.names = names
        var single: (UInt64, UInt64) = (0, 0)
        var first: (UInt64, UInt64) = (0, 0)
        var nonASCIIFirst = false
        for name in names {
            guard let b = name.utf8.first else { continue }
            if b >= 0x80 {
                nonASCIIFirst = true
            } else if name.utf8.count == 1 {
                Self.set(b, in: &single)
            } else {
                Self.set(b, in: &first)
            }
        }
        self.single = single
        self.first = first
        self.nonASCIIFirst = nonASCIIFirst
    }

    func contains(_ name: String) -> Bool {
        let utf8 = name.utf8
        guard let b = utf8.first else { return names.contains(name) }
        if b >= 0x80 { return nonASCIIFirst && names.contains(name) }
        if utf8.count == 1 { return Self.test(b, single) }
        return Self.test(b, first) && names.contains(name)
    }

    private static func set(_ b: UInt8, in mask: inout (UInt64, UInt64)) {
        if b < 64 { mask.0 |= 1 << UInt64(b) } else { mask.1 |= 1 << UInt64(b - 64) }
    }

    private static func test(_ b: UInt8, _ mask: (UInt64, UInt64)) -> Bool {
        b < 64 ? mask.0 & (1 << UInt64(b)) != 0 : mask.1 & (1 << UInt64(b - 64)) != 0
    }
}
