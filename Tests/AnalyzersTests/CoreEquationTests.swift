import Testing
import PaperModel
@testable import Analyzers

@Suite struct CoreEquationTests {
    static let boxless = CorePaperBuilder.paper([
        ("Introduction", [.equation(#"y = f(x)"#, number: "1")]),
        ("Related Work", [.equation(#"h = \sigma(W x)"#, number: "2")]),
        ("Method", [
            .text("At each step $t$ we update the state as follows."),
            .equation(#"m_t = \beta m_{t-1} + (1 - \beta) g_t"#, label: "eq:m", number: "3"),
            .equation(#"\theta_t = \theta_{t-1} - \eta m_t"#, label: "eq:theta", number: "4"),
            .theorem("theorem", [.equation(#"\|\theta_t - \theta^*\| \le \frac{C}{\sqrt{t}}"#, number: "5")]),
            .theorem("proof", [.equation(#"a = b + c"#, number: "6")]),
        ]),
        ("Experiments", [.text("We use the update \\ref{eq:theta} with $\\eta = 0.1$.")]),
    ], appendix: [("Derivations", [.equation(#"q = r^2"#, number: "7")])])

    @Test(arguments: [
        ("1", EquationRole.Role.background),
        ("2", .background),
        ("3", .core),
        ("4", .core),
        ("5", .theory),
        ("6", .theory),
        ("7", .theory),
    ])
    func roles(_ number: String, _ role: EquationRole.Role) throws {
        let e = try #require(CoreAnalyzer().analyze(Self.boxless).equations.first { $0.number == number })
        #expect(e.role == role, "\(e.latex): \(e.reason)")
        #expect(!e.reason.isEmpty)
        #expect(e.parsed)
    }

    @Test func experimentsCitationIsAReason() throws {
        let e = try #require(CoreAnalyzer().analyze(Self.boxless).equations.first { $0.number == "4" })
        #expect(e.reason.contains("cited by the experiments"))
        #expect(e.plain == "theta -= eta * m")
        #expect(e.defines == ["theta"])
    }

    @Test func boxlessPaperGetsAFlowInsideTheLoop() throws {
        let core = CoreAnalyzer().analyze(Self.boxless)
        let flow = try #require(core.flow)
        #expect(flow.hasPrefix("flowchart TD"))
        #expect(flow.contains("subgraph loop"))
        #expect(flow.contains("-->|m|"), "m feeds the parameter update:\n\(flow)")
        #expect(core.audit.contains { $0.equation != nil && $0.plain.hasPrefix("m = beta * m") })
    }

    @Test func parenthesisedNumbersAreCitations() {
        #expect(CoreAnalyzer.parenthesisedNumbers("Compute agent actor loss, summing (3) and (8)") == ["3", "8"])
        #expect(CoreAnalyzer.parenthesisedNumbers("Solve the problem in Equation (5).") == ["5", "5"])
        #expect(CoreAnalyzer.parenthesisedNumbers("see Eq. 6 of the paper") == ["6"])
    }
}
