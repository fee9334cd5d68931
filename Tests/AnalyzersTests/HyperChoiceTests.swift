import Testing
import PaperModel
@testable import Analyzers

/// Settings named rather than numbered: which optimizer the paper trains with.
@Suite struct HyperChoiceTests {
    func optimizers(_ sentence: String, section: String = "Experimental Setup") -> [String] {
        settings([sentence], section: section).filter { $0.canonical == "optimizer" }.map { finding -> String in
            if case .text(let name) = finding.value { return name }
            return "not a name: \(finding.value)"
        }
    }

    @Test(arguments: [
        ("We use the AdamW optimizer with a learning rate of 3e-4.", "AdamW"),
        ("All models were trained using ADAM, with default settings.", "Adam"),
        ("Each model was trained 10 times using Adam [kingma2014adam].", "Adam"),
        ("We adopt the 8-bit AdamW [dettmers2022] optimizer.", "AdamW"),
        ("We train every network for 80 epochs with the RMSprop optimizer.", "RMSProp"),
        ("We then run ImageNet training with Schedule-Free SGD for 200 epochs.", "Schedule-Free SGD"),
        ("The networks are optimized with L-BFGS until convergence.", "L-BFGS"),
        // The paper's own runs named without "we" or a training verb.
        ("The results in this section used Adam, a variant of RMSprop.", "Adam"),
        ("All experiments use Adafactor with the default decay.", "Adafactor"),
    ])
    func aStatedChoiceIsFound(sentence: String, expected: String) {
        #expect(optimizers(sentence) == [expected], "\(sentence)")
    }

    @Test(arguments: [
        "Adaptive optimizers such as Adam scale each coordinate of the gradient.",
        "We compare our method with SGD and Adam on CIFAR-10.",
        "Notably, we improve accuracy by replacing Adafactor with our method.",
        "What initial distribution should we use for SGD?",
        "We could compute exact gradients using reverse-mode differentiation through SGD.",
        "Adam is the default optimizer in many deep learning libraries.",
        "The lion in Figure 3 is classified correctly when we train with more data.",
    ])
    func otherMethodsAndQuestionsAreNotChoices(sentence: String) {
        #expect(optimizers(sentence).isEmpty, "\(sentence)")
    }

    @Test func proofsAreNotRead() {
        #expect(optimizers("We use Adam to bound the regret.", section: "Proof of Theorem 1").isEmpty)
        #expect(optimizers("We use Adam to bound the regret.", section: "Experiments") == ["Adam"])
    }

    @Test func theChoiceCarriesItsSentence() throws {
        let found = try #require(settings(["We use the AdamW optimizer for all runs."]).first { $0.canonical == "optimizer" })
        #expect(found.raw == "AdamW")
        #expect(found.evidence.text == "We use the AdamW optimizer for all runs.")
        #expect(found.evidence.span.line >= 1)
    }

    /// An optimizer paper compares optimizers in every experiment: its prose names other
    /// optimizers, not its choice, and feasibility does not list the optimizer as unstated.
    @Test func anOptimizerPaperSuppliesItsOwnOptimizer() {
        var paper = makePaper(sections: [("Experiments", ["We train the same network with AdamW and with our method."])])
        paper.metadata.title = "A Damped Adaptive Optimizer for Deep Networks"
        #expect(HyperparameterExtractor().extract(from: paper).allSatisfy { $0.canonical != "optimizer" })
        #expect(CardRules.shared.settingsSupplied(byTitle: paper.metadata.title ?? "") == ["optimizer"])
        let own = FeasibilityAnalyzer().analyze(hardware: [], hyperparameters: [], datasets: [], user: nil,
                                                title: paper.metadata.title ?? "")
        #expect(!own.unknowns.contains("optimizer"))
        let other = FeasibilityAnalyzer().analyze(hardware: [], hyperparameters: [], datasets: [], user: nil,
                                                  title: "Gradient-based Hyperparameter Optimization")
        #expect(other.unknowns.contains("optimizer"))
    }
}
