import MathParsing
import Testing
@testable import Codegen

/// The shared expression printer, one table per target: the same formula in NumPy, PyTorch and
/// Swift (element by element), with what a target cannot express refused, never guessed.
@Suite struct ExpressionPrinterTests {
    static let types: [String: ValueType] = ["m": .array, "v": .array, "g": .array, "u": .array, "x": .array,
                                             "b": .real, "epsilon": .real, "t": .int, "M": .int, "K": .matrix]

    static func print(_ tex: String, _ target: CodeTarget) throws -> String {
        var printer = ExpressionPrinter(table: target.table, types: types)
        printer.elementwise = target == .swift
        return try printer.print(MathParser().parse(tex).root)
    }

    /// TeX, then NumPy, PyTorch and Swift.
    static let cases: [(String, String, String, String)] = [
        (#"b m + (1 - b) g"#, "b * m + (1 - b) * g", "b * m + (1 - b) * g", "b * m[i] + (1 - b) * g[i]"),
        (#"\sqrt{v} + \epsilon"#, "np.sqrt(v) + epsilon", "torch.sqrt(v) + epsilon", "sqrt(v[i]) + epsilon"),
        (#"1 - b^t"#, "1 - b ** t", "1 - b ** t", "1 - pow(b, Double(t))"),
        (#"\sqrt{1 - b^t}"#, "np.sqrt(1 - b ** t)", "math.sqrt(1 - b ** t)", "sqrt(1 - pow(b, Double(t)))"),
        (#"\max(b u, |g|)"#, "np.maximum(b * u, np.abs(g))", "torch.maximum(b * u, torch.abs(g))", "max(b * u[i], abs(g[i]))"),
        (#"\frac{1}{M} x"#, "1 / M * x", "1 / M * x", "1 / Double(M) * x[i]"),
        (#"-x^2"#, "-x ** 2", "-x ** 2", "-pow(x[i], 2)"),
        (#"(-x)^2"#, "(-x) ** 2", "(-x) ** 2", "pow((-x[i]), 2)"),
        (#"m / (v b)"#, "m / (v * b)", "m / (v * b)", "m[i] / (v[i] * b)"),
        (#"m - (v - g)"#, "m - (v - g)", "m - (v - g)", "m[i] - (v[i] - g[i])"),
        (#"\mathrm{sign}(m) \cdot b"#, "np.sign(m) * b", "torch.sign(m) * b", "sign(m[i]) * b"),
        (#"K^\top x"#, "K.T @ x", "K.T @ x", "-"),
        (#"K x"#, "K @ x", "K @ x", "-"),
        (#"\|x\|"#, "np.linalg.norm(x)", "torch.linalg.norm(x)", "-"),
    ]

    @Test(arguments: cases)
    func sameFormulaInEveryTarget(_ c: (String, String, String, String)) throws {
        let (tex, numpy, pytorch, swift) = c
        #expect(try Self.print(tex, .numpy) == numpy)
        #expect(try Self.print(tex, .pytorch) == pytorch)
        if swift == "-" {
            #expect(throws: Unsupported.self) { try Self.print(tex, .swift) }
        } else {
            #expect(try Self.print(tex, .swift) == swift)
        }
    }

    /// Constructs no target expresses become TODOs with a reason, in every target.
    @Test(arguments: [#"\mathbb{E}_x[f(x)]"#, #"x_{i,j}"#, #"\{x : x > 0\}"#, #"a \approx b"#, #"\nabla^2 f(x)"#])
    func refusedEverywhere(_ tex: String) {
        for target in CodeTarget.allCases {
            #expect(throws: Unsupported.self, "\(target) \(tex)") { try Self.print(tex, target) }
        }
    }
}
