import ArgumentParser
import DeconstructKit
import Foundation
import Analyzers
import PaperModel

/// `deconstruct compare A B`: how far the cards of two versions of one paper agree.
struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare the cards of two versions of one paper (e.g. its LaTeX sources and its PDF).",
        discussion: """
        REFERENCE is read as the truth (usually the LaTeX sources) and CANDIDATE is scored against \
        it: precision, recall and F1 of its hyperparameters (same setting, same value), datasets \
        and numbered section titles. Exits 0 whatever the agreement; --min-f1 makes it exit 3 \
        when a field falls below.
        """
    )

    @Argument(help: "The reference version of the paper (e.g. the LaTeX folder or e-print).")
    var reference: String

    @Argument(help: "The candidate version of the same paper (e.g. its PDF or arXiv HTML).")
    var candidate: String

    @Flag(name: .shortAndLong, help: "Also list what each side has that the other lacks.")
    var verbose = false

    @Option(help: "Exit with status 3 when any field's F1 is below this (0…1).")
    var minF1: Double?

    func run() throws {
        let a = try deconstruct(reference)
        let b = try deconstruct(candidate)
        let agreement = CardAgreement.compare(reference: a, candidate: b)
        var text = "reference: \(reference) (\(a.paper.source.kind.rawValue))\n"
            + "candidate: \(candidate) (\(b.paper.source.kind.rawValue))\n\n" + agreement.table
        if verbose, !agreement.differences.isEmpty { text += "\n" + agreement.differences }
        try Terminal.emit(text, to: nil)
        let lowest = min(agreement.hyperparameters.f1, agreement.datasets.f1, agreement.sections.f1)
        if let minF1, lowest < minF1 { throw ExitCode(3) }
    }

    func deconstruct(_ path: String) throws -> Deconstruction {
        do {
            return try Pipeline.deconstruct(path: path)
        } catch {
            Terminal.error(error.description)
            throw ExitCode(1)
        }
    }
}
