import Analyzers
import Codegen
import Foundation
import Testing

/// The generated Adam steps (our Algorithm 1 fixture, and the example paper's optimizer, DAM)
/// against an independent NumPy implementation written here by hand, over 1,000 steps on a
/// random problem with the paper's defaults; the PyTorch and Swift versions against NumPy.
@Suite(.serialized) struct AdamReferenceTests {
    /// A paper, and the damping its optimizer adds to Adam's denominator (0 for Adam itself).
    struct Case: CustomStringConvertible, Sendable {
        var path: String
        var damping: Double
        var description: String { URL(fileURLWithPath: path).lastPathComponent }
    }

    static let cases = [
        Case(path: CodegenTestSupport.example("adam-algorithm.tex"), damping: 0),
        Case(path: CodegenTestSupport.example("lookahead-momentum"), damping: 0.1),
    ]

    /// Hand-written from METHOD.md (Adam) and the example paper's eq. (2) (DAM), not generated.
    /// Runs 1,000 steps on two parameter arrays of a random convex quadratic with the generated
    /// `step` and with the reference, and prints the largest difference of any iterate.
    static let numpyCheck = #"""
    import json
    import numpy as np
    import generated

    rng = np.random.default_rng(1234)
    a = rng.uniform(0.5, 3.0, size=(3, 4))
    b = rng.standard_normal((3, 4))
    c = rng.uniform(0.5, 3.0, size=5)
    d = rng.standard_normal(5)

    def grads_at(params):
        w, u = params
        return [a * (w - b), c * (u - d)]

    def reference_run(params, steps, damping, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
        params = [p.copy() for p in params]
        m = [np.zeros_like(p) for p in params]
        v = [np.zeros_like(p) for p in params]
        history = []
        for t in range(1, steps + 1):
            g = grads_at(params)
            for k in range(len(params)):
                m[k] = beta1 * m[k] + (1.0 - beta1) * g[k]
                v[k] = beta2 * v[k] + (1.0 - beta2) * g[k] * g[k]
                m_corrected = m[k] / (1.0 - beta1 ** t)
                v_corrected = v[k] / (1.0 - beta2 ** t)
                denominator = np.sqrt(v_corrected) + eps + damping * np.abs(m_corrected)
                params[k] = params[k] - lr * m_corrected / denominator
            history.append([p.copy() for p in params])
        return history

    start = [rng.standard_normal((3, 4)), rng.standard_normal(5)]
    expected = reference_run(start, 1000, DAMPING)
    params = [p.copy() for p in start]
    state = generated.init_state(params)
    worst = 0.0
    for t in range(1000):
        generated.step(params, grads_at(params), state)
        worst = max(worst, max(float(np.max(np.abs(p - q))) for p, q in zip(params, expected[t])))
    moved = max(float(np.max(np.abs(p - q))) for p, q in zip(params, start))
    print(json.dumps({"max_abs_difference": worst, "moved": moved}))
    """#

    @Test(arguments: cases)
    func numpyStepMatchesHandWrittenReference(_ c: Case) throws {
        if let problem = CodegenTestSupport.pythonProblem { print("skipped: \(problem)"); return }
        let d = try CodegenTestSupport.deconstruct(c.path)
        let code = CodeGenerator(target: .numpy).generate(CodegenSource(d, algorithm: 0))
        #expect(code.shape == .optimizer)
        #expect(code.todos.isEmpty, "\(code.report)")
        let defaults = Dictionary(code.hyperparameters.map { ($0.name, $0.value ?? "-") }, uniquingKeysWith: { a, _ in a })
        #expect(defaults["beta1"] == "0.9" && defaults["beta2"] == "0.999" && defaults["eps"] == "1e-8")
        let dir = try CodegenTestSupport.scratch("adam-numpy")
        let check = Self.numpyCheck.replacingOccurrences(of: "DAMPING", with: "\(c.damping)")
        let run = try CodegenTestSupport.run(["python3", "check.py"], in: dir, files: ["generated.py": code.code, "check.py": check])
        #expect(run.succeeded, "\(run.stderr)\n\(code.code)")
        guard run.succeeded else { return }
        let result = try CodegenTestSupport.json(run)
        let difference = try #require(result["max_abs_difference"] as? Double)
        let moved = try #require(result["moved"] as? Double)
        print("\(c): generated NumPy vs hand-written reference, 1000 steps: max |difference| = \(difference), moved \(moved)")
        #expect(difference <= 1e-10)
        #expect(moved > 0.1, "the parameters must move for the comparison to mean anything")
    }

    /// The PyTorch optimizer against the same reference, where PyTorch is installed; everywhere,
    /// it must at least be valid Python.
    @Test(arguments: cases)
    func pytorchOptimizerMatchesReference(_ c: Case) throws {
        if let problem = CodegenTestSupport.pythonProblem { print("skipped: \(problem)"); return }
        let d = try CodegenTestSupport.deconstruct(c.path)
        let code = CodeGenerator(target: .pytorch).generate(CodegenSource(d, algorithm: 0))
        let numpy = CodeGenerator(target: .numpy).generate(CodegenSource(d, algorithm: 0))
        let check = Self.numpyCheck.replacingOccurrences(of: "DAMPING", with: "\(c.damping)")
            .replacingOccurrences(of: "import generated\n", with: "import generated\nimport torch\nimport generated_torch\n")
            .replacingOccurrences(of: """
            params = [p.copy() for p in start]
            state = generated.init_state(params)
            worst = 0.0
            for t in range(1000):
                generated.step(params, grads_at(params), state)
            """, with: """
            tensors = [torch.tensor(p, dtype=torch.float64, requires_grad=True) for p in start]
            optimizer = generated_torch.\(code.name)(tensors)
            worst = 0.0
            for t in range(1000):
                for x, g in zip(tensors, grads_at([x.detach().numpy() for x in tensors])):
                    x.grad = torch.tensor(g)
                optimizer.step()
                params = [x.detach().numpy() for x in tensors]
            """)
        #expect(check.contains("optimizer.step()"), "the check must drive the torch optimizer")
        #expect(code.shape == .optimizer && code.code.contains("(torch.optim.Optimizer):") && code.todos.isEmpty)
        let dir = try CodegenTestSupport.scratch("adam-torch")
        let syntax = try CodegenTestSupport.run(["python3", "-m", "py_compile", "generated_torch.py"], in: dir,
                                                files: ["generated_torch.py": code.code])
        #expect(syntax.succeeded, "\(syntax.stderr)\n\(code.code)")
        guard ScriptRunner.available(["python3", "-c", "import torch"], timeout: 120) else {
            print("skipped: PyTorch is not installed (`python3 -c 'import torch'` failed); the PyTorch optimizer is only checked as Python syntax")
            return
        }
        let run = try CodegenTestSupport.run(["python3", "check.py"], in: dir,
                                             files: ["generated.py": numpy.code, "generated_torch.py": code.code, "check.py": check])
        #expect(run.succeeded, "\(run.stderr)\n\(code.code)")
        guard run.succeeded else { return }
        let difference = try #require(try CodegenTestSupport.json(run)["max_abs_difference"] as? Double)
        print("\(c): generated PyTorch vs hand-written reference: max |difference| = \(difference)")
        #expect(difference <= 1e-10)
    }

    /// The Swift struct, compiled with a driver, against the generated NumPy step on the same
    /// deterministic problem.
    @Test(arguments: cases)
    func swiftStructCompilesAndMatchesNumPy(_ c: Case) throws {
        if let problem = CodegenTestSupport.pythonProblem { print("skipped: \(problem)"); return }
        guard ScriptRunner.available(["swiftc", "--version"]) else {
            print("skipped: swiftc is not on the PATH; the Swift version is not compiled")
            return
        }
        let d = try CodegenTestSupport.deconstruct(c.path)
        let swift = CodeGenerator(target: .swift).generate(CodegenSource(d, algorithm: 0))
        let numpy = CodeGenerator(target: .numpy).generate(CodegenSource(d, algorithm: 0))
        #expect(swift.todos.isEmpty, "\(swift.report)")
        // The same problem in both languages: f(x) = sum(a_i (x_i - b_i)^2) / 2.
        let driver = """
        import Foundation

        let n = 6
        let a = (0..<n).map { 0.5 + 0.4 * Double($0) }
        let b = (0..<n).map { cos(Double($0 + 1)) }
        var theta = (0..<n).map { sin(Double($0 + 1)) }
        var optimizer = \(swift.name)(theta)
        var out: [String] = []
        for _ in 0..<1000 {
            let g = (0..<n).map { a[$0] * (theta[$0] - b[$0]) }
            optimizer.step(&theta, gradient: g)
            out.append(theta.map { String(format: "%.17g", $0) }.joined(separator: " "))
        }
        print(out.joined(separator: "\\n"))
        """
        let python = """
        import numpy as np
        import generated
        n = 6
        a = np.array([0.5 + 0.4 * i for i in range(n)])
        b = np.cos(np.arange(1, n + 1))
        theta = np.sin(np.arange(1, n + 1).astype(float))
        state = generated.init_state([theta])
        for _ in range(1000):
            generated.step([theta], [a * (theta - b)], state)
            print(" ".join(repr(float(x)) for x in theta))
        """
        let dir = try CodegenTestSupport.scratch("adam-swift")
        let compile = try CodegenTestSupport.run(["swiftc", "-O", "-o", "driver", swift.fileName, "main.swift"], in: dir,
                                                 files: [swift.fileName: swift.code, "main.swift": driver], timeout: 600)
        #expect(compile.succeeded, "\(compile.stderr)\n\(swift.code)")
        guard compile.succeeded else { return }
        let swiftRun = try ScriptRunner(timeout: 120).run(["./driver"], in: dir)
        let pyRun = try CodegenTestSupport.run(["python3", "run.py"], in: dir, files: ["generated.py": numpy.code, "run.py": python])
        #expect(swiftRun.succeeded && pyRun.succeeded, "\(swiftRun.stderr)\(pyRun.stderr)")
        let s = swiftRun.stdout.split(separator: "\n").map { $0.split(separator: " ").compactMap { Double($0) } }
        let p = pyRun.stdout.split(separator: "\n").map { $0.split(separator: " ").compactMap { Double($0) } }
        #expect(s.count == 1000 && p.count == 1000)
        var worst = 0.0
        for (x, y) in zip(s, p) {
            #expect(x.count == y.count)
            for (u, v) in zip(x, y) { worst = max(worst, abs(u - v)) }
        }
        print("\(c): generated Swift vs generated NumPy, 1000 steps: max |difference| = \(worst)")
        #expect(worst <= 1e-10)
    }
}
