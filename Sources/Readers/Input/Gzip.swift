import CZlib
import PaperModel

/// A source of bytes read front to back: the bytes of a file, or a decompressing stream.
protocol InputByteStream {
    /// The next `count` bytes, or fewer at the end of the stream.
    mutating func read(_ count: Int) throws(InputError) -> [UInt8]
    /// Skips `count` bytes; returns how many were skipped (fewer at the end).
    mutating func skip(_ count: Int) throws(InputError) -> Int
}

/// Bytes already in memory.
struct InputMemoryStream: InputByteStream {
    let bytes: [UInt8]
    private(set) var position = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    mutating func read(_ count: Int) throws(InputError) -> [UInt8] {
        let end = position + min(count, bytes.count - position)
        defer { position = end }
        return Array(bytes[position..<end])
    }

    mutating func skip(_ count: Int) throws(InputError) -> Int {
        let n = min(count, bytes.count - position)
        position += n
        return n
    }
}

/// Gzip (or zlib) data inflated on demand, a chunk at a time, never past `limit` bytes of output:
/// a gzip bomb costs at most `limit` bytes of work and one chunk of memory.
final class GzipStream: InputByteStream {
    static let magic: [UInt8] = [0x1F, 0x8B]

    private let input: [UInt8]
    private var inputPosition = 0
    private let stream: UnsafeMutablePointer<z_stream>
    private var chunk = [UInt8](repeating: 0, count: 1 << 16)
    private var pending: ArraySlice<UInt8> = []
    private var finished = false
    /// Bytes produced so far.
    private(set) var produced = 0
    /// Most bytes this stream may produce; more is an `archive.too-large` error.
    var limit: Int
    /// Which limit that is, for the message (`"the 256 MB limit for an archive"`).
    var limitName: String
    private let file: String

    static func isGzip(_ bytes: [UInt8]) -> Bool { bytes.starts(with: magic) }

    init(_ input: [UInt8], file: String, limit: Int, limitName: String) throws(InputError) {
        self.input = input
        self.file = file
        self.limit = limit
        self.limitName = limitName
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        // 15 + 32: a window of 32 KB, gzip or zlib header detected automatically.
        let rc = inflateInit2_(stream, 15 + 32, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard rc == Z_OK else {
            stream.deinitialize(count: 1)
            stream.deallocate()
            throw InputError(.archiveCorrupt, file: file, "cannot start decompressing (zlib error \(rc))")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    func read(_ count: Int) throws(InputError) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(min(count, 1 << 20))
        while out.count < count {
            if pending.isEmpty { guard try fill() else { break } }
            let n = min(count - out.count, pending.count)
            out.append(contentsOf: pending.prefix(n))
            pending = pending.dropFirst(n)
        }
        return out
    }

    func skip(_ count: Int) throws(InputError) -> Int {
        var skipped = 0
        while skipped < count {
            if pending.isEmpty { guard try fill() else { break } }
            let n = min(count - skipped, pending.count)
            pending = pending.dropFirst(n)
            skipped += n
        }
        return skipped
    }

    /// Puts bytes just read back in front of the stream (to look at a header first).
    func unread(_ bytes: [UInt8]) {
        guard !bytes.isEmpty else { return }
        pending = ArraySlice(bytes + pending)
    }

    /// Everything left, as long as the total stays within `limit`.
    func readToEnd() throws(InputError) -> [UInt8] {
        var out = Array(pending)
        pending = []
        while try fill() {
            out.append(contentsOf: pending)
            pending = []
        }
        return out
    }

    /// Inflates the next chunk into `pending`; false at the end of the data.
    private func fill() throws(InputError) -> Bool {
        pending = []  // drop the reference to `chunk`, so that writing it does not copy it
        while !finished {
            var rc: Int32 = Z_OK
            var consumed = 0
            var made = 0
            let position = inputPosition
            let stream = self.stream
            // Never past the limit; once there, one byte more to learn whether the data goes on.
            let room = min(chunk.count, max(1, limit - produced))
            input.withUnsafeBufferPointer { inBuffer in
                chunk.withUnsafeMutableBufferPointer { outBuffer in
                    let available = min(inBuffer.count - position, Int(UInt32.max))
                    stream.pointee.next_in = UnsafeMutablePointer(mutating: inBuffer.baseAddress.map { $0 + position })
                    stream.pointee.avail_in = UInt32(available)
                    stream.pointee.next_out = outBuffer.baseAddress
                    stream.pointee.avail_out = UInt32(room)
                    rc = inflate(stream, Z_NO_FLUSH)
                    consumed = available - Int(stream.pointee.avail_in)
                    made = room - Int(stream.pointee.avail_out)
                    stream.pointee.next_in = nil
                    stream.pointee.next_out = nil
                }
            }
            inputPosition += consumed
            switch rc {
            case Z_OK:
                if made == 0 && consumed == 0 { throw truncated() }
            case Z_STREAM_END:
                // Several gzip members one after the other form one stream (like `cat a.gz b.gz`);
                // anything else after the end (tar padding, garbage) is ignored, as gzip does.
                let rest = input[inputPosition...]
                if rest.starts(with: Self.magic) {
                    inflateReset(stream)
                } else {
                    finished = true
                }
            case Z_BUF_ERROR:
                throw inputPosition >= input.count ? truncated() : damaged()
            case Z_MEM_ERROR:
                throw InputError(.archiveTooLarge, file: file, "out of memory while decompressing")
            default:
                throw damaged()
            }
            if made > 0 {
                produced += made
                if produced > limit {
                    throw InputError(.archiveTooLarge, file: file,
                                     "decompresses to more than \(limitName); stopped there (a damaged file or a zip bomb?)")
                }
                pending = chunk[0..<made]
                return true
            }
        }
        return false
    }

    private func truncated() -> InputError {
        InputError(.archiveCorrupt, file: file,
                   "compressed data ends early (truncated download?); download the file again")
    }

    private func damaged() -> InputError {
        let detail = stream.pointee.msg.map { String(cString: $0) } ?? "invalid data"
        return InputError(.archiveCorrupt, file: file, "compressed data is damaged (\(detail)); download the file again")
    }
}
