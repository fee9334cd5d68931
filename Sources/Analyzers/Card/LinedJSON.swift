import DataFiles

/// A JSON tree that remembers the line of every value, so that a results file with a bad entry
/// can be reported as `file:line` (Foundation's parsers give no positions).
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

    /// Parses `text` with the data files' strict parser (``JSONParser``, nesting capped), which
    /// records where each value starts.
    static func parse(_ text: String) throws(SyntaxError) -> LinedJSON {
        let parsed: (value: JSONValue, lines: [Int])
        do {
            parsed = try JSONParser.parseWithLines(Array(text.utf8))
        } catch {
            throw SyntaxError(line: error.line, message: error.message)
        }
        // The lines come in document order, the order this walk meets the values.
        var next = 0
        func lined(_ v: JSONValue) -> LinedJSON {
            let line = parsed.lines[next]
            next += 1
            switch v {
            case .object(let members): return .object(members.map { ($0.key, lined($0.value)) }, line: line)
            case .array(let items): return .array(items.map(lined), line: line)
            case .string(let s): return .string(s, line: line)
            case .integer(let n): return .number(Double(n), line: line)
            case .number(let d): return .number(d, line: line)
            case .bool(let b): return .bool(b, line: line)
            case .null: return .null(line: line)
            }
        }
        return lined(parsed.value)
    }
}
