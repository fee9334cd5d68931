import Foundation
import PaperModel
import Readers
import Analyzers
import Writers

/// The one entry point the CLI and tests use: read any input into the Paper model, run the
/// analyzers, and render the result.
public enum Pipeline {
    /// Reads a file, folder, archive or "-" (standard input) with the reader its content calls for.
    public static func read(path: String, limits: ReaderLimits = .default) throws(InputError) -> ReadResult {
        let input = try InputLoader.load(path: path, limits: limits)
        return try read(input, limits: limits)
    }

    public static func read(_ input: PaperInput, limits: ReaderLimits = .default) throws(InputError) -> ReadResult {
        switch input {
        case .latex(let tree):
            return try LaTeXReader(limits: limits).read(tree)
        case .text(let name, let text):
            return PlainTextReader().read(name: name, text: text)
        case .pdf(let name, let path, let data):
            return try PDFReader(limits: limits).read(name: name, path: path, data: data)
        case .html(let name, let text):
            return HTMLReader(limits: limits).read(name: name, text: text)
        }
    }

    /// Starts loading the analyzers' catalogues and rules on another thread and returns at once:
    /// a one-paper run reads its paper meanwhile, and an analyzer that needs a catalogue still
    /// being built waits for it.
    public static func prepareAnalysis() {
        DispatchQueue.global(qos: .userInitiated).async { Analyzers.loadResources() }
    }

    /// Read and analyze.
    public static func deconstruct(path: String, limits: ReaderLimits = .default,
                                   hardware: UserHardware? = nil) throws(InputError) -> Deconstruction {
        prepareAnalysis()
        let result = try read(path: path, limits: limits)
        return analyze(result, hardware: hardware)
    }

    /// Runs every analyzer on a paper; `hardware` is the user's, for the feasibility verdict.
    public static func analyze(_ result: ReadResult, hardware: UserHardware? = nil) -> Deconstruction {
        analyze(result, hardware: hardware, timed: false).deconstruction
    }

    /// Runs every analyzer on a paper and records each stage's wall time.
    ///
    /// The analyzers depend only on the paper, except that claims, proposals, datasets and
    /// hardware read the text units, so they run as jobs on every core (``Concurrently``): the
    /// text units first, then the core algorithm and the hyperparameters (the long jobs; the
    /// core's display equations are parsed by a job of their own into the memo the core reads),
    /// then the four readers of the text units, which wait for the units if need be. Feasibility
    /// and the TL;DR read what those found and run after them. Stages come back in one fixed order.
    public static func analyze(_ result: ReadResult, hardware: UserHardware? = nil,
                               timed: Bool) -> (deconstruction: Deconstruction, stages: StageTimer) {
        let paper = result.paper
        let units = Handoff<[TextUnit]>()
        let formulas = MathMemo()
        let results = JobResults<(Finding, StageTimer)>(count: Job.allCases.count)
        Concurrently.perform(Job.allCases.count) { index in
            let job = Job(rawValue: index)!
            var timer = StageTimer(enabled: timed)
            let finding: Finding = timer.measure(job.stage) {
                switch job {
                case .textUnits:
                    units.put(paper.textUnits())
                    return .none
                case .core: return .core(CoreAnalyzer().analyze(paper, memo: formulas))
                case .equations:
                    formulas.parseEquations(of: paper)
                    return .none
                case .hyperparameters: return .hyperparameters(HyperparameterExtractor().extract(from: paper))
                case .claims: return .claims(ClaimAnalyzer().analyze(units.take()))
                case .proposals: return .proposals(ProposalAnalyzer().analyze(units.take()))
                case .datasets: return .datasets(DatasetAnalyzer().analyze(units.take()))
                case .hardware: return .hardware(HardwareAnalyzer().analyze(units.take()))
                }
            }
            results[index] = (finding, timer)
        }
        var d = Deconstruction(paper: paper, diagnostics: result.diagnostics,
                               generator: "deconstruct \(DeconstructVersion.tool)")
        var timer = StageTimer(enabled: timed)
        for job in Job.reportOrder {
            let (finding, stages) = results[job.rawValue]!
            timer.append(stages)
            switch finding {
            case .none: break
            case .core(let core):
                d.algorithms = core.algorithms
                d.equations = core.equations
                d.glossary = core.glossary
                d.audit = core.audit
                d.traps = core.traps
                d.flow = core.flow
            case .hyperparameters(let found): d.hyperparameters = found
            case .claims(let found): d.claims = found
            case .proposals(let found): d.proposals = found
            case .datasets(let found): d.datasets = found
            case .hardware(let found): d.hardware = found
            }
        }
        d.feasibility = timer.measure("feasibility") {
            FeasibilityAnalyzer().analyze(hardware: d.hardware, hyperparameters: d.hyperparameters,
                                          datasets: d.datasets, user: hardware, title: paper.metadata.title ?? "")
        }
        d.tldr = timer.measure("tldr") { TLDR.summarize(d) }
        return (d, timer)
    }

    /// The analysis jobs, in the order workers take them: the text units first (four jobs
    /// wait for them), then the core, then the parsing of the display equations (for the core,
    /// which is the longest job: it finds them parsed), the hyperparameters, and the short jobs
    /// that fill the gaps.
    private enum Job: Int, CaseIterable {
        case textUnits, core, equations, hyperparameters, claims, proposals, datasets, hardware

        /// The order of the stages in `bench --stages`.
        static let reportOrder: [Job] = [.textUnits, .claims, .proposals, .datasets, .hardware, .hyperparameters,
                                         .equations, .core]

        var stage: String {
            switch self {
            case .textUnits: "text units"
            case .core: "core"
            case .equations: "display math"
            case .hyperparameters: "hyperparameters"
            case .claims: "claims"
            case .proposals: "proposals"
            case .datasets: "datasets"
            case .hardware: "hardware"
            }
        }
    }

    /// What one job found.
    private enum Finding: Sendable {
        case none
        case core(CoreAnalysis)
        case hyperparameters([HyperparameterFinding])
        case claims([ClaimFinding])
        case proposals([ProposalFinding])
        case datasets([DatasetFinding])
        case hardware([HardwareFinding])
    }

    /// Renders a deconstruction in a format.
    public static func render(_ d: Deconstruction, format: OutputFormat, style: TextStyle = .plain,
                              all: Bool = false) throws -> String {
        switch format {
        case .text: TextWriter.write(d, style: style, all: all)
        case .markdown: MarkdownWriter.write(d)
        case .json: try JSONWriter.write(d)
        case .html: HTMLWriter.write(d)
        }
    }
}
