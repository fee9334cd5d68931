import PaperModel

/// Reads a tar archive (v7, ustar, GNU long names, pax headers) from a stream into a
/// ``SourceTree``, in memory. Only regular files are taken; links, devices and unsafe paths are
/// skipped with a warning.
enum TarReader {
    static let blockSize = 512

    /// Whether a first block is a tar header: `ustar` magic at offset 257, or an old (v7) header
    /// with a valid checksum, a name and a plausible type.
    static func isTar(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= blockSize else { return false }
        let header = Array(bytes[0..<blockSize])
        if Array(header[257..<262]) == Array("ustar".utf8) { return true }
        guard header[0] != 0, checksumIsValid(header) else { return false }
        guard octal(header[124..<136]) != nil else { return false }
        return header[156] == 0 || (0x30...0x37).contains(header[156])
    }

    /// Reads the whole archive. `file` names it in messages.
    static func read<S: InputByteStream>(_ stream: inout S, file: String, limits: ReaderLimits) throws(InputError) -> SourceTree {
        var builder = TreeBuilder(origin: file, what: "archive", limits: limits)
        var longName: String?
        var pax: [String: String] = [:]
        var globalPax: [String: String] = [:]
        var index = 0  // entry number, for messages
        var entriesMet = 0

        func corrupt(_ why: String) -> InputError {
            InputError(.archiveCorrupt, file: file, "the tar archive is damaged: \(why)")
        }

        while true {
            let header = try stream.read(blockSize)
            if header.isEmpty { break }  // no end-of-archive blocks: accepted, like GNU tar does
            guard header.count == blockSize else { throw corrupt("it ends in the middle of a header (truncated download?)") }
            if header.allSatisfy({ $0 == 0 }) { break }  // end of archive
            index += 1
            guard checksumIsValid(header) else {
                throw corrupt("header \(index) has a wrong checksum (not a tar archive, or damaged)")
            }
            guard var size = number(header[124..<136]) else {
                throw corrupt("header \(index) has an unreadable size")
            }
            let type = header[156]
            let isMeta = type == UInt8(ascii: "L") || type == UInt8(ascii: "K")
                || type == UInt8(ascii: "x") || type == UInt8(ascii: "g")

            if isMeta {
                guard size <= 1 << 20 else { throw corrupt("header \(index) announces \(formatByteCount(size)) of metadata") }
                let data = try stream.read(size)
                guard data.count == size else { throw corrupt("it ends inside entry \(index) (truncated download?)") }
                try skipPadding(&stream, size: size, corrupt: corrupt)
                switch type {
                case UInt8(ascii: "L"): longName = cString(data[...])
                case UInt8(ascii: "x"):
                    guard let records = paxRecords(data) else { throw corrupt("entry \(index) has a malformed pax header") }
                    pax.merge(records) { _, new in new }
                case UInt8(ascii: "g"):
                    guard let records = paxRecords(data) else { throw corrupt("entry \(index) has a malformed pax header") }
                    globalPax.merge(records) { _, new in new }
                default: break  // `K`: long link name, only for links, which are skipped
                }
                continue
            }

            // A real entry: its name and size, from the pax header, GNU long name or the header.
            let attributes = globalPax.merging(pax) { _, new in new }
            let rawName = attributes["path"] ?? longName ?? headerName(header)
            if let paxSize = attributes["size"] {
                guard let value = Int(paxSize), value >= 0 else { throw corrupt("entry \(index) has a bad pax size") }
                size = value
            }
            longName = nil
            pax = [:]
            entriesMet += 1

            var take = false
            let path: String
            switch PathNormalizer.normalize(rawName) {
            case .ok(let p): path = p
            case .empty: path = ""
            case .absolute:
                path = ""
                builder.warn(.archiveUnsafePath, "skipped \(rawName): absolute path in the archive")
            case .escapes:
                path = ""
                builder.warn(.archiveUnsafePath, "skipped \(rawName): its path leaves the archive's folder")
            }
            if !path.isEmpty {
                switch type {
                case 0, UInt8(ascii: "0"), UInt8(ascii: "7"):
                    // Old archives mark folders with a final slash; hidden files are ignored.
                    if rawName.hasSuffix("/") || TreeBuilder.isHidden(path) { break }
                    builder.noteFile()
                    take = TreeBuilder.wantsFile(path) && builder.admit(path, size: size)
                case UInt8(ascii: "1"), UInt8(ascii: "2"):
                    let target = attributes["linkpath"] ?? cString(header[157..<257])
                    let kind = type == UInt8(ascii: "1") ? "hard link" : "symbolic link"
                    builder.warn(.archiveLink, "skipped \(path): a \(kind) (to \(target)); links in archives are not followed")
                default: break  // folders, devices, FIFOs, sparse or volume entries
                }
            }

            if take {
                let data = try stream.read(size)
                guard data.count == size else { throw corrupt("it ends inside \(path) (truncated download?)") }
                builder.add(path, data)
            } else {
                guard try stream.skip(size) == size else { throw corrupt("it ends inside entry \(index) (truncated download?)") }
            }
            try skipPadding(&stream, size: size, corrupt: corrupt)
            if builder.stopped { break }
        }
        let empty = entriesMet == 0 ? "the archive contains no files" : "the archive contains no regular files"
        return try builder.finish(file: file, emptyMessage: empty)
    }

    private static func skipPadding<S: InputByteStream>(_ stream: inout S, size: Int, corrupt: (String) -> InputError) throws(InputError) {
        let padding = (blockSize - size % blockSize) % blockSize
        guard padding > 0 else { return }
        // A missing final padding is tolerated; anything else missing is caught by the next read.
        _ = try stream.skip(padding)
    }

    /// `prefix/name` for ustar, `name` otherwise.
    private static func headerName(_ header: [UInt8]) -> String {
        let name = cString(header[0..<100])
        // POSIX ustar ("ustar\0") has a prefix field; GNU ("ustar  ") uses that space differently.
        let posix = Array(header[257..<263]) == Array("ustar\0".utf8)
        if posix {
            let prefix = cString(header[345..<500])
            if !prefix.isEmpty { return prefix + "/" + name }
        }
        return name
    }

    /// The text before the first NUL. Names that are not UTF-8 are decoded leniently.
    private static func cString(_ field: ArraySlice<UInt8>) -> String {
        let end = field.firstIndex(of: 0) ?? field.endIndex
        return String(decoding: field[field.startIndex..<end], as: UTF8.self)
    }

    /// A numeric field: octal digits (space/NUL padded), or GNU base-256 when the high bit is set.
    static func number(_ field: ArraySlice<UInt8>) -> Int? {
        guard let first = field.first else { return nil }
        if first & 0x80 != 0 {
            guard first == 0x80 else { return nil }  // negative or unusable
            var value = 0
            for b in field.dropFirst() {
                guard value <= (Int.max >> 9) else { return nil }
                value = value << 8 | Int(b)
            }
            return value
        }
        return octal(field)
    }

    private static func octal(_ field: ArraySlice<UInt8>) -> Int? {
        var value = 0
        var digits = 0
        var i = field.startIndex
        while i < field.endIndex && field[i] == 0x20 { i += 1 }
        while i < field.endIndex, (0x30...0x37).contains(field[i]) {
            guard value <= (Int.max >> 4) else { return nil }
            value = value * 8 + Int(field[i] - 0x30)
            digits += 1
            i += 1
        }
        // Only padding may follow the digits. An all-empty field counts as zero (old archives).
        while i < field.endIndex {
            guard field[i] == 0 || field[i] == 0x20 else { return nil }
            i += 1
        }
        return value
    }

    /// The header's checksum: the sum of its bytes with the checksum field as spaces (unsigned,
    /// or signed as some old tars computed it).
    static func checksumIsValid(_ header: [UInt8]) -> Bool {
        let field = header[148..<156]
        guard field.contains(where: { (0x30...0x37).contains($0) }), let stored = octal(field) else { return false }
        var unsigned = 0, signed = 0
        for (i, b) in header.enumerated() {
            let v = (148..<156).contains(i) ? 0x20 : b
            unsigned += Int(v)
            signed += Int(Int8(bitPattern: v))
        }
        return stored == unsigned || stored == signed
    }

    /// `"%d key=value\n"` records of a pax header; nil if malformed.
    static func paxRecords(_ data: [UInt8]) -> [String: String]? {
        var records: [String: String] = [:]
        var i = 0
        while i < data.count {
            if data[i] == 0 { break }  // padding
            var length = 0
            var j = i
            while j < data.count, (0x30...0x39).contains(data[j]) {
                length = length * 10 + Int(data[j] - 0x30)
                guard length <= data.count else { return nil }
                j += 1
            }
            guard j < data.count, data[j] == 0x20, length > j - i + 1, i + length <= data.count,
                  data[i + length - 1] == 0x0A else { return nil }
            let record = data[(j + 1)..<(i + length - 1)]
            guard let eq = record.firstIndex(of: UInt8(ascii: "=")) else { return nil }
            let key = String(decoding: record[record.startIndex..<eq], as: UTF8.self)
            let value = String(decoding: record[(eq + 1)...], as: UTF8.self)
            records[key] = value
            i += length
        }
        return records
    }
}
