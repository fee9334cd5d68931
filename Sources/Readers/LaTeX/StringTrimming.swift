extension String {
    /// The string without leading and trailing ASCII whitespace, computed on UTF-8 bytes (much
    /// faster than Foundation's `trimmingCharacters`, which goes through NSString).
    var trimmedSpace: String {
        let u = utf8
        guard let first = u.firstIndex(where: { !Self.isSpace($0) }),
              let last = u.lastIndex(where: { !Self.isSpace($0) }) else { return "" }
        if first == u.startIndex, last == u.index(before: u.endIndex) { return self }
        return String(self[first...last])
    }

    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D || b == 0x0C }
}

extension Substring {
    var trimmedSpace: String { String(self).trimmedSpace }
}

extension String {
    /// Whether the UTF-8 form holds a byte matching `predicate`, scanning contiguous storage.
    @inline(__always)
    func containsUTF8(where predicate: (UInt8) -> Bool) -> Bool {
        var s = self
        return s.withUTF8 { buffer in buffer.contains(where: predicate) }
    }
}

extension Array where Element == UInt8 {
    /// Appends a string's UTF-8 bytes from its contiguous storage (`append(contentsOf: s.utf8)`
    /// walks the view one byte at a time).
    @inline(__always)
    mutating func appendUTF8(_ s: String) {
        var s = s
        s.withUTF8 { append(contentsOf: $0) }
    }
}
