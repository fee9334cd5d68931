import Foundation

/// Everything target-specific about printing code, as data (`Resources/codegen-targets.json`):
/// function templates, operators, constants, statement syntax, imports, reserved names.
struct TargetTable: Decodable, Sendable {
    /// How a function (an operation of `library-map.json`) is written, by argument types.
    struct Function: Decodable, Sendable {
        /// Some argument is an array.
        var array: String?
        /// Every argument is a scalar.
        var scalar: String?
        /// One array `{A}` and one scalar `{S}`.
        var mixed: String?
    }

    /// An operator: infix (`**`, `@`, `and`), prefix (`not `) or a call template (`pow({0}, {1})`).
    struct Operator: Decodable, Sendable {
        var infix: String?
        var prefix: String?
        var call: String?
    }

    /// Statement templates: `{target}`, `{value}`, `{op}`, `{cond}`, `{var}`, `{from}`, `{to}`, `{limit}`.
    struct Syntax: Decodable, Sendable {
        var comment: String
        var indent: String
        var blockEnd: String?
        var emptyBlock: String?
        var assign: String
        /// A new local that is never reassigned (Swift `let`).
        var declare: String
        /// A new local that is reassigned later (Swift `var`).
        var declareVar: String
        var augmented: String
        /// An array updated in place: `m[...] = …`, `m.copy_(…)`.
        var inPlace: String
        var `if`: String
        var elif: String
        var `else`: String
        var forRange: String
        var forRangeDown: String
        var forOpen: String
        var `while`: String
        /// A loop the paper runs until convergence, run for a step budget instead.
        var budget: String
        var doWhile: String
        var untilBreak: String
        var `break`: String
        var `return`: String
        var `true`: String
        var `false`: String
        /// An integer used where a real number is needed (`Double({0})`).
        var intCast: String
        /// A real number used where an integer is needed (a loop bound `B / 2`): `int({0})`.
        var toInt: String
        /// Longest line before a trailing comment moves to the line above.
        var lineLimit: Int
    }

    var language: String
    var fileExtension: String
    /// `snake` (as the glossary writes names) or `camel` (Swift).
    var identifierCase: String
    var imports: [String: String]
    var reserved: [String]
    var constants: [String: String]
    var operators: [String: Operator]
    var functions: [String: Function]
    /// Helper definitions appended when their key occurs in the generated code.
    var helpers: [String: String]?
    var syntax: Syntax
}

/// The bundled tables of every target.
struct TargetTables: Decodable, Sendable {
    struct Operations: Decodable, Sendable {
        var ids: [String]
    }

    var targets: [String: TargetTable]
    /// Operations besides library-map's arithmetic ones that keep a box arithmetic.
    var elementaryOperations: Operations

    static let shared: TargetTables = {
        guard let url = Bundle.module.url(forResource: "codegen-targets", withExtension: "json"),
              let data = try? Data(contentsOf: url) else {
            fatalError("codegen-targets.json is missing from the Codegen bundle")
        }
        do {
            return try JSONDecoder().decode(TargetTables.self, from: data)
        } catch {
            fatalError("codegen-targets.json is malformed: \(error)")
        }
    }()
}

/// Fills `{name}` placeholders of a template in one pass (a value is never read as a template).
func fill(_ template: String, _ values: [String: String]) -> String {
    var out = ""
    var rest = Substring(template)
    while let open = rest.firstIndex(of: "{") {
        out += rest[..<open]
        if let close = rest[open...].firstIndex(of: "}"), let value = values[String(rest[rest.index(after: open)..<close])] {
            out += value
            rest = rest[rest.index(after: close)...]
        } else {
            out.append("{")
            rest = rest[rest.index(after: open)...]
        }
    }
    return out + rest
}
