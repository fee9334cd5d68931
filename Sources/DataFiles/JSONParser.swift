/// A strict JSON (RFC 8259) parser over UTF-8 bytes, built for speed on the bundled data files:
/// one pass, no intermediate copies for strings without escapes, nesting capped.
public struct JSONParser {
    /// Where and why a document is not valid JSON.
    public struct SyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
        public var line: Int
        public var column: Int
        public var message: String
        public var description: String { "line \(line), column \(column): \(message)" }
    }

    /// The deepest nesting accepted.
    public static let maximumDepth = 256

    /// Parses a whole document.
    public static func parse(_ bytes: [UInt8]) throws(SyntaxError) -> JSONValue {
        try document(bytes, recordingLines: false).value
    }

    /// Parses a whole document and records the line each value starts on, in document order
    /// (a container before its members and items): what a reader needs to report a bad value
    /// as `file:line`.
    public static func parseWithLines(_ bytes: [UInt8]) throws(SyntaxError) -> (value: JSONValue, lines: [Int]) {
        try document(bytes, recordingLines: true)
    }

    /// One value filling the whole input; `lines` is empty unless recorded.
    private static func document(_ bytes: [UInt8], recordingLines: Bool) throws(SyntaxError) -> (value: JSONValue, lines: [Int]) {
        try bytes.withUnsafeBufferPointer { (buffer) throws(SyntaxError) -> (value: JSONValue, lines: [Int]) in
            var parser = JSONParser(bytes: buffer)
            parser.recordsLines = recordingLines
            parser.skipSpace()
            let value = try parser.value(depth: 0)
            parser.skipSpace()
            guard parser.at == buffer.count else { throw parser.error("unexpected text after the value") }
            return (value, parser.lines)
        }
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var at = 0
    /// The line of `at` (newlines occur only between tokens: a string holds no raw control
    /// character), and the lines of the values read so far when ``recordsLines``.
    private var line = 1
    private var recordsLines = false
    private var lines: [Int] = []
    /// Members and items of the objects and arrays being read, innermost last: each container
    /// collects its values here and is then copied out once at its exact size (growing a fresh
    /// array per container reallocated it several times; catalogues hold thousands of them).
    private var memberStack: [JSONMember] = []
    private var itemStack: [JSONValue] = []

    private init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    private var current: UInt8? { at < bytes.count ? bytes[at] : nil }

    private mutating func skipSpace() {
        while at < bytes.count {
            switch bytes[at] {
            case 0x20, 0x0D, 0x09: at += 1
            case 0x0A: at += 1; line += 1
            default: return
            }
        }
    }

    private func error(_ message: String) -> SyntaxError {
        var line = 1, column = 1
        for i in 0..<min(at, bytes.count) {
            if bytes[i] == 0x0A { line += 1; column = 1 } else if bytes[i] & 0xC0 != 0x80 { column += 1 }
        }
        return SyntaxError(line: line, column: column, message: message)
    }

    private mutating func value(depth: Int) throws(SyntaxError) -> JSONValue {
        guard depth < Self.maximumDepth else { throw error("nested deeper than \(Self.maximumDepth) levels") }
        guard let c = current else { throw error("unexpected end of input") }
        if recordsLines { lines.append(line) }
        switch c {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default: throw error("unexpected character")
        }
    }

    private mutating func literal(_ word: StaticString) throws(SyntaxError) {
        let n = word.utf8CodeUnitCount
        guard at + n <= bytes.count else { throw error("unexpected end of input") }
        for k in 0..<n where bytes[at + k] != word.utf8Start[k] { throw error("unexpected character") }
        at += n
    }

    private mutating func object(depth: Int) throws(SyntaxError) -> JSONValue {
        at += 1
        skipSpace()
        if current == UInt8(ascii: "}") { at += 1; return .object([]) }
        let base = memberStack.count
        while true {
            skipSpace()
            guard current == UInt8(ascii: "\"") else { throw error("expected a key in quotes") }
            let key = try string()
            skipSpace()
            guard current == UInt8(ascii: ":") else { throw error("expected ':' after the key") }
            at += 1
            skipSpace()
            let v = try value(depth: depth + 1)
            memberStack.append(JSONMember(key: key, value: v))
            skipSpace()
            switch current {
            case UInt8(ascii: ","): at += 1
            case UInt8(ascii: "}"): at += 1; return .object(Self.take(&memberStack, from: base))
            default: throw error("expected ',' or '}' in an object")
            }
        }
    }

    private mutating func array(depth: Int) throws(SyntaxError) -> JSONValue {
        at += 1
        skipSpace()
        if current == UInt8(ascii: "]") { at += 1; return .array([]) }
        let base = itemStack.count
        while true {
            skipSpace()
            let v = try value(depth: depth + 1)
            itemStack.append(v)
            skipSpace()
            switch current {
            case UInt8(ascii: ","): at += 1
            case UInt8(ascii: "]"): at += 1; return .array(Self.take(&itemStack, from: base))
            default: throw error("expected ',' or ']' in an array")
            }
        }
    }

    /// The values a container collected on `stack` from `base` on, removed from it.
    private static func take<T>(_ stack: inout [T], from base: Int) -> [T] {
        let out = Array(stack[base...])
        stack.removeSubrange(base...)
        return out
    }

    private mutating func string() throws(SyntaxError) -> String {
        at += 1
        let start = at
        while at < bytes.count {
            let c = bytes[at]
            if c == UInt8(ascii: "\"") {
                let s = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<at]), as: UTF8.self)
                at += 1
                return s
            }
            if c == UInt8(ascii: "\\") { return try escapedString(from: start) }
            if c < 0x20 { throw error("control character in a string") }
            at += 1
        }
        throw error("unterminated string")
    }

    /// The slow path, for strings holding escapes: decodes into a byte buffer.
    private mutating func escapedString(from start: Int) throws(SyntaxError) -> String {
        var out = Array(bytes[start..<at])
        while at < bytes.count {
            let c = bytes[at]
            if c == UInt8(ascii: "\"") {
                at += 1
                return String(decoding: out, as: UTF8.self)
            }
            if c < 0x20 { throw error("control character in a string") }
            guard c == UInt8(ascii: "\\") else { out.append(c); at += 1; continue }
            at += 1
            guard let e = current else { break }
            at += 1
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800..<0xDC00).contains(scalar), at + 1 < bytes.count,
                   bytes[at] == UInt8(ascii: "\\"), bytes[at + 1] == UInt8(ascii: "u") {
                    at += 2
                    let low = try hex4()
                    guard (0xDC00..<0xE000).contains(low) else { throw error("invalid surrogate pair") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                out.append(contentsOf: String(Unicode.Scalar(scalar).map(Character.init) ?? "\u{FFFD}").utf8)
            default: throw error("invalid escape")
            }
        }
        throw error("unterminated string")
    }

    private mutating func hex4() throws(SyntaxError) -> UInt32 {
        guard at + 4 <= bytes.count else { throw error("unexpected end of input") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[at]
            let d: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = c - UInt8(ascii: "A") + 10
            default: throw error("invalid \\u escape")
            }
            v = v << 4 | UInt32(d)
            at += 1
        }
        return v
    }

    private mutating func number() throws(SyntaxError) -> JSONValue {
        let start = at
        if current == UInt8(ascii: "-") { at += 1 }
        func digits(_ p: inout JSONParser) -> Int {
            let s = p.at
            while let c = p.current, c >= UInt8(ascii: "0"), c <= UInt8(ascii: "9") { p.at += 1 }
            return p.at - s
        }
        let intDigits = digits(&self)
        guard intDigits > 0 else { throw error("invalid number") }
        if intDigits > 1, bytes[at - intDigits] == UInt8(ascii: "0") {
            at -= intDigits
            throw error("leading zero in a number")
        }
        var integral = true
        if current == UInt8(ascii: ".") {
            at += 1
            integral = false
            guard digits(&self) > 0 else { throw error("invalid number") }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            at += 1
            integral = false
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { at += 1 }
            guard digits(&self) > 0 else { throw error("invalid number") }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<at]), as: UTF8.self)
        if integral, let i = Int(text) { return .integer(i) }
        guard let d = Double(text) else { throw error("invalid number") }
        return .number(d)
    }
}
