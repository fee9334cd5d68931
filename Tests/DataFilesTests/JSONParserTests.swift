import Foundation
import Testing
@testable import DataFiles

@Suite("JSON parser")
struct JSONParserTests {
    private func parse(_ text: String) throws(JSONParser.SyntaxError) -> JSONValue { try JSONParser.parse(Array(text.utf8)) }

    @Test("scalars, arrays and objects in document order")
    func values() throws {
        let v = try parse(#" {"b": [1, -2.5, 3e2, true, false, null], "a": "x", "n": {}} "#)
        guard case .object(let members) = v else { Issue.record("not an object"); return }
        #expect(members.map(\.key) == ["b", "a", "n"])
        #expect(v["b"] == .array([.integer(1), .number(-2.5), .number(300), .bool(true), .bool(false), .null]))
        #expect(v["a"] == .string("x"))
        #expect(v["n"] == .object([]))
    }

    @Test("the line of every value, containers before their members")
    func lines() throws {
        let text = "{\n  \"a\": [1,\n    2],\n\n  \"b\": \"x\"\n}"
        let (value, lines) = try JSONParser.parseWithLines(Array(text.utf8))
        #expect(value == (try parse(text)))
        // {, [ of "a", 1, 2, "x"
        #expect(lines == [1, 2, 2, 3, 5])
    }

    @Test("numbers are exact: 3e-4 and 0.1 as Double(String) gives them")
    func exactNumbers() throws {
        #expect(try parse("3e-4") == .number(0.0003))
        #expect(try parse("0.1") == .number(0.1))
        #expect(try parse("-0") == .integer(0))
        #expect(try parse("99999999999999999999") == .number(1e20))
    }

    @Test("escapes, surrogate pairs and raw UTF-8")
    func strings() throws {
        #expect(try parse(#""a\"b\\c\/d\n\t\u00e9""#) == .string("a\"b\\c/d\n\té"))
        #expect(try parse(#""\ud83d\ude00""#) == .string("😀"))
        #expect(try parse("\"β₁ ≥ 0\"") == .string("β₁ ≥ 0"))
    }

    @Test("syntax errors name line and column", arguments: [
        ("{\n  \"a\": 1,\n  \"b\" 2\n}", 3, 7),
        ("[1, 2", 1, 6),
        ("{\"a\": tru}", 1, 7),
        ("[01]", 1, 2),
        ("\"abc", 1, 5),
        ("[1] x", 1, 5),
        ("", 1, 1),
    ])
    func errors(text: String, line: Int, column: Int) {
        do {
            _ = try parse(text)
            Issue.record("accepted invalid JSON: \(text)")
        } catch {
            #expect(error.line == line)
            #expect(error.column == column)
        }
    }

    @Test("nesting is capped, not a stack overflow")
    func deepNesting() {
        let text = String(repeating: "[", count: 100_000)
        #expect(throws: JSONParser.SyntaxError.self) { try parse(text) }
    }
}
