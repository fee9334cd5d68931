import Analyzers
import Codegen
import DeconstructKit
import Foundation
import Testing

/// Every algorithm box of the real papers in `../shared/corpus`: NumPy and PyTorch code that is
/// valid Python for all of them, and NumPy code that runs for every box whose lines are
/// arithmetic updates. The counts are pinned; docs/CODEGEN.md reports them.
@Suite(.serialized) struct CodegenCorpusTests {
    struct Box: Sendable {
        var slug: String
        var d: Deconstruction
        var index: Int
        var name: String { "\(slug) \(d.algorithms[index].id)" }
    }

    /// Every box of the corpus (LaTeX sources, else the PDF), read once; nil with the reason when
    /// there is no corpus.
    static let boxes: Result<[Box], Error>? = {
        let fm = FileManager.default
        let env = ProcessInfo.processInfo.environment["DECONSTRUCT_CORPUS"]
        let candidates = [env, CodegenTestSupport.root.appendingPathComponent("../shared/corpus").path, "/work/shared/corpus"].compactMap { $0 }
        guard let corpus = candidates.first(where: { fm.fileExists(atPath: $0) }) else { return nil }
        do {
            var out: [Box] = []
            for slug in try fm.contentsOfDirectory(atPath: corpus).sorted() {
                let dir = corpus + "/" + slug
                let path = fm.fileExists(atPath: dir + "/src") ? dir : dir + "/paper.pdf"
                guard fm.fileExists(atPath: path) else { continue }
                let d = try Pipeline.deconstruct(path: path)
                out += d.algorithms.indices.map { Box(slug: slug, d: d, index: $0) }
            }
            return .success(out)
        } catch {
            return .failure(error)
        }
    }()

    static func load() throws -> [Box]? {
        guard let boxes else {
            print("skipped: no corpus at ../shared/corpus (set DECONSTRUCT_CORPUS)")
            return nil
        }
        return try boxes.get()
    }

    /// The boxes whose lines are arithmetic updates, and why the others are not.
    static func arithmetic(_ boxes: [Box]) -> (yes: [Box], reasons: [String: [String]]) {
        var yes: [Box] = []
        var reasons: [String: [String]] = [:]
        for box in boxes {
            let r = BoxKind.reasons(box.d.algorithms[box.index], audit: box.d.audit)
            if r.isEmpty { yes.append(box) }
            for reason in Set(r.map(\.reason)) { reasons[reason, default: []].append(box.name) }
        }
        return (yes, reasons)
    }

    @Test func everyArithmeticBoxYieldsNumPyCodeThatRuns() throws {
        if let problem = CodegenTestSupport.pythonProblem { print("skipped: \(problem)"); return }
        guard let boxes = try Self.load() else { return }
        let (arithmetic, reasons) = Self.arithmetic(boxes)
        var runnable: [String] = []
        for box in arithmetic {
            let code = CodeGenerator(target: .numpy).generate(CodegenSource(box.d, algorithm: box.index))
            let report = Verifier(timeout: 120).verify(code)
            let runs = report.checks.first { $0.name == "runs" }
            #expect(runs?.passed == true, "\(box.name): \(report.table)\n\(code.code)")
            if runs?.passed == true { runnable.append(box.name) }
            print("\(box.name): \(code.shape.rawValue), \(code.todos.count) TODO, verify \(report.passed ? "PASS" : "FAIL")"
                  + (report.passed ? "" : ": " + report.checks.filter { $0.passed == false }.map(\.name).joined(separator: ", ")))
        }
        print("corpus: \(boxes.count) boxes, \(arithmetic.count) arithmetic, \(runnable.count) of them run")
        for (reason, names) in reasons.sorted(by: { $0.value.count > $1.value.count }) {
            print("  not arithmetic, \(names.count) boxes: \(reason)")
        }
        #expect(boxes.count == 61, "the corpus boxes the counts below were pinned on")
        #expect(arithmetic.count == 7)
        #expect(runnable.count == arithmetic.count)
    }

    /// The Swift struct of every arithmetic optimizer type-checks.
    @Test func swiftOfEveryArithmeticOptimizerTypeChecks() throws {
        guard ScriptRunner.available(["swiftc", "--version"]) else { print("skipped: swiftc is not on the PATH"); return }
        guard let boxes = try Self.load() else { return }
        let dir = try CodegenTestSupport.scratch("corpus-swift")
        var checked = 0
        for box in Self.arithmetic(boxes).yes {
            let code = CodeGenerator(target: .swift).generate(CodegenSource(box.d, algorithm: box.index))
            guard code.shape == .optimizer else { continue }
            let run = try CodegenTestSupport.run(["swiftc", "-typecheck", code.fileName], in: dir, files: [code.fileName: code.code], timeout: 300)
            #expect(run.succeeded, "\(box.name): \(run.stderr)\n\(code.code)")
            checked += 1
        }
        #expect(checked == 5)
    }

    /// No box crashes the generator, every NumPy and PyTorch file is valid Python, and the TODO
    /// count is what docs/CODEGEN.md reports.
    @Test func everyBoxYieldsValidPython() throws {
        if let problem = CodegenTestSupport.pythonProblem { print("skipped: \(problem)"); return }
        guard let boxes = try Self.load() else { return }
        let dir = try CodegenTestSupport.scratch("corpus")
        var files: [String: String] = [:]
        var complete = 0, todos = 0
        var reasons: [String: Int] = [:]
        for (k, box) in boxes.enumerated() {
            for target in [CodeTarget.numpy, .pytorch] {
                let code = CodeGenerator(target: target).generate(CodegenSource(box.d, algorithm: box.index))
                files["box\(k)_\(target.rawValue).py"] = code.code
                guard target == .numpy else { continue }
                if code.todos.isEmpty { complete += 1 }
                todos += code.todos.count
                for t in code.todos { reasons[Self.group(t.reason), default: 0] += 1 }
                // Every TODO is visible in the code and names its line.
                for t in code.todos { #expect(code.code.contains("TODO(\(t.label))"), "\(box.name): \(t)") }
            }
        }
        let run = try CodegenTestSupport.run(["python3", "-m", "py_compile"] + files.keys.sorted(), in: dir, files: files)
        #expect(run.succeeded, "\(run.stderr)")
        print("corpus NumPy: \(complete) of \(boxes.count) boxes with no TODO; \(todos) TODO lines")
        for (reason, n) in reasons.sorted(by: { $0.value > $1.value }) { print("  \(n) × \(reason)") }
        #expect(complete == 3)
        #expect(todos == 388)
    }

    /// A TODO reason without its specifics, for grouping.
    static func group(_ reason: String) -> String {
        var r = reason
        for cut in [" (", ": ", "; ", " — "] { if let range = r.range(of: cut) { r = String(r[..<range.lowerBound]) } }
        return r
    }
}
