/// Substring search on UTF-8 bytes.
///
/// With Foundation imported, `String.contains(_:)` and `range(of:)` resolve to Foundation's
/// versions, which on Linux go through `NSString` and cost ~50× a byte search; analyzers call
/// them on every sentence. These concrete overloads are preferred by the type checker over
/// Foundation's generic ones in every module that imports `PaperModel`.
///
/// Semantics follow Foundation's for plain text: an empty needle is never found, and a match
/// that would end inside a character (before a combining accent) does not count.
extension String {
    /// Whether `other` occurs in this string.
    @inlinable
    public func contains(_ other: String) -> Bool { TextSearch.firstOffset(of: other, in: self) != nil }

    /// The first range where `other` occurs.
    public func range(of other: String) -> Range<String.Index>? { TextSearch.range(of: other, in: self) }

    /// This string with every occurrence of `target` replaced by `replacement`, left to right
    /// (Foundation's goes through `NSString` too).
    public func replacingOccurrences(of target: String, with replacement: String) -> String {
        TextSearch.replacing(target, with: replacement, in: self)
    }
}

// The same for substrings: the overloads must be concrete (on `String`, on `Substring`) to win
// over Foundation's generic `StringProtocol` methods; an extension of `StringProtocol` loses.
extension Substring {
    /// Whether `other` occurs in this substring.
    @inlinable
    public func contains(_ other: String) -> Bool { TextSearch.firstOffset(of: other, in: self) != nil }

    /// The first range where `other` occurs.
    public func range(of other: String) -> Range<String.Index>? { TextSearch.range(of: other, in: self) }
}

/// The byte search behind the overloads above.
public enum TextSearch {
    /// The range of the first occurrence of `needle` in `haystack`.
    public static func range<S: StringProtocol>(of needle: String, in haystack: S) -> Range<String.Index>? {
        guard let start = firstOffset(of: needle, in: haystack) else { return nil }
        let lower = haystack.utf8.index(haystack.utf8.startIndex, offsetBy: start)
        return lower..<haystack.utf8.index(lower, offsetBy: needle.utf8.count)
    }

    /// The UTF-8 offset of the first occurrence of `needle` in `haystack`.
    public static func firstOffset<S: StringProtocol>(of needle: String, in haystack: S) -> Int? {
        var needle = needle
        return needle.withUTF8 { n -> Int? in
            guard !n.isEmpty else { return nil }
            if let found = haystack.utf8.withContiguousStorageIfAvailable({ search(n, in: $0) }) { return found }
            return Array(haystack.utf8).withUnsafeBufferPointer { search(n, in: $0) }
        }
    }

    /// `text` with every occurrence of `target` (found as by ``firstOffset(of:in:)``) replaced by
    /// `replacement`; an empty target is never found.
    public static func replacing(_ target: String, with replacement: String, in text: String) -> String {
        var target = target
        var haystack = text
        var replacement = replacement
        return target.withUTF8 { n -> String in
            guard !n.isEmpty else { return text }
            return haystack.withUTF8 { h -> String in
                guard var match = search(n, in: h) else { return text }
                return replacement.withUTF8 { r -> String in
                    var out: [UInt8] = []
                    out.reserveCapacity(h.count)
                    var copied = 0
                    while true {
                        out.append(contentsOf: UnsafeBufferPointer(rebasing: h[copied..<match]))
                        out.append(contentsOf: r)
                        copied = match + n.count
                        guard let next = search(n, in: h, from: copied) else { break }
                        match = next
                    }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: h[copied...]))
                    return String(decoding: out, as: UTF8.self)
                }
            }
        }
    }

    private static func search(_ n: UnsafeBufferPointer<UInt8>, in h: UnsafeBufferPointer<UInt8>, from start: Int = 0) -> Int? {
        let m = n.count
        guard m <= h.count else { return nil }
        let first = n[0]
        var i = start
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
