/// A quick test that a command name is certainly not in a set, on its first byte and its length,
/// so that most control words are not hashed for a lookup that would fail. False positives are
/// fine (the caller then looks the name up); there are no false negatives.
struct NameFilter: Sendable {
    /// One bit per (first byte & 0x7F, length capped at 31).
    private var bits = [UInt32](repeating: 0, count: 128)

    init() {}

    init<S: Sequence>(_ names: S) where S.Element == String {
        for name in names { insert(name) }
    }

    mutating func insert(_ name: String) {
        let (row, bit) = Self.slot(name)
        bits[row] |= bit
    }

    func mightContain(_ name: String) -> Bool {
        let (row, bit) = Self.slot(name)
        return bits[row] & bit != 0
    }

    @inline(__always)
    private static func slot(_ name: String) -> (Int, UInt32) {
        let u = name.utf8
        return (Int(u.first ?? 0) & 0x7F, 1 << UInt32(min(u.count, 31)))
    }
}
