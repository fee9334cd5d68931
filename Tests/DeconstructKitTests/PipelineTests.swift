import Testing
import Analyzers
import Readers
@testable import DeconstructKit

/// The pipeline runs its analyzer groups on several threads; the result must be the one the
/// analyzers give when called one after another, and the same on every run.
@Suite struct PipelineTests {
    static let papers = ["lookahead-momentum", "adam-algorithm.tex", "plain-paragraph.txt"]

    @Test(arguments: papers)
    func concurrentAnalysisEqualsSequential(_ name: String) throws {
        let result = try Pipeline.read(path: CommandPaths.example(name))
        let d = Pipeline.analyze(result)
        let paper = result.paper
        let units = paper.textUnits()
        #expect(d.hyperparameters == HyperparameterExtractor().extract(from: paper))
        #expect(d.claims == ClaimAnalyzer().analyze(units))
        #expect(d.proposals == ProposalAnalyzer().analyze(units))
        #expect(d.datasets == DatasetAnalyzer().analyze(units))
        #expect(d.hardware == HardwareAnalyzer().analyze(units))
        #expect(d.core == CoreAnalyzer().analyze(paper))
        // The examples state settings and have a core; an empty result would prove nothing.
        #expect(!d.hyperparameters.isEmpty)
    }

    @Test func repeatedRunsAgree() throws {
        let result = try Pipeline.read(path: CommandPaths.example("lookahead-momentum"))
        let first = Pipeline.analyze(result)
        for _ in 0..<5 {
            #expect(Pipeline.analyze(result) == first)
        }
    }

    /// Timed, the stages come back in one fixed order whatever thread finished first.
    @Test func stagesComeBackInFixedOrder() throws {
        let result = try Pipeline.read(path: CommandPaths.example("lookahead-momentum"))
        let (timedResult, timer) = Pipeline.analyze(result, timed: true)
        #expect(timer.stages.map(\.name) == ["text units", "claims", "proposals", "datasets", "hardware",
                                             "hyperparameters", "display math", "core", "feasibility", "tldr"])
        #expect(timer.stages.allSatisfy { $0.milliseconds >= 0 })
        #expect(timedResult == Pipeline.analyze(result))
        let (_, untimed) = Pipeline.analyze(result, timed: false)
        #expect(untimed.stages.isEmpty)
    }
}
