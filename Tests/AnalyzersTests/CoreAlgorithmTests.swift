import Testing
import Foundation
import PaperModel
@testable import Analyzers

/// The two optimizer boxes the issue names: our example paper's Dam (Algorithm 1) and our Adam
/// fixture (`Examples/adam-algorithm.tex`, uppercase `algorithmic`).
@Suite struct CoreAlgorithmTests {
    static let examples = ["lookahead-momentum", "adam-algorithm.tex"]

    static func core(_ example: String) throws -> CoreAnalysis {
        CoreAnalyzer().analyze(try CoreTestSupport.example(example))
    }

    @Test func goldenIRForTheExamplePaper() throws {
        let core = try Self.core("lookahead-momentum")
        let dump = core.algorithms.map(\.dump).joined(separator: "\n")
        let (expected, actual) = try CoreTestSupport.golden("lookahead-momentum.ir.txt", dump)
        #expect(actual == expected, "re-record with DECONSTRUCT_RECORD=1 and review the diff")
    }

    @Test func goldenIRForAdamFixture() throws {
        let core = try Self.core("adam-algorithm.tex")
        let dump = core.algorithms.map(\.dump).joined(separator: "\n")
        let (expected, actual) = try CoreTestSupport.golden("adam-algorithm.ir.txt", dump)
        #expect(actual == expected, "re-record with DECONSTRUCT_RECORD=1 and review the diff")
    }

    @Test(arguments: examples)
    func alphaIsNamedStepSizeFromThePapersWords(_ example: String) throws {
        let core = try Self.core(example)
        let alpha = try #require(core.entry("alpha"))
        #expect(alpha.name == "step_size")
        #expect(alpha.nameFromMeaning)
        #expect(alpha.source == .declaration)
        #expect(alpha.value == "0.001")
        let ir = try #require(core.algorithms.first)
        #expect(ir.steps.contains { $0.plain == "step_size = 0.001" })
    }

    @Test(arguments: examples)
    func firstMomentIsOneVariableUpdatedInPlace(_ example: String) throws {
        let ir = try #require(try Self.core(example).algorithms.first)
        let update = try #require(ir.steps.first { $0.assignments.first?.targetKey == "m" && $0.depth == 1 })
        #expect(update.plain.hasPrefix("m = beta1 * m + (1 - beta1) * "))
        #expect(update.assignments[0].inPlace)
        #expect(ir.stateVariables.map(\.key).contains("m"))
        #expect(Set(ir.stateVariables.map(\.name)).isSuperset(of: ["m", "v", "t", "theta"]))
        #expect(!ir.stateVariables.map(\.key).contains("hat(m)"), "m̂ is recomputed each step, not carried")
    }

    @Test(arguments: examples)
    func betaToTheTIsAPower(_ example: String) throws {
        let core = try Self.core(example)
        let ir = try #require(core.algorithms.first)
        #expect(ir.steps.contains { $0.plain == "m_hat = m / (1 - beta1 ** t)" })
        #expect(ir.steps.contains { $0.plain == "v_hat = v / (1 - beta2 ** t)" })
        #expect(core.traps.contains { $0.kind == .powerNotIndex && $0.message.hasPrefix("beta_1^t is beta_1 to the power t") })
    }

    @Test(arguments: examples)
    func elementwiseIsFlagged(_ example: String) throws {
        let core = try Self.core(example)
        #expect(core.algorithms.first?.elementwise == true)
        #expect(core.traps.contains { $0.kind == .elementwise })
        #expect(core.traps.contains { $0.kind == .elementwiseSquare && ($0.symbol ?? "").contains("g") })
    }

    @Test(arguments: examples)
    func parameterUpdateIsInPlaceSubtraction(_ example: String) throws {
        let ir = try #require(try Self.core(example).algorithms.first)
        let update = try #require(ir.steps.last { $0.assignments.first?.targetKey == "theta" })
        #expect(update.plain.hasPrefix("theta -= step_size * m_hat / (sqrt(v_hat) + eps"))
        #expect(ir.steps.last?.plain == "return theta")
        #expect(ir.steps.contains { $0.plain == "while not converged:" && $0.loop?.untilConverged == true })
        #expect(ir.steps.contains { $0.plain == "t += 1" })
    }

    @Test func everyLineOfTheExampleBoxIsAStep() throws {
        let paper = try CoreTestSupport.example("lookahead-momentum")
        let box = try #require(paper.algorithms.first)
        let ir = try #require(CoreAnalyzer().analyze(paper).algorithms.first)
        #expect(ir.steps.count == box.lines.count)
        #expect(ir.steps.map(\.line) == Array(box.lines.indices))
        #expect(ir.caption == box.caption && ir.label == "alg:dam" && ir.number == "1" && ir.span == box.span)
        #expect(ir.steps.allSatisfy { $0.form != .partialMath })
        #expect(ir.inputs.map(\.symbol).contains("\\lambda"))
        #expect(ir.inputs.first { $0.key == "lambda" }?.value == "0.1")
    }

    @Test func theExamplePapersEquationsHaveRoles() throws {
        let core = try Self.core("lookahead-momentum")
        let roles = Dictionary(uniqueKeysWithValues: core.equations.map { ($0.number ?? $0.id, $0.role) })
        #expect(roles["1"] == .core)
        #expect(roles["2"] == .core)
        #expect(roles["3"] == .theory)
        let bound = try #require(core.equations.first { $0.number == "3" })
        #expect(bound.reason.contains("theorem"))
        let update = try #require(core.equations.first { $0.number == "2" })
        #expect(update.reason.contains("Algorithm 1"))
        #expect(update.plain?.hasPrefix("theta -= step_size") == true)
        #expect(core.flow == nil, "a paper with a box needs no flow")
    }
}
