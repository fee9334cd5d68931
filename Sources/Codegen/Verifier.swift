import Foundation

/// Step 4's check: runs generated NumPy code in a subprocess (`/usr/bin/env python3`, with a
/// time limit) on problems the harness builds itself — for an optimizer a convex quadratic and
/// the Rosenbrock function — and reports whether it runs, converges, and stays finite.
///
/// ```swift
/// let report = Verifier().verify(CodeGenerator(target: .numpy).generate(source))
/// print(report.table)     // runs ok · convex quadratic ok · Rosenbrock ok · NaN/overflow ok
/// report.passed           // false when it fails to run, diverges or produces NaN
/// ```
public struct Verifier: Sendable {
    /// Seconds the generated code may run.
    public var timeout: TimeInterval

    public init(timeout: TimeInterval = 120) {
        self.timeout = timeout
    }

    /// Runs the code (NumPy; other targets are refused with a failed check) and reports.
    public func verify(_ code: GeneratedCode) -> Verification {
        var report = Verification(algorithm: code.algorithm, title: code.title, fileName: code.fileName, shape: code.shape,
                                  checks: [], assumed: [], todos: code.todos)
        guard code.target == .numpy else {
            report.checks.append(.init(name: "target", passed: false, detail: "verify runs NumPy code; got \(code.target.rawValue)"))
            return report
        }
        let assumptions = VerifyAssumptions.shared
        var assumed: [String: Double] = [:]
        for h in code.hyperparameters where h.value == nil || h.assumed {
            var h = h
            let value = assumptions.value(for: h)
            assumed[h.argument ?? h.name] = value
            h.value = VerifyAssumptions.format(value, integer: h.integer)
            h.evidence = "assumed by verify: the paper states no value"
            report.assumed.append(h)
        }
        guard ScriptRunner.available(["python3", "-c", "import numpy"]) else {
            report.checks.append(.init(name: "runs", passed: false,
                                       detail: "python3 with NumPy is not available (`/usr/bin/env python3 -c 'import numpy'` failed)"))
            return report
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("deconstruct-verify-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let result: ScriptRunner.Result
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try code.code.write(to: dir.appendingPathComponent("algorithm.py"), atomically: true, encoding: .utf8)
            try harness(code, assumed: assumed).write(to: dir.appendingPathComponent("harness.py"), atomically: true, encoding: .utf8)
            result = try ScriptRunner(timeout: timeout).run(["python3", "harness.py"], in: dir)
        } catch {
            report.checks.append(.init(name: "runs", passed: false, detail: "could not start python3: \(error.localizedDescription)"))
            return report
        }
        report.checks += checks(result, code: code)
        return report
    }

    /// The harness with its configuration filled in.
    func harness(_ code: GeneratedCode, assumed: [String: Double]) throws -> String {
        guard let url = Bundle.module.url(forResource: "verify-harness", withExtension: "py") else {
            throw CocoaError(.fileNoSuchFile)
        }
        let template = try String(contentsOf: url, encoding: .utf8)
        let arguments: [[String: Any]] = code.arguments.map { a in
            var d: [String: Any] = ["name": a.name, "kind": a.kind, "matrix": a.matrix]
            if let p = a.position { d["position"] = p }
            return d
        }
        let inputs = code.arguments.isEmpty ? "none" : code.arguments.map { a in
            switch a.kind {
            case "function": "\(a.name): a convex quadratic of its first argument"
            case "gradient": "\(a.name): its gradient"
            default: "\(a.name): " + (a.matrix ? "a random 10 x 10 matrix" : "a random vector of 10 values in [0.5, 1.5]")
            }
        }.joined(separator: "; ")
        let config: [String: Any] = ["shape": code.shape.rawValue, "function": code.name, "arguments": arguments,
                                     "assumed": assumed, "inputs": inputs]
        let json = String(decoding: try JSONSerialization.data(withJSONObject: config, options: [.sortedKeys]), as: UTF8.self)
        return template.replacingOccurrences(of: "__CONFIG__", with: json)
    }

    private func checks(_ run: ScriptRunner.Result, code: GeneratedCode) -> [Verification.Check] {
        if run.timedOut {
            return [.init(name: "runs", passed: false, detail: "stopped after \(Int(timeout)) s (an endless loop, or far too slow)")]
        }
        let last = run.stdout.split(separator: "\n").last.map(String.init) ?? ""
        guard let object = try? JSONSerialization.jsonObject(with: Data(last.utf8)) as? [String: Any] else {
            let why = run.stderr.split(separator: "\n").suffix(3).joined(separator: " | ")
            return [.init(name: "runs", passed: false, detail: "the harness failed (exit \(run.status)): \(why.isEmpty ? "no output" : why)")]
        }
        var out: [Verification.Check] = []
        let seconds = (object["seconds"] as? Double).map { String(format: "%.2f s", $0) } ?? ""
        guard object["runs"] as? Bool == true else {
            let trace = (object["traceback"] as? [String] ?? []).filter { $0.contains("algorithm.py") }.last?.trimmingCharacters(in: .whitespaces)
            out.append(.init(name: "runs", passed: false, detail: (object["error"] as? String ?? "failed") + (trace.map { " (\($0))" } ?? "")))
            return out
        }
        let results = object["results"] as? [[String: Any]] ?? []
        out.append(.init(name: "runs", passed: true, detail: seconds))
        var finite = true
        for r in results {
            if r["finite"] as? Bool == false { finite = false }
            guard code.shape == .optimizer else { continue }
            let name = r["problem"] as? String ?? "problem"
            let initial = Self.number(r["initial"]), final = Self.number(r["final"])
            let steps = r["steps"] as? Int ?? 0
            out.append(.init(name: "converges: \(name)", passed: r["converged"] as? Bool == true,
                             detail: "loss \(initial) → \(final) after \(steps) steps; \(r["detail"] as? String ?? "")"))
        }
        if code.shape == .procedure {
            out.append(.init(name: "converges", passed: nil, detail: "not checked: not an optimizer; ran on \(results.first?["detail"] as? String ?? "generated inputs")"))
        }
        let warnings = (object["warnings"] as? [String] ?? []).filter { $0.contains("overflow") || $0.contains("invalid") || $0.contains("divide") }
        out.append(.init(name: "NaN / overflow", passed: finite && warnings.isEmpty,
                         detail: finite && warnings.isEmpty ? "none" : ((finite ? [] : ["non-finite values"]) + warnings).joined(separator: "; ")))
        return out
    }

    private static func number(_ value: Any?) -> String {
        if let d = value as? Double { return String(format: abs(d) >= 0.01 && abs(d) < 1e5 ? "%.3g" : "%.2e", d) }
        if let s = value as? String { return s }
        return "?"
    }
}

/// What `verify` found.
public struct Verification: Codable, Hashable, Sendable {
    /// One row of the report. `passed` nil: shown for information, not judged.
    public struct Check: Codable, Hashable, Sendable {
        public var name: String
        public var passed: Bool?
        public var detail: String
    }

    public var algorithm: String
    public var title: String
    public var fileName: String
    public var shape: GeneratedCode.Shape
    public var checks: [Check]
    /// Hyperparameters the paper leaves without a value, with the value the run used.
    public var assumed: [CodeHyperparameter]
    public var todos: [CodeTodo]

    /// True when every judged check passed (and there was at least one).
    public var passed: Bool { !checks.isEmpty && checks.allSatisfy { $0.passed != false } && checks.contains { $0.passed == true } }

    /// The report as an aligned table.
    public var table: String {
        var rows: [(String, String, String)] = checks.map { ($0.name, $0.passed.map { $0 ? "ok" : "FAILED" } ?? "–", $0.detail) }
        rows.append(("assumed values", "–", assumed.isEmpty ? "none: every value is the paper's"
                        : assumed.map { "\($0.name) = \($0.value ?? "?")" }.joined(separator: ", ") + " (not stated in the paper)"))
        rows.append(("TODO lines", "–", todos.isEmpty ? "none" : "\(todos.count): " + todos.map(\.label).joined(separator: ", ")))
        let width = max(rows.map(\.0.count).max() ?? 0, 5)
        var lines = ["VERIFY  \(title) (NumPy, \(fileName), \(shape.rawValue))",
                     "  " + "check".padding(toLength: width, withPad: " ", startingAt: 0) + "  result  detail"]
        for (name, result, detail) in rows {
            lines.append("  " + name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + result.padding(toLength: 6, withPad: " ", startingAt: 0) + "  " + detail)
        }
        lines.append("verdict: " + (passed ? "PASS" : "FAIL")
                     + (todos.isEmpty ? "" : " (\(todos.count) TODO line\(todos.count == 1 ? "" : "s") of the box not run: the code checked is incomplete)"))
        return lines.joined(separator: "\n")
    }
}

/// Values for hyperparameters the paper leaves open (`verify-assumptions.json`).
struct VerifyAssumptions: Decodable, Sendable {
    struct Rule: Decodable, Sendable {
        var words: [String]
        var value: Double
        var integer: Bool?
    }

    var rules: [Rule]

    static let shared: VerifyAssumptions = {
        guard let url = Bundle.module.url(forResource: "verify-assumptions", withExtension: "json"),
              let data = try? Data(contentsOf: url), let table = try? JSONDecoder().decode(VerifyAssumptions.self, from: data) else {
            fatalError("verify-assumptions.json is missing or malformed in the Codegen bundle")
        }
        return table
    }()

    func value(for h: CodeHyperparameter) -> Double {
        var tokens = Set<String>()
        for part in h.name.lowercased().split(separator: "_") {
            tokens.insert(String(part))
            tokens.insert(String(part.reversed().drop(while: \.isNumber).reversed()))
        }
        let meaning = (h.meaning ?? "").lowercased()
        tokens.formUnion(meaning.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init))
        tokens.insert(h.name.lowercased())
        for rule in rules where (rule.integer ?? false) == h.integer {
            if rule.words.isEmpty || rule.words.contains(where: { $0.contains(" ") ? meaning.contains($0) : tokens.contains($0) }) {
                return rule.value
            }
        }
        return h.integer ? 10 : 0.1
    }

    static func format(_ x: Double, integer: Bool) -> String {
        integer ? String(Int(x)) : "\(x)"
    }
}
