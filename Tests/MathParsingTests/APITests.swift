import Foundation
import MathParsing
import Testing

/// What later passes rely on: source ranges, the walker, Codable, diagnostics.
@Suite("API")
struct APITests {
    @Test("ranges are UTF-8 offsets into the input")
    func ranges() throws {
        let tex = "α + \\beta_1"
        let result = parse(tex)
        guard case .binary(.add, let lhs, let rhs) = result.root.kind else {
            Issue.record("expected a sum, got \(result.root.sExpression)")
            return
        }
        let bytes = Array(tex.utf8)
        #expect(lhs.range == 0..<2)  // α is two bytes
        #expect(String(decoding: bytes[rhs.range], as: UTF8.self) == "\\beta_1")
        #expect(result.root.range == 0..<bytes.count)
    }

    @Test("macro text points at the macro call")
    func macroRanges() {
        let result = parse("x + \\R", macros: ["R": "\\mathbb{R}"])
        guard case .binary(_, _, let rhs) = result.root.kind else {
            Issue.record("expected a sum")
            return
        }
        #expect(rhs.range == 4..<6)
    }

    @Test("the walker visits every node, parents first, in source order")
    func walker() {
        let root = parse(#"m_t \leftarrow \beta_1 m + g_t"#).root
        var names: [String] = []
        root.forEach { node in
            if case .symbol(let s) = node.kind { names.append(s.name) }
        }
        #expect(names == ["m", "t", "beta", "1", "m", "g", "t"].filter { $0 != "1" })
        #expect(root.symbols.map(\.name) == ["m", "t", "beta", "g"])
        #expect(root.children.count == 2)
        #expect(root.contains { if case .number("1") = $0.kind { true } else { false } })
    }

    @Test("a tree survives JSON")
    func codable() throws {
        let result = parse(#"\hat{m}_t \leftarrow \frac{m_t}{1-\beta_1^t} + \mathbb{E}_{x}[f(x)] \quad \text{if } x^\top y > 0"#)
        let data = try JSONEncoder().encode(result)
        let decoded = try JSONDecoder().decode(MathParseResult.self, from: data)
        #expect(decoded == result)
        #expect(decoded.root.height == result.root.height)
    }

    @Test("complete is false exactly when a raw node is present")
    func complete() {
        #expect(parse("a + b").complete)
        let broken = parse("a + b)")
        #expect(!broken.complete)
        #expect(broken.root.containsRaw)
        #expect(broken.diagnostics.first?.offset == 5)
        #expect(broken.diagnostics.first?.id == .unbalanced)
    }

    @Test("diagnostic ids are stable strings")
    func ids() {
        #expect(MathDiagnostic.ID.tooDeep.rawValue == "math.too-deep")
        #expect(MathDiagnostic.ID.unbalanced.rawValue == "math.unbalanced")
        #expect(Set(MathDiagnostic.ID.allCases.map(\.rawValue)).count == MathDiagnostic.ID.allCases.count)
    }

    @Test("empty input")
    func empty() {
        let result = parse("")
        #expect(result.root.kind == .empty)
        #expect(result.complete)
        #expect(parse("   \\, \\quad ").root.kind == .empty)
    }

    @Test("isInverse spots x^{-1}")
    func inverse() {
        #expect(parse("A^{-1}").root.isInverse)
        #expect(!parse("A^{2}").root.isInverse)
    }

    @Test("parsing is fast")
    func speed() {
        let parser = MathParser()
        let tex = #"\theta_t \leftarrow \theta_{t-1} - \alpha \cdot \hat{m}_t/(\sqrt{\hat{v}_t}+\epsilon)"#
        let start = Date()
        for _ in 0..<1000 { _ = parser.parse(tex) }
        let perEquation = Date().timeIntervalSince(start) / 1000
        // Microseconds in release builds; a generous bound for debug builds on a busy machine.
        #expect(perEquation < 0.005)
    }
}
