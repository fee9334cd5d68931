/// Runs of Unicode scalars to dense ids (0, 1, 2… in order of first insertion), for the caches of
/// one extraction that are keyed by text the tokenizer holds as scalars (words, inline formulas).
/// A key is found by an FNV-1a hash of its scalars in an open-addressing table and compared scalar
/// by scalar with the stored copy: no `String` is built to look a key up, and no SipHash runs.
struct ScalarInterner {
    /// Where a key is, or where it would go (valid until the next insertion).
    struct Lookup {
        /// The key's id, when it is stored.
        var id: Int?
        fileprivate var slot: Int
        fileprivate var tag: UInt64
    }

    /// A table slot: the key's hash with its low bit set (0: empty slot), its id, and where its
    /// scalars are stored, so that a probe reads one array.
    private struct Slot {
        var tag: UInt64 = 0
        var id: Int32 = 0
        var start: Int32 = 0
        var length: Int32 = 0
    }

    /// The stored keys' scalars, back to back.
    private var text: [Unicode.Scalar] = []
    private var slots: [Slot] = []
    private var mask = 0
    /// Number of keys stored.
    private(set) var count = 0

    /// The key of scalars `a..<b` of `s`.
    mutating func find(_ s: [Unicode.Scalar], _ a: Int, _ b: Int) -> Lookup {
        if slots.isEmpty { rehash(capacity: 1024) }
        let tag = Self.hash(s, a, b) | 1
        let length = b - a
        let mask = self.mask
        var i = Int(truncatingIfNeeded: tag ^ (tag >> 29)) & mask
        // Unsafe buffers: the probe and the comparison without bounds checks.
        let found: Int? = slots.withUnsafeBufferPointer { sl in
            text.withUnsafeBufferPointer { tx in
                s.withUnsafeBufferPointer { sc in
                    while sl[i].tag != 0 {
                        if sl[i].tag == tag, Int(sl[i].length) == length {
                            let start = Int(sl[i].start)
                            var k = 0
                            while k < length, tx[start + k] == sc[a + k] { k += 1 }
                            if k == length { return Int(sl[i].id) }
                        }
                        i = (i + 1) & mask
                    }
                    return nil
                }
            }
        }
        return Lookup(id: found, slot: i, tag: tag)
    }

    /// Stores the key of scalars `a..<b` of `s` where ``find(_:_:_:)`` did not find it; its id.
    @discardableResult
    mutating func insert(_ s: [Unicode.Scalar], _ a: Int, _ b: Int, at lookup: Lookup) -> Int {
        let id = count
        slots[lookup.slot] = Slot(tag: lookup.tag, id: Int32(id), start: Int32(text.count), length: Int32(b - a))
        text.append(contentsOf: s[a..<b])
        count += 1
        if count * 2 > slots.count { rehash(capacity: slots.count * 2) }
        return id
    }

    @inline(__always)
    private static func hash(_ s: [Unicode.Scalar], _ a: Int, _ b: Int) -> UInt64 {
        s.withUnsafeBufferPointer { sc in
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for k in a..<b { h = (h ^ UInt64(sc[k].value)) &* 0x0000_0100_0000_01B3 }
            return h
        }
    }

    private mutating func rehash(capacity: Int) {
        let old = slots
        slots = Array(repeating: Slot(), count: capacity)
        mask = capacity - 1
        for slot in old where slot.tag != 0 {
            var i = Int(truncatingIfNeeded: slot.tag ^ (slot.tag >> 29)) & mask
            while slots[i].tag != 0 { i = (i + 1) & mask }
            slots[i] = slot
        }
    }
}
