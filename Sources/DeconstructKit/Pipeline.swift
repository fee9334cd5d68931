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

    /// Read and analyze.
    public static func deconstruct(path: String, limits: ReaderLimits = .default,
                                   hardware: UserHardware? = nil) throws(InputError) -> Deconstruction {
        let result = try read(path: path, limits: limits)
        return analyze(result, hardware: hardware)
    }

    /// Runs every analyzer on a paper; `hardware` is the user's, for the feasibility verdict.
    /// With a `timer`, each stage's time is recorded in it.
    public static func analyze(_ result: ReadResult, hardware: UserHardware? = nil,
                               timer: StageTimer? = nil) -> Deconstruction {
        func stage<T>(_ name: String, _ body: () -> T) -> T {
            timer.map { $0.measure(name, body) } ?? body()
        }
        var d = Deconstruction(paper: result.paper, diagnostics: result.diagnostics,
                               generator: "deconstruct \(DeconstructVersion.tool)")
        let units = stage("text units") { result.paper.textUnits() }
        d.hyperparameters = stage("hyperparameters") { HyperparameterExtractor().extract(from: result.paper) }
        d.claims = stage("claims") { ClaimAnalyzer().analyze(units) }
        d.proposals = stage("proposals") { ProposalAnalyzer().analyze(units) }
        d.datasets = stage("datasets") { DatasetAnalyzer().analyze(units) }
        d.hardware = stage("hardware") { HardwareAnalyzer().analyze(units) }
        let core = stage("core") { CoreAnalyzer().analyze(result.paper) }
        d.algorithms = core.algorithms
        d.equations = core.equations
        d.glossary = core.glossary
        d.audit = core.audit
        d.traps = core.traps
        d.flow = core.flow
        d.feasibility = stage("feasibility") {
            FeasibilityAnalyzer().analyze(hardware: d.hardware, hyperparameters: d.hyperparameters,
                                          datasets: d.datasets, user: hardware)
        }
        d.tldr = stage("tldr") { TLDR.summarize(d) }
        return d
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
