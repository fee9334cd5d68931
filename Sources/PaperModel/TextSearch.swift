/// Substring search on UTF-8 bytes.
///
/// With Foundation imported, `String.contains(_:)` and `range(of:)` resolve to Foundation's
/// versions, which on Linux go through `NSString` and cost ~50× a byte search; analyzers call
/// them on every sentence. These concrete overloads are preferred by the type checker over
/// Foundation's generic ones in every module that imports `PaperModel`.
///
/// Semantics follow Foundation's for plain text: an empty needle is never found, and a match
/// that would end inside a character (before a combining accent) does not count.
extension StringProtocol {
    /// Whether `other` occurs in this string.
    @inlinable
    public func contains(_ other: String) -> Bool { TextSearch.firstOffset(of: other, in: self) != nil }

    /// The first range where `other` occurs.
    public func range(of other: String) -> Range<String.Index>? {
        guard let start = TextSearch.firstOffset(of: other, in: self) else { return nil }
        let lower = utf8.index(utf8.startIndex, offsetBy: start)
        return lower..<utf8.index(lower, offsetBy: other.utf8.count)
    }
}

/// The byte search behind the overloads above.
public enum TextSearch {
    /// The UTF-8 offset of the first occurrence of `needle` in `haystack`.
    public static func firstOffset<S: StringProtocol>(of needle: String, in haystack: S) -> Int? {
        var needle = needle
        return needle.withUTF8 { n -> Int? in
            guard !n.isEmpty else { return nil }
            if let found = haystack.utf8.withContiguousStorageIfAvailable({ search(n, in: $0) }) { return found }
            return Array(haystack.utf8).withUnsafeBufferPointer { search(n, in: $0) }
        }
    }

    private static func search(_ n: UnsafeBufferPointer<UInt8>, in h: UnsafeBufferPointer<UInt8>) -> Int? {
        let m = n.count
        guard m <= h.count else { return nil }
        let first = n[0]
        var i = 0
        let last = h.count - m
        while i <= last {
            if h[i] == first {
                var k = 1
                while k < m && h[i + k] == n[k] { k += 1 }
                if k == m && !startsCombiningMark(h, at: i + m) { return i }
            }
            i += 1
        }
        return nil
    }

    /// Whether the bytes at `offset` encode a combining diacritical mark (U+0300–U+036F).
    private static func startsCombiningMark(_ h: UnsafeBufferPointer<UInt8>, at offset: Int) -> Bool {
        guard offset + 1 < h.count else { return false }
        let a = h[offset], b = h[offset + 1]
        return (a == 0xCC && b >= 0x80) || (a == 0xCD && b <= 0xAF)
    }
}
