import Testing
import Foundation
import PaperModel
@testable import Analyzers

/// End-to-end over the real papers in `../shared/corpus` (or `DECONSTRUCT_CORPUS`): the display
/// equations' parse rate and every algorithm box read into IR with no line lost.
@Suite struct CoreCorpusTests {
    struct Reading: Sendable {
        var slug: String
        var paper: Paper
        var core: CoreAnalysis
    }

    /// Every LaTeX paper of the corpus, read once for all the tests of the suite.
    static let cached: Result<[Reading]?, CoreTestSupport.Failure> = {
        do { return .success(try load()?.0) } catch let f as CoreTestSupport.Failure { return .failure(f) } catch { return .failure(.undecodable("corpus", "\(error)")) }
    }()

    static func readings() throws -> ([Reading], String)? {
        try cached.get().map { ($0, "") }
    }

    /// Every LaTeX paper of the corpus; nil with the reason when there is no corpus.
    static func load() throws -> ([Reading], String)? {
        let (folder, reason) = CoreTestSupport.corpus()
        guard let folder else {
            print("skipped: \(reason)")
            return nil
        }
        var out: [Reading] = []
        for (slug, dir) in CoreTestSupport.latexPapers(in: folder) {
            let paper = try CoreTestSupport.paper(at: dir.path)
            out.append(Reading(slug: slug, paper: paper, core: CoreAnalyzer().analyze(paper)))
        }
        return (out, "")
    }

    @Test func displayEquationsParseAtLeast95Percent() throws {
        guard let (readings, _) = try Self.readings() else { return }
        var total = 0, parsed = 0
        var failures: [String: [String]] = [:]
        let parser = MathParsingShim()
        for r in readings {
            for e in r.core.equations {
                total += 1
                if e.parsed { parsed += 1; continue }
                failures[parser.cause(e.latex), default: []].append("\(r.slug) \(e.span.short)")
            }
        }
        let rate = total == 0 ? 1 : Double(parsed) / Double(total)
        print("display equations: \(parsed)/\(total) parsed (\(String(format: "%.1f", rate * 100))%)")
        for (cause, where_) in failures.sorted(by: { $0.value.count > $1.value.count }) {
            print("  \(where_.count) × \(cause): " + where_.prefix(4).joined(separator: ", "))
        }
        #expect(total > 100, "the corpus should hold hundreds of display equations")
        #expect(rate >= 0.95)
    }

    @Test func everyBoxBecomesIRWithEveryLineAccounted() throws {
        guard let (readings, _) = try Self.readings() else { return }
        var boxes = 0, lines = 0
        var forms: [IRStep.Form: Int] = [:]
        for r in readings {
            let boxesInPaper = r.paper.algorithms
            #expect(r.core.algorithms.count == boxesInPaper.count, "\(r.slug): every box becomes IR")
            for (box, ir) in zip(boxesInPaper, r.core.algorithms) {
                boxes += 1
                lines += box.lines.count
                #expect(ir.steps.count == box.lines.count, "\(r.slug) \(ir.title): one step per line")
                #expect(ir.steps.map(\.line) == Array(box.lines.indices), "\(r.slug) \(ir.title): steps in line order")
                #expect(ir.caption == box.caption && ir.label == box.label && ir.number == box.number && ir.span == box.span)
                for step in ir.steps {
                    forms[step.form, default: 0] += 1
                    // Accounted for: parsed math, or prose kept, or a bare keyword.
                    switch step.form {
                    case .math, .partialMath:
                        #expect(!step.allMath.isEmpty || step.kind == .declare, "\(r.slug) line \(step.line): math form without math")
                    case .mixed:
                        #expect(!step.allMath.isEmpty && !(step.prose ?? step.source).isEmpty)
                    case .prose:
                        #expect(!step.source.isEmpty || step.comment != nil)
                    case .structure:
                        break
                    }
                    if step.kind != .end && step.form != .structure {
                        #expect(!step.plain.isEmpty, "\(r.slug) \(ir.title) line \(step.line) \(step.kind) \(step.form): \(step.source)")
                    }
                }
            }
        }
        let summary = IRStep.Form.allCases.map { "\($0.rawValue) \(forms[$0, default: 0])" }.joined(separator: ", ")
        print("algorithm boxes: \(boxes) → IR; \(lines) lines: \(summary)")
        #expect(boxes >= 30, "the corpus holds dozens of boxes")
        let readAsMath = Double(forms[.math, default: 0] + forms[.mixed, default: 0]) / Double(max(lines, 1))
        #expect(readAsMath > 0.7, "most lines hold math that parses")
    }

    @Test func rolesAndAuditCoverTheCorpus() throws {
        guard let (readings, _) = try Self.readings() else { return }
        var roles: [EquationRole.Role: Int] = [:]
        var covered: [String: Int] = [:], audited = 0
        for r in readings {
            for e in r.core.equations {
                roles[e.role, default: 0] += 1
                #expect(!e.reason.isEmpty)
            }
            if r.paper.algorithms.isEmpty && r.core.equations.contains(where: { $0.role == .core }) {
                #expect(r.core.flow?.hasPrefix("flowchart TD") == true, "\(r.slug): a box-less paper gets a flow")
            }
            for line in r.core.audit where line.algorithm != nil {
                audited += 1
                for fw in LibraryMap.shared.frameworks where line.covered(by: fw) { covered[fw, default: 0] += 1 }
            }
        }
        print("equation roles: " + EquationRole.Role.allCases.map { "\($0.rawValue) \(roles[$0, default: 0])" }.joined(separator: ", "))
        print("audited lines: \(audited); covered by a library: " + LibraryMap.shared.frameworks.map { "\($0) \(covered[$0, default: 0])" }.joined(separator: ", "))
        #expect(roles[.theory, default: 0] > 0 && roles[.core, default: 0] > 0 && roles[.background, default: 0] > 0)
        #expect(covered["pytorch", default: 0] > covered["swift", default: 0], "PyTorch covers more than plain Swift")
    }
}

/// Names the cause of a parse failure from the TeX, for the failure list.
struct MathParsingShim {
    func cause(_ tex: String) -> String {
        let commands = ["\\begin{array}", "\\substack", "\\overset", "\\underset", "\\stackrel", "\\xrightarrow", "\\tag", "\\intertext",
                        "\\left.", "\\mathop", "\\limits", "\\operatorname"]
        if let c = commands.first(where: tex.contains) { return "contains \(c)" }
        let open = tex.filter { "{([".contains($0) }.count, close = tex.filter { "})]".contains($0) }.count
        if open != close { return "unbalanced delimiters" }
        return "other"
    }
}
