#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Byte searches for the scans that read every sentence of a paper (a `$` before the glossary
/// reads a sentence, "operation" before the element-wise test lower-cases one). They find the
/// first byte with the C library's `memchr`, which compares a vector of bytes per instruction:
/// a Swift loop over the bytes costs 3–5 instructions a byte, most of these scans' cost.
enum ByteScan {
    /// Whether `bytes` holds `byte`.
    static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ byte: UInt8) -> Bool {
        firstIndex(of: byte, in: bytes, from: 0) != nil
    }

    /// The index of the first `byte` in `bytes` at `start` or after.
    static func firstIndex(of byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        guard let base = bytes.baseAddress, start < bytes.count,
              let hit = memchr(base + start, Int32(byte), bytes.count - start) else { return nil }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    /// Whether `needle` occurs in `bytes` with every byte of both compared with bit 5 set (ASCII
    /// case folding: `b | 0x20 == w | 0x20`). The bytes that fold to the needle's first byte are
    /// exactly two (that byte with bit 5 set and cleared): each is searched on its own, as only
    /// whether a match exists is asked.
    static func containsFolded(_ bytes: UnsafeBufferPointer<UInt8>, _ needle: UnsafeBufferPointer<UInt8>) -> Bool {
        let count = needle.count
        guard count > 0 else { return true }
        guard bytes.count >= count, let base = bytes.baseAddress else { return false }
        let last = bytes.count - count  // the last index a match can start at
        func found(from first: UInt8) -> Bool {
            var start = 0
            while start <= last, let hit = memchr(base + start, Int32(first), last + 1 - start) {
                let i = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                var k = 1
                while k < count, bytes[i + k] | 0x20 == needle[k] | 0x20 { k += 1 }
                if k == count { return true }
                start = i + 1
            }
            return false
        }
        let folded = needle[0] | 0x20
        return found(from: folded) || found(from: folded & ~0x20)
    }
}
