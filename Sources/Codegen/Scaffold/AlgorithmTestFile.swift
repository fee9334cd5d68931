/// `test_algorithm.py` of a scaffold: checks of the generated NumPy algorithm that run under
/// pytest or with plain `python3 test_algorithm.py` — an optimizer must converge on a convex
/// quadratic and stay finite; any other algorithm must run on generated inputs and stay finite.
struct AlgorithmTestFile {
    var code: GeneratedCode

    private var module: String { String(code.fileName.split(separator: ".").first ?? "algorithm") }

    func text() -> String {
        var out = ["\"\"\"Checks of \(code.fileName) (\(code.title)), written by deconstruct.",
                   "",
                   "Run with pytest, or with plain python3: python3 test_algorithm.py",
                   "\"\"\"",
                   "import numpy as np",
                   "",
                   "import \(module) as algorithm",
                   "",
                   "# The paper's values; a value it does not state is assumed here and marked so."]
        out.append("SETTINGS = {")
        for h in code.hyperparameters {
            let name = h.argument ?? h.name
            if let v = h.value, !h.assumed {
                out.append("    \"\(name)\": \(v),")
            } else {
                let value = VerifyAssumptions.shared.value(for: h)
                out.append("    \"\(name)\": \(VerifyAssumptions.format(value, integer: h.integer)),  # assumed: not stated in the paper")
            }
        }
        out.append("}")
        out.append("")
        out.append("")
        out.append("def quadratic(x, curvature, center):")
        out.append("    return 0.5 * float(np.sum(curvature * (x - center) ** 2))")
        out.append("")
        out.append("")
        if code.shape == .optimizer {
            out += optimizerTests()
        } else {
            out += procedureTests()
        }
        out += ["", "", "if __name__ == \"__main__\":",
                "    for name, test in sorted(globals().items()):",
                "        if name.startswith(\"test_\") and callable(test):",
                "            test()",
                "            print(\"ok\", name)"]
        return out.joined(separator: "\n") + "\n"
    }

    private func optimizerTests() -> [String] {
        [
            "def run(steps, dimension=10, seed=0):",
            "    rng = np.random.default_rng(seed)",
            "    curvature = rng.uniform(0.5, 2.0, dimension)",
            "    center = rng.standard_normal(dimension)",
            "    params = [center + rng.choice([-1.0, 1.0], dimension)]",
            "    state = algorithm.init_state(params)",
            "    start = quadratic(params[0], curvature, center)",
            "    for _ in range(steps):",
            "        algorithm.step(params, [curvature * (params[0] - center)], state, **SETTINGS)",
            "    return start, quadratic(params[0], curvature, center), params[0]",
            "",
            "",
            "def test_stays_finite():",
            "    _, _, x = run(100)",
            "    assert np.all(np.isfinite(x))",
            "",
            "",
            "def test_lowers_the_loss_of_a_convex_quadratic():",
            "    start, end, _ = run(100)",
            "    assert end < start",
            "",
            "",
            "def test_converges_on_a_convex_quadratic():",
            "    start, end, _ = run(5000)",
            "    assert end <= 1e-3 * start, (start, end)",
        ]
    }

    private func procedureTests() -> [String] {
        var out = ["def inputs(rng, curvature, center):",
                   "    \"\"\"Generated inputs: functions are a convex quadratic, values random vectors.\"\"\"",
                   "    args = []"]
        for a in code.arguments {
            switch a.kind {
            case "function":
                out.append("    args.append(lambda x, *rest: quadratic(np.resize(np.asarray(x, dtype=float), center.size), curvature, center))  # \(a.name)")
            case "gradient" where (a.position ?? 0) == 0:
                out.append("    args.append(lambda x, *rest: curvature * (np.asarray(x, dtype=float) - center))  # \(a.name)")
            case "gradient":
                out.append("    args.append(lambda *args: np.zeros_like(np.asarray(args[\(a.position ?? 0)], dtype=float)))  # \(a.name)")
            default:
                out.append("    args.append(rng.uniform(0.5, 1.5, \(a.matrix ? "(center.size, center.size)" : "center.size")))  # \(a.name)")
            }
        }
        out += ["    return args",
                "",
                "",
                "def test_runs_and_stays_finite():",
                "    rng = np.random.default_rng(0)",
                "    curvature = rng.uniform(0.5, 2.0, 10)",
                "    center = rng.standard_normal(10)",
                "    result = algorithm.\(code.name)(*inputs(rng, curvature, center), **SETTINGS)",
                "    values = result if isinstance(result, tuple) else (result,)",
                "    for value in values:",
                "        if value is not None:",
                "            assert np.all(np.isfinite(np.asarray(value, dtype=float)))"]
        return out
    }
}
