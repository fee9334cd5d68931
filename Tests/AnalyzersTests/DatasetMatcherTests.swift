import Foundation
import Testing
@testable import Analyzers

@Suite struct DatasetMatcherTests {
    let matcher = DatasetMatcher.shared

    func names(_ text: String, _ context: MentionContext = .prose) -> [String] {
        matcher.matches(in: text, context: context).map(\.entry.name)
    }

    @Test(arguments: [
        ("We train on CIFAR-100 and SVHN.", ["CIFAR-100", "SVHN"]),
        ("Results on Fashion-MNIST.", ["Fashion-MNIST"]),
        ("Results on FashionMNIST and MNIST.", ["Fashion-MNIST", "MNIST"]),
        ("ImageNet 64x64 samples", ["ImageNet 64x64"]),
        ("ImageNet $64\\times64$ samples", ["ImageNet 64x64"]),
        ("ImageNet 256×256 FID", ["ImageNet 256x256"]),
        ("a model trained on ImageNet", ["ImageNet"]),
        ("the CIFAR-10-C benchmark", ["CIFAR-10-C"]),
        ("SQuAD 2.0 and SQuAD 1.1", ["SQuAD 2.0", "SQuAD 1.1"]),
        ("WMT 2014 English-French", ["WMT 2014 English-French"]),
        ("WMT14 En-De", ["WMT 2014 English-German"]),
        ("LSUN Bedroom and LSUN", ["LSUN Bedroom", "LSUN"]),
        ("ARC-Easy and ARC-Challenge", ["ARC-Easy", "ARC-Challenge"]),
        ("TREC-fine and TREC", ["TREC-fine", "TREC"]),
    ])
    func prefersLongestMatch(text: String, expected: [String]) {
        #expect(names(text) == expected)
    }

    @Test(arguments: [
        ("CIFAR10", "CIFAR-10"), ("CIFAR 10", "CIFAR-10"), ("Cifar-10", "CIFAR-10"), ("cifar10", "CIFAR-10"),
        ("ILSVRC 2012", "ImageNet"), ("ILSVRC-2012", "ImageNet"), ("ILSVRC2012", "ImageNet"),
        ("MS COCO", "MS COCO"), ("MS-COCO", "MS COCO"), ("MSCOCO", "MS COCO"),
        ("Cart Pole", "CartPole"), ("CartPole", "CartPole"), ("Cart-pole", "CartPole"), ("CartPole-v1", "CartPole"),
        ("HalfCheetah-v2", "HalfCheetah"), ("Walker2d", "Walker2d"), ("TL;DR", "Reddit TL;DR"),
        ("CNN/DailyMail", "CNN/DailyMail"), ("CNN/DM", "CNN/DailyMail"), ("cheetah.run", "cheetah-run"),
        ("Montezuma’s Revenge", "Montezuma's Revenge"), ("Ms. Pac-Man", "Ms. Pac-Man"), ("Iterated Prisoner's Dilemma", "Iterated Prisoner's Dilemma"),
        ("\\textsc{sraven}", "Symbolic Raven's Progressive Matrices"), ("GSM8K", "GSM8K"), ("2WikiMultihopQA", "2WikiMultihopQA"),
    ])
    func spellingVariants(text: String, expected: String) {
        #expect(names("Experiments on \(text) show it.") == [expected])
    }

    @Test(arguments: [
        "MNISTs are fun",            // plural glued: not the name
        "the FashionMNISTX split",   // longer word
        "preMNIST features",         // inside a word
        "CIFAR-1000 images",          // different number
        "ImageNetty",                 // longer word
    ])
    func respectsWordBoundaries(text: String) {
        #expect(names(text).isEmpty, "\(names(text))")
    }

    @Test func fashionMNISTDoesNotAlsoYieldMNIST() {
        let found = matcher.matches(in: "We use Fashion-MNIST.")
        #expect(found.count == 1)
        #expect(found.first?.text == "Fashion-MNIST")
    }

    @Test(arguments: [
        ("SST-2", ["SST-2"]), ("sst-2", []), ("SST", ["Stanford Sentiment Treebank"]), ("sst", []),
        ("MNIST", ["MNIST"]), ("Mnist", []), ("CoLA", ["CoLA"]), ("cola", []),
        ("RACE", ["RACE"]), ("race", []), ("MATH", ["MATH"]), ("math", []), ("ReCoRD", ["ReCoRD"]), ("record", []),
        ("C4", ["C4"]), ("c4", []), ("The Pile", ["The Pile"]), ("the pile", []),
    ])
    func caseRules(word: String, expected: [String]) {
        #expect(names("we report \(word) here") == expected)
    }

    @Test(arguments: [
        ("We use the UCI Adult dataset.", ["Adult"]),
        ("The adult patients were scanned.", []),
        ("Results on heart, adult and law school datasets.", ["Heart Disease", "Adult", "Law School"]),
        ("At the heart of our method lies a simple idea.", []),
        ("the Reacher environment", ["Reacher"]),
        ("a reacher grabs the cup", []),
        ("We evaluate on the Atari game Pong.", ["Arcade Learning Environment", "Pong"]),
        ("Ping Pong is a sport.", []),
        ("We pre-train on the Pile.", ["The Pile"]),
        ("a Pile of papers", []),
        ("We also train on the Pile corpus.", ["The Pile"]),
        ("The Boston housing prices regression task", ["Boston Housing"]),
        ("Boston is a city.", []),
        ("MuJoCo tasks Hopper and Ant", ["MuJoCo", "Hopper", "Ant"]),
        ("an ant colony", []),
        ("CIFAR-10, SVHN and Pet", ["CIFAR-10", "SVHN", "Oxford-IIIT Pet"]),
        ("the HH dataset from Anthropic", ["Anthropic HH"]),
        ("an energy-based model on a regression dataset", []),
        ("the Energy dataset from UCI", ["Energy Efficiency"]),
        ("on the WMT17 German-to-English translation task", ["WMT17 German-English"]),
        ("the robust test error (RTE) drops", []),
        ("SuperGLUE tasks BoolQ, CB, COPA and RTE", ["SuperGLUE", "BoolQ", "CommitmentBank", "COPA", "RTE"]),
        ("we use GQA with 8 key-value heads", []),
        ("hyperparameters tuned with SMAC", []),
    ])
    func contextRequiringNames(text: String, expected: [String]) {
        #expect(names(text) == expected, "\(names(text))")
    }

    @Test func experimentalContextAcceptsAmbiguousNames() {
        #expect(names("Pong & 20.1 & 3.2", .prose).isEmpty)
        #expect(names("Pong & 20.1 & 3.2", .experimental) == ["Pong"])
        #expect(names("Seaquest & 683", .experimental) == ["Seaquest"])
    }

    @Test func mentionCarriesTextRangeAndSpelling() throws {
        let text = "Trained on Cifar10 for 10 epochs."
        let m = try #require(matcher.matches(in: text).first)
        #expect(m.text == "Cifar10")
        #expect(String(text[m.range]) == "Cifar10")
        #expect(m.entry.name == "CIFAR-10")
        #expect(m.spelling == "Cifar-10")   // "CIFAR-10" itself is an exact-case acronym
        #expect(!m.acceptedByContext)
    }

    @Test func paragraphBreakSplitsNames() {
        #expect(names("Penn\n\nTreebank") == [])
    }

    @Test func tableColumnsOfPDFTextDoNotJoin() {
        #expect(names("ImageNet        -        -\n     128 × 128") == ["ImageNet"])
        #expect(names("ImageNet 128 × 128") == ["ImageNet 128x128"])
        #expect(names("ImageNet\n128x128") == ["ImageNet 128x128"])
    }

    @Test func userCatalogueExtendsTheBundledOne() throws {
        let extra = try DatasetCatalog.load(data: Data("""
        {"datasets": [{"name": "FooBench", "aliases": ["Foo-Bench"], "task": "testing", "modality": "text",
                       "metrics": ["accuracy"]}]}
        """.utf8))
        let m = DatasetMatcher(catalog: DatasetCatalog.shared.merging(extra))
        #expect(m.matches(in: "We evaluate on Foo-Bench and MNIST.").map(\.entry.name) == ["FooBench", "MNIST"])
    }

    /// Speed is measured by `deconstruct bench`, not here; this checks a long text loses nothing.
    @Test func longTextFindsEveryMention() {
        let paragraph = String(repeating: "We train a ResNet on CIFAR-10 and ImageNet for 90 epochs with a batch size of 256 and evaluate on the UCI Adult dataset. ", count: 400)
        let found = matcher.matches(in: paragraph)
        #expect(found.count == 1200)
        #expect(Set(found.map(\.entry.name)).count == 3)
    }
}
