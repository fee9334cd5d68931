import Foundation
import Testing
import Analyzers
import PaperModel
@testable import DeconstructKit
@testable import Writers

@Suite struct ResultsTableTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// The bundled example against a results file of our own: every row of the file appears, as
    /// a comparison or with the reason it was not compared.
    @Test func exampleAgainstAResultsFile() throws {
        let card = try Pipeline.deconstruct(path: Self.root + "/Examples/lookahead-momentum")
        let results = try ResultsFile.parse("""
            metric,value,dataset
            top-1 accuracy,0.928,CIFAR10
            perplexity,55.2,PTB
            robustness,12,CIFAR-10
            """, file: "mine.csv")
        let report = ResultsCheck().check(results, claims: card.claims)
        let text = ResultsTable.render(report)
        if ProcessInfo.processInfo.environment["DECONSTRUCT_SHOW"] == "1" { print(text) }
        let lines = text.split(separator: "\n").map(String.init)
        let header = try #require(lines.first)
        for column in ["claim", "metric", "dataset", "paper", "yours", "difference", "verdict"] {
            #expect(header.contains(column))
        }
        let accuracy = try #require(lines.first { $0.contains("accuracy") && $0.contains("92.8%") })
        #expect(accuracy.contains("93.1%"))
        #expect(accuracy.contains("-0.3 pt"))
        #expect(accuracy.contains("matches"))
        let perplexity = try #require(lines.first { $0.contains("perplexity") && $0.contains("55.2") })
        #expect(perplexity.contains("58.7"))
        #expect(perplexity.contains("below, better"))
        #expect(lines.contains { $0.contains("mine.csv:4") && $0.contains("unknown metric") })
    }

    @Test func emptyComparisonSaysSo() {
        let r = MeasuredResult(metric: "BLEU", value: 27, file: "x.csv", line: 2)
        let text = ResultsTable.render(ResultsReport(unmatched: [UnmatchedResult(result: r, reason: .noClaim, metric: "BLEU")]))
        #expect(text.hasPrefix("No result could be compared"))
        #expect(text.contains("x.csv:2  \"BLEU\" = 27: no claim states BLEU"))
    }
}
