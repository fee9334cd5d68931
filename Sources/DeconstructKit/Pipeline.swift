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
    /// Three groups of analyzers depend only on the paper, so they run at the same time: the
    /// core algorithm (steps 2–3), the hyperparameters, and the analyzers that read the paper's
    /// text units (claims, proposals, datasets, hardware). Feasibility and the TL;DR read what
    /// those found and run after them. The stages come back in that fixed order.
    public static func analyze(_ result: ReadResult, hardware: UserHardware? = nil,
                               timed: Bool) -> (deconstruction: Deconstruction, stages: StageTimer) {
        let paper = result.paper
        let (core, hyper, card) = Concurrently.run(
            { () -> (CoreAnalysis, StageTimer) in
                var timer = StageTimer(enabled: timed)
                return (timer.measure("core") { CoreAnalyzer().analyze(paper) }, timer)
            },
            { () -> ([HyperparameterFinding], StageTimer) in
                var timer = StageTimer(enabled: timed)
                return (timer.measure("hyperparameters") { HyperparameterExtractor().extract(from: paper) }, timer)
            },
            { () -> (TextFindings, StageTimer) in
                var timer = StageTimer(enabled: timed)
                let units = timer.measure("text units") { paper.textUnits() }
                let findings = TextFindings(
                    claims: timer.measure("claims") { ClaimAnalyzer().analyze(units) },
                    proposals: timer.measure("proposals") { ProposalAnalyzer().analyze(units) },
                    datasets: timer.measure("datasets") { DatasetAnalyzer().analyze(units) },
                    hardware: timer.measure("hardware") { HardwareAnalyzer().analyze(units) })
                return (findings, timer)
            })
        var timer = StageTimer(enabled: timed)
        timer.append(card.1)
        timer.append(hyper.1)
        timer.append(core.1)
        var d = Deconstruction(paper: paper, diagnostics: result.diagnostics,
                               generator: "deconstruct \(DeconstructVersion.tool)")
        d.hyperparameters = hyper.0
        d.claims = card.0.claims
        d.proposals = card.0.proposals
        d.datasets = card.0.datasets
        d.hardware = card.0.hardware
        d.algorithms = core.0.algorithms
        d.equations = core.0.equations
        d.glossary = core.0.glossary
        d.audit = core.0.audit
        d.traps = core.0.traps
        d.flow = core.0.flow
        d.feasibility = timer.measure("feasibility") {
            FeasibilityAnalyzer().analyze(hardware: d.hardware, hyperparameters: d.hyperparameters,
                                          datasets: d.datasets, user: hardware)
        }
        d.tldr = timer.measure("tldr") { TLDR.summarize(d) }
        return (d, timer)
    }

    /// What the analyzers of the text units found.
    private struct TextFindings: Sendable {
        var claims: [ClaimFinding]
        var proposals: [ProposalFinding]
        var datasets: [DatasetFinding]
        var hardware: [HardwareFinding]
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
