/// A small JSON reader that remembers the line of every value, so that a results file with a
/// bad entry can be reported as `file:line` (Foundation's parsers give no positions).
indirect enum LinedJSON: Sendable {
    case object([(key: String, value: LinedJSON)], line: Int)
    case array([LinedJSON], line: Int)
    case string(String, line: Int)
    case number(Double, line: Int)
    case bool(Bool, line: Int)
    case null(line: Int)

    var line: Int {
        switch self {
        case .object(_, let l), .array(_, let l), .string(_, let l), .number(_, let l), .bool(_, let l): return l
        case .null(let l): return l
        }
    }

    /// What the value is, for messages ("a string", "an object").
    var kindName: String {
        switch self {
        case .object: return "an object"
        case .array: return "an array"
        case .string: return "a string"
        case .number: return "a number"
        case .bool: return "true or false"
        case .null: return "null"
        }
    }

    /// The value of `key` in an object.
    subscript(key: String) -> LinedJSON? {
        guard case .object(let members, _) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// A syntax error: its line and what was expected.
    struct SyntaxError: Error {
        var line: Int
        var message: String
    }

    static func parse(_ text: String) throws(SyntaxError) -> LinedJSON {
        var p = Parser(bytes: Array(text.utf8))
        p.skipSpace()
        let v = try p.value()
        p.skipSpace()
        guard p.i == p.bytes.count else { throw SyntaxError(line: p.line, message: "unexpected text after the JSON value") }
        return v
    }

    private struct Parser {
        let bytes: [UInt8]
        var i = 0
        var line = 1

        mutating func skipSpace() {
            while i < bytes.count {
                switch bytes[i] {
                case 0x0A: line += 1; i += 1
                case 0x20, 0x09, 0x0D: i += 1
                default: return
                }
            }
        }

        func fail(_ message: String) -> SyntaxError { SyntaxError(line: line, message: message) }

        mutating func value() throws(SyntaxError) -> LinedJSON {
            guard i < bytes.count else { throw fail("the file ends where a value was expected") }
            let start = line
            switch bytes[i] {
            case UInt8(ascii: "{"):
                i += 1
                var members: [(key: String, value: LinedJSON)] = []
                skipSpace()
                if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .object(members, line: start) }
                while true {
                    skipSpace()
                    guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw fail("expected a quoted key") }
                    let key = try string()
                    skipSpace()
                    guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw fail("expected ':' after the key \"\(key)\"") }
                    i += 1
                    skipSpace()
                    members.append((key, try value()))
                    skipSpace()
                    guard i < bytes.count else { throw fail("the object is not closed (missing '}')") }
                    if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    if bytes[i] == UInt8(ascii: "}") { i += 1; return .object(members, line: start) }
                    throw fail("expected ',' or '}' in the object")
                }
            case UInt8(ascii: "["):
                i += 1
                var items: [LinedJSON] = []
                skipSpace()
                if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items, line: start) }
                while true {
                    skipSpace()
                    items.append(try value())
                    skipSpace()
                    guard i < bytes.count else { throw fail("the array is not closed (missing ']')") }
                    if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
                    if bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items, line: start) }
                    throw fail("expected ',' or ']' in the array")
                }
            case UInt8(ascii: "\""):
                return .string(try string(), line: start)
            case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
                for (word, v) in [("true", LinedJSON.bool(true, line: start)), ("false", .bool(false, line: start)),
                                  ("null", .null(line: start))] where matches(word) {
                    i += word.utf8.count
                    return v
                }
                throw fail("unexpected word (expected true, false or null)")
            default:
                return .number(try number(), line: start)
            }
        }

        func matches(_ word: String) -> Bool {
            let w = Array(word.utf8)
            return i + w.count <= bytes.count && Array(bytes[i..<(i + w.count)]) == w
        }

        mutating func string() throws(SyntaxError) -> String {
            i += 1   // opening quote
            var out: [UInt8] = []
            while i < bytes.count {
                let c = bytes[i]
                if c == UInt8(ascii: "\"") { i += 1; return String(decoding: out, as: UTF8.self) }
                if c == 0x0A { throw fail("a string runs past the end of the line (missing '\"')") }
                if c == UInt8(ascii: "\\") {
                    guard i + 1 < bytes.count else { break }
                    let e = bytes[i + 1]
                    i += 2
                    switch e {
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "t"): out.append(0x09)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "u"):
                        guard i + 4 <= bytes.count, let code = UInt32(String(decoding: bytes[i..<(i + 4)], as: UTF8.self), radix: 16)
                        else { throw fail("bad \\u escape") }
                        i += 4
                        out.append(contentsOf: Array(String(Unicode.Scalar(code).map(Character.init) ?? "\u{FFFD}").utf8))
                    default: out.append(e)
                    }
                    continue
                }
                out.append(c)
                i += 1
            }
            throw fail("a string is not closed (missing '\"')")
        }

        mutating func number() throws(SyntaxError) -> Double {
            let start = i
            while i < bytes.count, "+-0123456789.eE".utf8.contains(bytes[i]) { i += 1 }
            guard i > start, let v = Double(String(decoding: bytes[start..<i], as: UTF8.self)) else {
                throw fail("unexpected character '\(String(decoding: [bytes[min(start, bytes.count - 1)]], as: UTF8.self))'")
            }
            return v
        }
    }
}
