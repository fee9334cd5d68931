import Foundation
import Testing
import PaperModel
@testable import Analyzers

/// The settings found in sentences of an experiments section.
func settings(_ sentences: [String], section: String = "Experimental Setup") -> [HyperparameterFinding] {
    HyperparameterExtractor().extract(from: makePaper(sections: [(section, sentences)]))
}

/// A paper whose experiments section holds one table of two columns (name | value).
func settings(table rows: [(String, String)], caption: String = "Hyperparameters of our runs.") -> [HyperparameterFinding] {
    let span = SourceSpan(file: "t.tex", line: 1, column: 1)
    let header = TableRow(cells: [TableCell(text: "Hyperparameter", column: 0), TableCell(text: "Value", column: 1)], span: span)
    let body = rows.enumerated().map { n, r in
        TableRow(cells: [TableCell(text: r.0, column: 0), TableCell(text: r.1, column: 1)],
                 span: SourceSpan(file: "t.tex", line: n + 2, column: 1))
    }
    let table = Table(id: "t1", caption: caption, number: "1", rows: [header] + body, span: span)
    var paper = Paper(source: SourceInfo(kind: .latex, input: "t", mainFile: "t.tex"))
    paper.sections = [Section(id: "s0", title: "Experiments", number: "1", level: 1, starred: false, appendix: false,
                              span: span, blocks: [.table(table)])]
    return HyperparameterExtractor().extract(from: paper)
}

extension HyperValue {
    var number: Double? {
        if case .number(let v) = self { return v }
        return nil
    }
}

@Suite struct ExactNumberTests {
    /// Values written with powers of ten are the Double the decimal text names, printed as written.
    @Test(arguments: [
        ("We use a learning rate of 3e-4.", "0.0003"),
        ("We use a learning rate of 3e-5.", "3e-05"),
        ("We use a learning rate of 1.5E-4.", "0.00015"),
        ("We use an epsilon of $10^{-8}$ in Adam.", "1e-08"),
        ("We set the learning rate to $1\\times10^{-3}$.", "0.001"),
        ("We set the learning rate to $3 \\times 10^{-4}$.", "0.0003"),
        ("We set the weight decay to $5 \\cdot 10^{-4}$.", "0.0005"),
        ("We set the weight decay to $7.5 \\times 10^{-5}$.", "7.5e-05"),
        ("We use a learning rate of $3\\mathrm{e}{-4}$.", "0.0003"),
        ("We train for 1.1K steps with a batch size of 64.", "1100.0"),
        ("We use a dropout rate of 1.1\\%.", "0.011"),
    ])
    func powersOfTenAreExact(sentence: String, expected: String) throws {
        let found = settings([sentence])
        let value = try #require(found.first?.value.number, "no setting in: \(sentence)")
        #expect(value == Double(expected), "\(sentence) → \(value)")
        #expect("\(value)" == expected)
    }

    @Test func scalingShiftsTheDecimalText() {
        #expect(ExactDecimal.scaled(1.1, by: 3) == 1100)
        #expect(ExactDecimal.scaled(3, by: -4) == 0.0003)
        #expect(ExactDecimal.scaled(2.5e-7, by: 2) == 2.5e-5)
        #expect(ExactDecimal.fraction(percent: 1.1) == 0.011)
        #expect(ExactDecimal.value(".25", exponent: -1) == 0.025)
        #expect(ExactDecimal.value("-.5") == -0.5)
        #expect(ExactDecimal.value("", exponent: 2) == nil)
    }

    @Test func searchedSetsAreExactToo() throws {
        let found = settings(["Learning rates in $\\{10^{-4}, 3 \\times 10^{-4}, 10^{-3}\\}$ were searched."])
        let lr = try #require(found.first { $0.canonical == "learning_rate" })
        #expect(lr.value == .set([0.0001, 0.0003, 0.001]))
    }
}

@Suite struct DeviceCountTests {
    /// A count followed by a device is hardware: it never becomes the value of a setting.
    @Test(arguments: [
        ("We set the batch size to 8 V100 GPUs with 32 images each.", 8.0),
        ("The batch size is spread over 4 NVIDIA A100 GPUs.", 4.0),
        ("Each model is trained with a learning rate of 0.1 on 8 TPU v3 cores.", 8.0),
        ("The batch size of 256 is split across 2 machines.", 2.0),
        ("Our batch size is 16 RTX 3090 GPUs times 8 sequences.", 16.0),
    ])
    func deviceCountsAreNoSettings(sentence: String, count: Double) {
        let values = settings([sentence]).compactMap { $0.value.number }
        #expect(!values.contains(count), "\(sentence) → \(values)")
    }

    @Test func settingsBesideDevicesStay() {
        let found = settings(["We use a batch size of 64 per GPU on 8 GPUs and train a model with 12 layers."])
        #expect(found.contains { $0.canonical == "batch_size" && $0.value == .number(64) })
        #expect(found.contains { $0.canonical == "num_layers" && $0.value == .number(12) })
        #expect(!found.contains { $0.value == .number(8) })
    }
}

@Suite struct SpecialCaseTests {
    /// Sentences about special cases and limits state no choice of the paper.
    @Test(arguments: [
        "Setting the weight decay to $\\lambda = 0$ gives Adam.",
        "With a momentum of 0 this method reduces to SGD.",
        "When the learning rate $\\eta \\to 0$ the iterates follow the gradient flow.",
        "For a weight decay of 0, the update is exactly the Adam update.",
        "A momentum of 0 recovers plain SGD.",
        "With a damping of 0 the method is equivalent to Adam.",
        "In the limit of a batch size of 1 the estimator has the largest variance.",
    ])
    func specialCasesAreNoSettings(sentence: String) {
        #expect(settings([sentence]).isEmpty, "\(sentence) → \(settings([sentence]).map(\.value))")
    }

    @Test func theChoiceBesideASpecialCaseStays() {
        let found = settings(["We use a weight decay of 0.1, since a weight decay of 0 recovers AdamW."])
        #expect(found.map(\.value) == [.number(0.1)])
    }

    @Test(arguments: [
        "The learning rate reduces to 0.001 after 10 epochs.",
        "We use a momentum of 0.9, which gives the best results.",
        "Our warmup of 2K steps is equivalent to 4 epochs of training with a learning rate of 0.1.",
    ])
    func valuesNamedByTheCueStay(sentence: String) {
        #expect(!settings([sentence]).isEmpty, "\(sentence)")
    }
}

@Suite struct SymbolMappingTests {
    /// A row named in words the vocabulary does not know keeps its own name: its symbol alone does
    /// not make it a known setting.
    @Test func unknownNameWithSymbolKeepsNoCanonical() throws {
        let found = settings(table: [("Learning rate", "0.001"), ("Trust region radius $\\lambda$", "0.1")])
        let row = try #require(found.first { $0.name.hasPrefix("Trust region") })
        #expect(row.canonical == nil)
        #expect(row.symbol == "$\\lambda$" || row.symbol == "\\lambda")
    }

    @Test func aBareSymbolRowTakesTheSymbolsUsualMeaning() throws {
        let found = settings(table: [("Learning rate", "0.001"), ("$\\beta_2$", "0.95")])
        let row = try #require(found.first { $0.value == .number(0.95) })
        #expect(row.canonical == "beta2")
    }

    @Test func dampingIsAKnownSetting() throws {
        let found = settings(table: [("Learning rate", "0.001"), ("Damping $\\lambda$", "0.1")])
        let row = try #require(found.first { $0.name.hasPrefix("Damping") })
        #expect(row.canonical == "damping")
        let prose = settings(["We use a damping coefficient of 0.01 for the curvature estimate."])
        #expect(prose.first?.canonical == "damping")
    }
}

@Suite struct ProposalNameTests {
    @Test(arguments: [
        ("We propose Damped Accumulated Momentum (DAM), an optimizer with a damping term.", "Damped Accumulated Momentum (DAM)"),
        ("We propose Adam, a method for stochastic optimization.", "Adam"),
        ("We propose a new method called FooBar for training.", "FooBar"),
        ("We introduce Lion (EvoLved Sign Momentum), found by program search.", "Lion (EvoLved Sign Momentum)"),
        ("We propose Learning to Optimize with Momentum (L2OM) as a baseline.", "Learning to Optimize with Momentum (L2OM)"),
        ("We presented Dam, a damped variant of Adam.", "Dam"),
        ("We propose Schedule-Free AdamW.", "Schedule-Free AdamW"),
    ])
    func fullNameWithAcronym(sentence: String, name: String) {
        let paper = makePaper(sections: [("Method", [sentence])])
        #expect(ProposalAnalyzer().analyze(paper.textUnits()).first?.name == name)
    }

    @Test func noNameWhenNoneFollows() {
        let paper = makePaper(sections: [("Method", ["We propose to use larger batches early in training."])])
        let proposals = ProposalAnalyzer().analyze(paper.textUnits())
        #expect(proposals.count == 1)
        #expect(proposals.first?.name == nil)
    }
}

@Suite struct BareDeviceCountTests {
    /// "16 GPUs" right after a sentence about TPUs counts other devices than the TPUs.
    @Test func aBareCountOnlyJoinsDevicesOfItsKind() {
        let paper = makePaper(sections: [("Setup", ["Each model is trained on 8 TPU v3 cores.",
                                                    "The baselines run on 2 machines with 16 GPUs each."])])
        let found = HardwareAnalyzer().analyze(paper.textUnits())
        #expect(found.contains { $0.device.contains("TPU") })
        #expect(!found.contains { $0.device.contains("TPU") && $0.count == 16 })
    }
}

@Suite struct FastPathEquivalenceTests {
    /// The byte and scalar paths read words as the Character path does.
    @Test(arguments: [
        "Hyperparameters for the CIFAR-10 experiments (ResNet-18).", "Learning rate × batch size — 4096",
        "Préc\u{0065}\u{0301}dent α-decay 2×10⁻⁴", "Top-1 Acc. (%) ↑", "", "Ünïcödé ΣΑΣ layers",
    ])
    func tableWords(text: String) {
        #expect(HyperTableReader.words(text) == HyperTableReader.characterWords(text))
    }

    @Test(arguments: ["layers", "batches", "classes", "boxes", "policies", "status", "axis", "gpus", "ab", "αs", "lrs", "A100s"])
    func singular(word: String) {
        // The Character-based definition, as it stood before the byte path.
        func reference(_ w: String) -> String {
            guard w.count > 3, w.last == "s", w.allSatisfy({ $0.isLetter }) else { return w }
            if w.hasSuffix("ies") { return String(w.dropLast(3)) + "y" }
            if w.hasSuffix("sses") || w.hasSuffix("xes") || w.hasSuffix("ches") || w.hasSuffix("shes") { return String(w.dropLast(2)) }
            if w.hasSuffix("ss") || w.hasSuffix("us") || w.hasSuffix("is") { return w }
            return String(w.dropLast())
        }
        #expect(HyperparameterVocabulary.singular(word) == reference(word))
    }

    @Test func scalarsAndSlicesRoundTrip() {
        let text = "β1 = 0.9, ε = 10⁻⁸ — “quoted” 𝛼 café"
        let s = ScalarText.scalars(text)
        #expect(s == Array(text.unicodeScalars))
        #expect(ScalarText.string(s, 0, s.count) == text)
        #expect(ScalarText.string(s, 2, 5) == String(String.UnicodeScalarView(s[2..<5])))
    }

    @Test func wordTableFindsWhatItHolds() {
        let words = (0..<500).map { "w\($0)" }
        let table = WordTable(words.enumerated().map { ($1, $0) })
        #expect(words.allSatisfy { table[$0] == Int($0.dropFirst()) })
        #expect(table["w500"] == nil)
        #expect(table.count == 500)
    }

    /// The byte-level ``HyperparameterVocabulary/key(_:)`` and the scalar-level
    /// ``HyperparameterVocabulary/symbolKey(_:)`` give what the word- and Character-based
    /// readings give, for every phrase and symbol of the vocabulary and for hard cases.
    @Test func fastKeysAgreeWithTheWordAndCharacterReadings() {
        var phrases = ["", "#", "# of epochs", "the", "a batch", "The Number of Layers", "no of heads", "num of steps",
                       "classes", "boxes", "matches", "wishes", "glasses", "status", "basis", "gas", "ids", "GPUs",
                       "3 layers", "layer2s", "  spaced   out  ", "mini-batch sizes", "Adam's β2", "naïve rates"]
        var symbols = ["", " \\beta_1 ", "\\tilde{w}", "\\hat\\beta", "\\mathrm{lr}", "beta1", "Beta_2", "\\,x", "x\\",
                       "\\widetilde{\\alpha}_t", "β₁", "ϵ", "\\mathbf{x}_{t-1}", "{\\eta}", "\\bar{a}", "\\tilde{beta}",
                       "e\u{0303}", "\\hat{ε}", "\\operatorname{NFE}", "$\\lambda$", "\\alpha\\beta", "Ω", "\u{2126}",
                       "K", "lr", "lambda", "Lambda2", "β1", "ϵ1", "α₂", "a~b", "x\ty", "x_t"]
        for e in HyperparameterVocabulary.shared.hyperparameters {
            phrases.append(e.name)
            phrases.append(contentsOf: e.aliases)
            symbols.append(contentsOf: e.symbols)
        }
        for p in phrases {
            #expect(HyperparameterVocabulary.key(p) == HyperparameterVocabulary.words(p).joined(), "\(p)")
        }
        for s in symbols {
            #expect(HyperparameterVocabulary.symbolKey(s) == HyperparameterVocabulary.characterSymbolKey(s), "\(s)")
        }
    }

    /// The hand-written scan for "Smith, 2020" in a parenthesis finds what the regular
    /// expression it replaced found.
    @Test(arguments: [
        "Smith, 2020", "see Smith 1999", "Smith,2020", "S, 2020", "smith, 2020", "SMITH, 2020", "Smith, 2120", "Smith, 20",
        "Smith, 202", "ResNet, 2019", "AdamW 2017 and", "Kingma, 19\u{0669}\u{0668}", "Émile, 2020", "Xu,  2020",
        "", "2020", "a Bb, 1987; Cc 2001", "ÄSmith, 2020",
    ])
    func citationYears(text: String) {
        let s = Array(text.unicodeScalars)
        let regex = text.range(of: #"[A-Z][a-z]+,? (19|20)\d\d"#, options: .regularExpression) != nil
        #expect(HyperTokenizer.hasNameAndYear(s, 0, s.count) == regex)
    }
}

@Suite struct ModelNameAndFactorTests {
    /// Phenomenon 5: digits glued to a model's name ("GPT-2", "ResNet-50", "ViT-B/16") are no value,
    /// and a value per model stays with its model.
    @Test func digitsOfAModelNameAreNoValue() {
        let found = settings(["We set the context length of GPT-2 to 1024."])
        #expect(found.filter { $0.canonical == "sequence_length" }.compactMap(\.value.number) == [1024])
        #expect(!found.contains { $0.value == .number(2) })
        let batch = settings(["We set batch size to 480 for GPT-2 and 2048 for GPT NeoX."])
        #expect(batch.filter { $0.canonical == "batch_size" }.compactMap(\.value.number).sorted() == [480, 2048])
        #expect(settings(["We fine-tune ViT-B/16 with a learning rate of 0.001."]).compactMap(\.value.number) == [0.001])
    }

    /// Phenomenon 5: a range of factors, or a factor compared ("3-10x smaller"), relates two
    /// settings; a factor of another setting ("0.1 times the base learning rate") is a value.
    @Test(arguments: [
        "A suitable learning rate for our method is typically 3-10x smaller than that for AdamW.",
        "We set the learning rate to be 3-5 times the learning rate used for the baseline.",
        "The learning rate of our method is 4 times smaller than the baseline's.",
    ])
    func factorsAreNoSettings(sentence: String) {
        #expect(!settings([sentence]).contains { $0.canonical == "learning_rate" })
    }

    @Test func aFactorOfAnotherSettingIsAValue() {
        let found = settings(["The schedule decays the learning rate to 0.1 times the base learning rate."])
        #expect(found.contains { $0.value == .number(0.1) })
    }

    /// Phenomenon 4: a short aside between a name and its value does not part them.
    @Test func anAsideBetweenNameAndValue() {
        let found = settings(["We use the standard gradient clipping (by norm) threshold 1.0."])
        #expect(found.contains { $0.canonical == "gradient_clipping" && $0.value == .number(1.0) })
    }

    /// Phenomenon 3: words of the clause before a symbol ("After finding out β1 = 0.96") are not
    /// its name.
    @Test func clauseWordsAreNoName() throws {
        let found = HyperparameterExtractor().extract(from: makePaper(sections: [("Experimental Setup", [
            "After finding out β1 = 0.96, β2 = 0.99 with the method above, we tune the peak learning rate.",
            "We use β1 = 0.96 for our method.",
        ])]).withKind(.pdf))
        let beta = try #require(found.first { $0.value == .number(0.96) })
        #expect(!beta.name.lowercased().contains("finding"))
        #expect(found.filter { $0.value == .number(0.96) }.count == 1)
    }
}

extension Paper {
    func withKind(_ kind: SourceInfo.Kind) -> Paper {
        var p = self
        p.source.kind = kind
        return p
    }
}

@Suite struct BaselineProseTests {
    static let abstract = ["We propose Sophia, a second-order optimizer.", "Sophia is twice as fast as Adam."]

    func found(_ sentences: [String]) -> [HyperparameterFinding] {
        HyperparameterExtractor().extract(from: makePaper(abstract: Self.abstract, sections: [("Experimental Setup", sentences)]))
    }

    /// Phenomenon 1 in prose: values stated for a baseline ("For AdamW, …", "… for AdamW") are the
    /// baseline's, left out; the paper's own (named more in the abstract) stay.
    @Test func baselineClausesAreLeftOut() {
        let f = found([
            "For AdamW, we use $\\beta_1 = 0.9$ and $\\beta_2 = 0.95$.",
            "A weight decay of 0.1 works the best for AdamW.",
            "We use $\\beta_1 = 0.96$ for Sophia.",
        ])
        #expect(f.filter { $0.canonical == "beta1" }.compactMap(\.value.number) == [0.96])
        #expect(!f.contains { $0.canonical == "beta2" })
        #expect(!f.contains { $0.canonical == "weight_decay" })
    }

    /// Only the value right before "for PPO" is the baseline's; the rest of the clause stays.
    @Test func aValueForABaselineLeavesTheOthers() {
        let f = found(["We sweep the learning rate in {1e-3, 1e-4} for PPO, and the batch size in {32, 64}."])
        #expect(!f.contains { $0.value == .set([1e-3, 1e-4]) })
        #expect(f.contains { $0.value == .set([32, 64]) })
    }

    /// With no method named in the abstract, no clause is a baseline's.
    @Test func withoutAnOwnMethodNothingIsABaseline() {
        let f = HyperparameterExtractor().extract(from: makePaper(sections: [("Experimental Setup", [
            "For AdamW, we use $\\beta_1 = 0.9$.",
        ])]))
        #expect(f.contains { $0.canonical == "beta1" })
    }
}

@Suite struct SearchedListTests {
    /// Phenomenon 4: three values or more in brackets after "∈" or "in" are a searched set; two
    /// are an interval (a domain), no setting.
    @Test func bracketListsAreSearchedSets() {
        let found = settings(["We iterated over $\\beta_2 \\in [0.99, 0.999, 0.9999]$ and $\\lambda \\in [0, 1]$."])
        #expect(found.contains { $0.canonical == "beta2" && $0.value == .set([0.99, 0.999, 0.9999]) })
        #expect(!found.contains { $0.value == .set([0, 1]) || $0.value == .range(0, 1) })
    }

    @Test func searchedInAWrittenList() {
        let paper = makePaper(sections: [("Hyperparameter Tuning", ["We search β1 in [0.8, 0.9, 0.95] and β2 in [0.9, 0.95, 0.99]."])])
        let found = HyperparameterExtractor().extract(from: paper.withKind(.pdf))
        #expect(found.contains { $0.canonical == "beta1" && $0.value == .set([0.8, 0.9, 0.95]) })
        #expect(found.contains { $0.canonical == "beta2" && $0.value == .set([0.9, 0.95, 0.99]) })
    }
}

@Suite struct BareSymbolTests {
    /// A symbol with no name the paper says it uses, in its settings, is kept; the same symbol in
    /// a sentence that does not say "we use" is not.
    @Test func aSymbolThePaperUsesIsKept() {
        #expect(settings(["We use $\\gamma = 0.01$ for the small model."]).contains { $0.value == .number(0.01) })
        #expect(!settings(["The curve flattens once $\\gamma = 0.01$."]).contains { $0.value == .number(0.01) })
    }

    /// Phenomenon 6: PDF text writes "$bT = 65,536$" as "bT = 65,536"; it reads as the same
    /// symbol, while a word that names a setting ("lr = 1e-4") keeps its name.
    @Test func latinSymbolsInPDFTextReadAsInTeX() throws {
        let sentence = "We fix bT = 65,536 for minibatch size b and sequence length T, and use lr = 1e-4."
        let pdf = HyperparameterExtractor().extract(from: makePaper(sections: [("Experiments", [sentence])]).withKind(.pdf))
        let tex = settings(["We fix $bT = 65,536$ for minibatch size $b$ and sequence length $T$, and use lr = 1e-4."],
                           section: "Experiments")
        let p = try #require(pdf.first { $0.value == .number(65536) })
        let t = try #require(tex.first { $0.value == .number(65536) })
        #expect(p.symbol == t.symbol)
        #expect(p.canonical == t.canonical)
        #expect(pdf.contains { $0.canonical == "learning_rate" && $0.value == .number(1e-4) })
    }
}
