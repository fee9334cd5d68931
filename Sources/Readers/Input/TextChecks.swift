/// Byte-level checks on text: UTF-8 validity (with the place of the first bad byte), the BOM,
/// and whether bytes are text at all.
enum UTF8Check {
    /// Index of the first byte that does not belong to a well-formed UTF-8 sequence (overlong
    /// forms, surrogates and code points above U+10FFFF are rejected), or nil if all are valid.
    static func firstInvalidByte<C: RandomAccessCollection>(_ bytes: C) -> Int? where C.Element == UInt8, C.Index == Int {
        if let found = bytes.withContiguousStorageIfAvailable({ firstInvalidByte(in: $0) }) { return found }
        return Array(bytes).withUnsafeBufferPointer { firstInvalidByte(in: $0) }
    }

    private static func firstInvalidByte(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var i = 0
        let end = bytes.count
        let raw = UnsafeRawBufferPointer(bytes)
        while i < end {
            let b = bytes[i]
            if b < 0x80 {
                // ASCII runs eight bytes at a time.
                i += 1
                while end - i >= 8, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                    i += 8
                }
                continue
            }
            let length: Int
            var lower: UInt8 = 0x80, upper: UInt8 = 0xBF
            switch b {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; lower = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; upper = 0x9F
            case 0xF0: length = 4; lower = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; upper = 0x8F
            default: return i
            }
            guard end - i >= length else { return i }
            let second = bytes[i + 1]
            guard second >= lower && second <= upper else { return i }
            var k = 2
            while k < length {
                guard bytes[i + k] & 0xC0 == 0x80 else { return i }
                k += 1
            }
            i += length
        }
        return nil
    }

    /// 1-based line and column (in bytes) of an offset.
    static func lineAndColumn(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1
        var lineStart = 0
        var i = 0
        while i < offset && i < bytes.count {
            if bytes[i] == 0x0A { line += 1; lineStart = i + 1 }
            i += 1
        }
        return (line, offset - lineStart + 1)
    }

    /// The bytes without a leading UTF-8 byte-order mark.
    static func strippingBOM(_ bytes: [UInt8]) -> [UInt8] {
        hasBOM(bytes) ? Array(bytes[3...]) : bytes
    }

    static func hasBOM(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    }

    /// A one-line explanation of invalid UTF-8 at `offset`, with the fix.
    static func encodingMessage(_ bytes: [UInt8], badOffset offset: Int, file: String) -> String {
        let (line, column) = lineAndColumn(of: offset, in: bytes)
        let byte = String(bytes[offset], radix: 16, uppercase: true)
        let shown = byte.count == 1 ? "0" + byte : byte
        return "not valid UTF-8 (first bad byte 0x\(shown) at line \(line), column \(column)); "
            + "convert it, e.g. `iconv -f latin1 -t utf-8 \(shellQuoted(file)) > converted.tex`"
    }

    private static func shellQuoted(_ s: String) -> String {
        let safe = s.allSatisfy { $0.isLetter || $0.isNumber || "._-/+".contains($0) }
        if safe && !s.isEmpty { return s }
        return "'" + s.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }
}

/// Whether bytes are text or binary data.
enum BinaryCheck {
    /// How much of a file is looked at to tell text from binary.
    static let sniffLength = 8192

    /// A NUL byte in the first 8 KB: the rule for files inside a folder or archive.
    static func hasNUL(_ bytes: [UInt8]) -> Bool {
        bytes.withUnsafeBufferPointer { b in
            var found = false
            for i in 0..<min(b.count, sniffLength) where b[i] == 0 { found = true; break }
            return found
        }
    }

    /// Binary data rather than text in some encoding: a NUL or many control characters in the
    /// first 8 KB. Text in another encoding (Latin-1, GBK, …) is not binary: it is an encoding
    /// problem, with its own message.
    static func looksBinary(_ bytes: [UInt8]) -> Bool {
        let sample = bytes.prefix(sniffLength)
        var control = 0
        for b in sample {
            switch b {
            case 0: return true
            case 0x09, 0x0A, 0x0C, 0x0D: break
            case 0x01...0x1F, 0x7F: control += 1
            default: break
            }
        }
        return control * 50 > sample.count  // over 2% control characters
    }
}

/// `1.5 MB`, `12 KB`, `300 bytes`.
func formatByteCount(_ bytes: Int) -> String {
    if bytes >= 1 << 20 {
        var whole = bytes >> 20
        var tenth = ((bytes & ((1 << 20) - 1)) * 10 + (1 << 19)) >> 20
        if tenth == 10 { whole += 1; tenth = 0 }
        return tenth == 0 ? "\(whole) MB" : "\(whole).\(tenth) MB"
    }
    if bytes >= 1 << 10 { return "\((bytes + 512) >> 10) KB" }
    return "\(bytes) bytes"
}
