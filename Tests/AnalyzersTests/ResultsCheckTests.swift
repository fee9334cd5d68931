import Foundation
import Testing
import PaperModel
@testable import Analyzers

/// A claim as the card holds it.
func claim(_ text: String, line: Int = 1, source: String = "abstract") -> ClaimFinding {
    ClaimFinding(text: text, source: source, evidence: Evidence(span: SourceSpan(file: "p.tex", line: line, column: 1), text: text),
                 confidence: 0.8)
}

@Suite struct ResultsFileTests {
    @Test func jsonArrayAndObjectForms() throws {
        let array = try ResultsFile.parse("""
            [
              {"metric": "accuracy", "value": 92.8, "dataset": "CIFAR-10"},
              {"metric": "perplexity", "value": "59.3"}
            ]
            """, file: "r.json")
        #expect(array.count == 2)
        #expect(array[0].metric == "accuracy" && array[0].value == 92.8 && array[0].dataset == "CIFAR-10")
        #expect(array[1].value == 59.3 && array[1].dataset == nil)
        #expect(array[1].line == 3, "each result knows its line")
        let object = try ResultsFile.parse(#"{"results": [{"metric": "BLEU", "value": 27.9, "dataset": null}]}"#)
        #expect(object.map(\.metric) == ["BLEU"])
    }

    @Test func csvWithHeaderInAnyOrderQuotesAndComments() throws {
        let rows = try ResultsFile.parse("""
            # my runs
            dataset,value,metric,notes
            CIFAR10,93.0%,top-1 accuracy,"seed 1, 2 and 3"

            "Penn Treebank, test",58.9,perplexity,
            ,0.5,loss,
            """, file: "r.csv")
        #expect(rows.count == 3)
        #expect(rows[0].metric == "top-1 accuracy" && rows[0].value == 93 && rows[0].isPercent && rows[0].dataset == "CIFAR10")
        #expect(rows[0].line == 3)
        #expect(rows[1].dataset == "Penn Treebank, test" && rows[1].line == 5)
        #expect(rows[2].dataset == nil)
    }

    @Test func datasetColumnIsOptional() throws {
        let rows = try ResultsFile.parse("metric,value\naccuracy,91.5\n")
        #expect(rows.first?.dataset == nil)
        #expect(rows.first?.value == 91.5)
    }

    /// Malformed files fail with the file and the line of the problem.
    @Test(arguments: [
        ("metric,value\naccuracy,91.5\nperplexity,abc\n", "r.csv", 3, "not a number"),
        ("name,score\nacc,1\n", "r.csv", 1, "metric and value"),
        ("metric,value\n\"accuracy,91.5\n", "r.csv", 2, "not closed"),
        ("[\n {\"metric\": \"accuracy\", \"value\": 91.5},\n {\"metric\": \"BLEU\"}\n]", "r.json", 3, "no \"value\""),
        ("[\n {\"metric\": \"accuracy\", \"value\": 91.5}\n {\"metric\": \"BLEU\", \"value\": 3}\n]", "r.json", 3, "expected ','"),
        ("[\n {\"metric\": \"accuracy\", \"value\": true}\n]", "r.json", 2, "must be a number"),
        ("{\"runs\": []}", "r.json", 1, "\"results\""),
        ("[\n  3\n]", "r.json", 2, "must be an object"),
        ("   \n", "r.csv", 0, "empty"),
        // Nesting deeper than the parser's cap is an error, not a stack overflow.
        (String(repeating: "[", count: 100_000), "r.json", 1, "nested deeper"),
    ])
    func malformedFilesNameTheLine(text: String, file: String, line: Int, message: String) {
        do {
            _ = try ResultsFile.parse(text, file: file)
            Issue.record("no error for \(text)")
        } catch {
            #expect(error.file == file)
            #expect(error.line == line, "\(error)")
            #expect(error.message.contains(message), "\(error)")
            #expect(error.description.hasPrefix(line > 0 ? "\(file):\(line): " : "\(file): "))
        }
    }

    @Test func missingFileIsAnError() {
        #expect(throws: ResultsFileError.self) { try ResultsFile.read(path: "/nonexistent/results.csv") }
    }
}

@Suite struct ClaimMeasurementTests {
    let reader = ClaimMeasurementReader()

    @Test func numbersPairWithTheirMetricAndDataset() {
        let c = claim("Foo reaches 93.1% test accuracy on CIFAR-10, 1.4 points above Adam, and lowers test perplexity on Penn Treebank from 60.9 to 58.7.")
        let ms = reader.measurements(in: c)
        #expect(ms.map(\.metric.name) == ["accuracy", "perplexity"])
        #expect(ms.map(\.value) == [93.1, 58.7])
        #expect(ms.map(\.dataset) == ["CIFAR-10", "Penn Treebank"])
        #expect(ms[0].isPercent && !ms[1].isPercent)
    }

    @Test(arguments: [
        ("Our model achieves 28.4 BLEU on the WMT 2014 English-to-German task, improving over the best results by over 2 BLEU.", "BLEU", 28.4),
        ("It obtains a top-1 accuracy of 76.5% on ImageNet.", "accuracy", 76.5),
        ("The sampler reaches an FID of 2.13 with 8 GPUs.", "FID", 2.13),
        ("We reduce the test error rate from 5.1% to 4.2%.", "error rate", 4.2),
    ])
    func oneMeasurement(text: String, metric: String, value: Double) {
        let ms = reader.measurements(in: claim(text))
        #expect(ms.count == 1, "\(ms.map { ($0.metric.name, $0.value) })")
        #expect(ms.first?.metric.name == metric)
        #expect(ms.first?.value == value)
    }

    @Test(arguments: [
        "Training is 3× faster than with Adam in 2023 experiments.",
        "We improve accuracy by 2.1 points over the baseline.",
        "Our method uses 8 GPUs and converges in 40 epochs.",
        "We propose Foo, a method for fast training.",
    ])
    func noMeasurement(text: String) {
        #expect(reader.measurements(in: claim(text)).isEmpty)
    }
}

@Suite struct ResultsCheckTests {
    let claims = [
        claim("Foo reaches 93.1% test accuracy on CIFAR-10 and lowers test perplexity on Penn Treebank from 60.9 to 58.7.", line: 3),
        claim("We propose Foo, a method for fast training.", line: 2),
        claim("Foo achieves 28.4 BLEU on WMT 2014 English-German.", line: 5, source: "conclusion"),
    ]

    func result(_ metric: String, _ value: Double, percent: Bool = false, dataset: String? = nil, line: Int = 2) -> MeasuredResult {
        MeasuredResult(metric: metric, value: value, isPercent: percent, dataset: dataset, file: "r.csv", line: line)
    }

    @Test func namesAreComparedByTheirCatalogueNames() throws {
        let report = ResultsCheck().check([result("Top-1 Accuracy", 93.0, percent: true, dataset: "CIFAR10")], claims: claims)
        let c = try #require(report.comparisons.first)
        #expect(c.metric == "accuracy")
        #expect(c.dataset == "CIFAR-10")
        #expect(c.paperValue == 93.1 && c.userValue == 93.0)
        #expect(c.difference == -0.1)
        #expect(c.verdict == .matches)
        #expect(report.unmatched.isEmpty)
    }

    @Test func fractionsAndPercentagesAreOneScale() throws {
        let c = try #require(ResultsCheck().check([result("accuracy", 0.925, dataset: "CIFAR-10")], claims: claims).comparisons.first)
        #expect(c.userValue == 92.5)
        #expect(c.isPercent)
        #expect(c.verdict == .below)
        #expect(c.isBetter == false)
    }

    /// For a lower-is-better metric a lower value is better, and the relative difference is given.
    @Test func directionComesFromTheMetric() throws {
        let report = ResultsCheck().check([result("PPL", 55.0, dataset: "PTB"), result("ppl", 70.0)], claims: claims)
        #expect(report.comparisons.count == 2)
        let lower = report.comparisons[0]
        #expect(lower.better == .lower)
        #expect(lower.verdict == .below && lower.isBetter == true)
        #expect(lower.difference == -3.7)
        #expect(abs((lower.relativeDifference ?? 0) + 3.7 / 58.7) < 1e-12)
        #expect(report.comparisons[1].verdict == .above && report.comparisons[1].isBetter == false)
    }

    @Test func unknownMetricsAndMissingClaimsAreReported() {
        let report = ResultsCheck().check([result("robustness score", 51.2, line: 4),
                                           result("BLEU", 27.0, dataset: "WMT 2016 English-Romanian", line: 5),
                                           result("FID", 3.1, line: 6)], claims: claims)
        #expect(report.comparisons.isEmpty)
        #expect(report.unmatched.map(\.reason) == [.unknownMetric, .noClaim, .noClaim])
        #expect(report.unmatched.map(\.result.line) == [4, 5, 6])
        #expect(!report.allMatch)
    }

    @Test func claimsWithoutAResultAreUnchecked() {
        let report = ResultsCheck().check([result("BLEU", 28.3)], claims: claims)
        #expect(report.comparisons.map(\.verdict) == [.matches])
        #expect(report.unchecked.map(\.claim.evidence.span.line) == [3])
        #expect(report.unchecked.first?.measurements.count == 2)
        #expect(report.qualitative.map(\.evidence.span.line) == [2])
    }

    /// A number the abstract and the conclusion both state is compared once.
    @Test func repeatedClaimsCompareOnce() {
        let repeated = claims + [claim("In short, Foo reaches 93.1% accuracy on CIFAR-10.", line: 9, source: "conclusion")]
        let report = ResultsCheck().check([result("accuracy", 93.1, percent: true)], claims: repeated)
        #expect(report.comparisons.count == 1)
        #expect(!report.unchecked.contains { $0.claim.evidence.span.line == 9 })
        #expect(report.comparisons.first?.verdict == .matches)
    }

    @Test func toleranceComesFromTheCatalogue() throws {
        let catalog = MetricCatalog(metrics: [MetricCatalog.Metric(name: "accuracy", better: .higher, percent: true,
                                                                  tolerance: .init(absolute: 0.05))])
        let report = ResultsCheck(metrics: catalog).check([result("accuracy", 93.0, percent: true)], claims: claims)
        #expect(report.comparisons.first?.verdict == .below)
        #expect(report.comparisons.first?.tolerance == 0.05)
    }

    @Test func checkReadsAFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("results-\(UUID().uuidString).csv")
        try "metric,value,dataset\naccuracy,93.4%,CIFAR-10\nmystery,1,\n".write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        let report = try ResultsCheck().check(file: url.path, claims: claims)
        #expect(report.comparisons.first?.verdict == .matches)
        #expect(report.unmatched.first?.result.location == "\(url.path):3")
    }

    @Test func everyMetricHasADistinctSpelling() {
        var seen: [String: String] = [:]
        for m in MetricCatalog.shared.metrics {
            for s in [m.name] + m.aliases + m.exactAliases {
                let k = MetricCatalog.key(s)
                #expect(seen[k] == nil || seen[k] == m.name, "\(s) names \(seen[k] ?? "") and \(m.name)")
                seen[k] = m.name
            }
        }
    }
}
