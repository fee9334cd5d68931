import Testing
@testable import Analyzers

/// The bundled catalogues decode, are big enough, and are internally consistent.
@Suite struct CatalogIntegrityTests {
    static let datasets = DatasetCatalog.shared
    static let hardware = HardwareCatalog.shared
    static let vocabulary = HyperparameterVocabulary.shared

    /// How the matcher sees a spelling: its lower-cased tokens.
    static func matchKey(_ s: String) -> String {
        CatalogTokenizer.tokenize(s).map(\.lower).joined(separator: " ")
    }

    @Test func datasetCatalogueIsLarge() {
        #expect(Self.datasets.datasets.count >= 300)
    }

    @Test func datasetNamesAreUnique() {
        var seen: [String: Int] = [:]
        for e in Self.datasets.datasets { seen[e.name, default: 0] += 1 }
        let dupes = seen.filter { $0.value > 1 }.map(\.key).sorted()
        #expect(dupes.isEmpty, "duplicate names: \(dupes)")
    }

    @Test func datasetSpellingsDoNotCollide() {
        var owner: [String: String] = [:]
        var clashes: [String] = []
        for e in Self.datasets.datasets {
            for s in e.spellings {
                let k = Self.matchKey(s)
                if let o = owner[k], o != e.name { clashes.append("\(s): \(o) / \(e.name)") }
                owner[k] = owner[k] ?? e.name
            }
        }
        #expect(clashes.isEmpty, "\(clashes)")
    }

    @Test func datasetEntriesAreComplete() {
        for e in Self.datasets.datasets {
            #expect(!e.task.isEmpty && !e.modality.isEmpty, "\(e.name)")
            #expect(!e.metrics.isEmpty, "\(e.name) has no metrics")
            for a in e.contextAliases {
                #expect(e.spellings.contains(a), "\(e.name): context alias \(a) is not a spelling")
            }
        }
    }

    @Test func ambiguousWordsNeedContext() {
        let ambiguous = ["Adult", "Heart", "Pile", "Reacher", "Pong", "Boston", "Ant", "HH", "Pet", "Hopper", "Wine", "heart"]
        for word in ambiguous {
            let owners = Self.datasets.datasets.filter { $0.spellings.contains(word) }
            #expect(!owners.isEmpty, "\(word) is not a spelling of any entry")
            for e in owners { #expect(e.needsContext(word), "\(word) in \(e.name) does not need context") }
        }
    }

    @Test(arguments: [
        "MNIST", "Fashion-MNIST", "CIFAR-10", "CIFAR-100", "SVHN", "ImageNet", "ImageNet 64x64", "CelebA", "LSUN",
        "MS COCO", "Pascal VOC", "Cityscapes", "KITTI", "CUB-200-2011", "Omniglot", "STL-10", "Tiny ImageNet", "FFHQ",
        "JFT-300M", "Places365", "ADE20K", "CVPPP", "WMT 2014 English-German", "WMT 2014 English-French",
        "Penn Treebank", "WikiText-2", "WikiText-103", "One Billion Word", "C4", "The Pile", "OpenWebText", "GLUE",
        "SuperGLUE", "SQuAD 1.1", "SQuAD 2.0", "IMDB", "SST-2", "AG News", "Anthropic HH", "Reddit TL;DR", "MMLU",
        "GSM8K", "HumanEval", "LibriSpeech", "Cora", "Citeseer", "Pubmed", "ogbn-arxiv", "QM9", "ZINC", "Tox21",
        "Boston Housing", "Adult", "Law School", "Heart Disease", "Covertype", "Criteo Kaggle",
        "Arcade Learning Environment", "HalfCheetah", "Walker2d", "Hopper", "Ant", "Humanoid", "InvertedPendulum",
        "CartPole", "Acrobot", "MountainCar", "Pendulum", "LunarLander", "cheetah-run", "walker-walk", "Procgen",
        "Melting Pot", "Coin Game", "Iterated Prisoner's Dilemma", "fastMRI",
    ])
    func requiredDatasetPresent(name: String) {
        #expect(Self.datasets.entry(named: name) != nil)
    }

    @Test(arguments: [
        ("CIFAR10", "CIFAR-10"), ("Cart Pole", "CartPole"), ("Cart-pole", "CartPole"), ("MS COCO", "MS COCO"),
        ("ILSVRC 2012", "ImageNet"), ("ILSVRC-2012", "ImageNet"), ("TL;DR", "Reddit TL;DR"), ("HH-RLHF", "Anthropic HH"),
    ])
    func requiredAliasPresent(alias: String, name: String) {
        #expect(Self.datasets.entry(named: alias)?.name == name)
    }

    @Test func hardwareEntriesHaveMemory() {
        for e in Self.hardware.accelerators {
            #expect(!e.memoryGB.isEmpty, "\(e.name) has no memory")
            #expect(e.memoryGB.allSatisfy { $0 > 0 && $0 <= 1024 }, "\(e.name) memory \(e.memoryGB)")
        }
    }

    @Test func hardwareFiguresAreSane() {
        for e in Self.hardware.accelerators {
            if let f = e.fp32TFLOPS { #expect(f > 1 && f < 500, "\(e.name) fp32 \(f)") }
            for f in [e.fp16TFLOPS, e.bf16TFLOPS].compactMap({ $0 }) {
                #expect(f > 1 && f < 10_000, "\(e.name) fp16/bf16 \(f)")
                if let f32 = e.fp32TFLOPS { #expect(f >= f32 * 0.9, "\(e.name): half precision below FP32") }
            }
            if let y = e.year { #expect((2010...2026).contains(y), "\(e.name) year \(y)") }
            if e.kind == .tpu { #expect(e.coresPerChip != nil && e.sliceUnit != nil, "\(e.name)") }
        }
    }

    @Test func hardwareSpellingsDoNotCollide() {
        var owner: [String: String] = [:]
        var clashes: [String] = []
        let all = Self.hardware.accelerators.map { ($0.name, $0.spellings) } + Self.hardware.instances.map { ($0.name, $0.spellings) }
        for (name, spellings) in all {
            for s in spellings {
                let k = Self.matchKey(s)
                if let o = owner[k], o != name { clashes.append("\(s): \(o) / \(name)") }
                owner[k] = owner[k] ?? name
            }
        }
        #expect(clashes.isEmpty, "\(clashes)")
    }

    @Test func instancesNameKnownDevices() {
        for i in Self.hardware.instances {
            #expect(Self.hardware.entry(named: i.device) != nil, "\(i.name) -> \(i.device)")
            #expect(i.count > 0)
        }
    }

    @Test(arguments: [
        "K40", "K80", "M40", "P100", "V100", "T4", "A10", "A10G", "A40", "A100", "RTX A6000", "L4", "L40", "L40S",
        "H100", "H100 PCIe", "H200", "B200", "GB200", "GTX 1080", "GTX 1080 Ti", "Titan X", "Titan Xp", "Titan V",
        "Titan RTX", "RTX 2080 Ti", "RTX 3080", "RTX 3090", "RTX 4080", "RTX 4090", "RTX 5090", "MI100", "MI250X",
        "MI300X", "TPU v2", "TPU v3", "TPU v4", "TPU v5e", "TPU v5p", "M1", "M1 Pro", "M1 Max", "M1 Ultra", "M2",
        "M2 Max", "M2 Ultra", "M3", "M3 Max", "M4", "M4 Max",
    ])
    func requiredDevicePresent(alias: String) {
        #expect(Self.hardware.entry(named: alias) != nil)
    }

    @Test func a100HasBothMemoryVariants() {
        #expect(Self.hardware.entry(named: "A100")?.memoryGB == [40, 80])
    }

    @Test func vocabularyIsLargeAndComplete() {
        let v = Self.vocabulary
        #expect(v.hyperparameters.count >= 80)
        for name in ["learning_rate", "batch_size", "epochs", "training_steps", "warmup_steps", "weight_decay", "dropout",
                     "beta1", "beta2", "epsilon", "momentum", "gradient_clipping", "label_smoothing", "num_layers",
                     "hidden_size", "num_heads", "embedding_dim", "kernel_size", "latent_dim", "temperature",
                     "discount_factor", "entropy_coefficient", "gae_lambda", "clip_range", "num_samples",
                     "sequence_length", "learning_rate_schedule", "seeds", "optimizer", "kl_coefficient", "rho",
                     "lambda", "ema_decay", "sampling_steps", "guidance_scale"] {
            #expect(v.entry(named: name) != nil, "\(name) missing")
        }
    }

    @Test func vocabularyPhrasesDoNotCollide() {
        var owner: [String: String] = [:]
        var clashes: [String] = []
        for e in Self.vocabulary.hyperparameters {
            for p in [e.name] + e.aliases {
                let k = HyperparameterVocabulary.key(p)
                if let o = owner[k], o != e.name { clashes.append("\(p): \(o) / \(e.name)") }
                owner[k] = owner[k] ?? e.name
            }
        }
        #expect(clashes.isEmpty, "\(clashes)")
    }

    @Test func vocabularyRangesAreOrdered() {
        for e in Self.vocabulary.hyperparameters {
            if let r = e.typicalRange, let lo = r.min, let hi = r.max { #expect(lo < hi, "\(e.name)") }
            if e.kind == .real || e.kind == .integer { #expect(e.typicalRange != nil, "\(e.name) has no range") }
        }
    }
}
