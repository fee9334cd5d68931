import MathParsing
import Testing

/// Parses with a parser built from the given options.
func parse(_ tex: String, macros: [String: String] = [:], functions: Set<String> = []) -> MathParseResult {
    MathParser(macros: macros, functions: functions).parse(tex)
}

/// The s-expression of a formula: the shape the tables pin.
func shape(_ tex: String) -> String { parse(tex).root.sExpression }

/// A table row: TeX in, expected s-expression (or plain text) out.
struct Case: CustomTestStringConvertible, Sendable {
    let tex: String
    let expected: String
    init(_ tex: String, _ expected: String) {
        self.tex = tex
        self.expected = expected
    }
    var testDescription: String { tex }
}
