/// Text of a run of Unicode scalars, encoded to UTF-8 in one pass (building a String through
/// `String.UnicodeScalarView` appends scalar by scalar and costs several times more).
enum ScalarText {
    /// The scalars of a text, decoded from its UTF-8 in one pass.
    static func scalars(_ text: String) -> [Unicode.Scalar] {
        var text = text
        text.makeContiguousUTF8()
        return text.utf8.withContiguousStorageIfAvailable { b -> [Unicode.Scalar] in
            let n = b.count
            return [Unicode.Scalar](unsafeUninitializedCapacity: n) { out, count in
                var i = 0
                var m = 0
                while i < n {
                    let c = UInt32(b[i])
                    var v: UInt32
                    var len: Int
                    if c < 0x80 {
                        out[m] = Unicode.Scalar(UInt8(c)); m += 1; i += 1
                        continue
                    } else if c < 0xE0 { v = c & 0x1F; len = 2 }
                    else if c < 0xF0 { v = c & 0x0F; len = 3 }
                    else { v = c & 0x07; len = 4 }
                    for k in 1..<len where i + k < n { v = (v << 6) | (UInt32(b[i + k]) & 0x3F) }
                    out[m] = Unicode.Scalar(v) ?? "\u{FFFD}"
                    m += 1
                    i += len
                }
                count = m
            }
        } ?? Array(text.unicodeScalars)
    }

    /// What one pass over the UTF-8 of `text` finds: a digit, a `$`, a byte that is not ASCII
    /// (the extractor's pre-filters of a sentence, in one pass rather than three).
    struct Bytes {
        var digit = false
        var dollar = false
        var nonASCII = false
    }

    static func bytes(_ text: String) -> Bytes {
        func scan(_ b: UnsafeBufferPointer<UInt8>) -> Bytes {
            var found = Bytes()
            for c in b {
                if c &- 0x30 < 10 { found.digit = true } else if c == 0x24 { found.dollar = true } else if c >= 0x80 { found.nonASCII = true }
            }
            return found
        }
        return text.utf8.withContiguousStorageIfAvailable(scan) ?? Array(text.utf8).withUnsafeBufferPointer(scan)
    }

    /// Whether the UTF-8 of `text` holds the byte `byte`.
    static func contains(_ text: String, byte: UInt8) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { $0.contains(byte) } ?? text.utf8.contains(byte)
    }

    /// Whether the UTF-8 of `text` holds `needle`'s (case-sensitive, without Foundation).
    static func contains(_ text: String, _ needle: StaticString) -> Bool {
        let m = needle.utf8CodeUnitCount
        let p = needle.utf8Start
        func search(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
            guard m > 0 else { return true }
            guard b.count >= m else { return false }
            for i in 0...(b.count - m) where b[i] == p[0] {
                var k = 1
                while k < m, b[i + k] == p[k] { k += 1 }
                if k == m { return true }
            }
            return false
        }
        return text.utf8.withContiguousStorageIfAvailable(search) ?? Array(text.utf8).withUnsafeBufferPointer(search)
    }

    /// Whether `text` is all ASCII.
    static func isASCII(_ text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { b in !b.contains { $0 >= 0x80 } } ?? text.utf8.allSatisfy { $0 < 0x80 }
    }

    static func string(_ s: [Unicode.Scalar], _ a: Int, _ b: Int) -> String {
        guard a < b else { return "" }
        return s.withUnsafeBufferPointer { buf in
            String(unsafeUninitializedCapacity: (b - a) * 4) { out in
                var n = 0
                for k in a..<b {
                    let v = buf[k].value
                    if v < 0x80 {
                        out[n] = UInt8(v); n += 1
                    } else if v < 0x800 {
                        out[n] = UInt8(0xC0 | (v >> 6)); out[n + 1] = UInt8(0x80 | (v & 0x3F)); n += 2
                    } else if v < 0x10000 {
                        out[n] = UInt8(0xE0 | (v >> 12)); out[n + 1] = UInt8(0x80 | ((v >> 6) & 0x3F))
                        out[n + 2] = UInt8(0x80 | (v & 0x3F)); n += 3
                    } else {
                        out[n] = UInt8(0xF0 | (v >> 18)); out[n + 1] = UInt8(0x80 | ((v >> 12) & 0x3F))
                        out[n + 2] = UInt8(0x80 | ((v >> 6) & 0x3F)); out[n + 3] = UInt8(0x80 | (v & 0x3F)); n += 4
                    }
                }
                return n
            }
        }
    }
}
