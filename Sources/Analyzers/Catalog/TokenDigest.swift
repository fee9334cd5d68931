/// A 16-bit digest of a token's lower-case text (FNV-1a), computed once per token, so that the
/// catalogue indexes can reject most tokens with one bit test instead of a dictionary lookup.
struct TokenDigest {
    static func of(_ text: String) -> UInt16 {
        var text = text
        return text.withUTF8 { b in
            var h: UInt32 = 2_166_136_261
            for c in b { h = (h ^ UInt32(c)) &* 16_777_619 }
            return UInt16(truncatingIfNeeded: h ^ (h >> 16))
        }
    }
}

/// A set of ``TokenDigest`` values: a bit per digest. A digest in the set may still belong to a
/// token that is not indexed (the dictionary lookup decides); one outside it never does.
struct DigestSet: Sendable {
    private var bits = [UInt64](repeating: 0, count: 1024)

    mutating func insert(_ d: UInt16) { bits[Int(d >> 6)] |= 1 << UInt64(d & 63) }

    func contains(_ d: UInt16) -> Bool { bits[Int(d >> 6)] & (1 << UInt64(d & 63)) != 0 }
}
