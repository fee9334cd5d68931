import Analyzers
import Codegen
import Foundation
import Testing

/// The project `deconstruct scaffold` writes: every card setting in config.yaml with its evidence,
/// missing ones null, a training skeleton citing the paper, and a test file that runs.
@Suite(.serialized) struct ScaffoldTests {
    static func project() throws -> (Deconstruction, Scaffold) {
        let d = try CodegenTestSupport.deconstruct(CodegenTestSupport.example("lookahead-momentum"))
        return (d, Scaffold(d, algorithm: 0))
    }

    @Test func configHoldsEveryCardSettingWithItsEvidence() throws {
        let (d, scaffold) = try Self.project()
        let config = try #require(scaffold.files.first { $0.path == "config.yaml" }?.text)
        let settings = config.components(separatedBy: "\nsettings:")[1].components(separatedBy: "\nnot_stated:")[0]
        let entries = settings.split(separator: "\n").filter { $0.hasPrefix("    ") }
        #expect(entries.count == d.hyperparameters.count, "one entry per setting on the card")
        for h in d.hyperparameters {
            #expect(config.contains(h.evidence.span.short), "\(h.name): its evidence")
        }
        // The algorithm's arguments with the paper's defaults, and what the card found missing.
        #expect(config.contains("  eps: 1.0e-8"))
        #expect(config.contains("  damping: 0.1"))
        let unknowns = d.feasibility?.unknowns ?? []
        for unknown in unknowns {
            #expect(config.contains("null") && config.contains("missing: not stated in the paper (\(unknown))"))
        }
        #expect(unknowns.count > 0, "the example paper leaves something unstated")
    }

    @Test func configIsValidYAMLAndTheFilesRun() throws {
        if let problem = CodegenTestSupport.pythonProblem { print("skipped: \(problem)"); return }
        let (_, scaffold) = try Self.project()
        let dir = try CodegenTestSupport.scratch("scaffold")
        try scaffold.write(to: dir, force: false)
        let tests = try ScriptRunner(timeout: 300).run(["python3", "test_algorithm.py"], in: dir)
        #expect(tests.succeeded, "\(tests.stderr)")
        #expect(tests.stdout.contains("ok test_converges_on_a_convex_quadratic"))
        let compiled = try ScriptRunner().run(["python3", "-m", "py_compile", "train.py"], in: dir)
        #expect(compiled.succeeded, "\(compiled.stderr)")
        let train = try String(contentsOf: dir.appendingPathComponent("train.py"), encoding: .utf8)
        #expect(train.contains("# TODO(Datasets and models, sections/experiments.tex:5): CIFAR-10"))
        #expect(train.contains("algorithm.step(model, grads, state, **settings)"))
        guard ScriptRunner.available(["python3", "-c", "import yaml"]) else {
            print("skipped: PyYAML is not installed; config.yaml is not parsed")
            return
        }
        let yaml = try ScriptRunner().run(["python3", "-c", """
            import json, yaml
            c = yaml.safe_load(open("config.yaml"))
            print(json.dumps({"eps": c["algorithm"]["eps"], "missing": list(c["not_stated"].values())}))
            """], in: dir)
        let parsed = try CodegenTestSupport.json(yaml)
        #expect(parsed["eps"] as? Double == 1e-8, "numbers read as numbers, not strings")
        #expect((parsed["missing"] as? [Any])?.allSatisfy { $0 is NSNull } == true)
    }

    @Test func aPyTorchProjectKeepsBothVersionsApart() throws {
        let d = try CodegenTestSupport.deconstruct(CodegenTestSupport.example("adam-algorithm.tex"))
        let scaffold = Scaffold(d, algorithm: 0, target: .pytorch)
        let paths = scaffold.files.map(\.path)
        #expect(Set(paths).count == paths.count, "no file written twice: \(paths)")
        #expect(paths.contains("adam.py") && paths.contains("adam_numpy.py"))
        let torch = try #require(scaffold.files.first { $0.path == "adam.py" }?.text)
        #expect(torch.contains("class Adam(torch.optim.Optimizer):"))
        #expect(scaffold.files.first { $0.path == "test_algorithm.py" }?.text.contains("import adam_numpy as algorithm") == true)
    }

    @Test func aNonEmptyFolderIsLeftAloneWithoutForce() throws {
        let (_, scaffold) = try Self.project()
        let dir = try CodegenTestSupport.scratch("scaffold-keep")
        try "keep me".write(to: dir.appendingPathComponent("train.py"), atomically: true, encoding: .utf8)
        #expect(throws: ScaffoldError.notEmpty(dir.path)) { try scaffold.write(to: dir, force: false) }
        #expect(try String(contentsOf: dir.appendingPathComponent("train.py"), encoding: .utf8) == "keep me")
        try scaffold.write(to: dir, force: true)
        #expect(try String(contentsOf: dir.appendingPathComponent("train.py"), encoding: .utf8) != "keep me")
    }
}
