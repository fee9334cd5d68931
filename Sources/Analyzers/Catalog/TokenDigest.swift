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
///
/// A set for a few keys (context cues) uses fewer bits than one for thousands (a catalogue's
/// first words): digests are folded onto its size.
struct DigestSet: Sendable {
    private var bits: [UInt64]
    private let mask: UInt16

    /// `bitCount`: a power of two from 64 to 65 536.
    init(bitCount: Int = 65_536) {
        bits = [UInt64](repeating: 0, count: bitCount / 64)
        mask = UInt16(truncatingIfNeeded: bitCount - 1)
    }

    mutating func insert(_ d: UInt16) {
        let b = d & mask
        bits[Int(b >> 6)] |= 1 << UInt64(b & 63)
    }

    func contains(_ d: UInt16) -> Bool {
        let b = d & mask
        return bits[Int(b >> 6)] & (1 << UInt64(b & 63)) != 0
    }
}
