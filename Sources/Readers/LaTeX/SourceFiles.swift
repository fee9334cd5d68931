import PaperModel

/// The files a LaTeX read has opened, indexed as tokens refer to them, with their text kept for
/// slicing the verbatim source of equations.
struct SourceFiles {
    private(set) var paths: [String] = []
    private(set) var contents: [[UInt8]] = []
    private var index: [String: Int32] = [:]

    /// Registers a file and returns its index (the same index for the same path).
    mutating func add(path: String, bytes: [UInt8]) -> Int32 {
        if let i = index[path] { return i }
        let i = Int32(paths.count)
        paths.append(path)
        contents.append(bytes)
        index[path] = i
        return i
    }

    func path(_ file: Int32) -> String {
        file >= 0 && Int(file) < paths.count ? paths[Int(file)] : "<unknown>"
    }

    func span(_ loc: TokenLocation) -> SourceSpan {
        SourceSpan(file: path(loc.file), line: Int(loc.line), column: Int(loc.column))
    }

    func span(_ start: TokenLocation, _ end: TokenLocation) -> SourceSpan {
        var s = span(start)
        if end.file == start.file, end.line >= start.line {
            s.endLine = Int(end.line)
            s.endColumn = Int(end.column)
        }
        return s
    }

    /// The source text between two locations of the same file.
    func slice(_ start: TokenLocation, _ end: TokenLocation) -> String? {
        guard start.file == end.file, start.file >= 0, Int(start.file) < contents.count else { return nil }
        let bytes = contents[Int(start.file)]
        let a = Int(start.offset), b = Int(end.offset)
        guard a >= 0, b <= bytes.count, a <= b else { return nil }
        return String(decoding: bytes[a..<b], as: UTF8.self)
    }
}
