import Foundation
import Testing
import Readers
@testable import DeconstructKit

// The corpus papers that come both as LaTeX sources and as the PDF compiled from them
// (`has_pdf` = yes in ../shared/corpus/MANIFEST.tsv): the PDF's card scored against the LaTeX
// card by CardAgreement, as `deconstruct compare SRC PDF` prints it. Skipped, saying why, when
// the corpus or pdftotext is missing. The floors sit just under the figures measured when
// they were set (docs/SCORES.md), so that a regression of the PDF reader shows.

@Suite struct PDFAgreementTests {
    static let corpus: String = CardCorpusScoreTests.corpus

    /// Slugs with `has_pdf` = yes, LaTeX sources and a PDF.
    static var pairs: [String] {
        guard let text = try? String(contentsOfFile: corpus + "/MANIFEST.tsv", encoding: .utf8) else { return [] }
        let rows = text.split(separator: "\n").map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        guard let header = rows.first, let slugAt = header.firstIndex(of: "slug"), let pdfAt = header.firstIndex(of: "has_pdf") else { return [] }
        let fm = FileManager.default
        return rows.dropFirst().filter { $0.count > max(slugAt, pdfAt) && $0[pdfAt] == "yes" }.map { $0[slugAt] }
            .filter { fm.fileExists(atPath: "\(corpus)/\($0)/src") && fm.fileExists(atPath: "\(corpus)/\($0)/paper.pdf") }
    }

    static var available: Bool {
        let ok = !pairs.isEmpty && PDFToolCheck.present
        if !ok { print("PDFAgreementTests skipped: no LaTeX+PDF pairs under \(corpus) or no pdftotext") }
        return ok
    }

    @Test(.enabled(if: available, "the corpus papers with LaTeX and PDF, and pdftotext, are needed"))
    func pdfCardAgreesWithLaTeXCard() throws {
        var all: [CardAgreement] = []
        for slug in Self.pairs {
            let latex = try Pipeline.deconstruct(path: "\(Self.corpus)/\(slug)/src")
            let pdf = try Pipeline.deconstruct(path: "\(Self.corpus)/\(slug)/paper.pdf")
            let a = CardAgreement.compare(reference: latex, candidate: pdf)
            print("PDF vs LaTeX, \(slug):\n\(a.table)\(a.differences)")
            all.append(a)
        }
        let total = CardAgreement.total(all)
        print("PDF vs LaTeX, \(all.count) papers:\n\(total.table)")
        #expect(all.count >= 3, "LaTeX+PDF pairs found: \(all.count)")
        #expect(total.hyperparameters.f1 >= 0.90, "hyperparameter agreement \(total.hyperparameters.f1)")
        #expect(total.datasets.f1 >= 0.85, "dataset agreement \(total.datasets.f1)")
        #expect(total.sections.f1 >= 0.95, "section agreement \(total.sections.f1)")
    }

    @Test func agreementCountsMatchesOneToOne() {
        let s = CardAgreement.score(["a", "b", "b", "c"], ["b", "a", "d"], same: ==, show: { $0 })
        #expect(s.matched == 2)
        #expect(s.missing == ["b", "c"])
        #expect(s.extra == ["d"])
        #expect(abs(s.f1 - 2 * (2.0 / 3) * 0.5 / (2.0 / 3 + 0.5)) < 1e-9)
        #expect(CardAgreement.normalize("3.1  Learning-Rate: Setup") == "3 1 learning rate setup")
    }
}

/// Whether pdftotext is on the PATH.
enum PDFToolCheck {
    static var present: Bool {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
            .contains { FileManager.default.isExecutableFile(atPath: "\($0)/pdftotext") }
    }
}
