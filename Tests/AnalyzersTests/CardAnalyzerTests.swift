import Foundation
import Testing
import PaperModel
@testable import Analyzers

/// Builds a small paper from section titles and their sentences.
func makePaper(abstract: [String] = [], sections: [(String, [String])]) -> Paper {
    var line = 1
    func paragraph(_ sentences: [String], _ id: String) -> Paragraph {
        defer { line += 1 }
        let span = SourceSpan(file: "t.tex", line: line, column: 1)
        return Paragraph(id: id, text: sentences.joined(separator: " "),
                         sentences: sentences.map { Sentence(text: $0, span: span) }, span: span)
    }
    var paper = Paper(source: SourceInfo(kind: .latex, input: "t", mainFile: "t.tex"))
    if !abstract.isEmpty { paper.abstract = [paragraph(abstract, "a")] }
    for (i, (title, sentences)) in sections.enumerated() {
        paper.sections.append(Section(id: "s\(i)", title: title, number: String(i + 1), level: 1, starred: false,
                                      appendix: false, span: SourceSpan(file: "t.tex", line: line, column: 1),
                                      blocks: [.paragraph(paragraph(sentences, "p\(i)"))]))
    }
    return paper
}

@Suite struct DatasetAnalyzerTests {
    @Test func experimentsMentionCountsRelatedWorkAloneDoesNot() {
        let paper = makePaper(sections: [
            ("Related Work", ["Prior work evaluated on ImageNet and SVHN."]),
            ("Experiments", ["We train on CIFAR-10 and report accuracy."]),
        ])
        let names = DatasetAnalyzer().analyze(paper.textUnits()).map(\.name)
        #expect(names.contains("CIFAR-10"))
        #expect(!names.contains { $0.contains("ImageNet") })
        #expect(!names.contains("SVHN"))
    }

    /// A comparison table's first column names methods: a method called like a dataset alias
    /// ("Sketch") is not a dataset; the same word in a table of datasets is.
    @Test(arguments: [("Model", false), ("Dataset", true)])
    func methodColumnIsNotData(_ header: String, _ isData: Bool) {
        let span = SourceSpan(file: "t.tex", line: 9, column: 1)
        func row(_ cells: [String]) -> TableRow {
            TableRow(cells: cells.enumerated().map { TableCell(text: $0.element, column: $0.offset) }, span: span)
        }
        var paper = makePaper(sections: [("Experiments", ["We compare search strategies on ImageNet robustness benchmarks."])])
        let table = Table(id: "t1", caption: "Search time.", rows: [row([header, "Time"]), row(["Sketch", "274 sec"]), row(["Ours", "28 sec"])],
                          span: span)
        paper.sections[0].blocks.append(.table(table))
        let names = DatasetAnalyzer().analyze(paper.textUnits()).map(\.name)
        #expect(names.contains("ImageNet-Sketch") == isData)
    }

    /// A dataset named only inside a figure (a panel title) is found; a device in a legend is
    /// not a hardware setup.
    @Test func figureTextNamesDatasetsNotHardware() {
        var paper = makePaper(sections: [("Experiments", ["We visualize the learned features."])])
        let span = SourceSpan(file: "paper.pdf", line: 1, column: 1, page: 6)
        paper.sections[0].blocks.append(.figure(Figure(id: "fig1", caption: "Features most predictive of toxicity.", number: "5",
                                                       span: span, content: ["Fragments on SR-MMP", "8 V100 GPUs"])))
        let units = paper.textUnits()
        #expect(units.contains { $0.kind == .figureText && $0.context == "Figure 5" })
        #expect(DatasetAnalyzer().analyze(units).map(\.name).contains("SR-MMP"))
        #expect(HardwareAnalyzer().analyze(units).isEmpty)
    }

    @Test func evidencePointsToTheStrongestMention() throws {
        let paper = makePaper(sections: [
            ("Introduction", ["MNIST is a classic benchmark."]),
            ("Experimental Setup", ["We use MNIST with 60k training images."]),
        ])
        let mnist = try #require(DatasetAnalyzer().analyze(paper.textUnits()).first { $0.name == "MNIST" })
        #expect(mnist.evidence.context == "2 Experimental Setup")
        #expect(mnist.mentions == 2)
    }

    @Test func commonWordsAreNotDatasetsInProse() {
        let paper = makePaper(sections: [("Experiments", ["The concrete relaxation lowers the energy of the power estimate."])])
        #expect(DatasetAnalyzer().analyze(paper.textUnits()).isEmpty)
    }
}

@Suite struct HardwareAnalyzerTests {
    @Test func countDeviceAndDuration() throws {
        let paper = makePaper(sections: [("Setup", ["Training takes 3.5 days on 8 NVIDIA P100 GPUs."])])
        let h = try #require(HardwareAnalyzer().analyze(paper.textUnits()).first)
        #expect(h.count == 8)
        #expect(h.device.contains("P100"))
        #expect(h.hours == 84)
        #expect(h.deviceHours == 672)
        #expect(h.memoryGB == nil, "memory is not stated, so it must not be filled in")
    }

    @Test func aBareCountRefersToTheDevicesJustNamed() {
        let paper = makePaper(sections: [("Setup", [
            "We used a server with 4 NVIDIA RTX 3090 GPUs.",
            "With a single GPU, one run takes 20 minutes.",
        ])])
        let counts = HardwareAnalyzer().analyze(paper.textUnits()).map(\.count)
        #expect(counts.contains(4))
        #expect(counts.contains(1))
    }

    @Test func noHardwareNoFinding() {
        let paper = makePaper(sections: [("Setup", ["We train a small network for 10 epochs."])])
        #expect(HardwareAnalyzer().analyze(paper.textUnits()).isEmpty)
    }
}

@Suite struct ClaimAndProposalTests {
    let paper = makePaper(
        abstract: ["Deep networks are widely used.", "We propose Foo, a method for fast training.",
                   "Foo achieves 93.1% accuracy on CIFAR-10, 1.4 points better than Adam."],
        sections: [("Conclusion", ["Foo outperforms Adam on every task we tried.", "Future work is open."])])

    @Test func abstractAndConclusionClaims() {
        let claims = ClaimAnalyzer().analyze(paper.textUnits())
        let texts = claims.map(\.text)
        #expect(!texts.contains("Deep networks are widely used."))
        #expect(texts.contains { $0.hasPrefix("We propose Foo") })
        #expect(texts.contains { $0.hasPrefix("Foo outperforms") })
        let numeric = claims.first { $0.text.hasPrefix("Foo achieves") }
        #expect(numeric?.value == 93.1)
        #expect(numeric?.dataset == "CIFAR-10")
        #expect(numeric?.baseline == "Adam")
    }

    /// A number is a claim's value only when stated for a metric; a baseline is a name.
    @Test func valuesAndBaselinesAreNotGuessed() {
        let paper = makePaper(
            abstract: ["We show that the step of Foo is bounded by $\\alpha$ (Theorem 1).",
                       "We show on CIFAR-10 and SVHN that Foo improves over Adam and matches SGD.",
                       "We prove that Foo never moves by more than $\\alpha / \\lambda$ per step.",
                       "We show that Foo beats Adam by 2 points, reaching a perplexity of 58.7 on Penn Treebank."],
            sections: [])
        let claims = ClaimAnalyzer().analyze(paper.textUnits())
        #expect(claims.count == 4)
        let theorem = claims.first { $0.text.contains("Theorem 1") }
        #expect(theorem?.value == nil)
        let datasets = claims.first { $0.text.contains("SVHN") }
        #expect(datasets?.value == nil)
        #expect(datasets?.baseline == "Adam")
        #expect(claims.first { $0.text.contains("more than") }?.baseline == nil)
        let perplexity = claims.first { $0.text.contains("perplexity") }
        #expect(perplexity?.metric == "perplexity")
        #expect(perplexity?.value == 58.7)
        #expect(perplexity?.dataset == "Penn Treebank")
    }

    /// Abstracts open with context; "rather than" marks a proposal only in the paper's voice.
    @Test func contextIsNotAClaimOrAProposal() {
        let paper = makePaper(
            abstract: ["Large models achieve strong results but are hard to control.",
                       "We propose Foo Bar Tuning (FBT), a simple method.",
                       "FBT achieves better control than RLHF."],
            sections: [("Method", ["In practice, one reuses public data rather than collecting new labels.",
                                   "Rather than fitting a reward, FBT optimizes the policy directly.",
                                   "Instead of sampling, we use the logged data."])])
        let claims = ClaimAnalyzer().analyze(paper.textUnits()).map(\.text)
        #expect(!claims.contains { $0.hasPrefix("Large models") })
        #expect(claims.contains { $0.hasPrefix("FBT achieves") })
        let proposals = ProposalAnalyzer().analyze(paper.textUnits()).map(\.text)
        #expect(!proposals.contains { $0.hasPrefix("In practice") })
        #expect(proposals.contains { $0.hasPrefix("Rather than fitting") })
        #expect(proposals.contains { $0.hasPrefix("Instead of sampling") })
    }

    @Test func proposalsNameWhatIsNew() {
        let proposals = ProposalAnalyzer().analyze(paper.textUnits())
        #expect(proposals.count == 1)
        #expect(proposals.first?.name == "Foo")
    }
}

@Suite struct FeasibilityTests {
    func hardware(count: Int, hours: Double?) -> HardwareFinding {
        HardwareFinding(device: "NVIDIA V100", name: "V100", count: count, hours: hours,
                        deviceHours: hours.map { $0 * Double(count) },
                        evidence: Evidence(span: SourceSpan(file: "t", line: 1, column: 1), text: ""))
    }

    /// The byte scan says what the regular expression it replaced said.
    @Test(arguments: ["1.28M images", "2B tokens", "14 million images", "3 billion", "50k images", "10 Million",
                      "1.2 MB", "25k train / 25k test", "M4 2B", "2Bn", "no size", "", "9 M", "1.5\tB", "8x M"])
    func largeSizesAreMillionsOrBillions(size: String) {
        let regex = size.range(of: #"[0-9]\s*(M|B|million|billion)\b"#, options: .regularExpression) != nil
        #expect(FeasibilityAnalyzer.isLarge(size) == regex, "\(size)")
    }

    @Test func userHardwareParses() throws {
        let u = try #require(UserHardware.parse("2x RTX 4090"))
        #expect(u.count == 2)
        #expect(u.device.contains("4090"))
        #expect(UserHardware.parse("a toaster") == nil)
    }

    @Test(arguments: [(1.0, Feasibility.Verdict.asStated), (100.0, .slow), (5000.0, .scaleDown)])
    func verdictFollowsEstimatedTime(paperHours: Double, expected: Feasibility.Verdict) throws {
        let user = try #require(UserHardware.parse("1x A100 80GB"))
        let f = FeasibilityAnalyzer().analyze(hardware: [hardware(count: 1, hours: paperHours)], hyperparameters: [],
                                              datasets: [], user: user)
        #expect(f.verdict == expected)
        #expect(f.estimatedHours != nil)
    }

    @Test func unknownWithoutStatedCompute() throws {
        let user = try #require(UserHardware.parse("1x RTX 4090"))
        let f = FeasibilityAnalyzer().analyze(hardware: [], hyperparameters: [], datasets: [], user: user)
        #expect(f.verdict == .unknown)
        #expect(f.unknowns.contains("hardware and training time"))
        #expect(f.unknowns.contains("learning rate"))
    }

    /// The scale-down plan names the configurations of the paper's size table, not the
    /// sections its sentences stand in.
    @Test func planNamesTableConfigurationsOnly() {
        func h(_ canonical: String, _ value: Double, scope: String, context: String) -> HyperparameterFinding {
            HyperparameterFinding(name: canonical, canonical: canonical, value: .number(value), raw: "\(value)", scope: scope,
                                  evidence: Evidence(span: SourceSpan(file: "t", line: 1, column: 1), text: "", context: context),
                                  confidence: 1)
        }
        let settings = [h("learning_rate", 0.001, scope: "Small", context: "Table 2: Sizes"),
                        h("learning_rate", 0.0003, scope: "Large", context: "Table 2: Sizes"),
                        h("batch_size", 64, scope: "Training details", context: "4 Experiments"),
                        h("epochs", 200, scope: "Setup", context: "4.1 Setup")]
        let f = FeasibilityAnalyzer().analyze(hardware: [], hyperparameters: settings, datasets: [], user: nil)
        let plan = f.plan.first { $0.hasPrefix("Start with the smallest configuration") }
        #expect(plan == "Start with the smallest configuration the paper reports (Large, Small)")
        #expect(f.plan.contains("Run 10% of the epochs first (200 → 20) to check the curve"))
    }
}
