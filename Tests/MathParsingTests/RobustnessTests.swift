import Foundation
import MathParsing
import Testing

/// Hostile input: the parser must return a tree (with diagnostics) for anything.
@Suite("Robustness")
struct RobustnessTests {
    @Test("deep nesting falls back to raw, keeps the rest", arguments: [
        Hostile("100k braces", String(repeating: "{", count: 100_000) + "x" + String(repeating: "}", count: 100_000)),
        Hostile("100k parentheses", String(repeating: "(", count: 100_000) + "x"),
        Hostile("20k fractions", String(repeating: "\\frac{", count: 20_000) + "x"),
        Hostile("50k accents", String(repeating: "\\hat", count: 50_000) + " x"),
        Hostile("50k superscripts", String(repeating: "x^{", count: 50_000) + "2"),
        Hostile("100k minus signs", String(repeating: "-", count: 100_000) + "x"),
        Hostile("30k \\left(", String(repeating: "\\left(", count: 30_000) + "x"),
        Hostile("10k environments", String(repeating: "\\begin{pmatrix}", count: 10_000) + "x"),
        Hostile("30k roots", String(repeating: "\\sqrt{", count: 30_000) + "x"),
        Hostile("100k bars", String(repeating: "|", count: 100_000)),
    ])
    func deepNesting(_ hostile: Hostile) throws {
        let result = parse(hostile.tex + " + y")
        #expect(!result.complete)
        #expect(result.diagnostics.contains { $0.id == .tooDeep })
        #expect(result.root.height <= MathParser.maxTreeHeight + 1)
        // The deep part is kept, not dropped, and the tree can be walked and printed.
        _ = result.root.plainText
        _ = result.root.tex
        _ = try JSONEncoder().encode(result)
    }

    /// macOS gives secondary threads (and Swift concurrency) 512 KB of stack; debug builds use
    /// several times the stack of release builds. The parser must not overflow either way.
    @Test("hostile input is safe on a 512 KB thread")
    func smallStack() {
        let inputs = [
            String(repeating: "{", count: 50_000) + "x",
            String(repeating: "\\nabla_{x} ", count: 5_000) + "x",
            String(repeating: "\\frac{a+(b\\cdot\\sqrt{c_{d^{", count: 2_000) + "x",
            String(repeating: "\\log ", count: 5_000) + "x",
        ]
        let finished = DispatchSemaphore(value: 0)
        let heights = Heights()
        let thread = Thread {
            for tex in inputs {
                let result = MathParser().parse(tex)
                _ = result.root.plainText
                _ = result.root.tex
                _ = try? JSONEncoder().encode(result)
                heights.append(result.root.height)
            }
            finished.signal()
        }
        thread.stackSize = 512 * 1024
        thread.start()
        finished.wait()
        #expect(heights.values.count == inputs.count)
    }

    @Test("long flat chains stay within the tree height limit", arguments: [
        Hostile("20k terms", Array(repeating: "a", count: 20_000).joined(separator: " + ")),
        Hostile("50k letters", String(repeating: "x", count: 50_000)),
        Hostile("20k primes", String(repeating: "x'", count: 20_000)),
        Hostile("20k equalities", Array(repeating: "a", count: 20_000).joined(separator: " = ")),
    ])
    func longChains(_ hostile: Hostile) throws {
        let result = parse(hostile.tex)
        #expect(result.root.height <= MathParser.maxTreeHeight + 1)
        _ = result.root.sExpression
        _ = try JSONEncoder().encode(result.root)
    }

    @Test("nesting well beyond real papers' (height 21) still parses completely")
    func reasonableDepth() {
        let depth = 25  // tree height about 50
        let tex = String(repeating: "\\frac{1}{1+", count: depth) + "x" + String(repeating: "}", count: depth)
        let result = parse(tex)
        #expect(result.complete)
        #expect(result.diagnostics.isEmpty)
    }

    @Test("unbalanced input is reported and kept", arguments: [
        Case("a + (b", "(+ a (fence ( . b))"),
        Case("a + b)", "(seq (+ a b) (raw \")\"))"),
        Case("{a + b", "(+ a b)"),
        Case("a + b}", "(seq (+ a b) (raw \"}\"))"),
        Case("\\left( a", "(fence ( . a)"),
        Case("a \\right)", "(seq a (raw \"\\right)\"))"),
        Case("\\begin{cases} a", "(cases (a))"),
        Case("\\end{cases} a", "(seq (raw \"\\end{cases}\") a)"),
        Case("\\frac{a}", "(frac a _)"),
        Case("x^", "(^ x _)"),
        Case("\\", "(raw \"\\\")"),
    ])
    func unbalanced(_ c: Case) {
        let result = parse(c.tex)
        #expect(result.root.sExpression == c.expected)
        #expect(!result.diagnostics.isEmpty)
    }

    @Test("random bytes never crash")
    func randomBytes() throws {
        var generator = SplitMix64(seed: 0x5EED)
        let alphabet = Array("\\{}[]()^_&|$%'!,.;:+-=<>~ \nabxyz019αβ∑√".unicodeScalars)
        let commands = ["\\frac", "\\left", "\\right", "\\begin{cases}", "\\end{cases}", "\\sum", "\\\\", "\\text{",
                        "\\mathbb{E}", "\\sqrt[", "\\|", "\\mid", "\\over", "\\operatorname*{", "\\partial"]
        for _ in 0..<300 {
            var tex = ""
            for _ in 0..<Int.random(in: 1...200, using: &generator) {
                if Int.random(in: 0..<4, using: &generator) == 0 {
                    tex += commands.randomElement(using: &generator)!
                } else {
                    tex.unicodeScalars.append(alphabet.randomElement(using: &generator)!)
                }
            }
            let result = parse(tex)
            _ = result.root.plainText
            _ = result.root.tex
            #expect(result.root.range.upperBound <= tex.utf8.count)
        }
        // Invalid UTF-8 is read as U+FFFD and reported.
        let bytes: [UInt8] = [0x61, 0xFF, 0xC3, 0x28, 0x2B, 0x62]
        let result = parse(String(decoding: bytes, as: UTF8.self))
        #expect(result.root.plainText.contains("a"))
    }

    @Test("a megabyte of formula parses in linear time")
    func large() {
        let piece = #"\sum_{i=1}^{n} \alpha_i \exp\left(-\frac{\|x - \mu_i\|^2}{2\sigma^2}\right) + "#
        let tex = String(repeating: piece, count: 1_000_000 / piece.utf8.count)
        let start = Date()
        let result = parse(tex)
        #expect(Date().timeIntervalSince(start) < 60)
        _ = result.root.plainText
    }
}

/// Results handed back from the small-stack thread.
final class Heights: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [Int] = []
    func append(_ value: Int) { lock.withLock { stored.append(value) } }
    var values: [Int] { lock.withLock { stored } }
}

/// A large input with a short name for test reports.
struct Hostile: CustomTestStringConvertible, Sendable {
    let name: String
    let tex: String
    init(_ name: String, _ tex: String) {
        self.name = name
        self.tex = tex
    }
    var testDescription: String { name }
}

/// A small deterministic generator, so failures reproduce.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
