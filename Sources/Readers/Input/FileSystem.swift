#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#elseif canImport(Android)
import Android
#endif

/// The few POSIX calls the input loader needs (they exist on Linux and macOS alike), with errors
/// kept as `errno` values so that callers can word them for users.
enum InputFileSystem {
    enum Kind: Equatable { case regular, directory, symlink, other }

    struct Info {
        var kind: Kind
        var size: Int
        /// Device and inode, to recognize a folder already visited through a symlink.
        var identity: Identity
    }

    struct Identity: Hashable {
        var device: UInt64
        var inode: UInt64
    }

    /// Why reading failed.
    enum ReadFailure: Error {
        case system(Int32)
        /// More than the cap; the size is what was known (file size, or bytes read so far).
        case tooLarge(Int)
    }

    /// `stat` (following symlinks) or `lstat`; the `errno` value on failure.
    static func info(_ path: String, followLinks: Bool) -> Result<Info, ReadFailure> {
        var st = stat()
        let rc = followLinks ? stat(path, &st) : lstat(path, &st)
        guard rc == 0 else { return .failure(.system(errno)) }
        return .success(info(st))
    }

    private static func info(_ st: stat) -> Info {
        let mode = UInt32(st.st_mode) & 0o170000
        let kind: Kind
        switch mode {
        case 0o100000: kind = .regular
        case 0o040000: kind = .directory
        case 0o120000: kind = .symlink
        default: kind = .other
        }
        return Info(kind: kind, size: Int(st.st_size),
                    identity: Identity(device: UInt64(truncatingIfNeeded: st.st_dev),
                                       inode: UInt64(truncatingIfNeeded: st.st_ino)))
    }

    /// The canonical absolute path (symlinks resolved), or nil if it cannot be resolved.
    static func realPath(_ path: String) -> String? {
        guard let p = realpath(path, nil) else { return nil }
        defer { free(p) }
        return string(fromCString: p)
    }

    /// The names in a folder (without `.` and `..`), sorted; names that are not valid UTF-8 are
    /// returned separately (as lossy strings, for messages) since they cannot be opened again.
    static func list(_ path: String) -> Result<(names: [String], undecodable: [String]), ReadFailure> {
        guard let dir = opendir(path) else { return .failure(.system(errno)) }
        defer { closedir(dir) }
        var names: [String] = []
        var bad: [String] = []
        while let entry = readdir(dir) {
            var nameField = entry.pointee.d_name
            let bytes: [UInt8] = withUnsafeBytes(of: &nameField) { raw in
                let end = raw.firstIndex(of: 0) ?? raw.count
                return Array(raw[0..<end])
            }
            if bytes == [0x2E] || bytes == [0x2E, 0x2E] || bytes.isEmpty { continue }
            if UTF8Check.firstInvalidByte(bytes) == nil {
                names.append(String(decoding: bytes, as: UTF8.self))
            } else {
                bad.append(String(decoding: bytes, as: UTF8.self))
            }
        }
        return .success((names.sorted(), bad.sorted()))
    }

    /// Reads a whole file, refusing (before reading, when the size is known) more than the cap
    /// chosen by `cap(head)` from its first bytes.
    static func readFile(_ path: String, cap: ([UInt8]) -> Int) -> Result<[UInt8], ReadFailure> {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return .failure(.system(errno)) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return .failure(.system(errno)) }
        let meta = info(st)
        if meta.kind == .directory { return .failure(.system(EISDIR)) }
        let known = meta.kind == .regular ? meta.size : nil
        var out: [UInt8] = []
        switch append(from: fd, into: &out, atMost: 8192) {
        case .failure(let f): return .failure(f)
        case .success: break
        }
        let limit = cap(out)
        if let known, known > limit { return .failure(.tooLarge(known)) }
        if let known { out.reserveCapacity(known + 1) }
        return append(from: fd, into: &out, atMost: plusOne(limit) - out.count).flatMap { _ in
            out.count > limit ? .failure(.tooLarge(known ?? out.count)) : .success(out)
        }
    }

    /// Reads a stream (standard input, a pipe) to its end, or until it passes the cap.
    static func readStream(fd: Int32, cap: Int) -> Result<[UInt8], ReadFailure> {
        var out: [UInt8] = []
        return append(from: fd, into: &out, atMost: plusOne(cap)).flatMap { _ in
            out.count > cap ? .failure(.tooLarge(out.count)) : .success(out)
        }
    }

    /// One byte past a cap, to tell "exactly the cap" from "more", without overflowing.
    private static func plusOne(_ cap: Int) -> Int { cap == Int.max ? cap : cap + 1 }

    /// Appends up to `atMost` bytes read from `fd` (stopping at end of file).
    private static func append(from fd: Int32, into out: inout [UInt8], atMost: Int) -> Result<Void, ReadFailure> {
        var remaining = atMost
        // Uninitialized: zero-filling 64 KiB per call cost more than reading a small file.
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 1)
        defer { buffer.deallocate() }
        while remaining > 0 {
            let want = min(remaining, buffer.count)
            let n = read(fd, buffer.baseAddress, want)
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(.system(errno))
            }
            if n == 0 { break }
            out.append(contentsOf: UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            remaining -= n
        }
        return .success(())
    }

    /// A short, lower-case description of an `errno` value.
    static func describe(_ code: Int32) -> String {
        switch code {
        case ENOENT: return "no such file or folder"
        case EACCES, EPERM: return "permission denied"
        case ENOTDIR: return "a part of the path is not a folder"
        case ELOOP: return "too many levels of symbolic links"
        case EISDIR: return "is a folder"
        default:
            guard let s = strerror(code) else { return "error \(code)" }
            return string(fromCString: s).lowercased()
        }
    }

    private static func string(fromCString p: UnsafePointer<CChar>) -> String {
        let count = strlen(p)
        return p.withMemoryRebound(to: UInt8.self, capacity: count) {
            String(decoding: UnsafeBufferPointer(start: $0, count: count), as: UTF8.self)
        }
    }
}
