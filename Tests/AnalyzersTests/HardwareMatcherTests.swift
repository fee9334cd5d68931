import Testing
@testable import Analyzers

@Suite struct HardwareMatcherTests {
    let matcher = HardwareMatcher.shared

    struct Case: Sendable, CustomTestStringConvertible {
        let text: String
        let device: String
        let count: Int?
        var memory: Double? = nil
        var cores: Int? = nil
        var testDescription: String { text }
    }

    @Test(arguments: [
        Case(text: "We train on 8 NVIDIA P100 GPUs for a day.", device: "NVIDIA Tesla P100", count: 8),
        Case(text: "using eight V100 GPUs", device: "NVIDIA Tesla V100", count: 8),
        Case(text: "fits on a single RTX 3090.", device: "NVIDIA GeForce RTX 3090", count: 1),
        Case(text: "trained on TPU v3-512", device: "Google TPU v3", count: 256, cores: 512),
        Case(text: "on 4x A100 80GB", device: "NVIDIA A100", count: 4, memory: 80),
        Case(text: "with one NVIDIA Tesla K40", device: "NVIDIA Tesla K40", count: 1),
        Case(text: "on 64 TPUv4 chips", device: "Google TPU v4", count: 64),
        Case(text: "on 16 A100s", device: "NVIDIA A100", count: 16),
        Case(text: "sixty-four V100 GPUs", device: "NVIDIA Tesla V100", count: 64),
        Case(text: "twenty four A100 GPUs", device: "NVIDIA A100", count: 24),
        Case(text: "on 8xV100", device: "NVIDIA Tesla V100", count: 8),
        Case(text: "GPUs & 32$\\times $V100", device: "NVIDIA Tesla V100", count: 32),
        Case(text: "run on 16 Cloud TPU v5e", device: "Google TPU v5e", count: 16),
        Case(text: "512 TPU V4 chips", device: "Google TPU v4", count: 512),
        Case(text: "32 TPU v3 cores", device: "Google TPU v3", count: 16, cores: 32),
        Case(text: "with Nvidia H100-80GB GPU cards", device: "NVIDIA H100 SXM", count: nil, memory: 80),
        Case(text: "two Nvidia RTX 3090 GPUs with 24GB of memory each", device: "NVIDIA GeForce RTX 3090", count: 2, memory: 24),
        Case(text: "on a nvidia A100 gpu", device: "NVIDIA A100", count: 1),
        Case(text: "a cluster of A100 GPUs", device: "NVIDIA A100", count: nil),
        Case(text: "an Nvidia TitanX GPU", device: "NVIDIA GeForce GTX Titan X", count: 1),
        Case(text: "our single Quadro GP100 GPU", device: "NVIDIA Quadro GP100", count: 1),
        Case(text: "on an nvidia L40s gpu", device: "NVIDIA L40S", count: 1),
        Case(text: "8 GPUs (NVIDIA V100, 32GB)", device: "NVIDIA Tesla V100", count: 8, memory: 32),
        Case(text: "V100 x 8", device: "NVIDIA Tesla V100", count: 8),
        Case(text: "on 4 A100 nodes", device: "NVIDIA A100", count: nil),
        Case(text: "an AWS p4d.24xlarge instance", device: "NVIDIA A100", count: 8, memory: 40),
        Case(text: "two p4d.24xlarge instances", device: "NVIDIA A100", count: 16, memory: 40),
        Case(text: "an A100 with 256 GB RAM", device: "NVIDIA A100", count: 1, memory: nil),
        Case(text: "a MacBook Pro with an M1 Max", device: "Apple M1 Max", count: 1),
        Case(text: "on 1,024 H100 GPUs", device: "NVIDIA H100 SXM", count: 1024),
    ])
    func parsesSetups(c: Case) throws {
        let found = matcher.matches(in: c.text)
        let m = try #require(found.first, "nothing found")
        #expect(found.count == 1, "\(found.map(\.text))")
        #expect(m.device.name == c.device)
        #expect(m.count == c.count)
        #expect(m.memoryGB == c.memory)
        #expect(m.cores == c.cores)
    }

    @Test func mentionTextSpansCountToDevice() throws {
        let text = "We use 8 NVIDIA P100 GPUs."
        let m = try #require(matcher.matches(in: text).first)
        #expect(m.text == "8 NVIDIA P100 GPUs")
        #expect(String(text[m.range]) == m.text)
    }

    @Test(arguments: [
        "The M1 model outperforms M2.",          // Apple names need Apple context
        "Table T4 shows the results.",           // T4 needs GPU context
        "we report 3090 samples",                // bare number needs GPU context
        "The A100B protein",                      // longer word
    ])
    func rejectsAmbiguousNamesWithoutContext(text: String) {
        #expect(matcher.matches(in: text).isEmpty, "\(matcher.matches(in: text).map(\.text))")
    }

    @Test(arguments: [
        ("a T4 GPU", "NVIDIA Tesla T4"),
        ("an Apple M2 chip", "Apple M2"),
        ("on RTX 3090 or 4090 GPUs", "NVIDIA GeForce RTX 3090"),
    ])
    func acceptsAmbiguousNamesWithContext(text: String, device: String) {
        #expect(matcher.matches(in: text).first?.device.name == device)
    }

    @Test func findsSeveralDevices() {
        let found = matcher.matches(in: "Experiments used 4 Nvidia RTX 3090 GPUs and a Slurm cluster with Nvidia RTX 4090 GPUs.")
        #expect(found.map(\.device.name) == ["NVIDIA GeForce RTX 3090", "NVIDIA GeForce RTX 4090"])
        #expect(found.map(\.count) == [4, nil])
    }

    @Test(arguments: [
        ("one", 1), ("two", 2), ("eight", 8), ("twelve", 12), ("sixteen", 16), ("twenty", 20), ("thirty-two", 32),
        ("forty eight", 48), ("sixty-four", 64), ("Eight", 8), ("a single", 1),
    ])
    func numberWords(word: String, value: Int) {
        #expect(matcher.matches(in: "using \(word) V100 GPUs").first?.count == value)
    }
}

@Suite struct StaticConvenienceTests {
    @Test func staticEntryPointsUseTheBundledCatalogues() {
        #expect(DatasetMatcher.matches(in: "on CIFAR-10").map(\.entry.name) == ["CIFAR-10"])
        #expect(HardwareMatcher.matches(in: "8 V100 GPUs").first?.count == 8)
        #expect(HyperparameterVocabulary.canonical(forName: "step size")?.name == "learning_rate")
        #expect(HyperparameterVocabulary.canonical(forSymbol: "η").first?.name == "learning_rate")
    }
}
