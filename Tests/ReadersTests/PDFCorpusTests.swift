import Foundation
import Testing
import PaperModel
@testable import Readers

/// The shared corpus of real papers (`/work/shared/corpus`, or `DECONSTRUCT_CORPUS`), read in
/// place. Tests are skipped, with the reason, when it or pdftotext is missing.
enum Corpus {
    static let root: String? = {
        let fm = FileManager.default
        if let env = ProcessInfo.processInfo.environment["DECONSTRUCT_CORPUS"], fm.fileExists(atPath: env + "/MANIFEST.tsv") { return env }
        let shared = "/work/shared/corpus"
        return fm.fileExists(atPath: shared + "/MANIFEST.tsv") ? shared : nil
    }()

    static var usable: Bool { root != nil && PopplerRunner.locate("pdftotext") != nil }
    static let skipReason: Comment = "corpus not found (set DECONSTRUCT_CORPUS or provide /work/shared/corpus) or pdftotext missing"

    /// slug → title from MANIFEST.tsv.
    static let titles: [String: String] = {
        guard let root, let text = try? String(contentsOfFile: root + "/MANIFEST.tsv", encoding: .utf8) else { return [:] }
        var out: [String: String] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            if f.count > 1 { out[String(f[0])] = String(f[1]) }
        }
        return out
    }()

    static func path(_ slug: String, _ file: String) -> String { (root ?? "") + "/\(slug)/\(file)" }

    static let pdfSlugs: [String] = {
        guard root != nil else { return [] }
        return titles.keys.filter { FileManager.default.fileExists(atPath: path($0, "paper.pdf")) }.sorted()
    }()

    static var goldSlugs: [String] { pdfSlugs.filter { FileManager.default.fileExists(atPath: path($0, "gold.json")) } }

    struct GoldAlgorithm { var caption: String; var steps: Int }

    static func goldAlgorithms(_ slug: String) -> [GoldAlgorithm] {
        guard let data = FileManager.default.contents(atPath: path(slug, "gold.json")),
              let obj = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let algs = obj["algorithms"] as? [[String: Any]] else { return [] }
        return algs.compactMap { a in
            guard let c = a["caption_contains"] as? String else { return nil }
            return GoldAlgorithm(caption: c, steps: a["steps"] as? Int ?? 0)
        }
    }

    static let cache = ReadCache()

    final class ReadCache: @unchecked Sendable {
        private let lock = NSLock()
        private var results: [String: ReadResult] = [:]

        func read(_ slug: String) throws -> ReadResult {
            lock.lock()
            if let r = results[slug] { lock.unlock(); return r }
            lock.unlock()
            let p = path(slug, "paper.pdf")
            let data = try [UInt8](Data(contentsOf: URL(fileURLWithPath: p)))
            let r = try PDFReader().read(name: "paper.pdf", path: p, data: data)
            lock.lock(); results[slug] = r; lock.unlock()
            return r
        }
    }

    /// Lower-case letters and digits only, for comparing titles.
    static func normalized(_ s: String) -> String { String(s.lowercased().filter { $0.isLetter || $0.isNumber }) }
}

@Suite(.serialized) struct PDFCorpusTests {
    @Test(.enabled(if: Corpus.usable && Corpus.pdfSlugs.contains("adam-2014"), Corpus.skipReason))
    func adamAlgorithmOne() throws {
        let p = try Corpus.cache.read("adam-2014").paper
        let alg = try #require(p.algorithms.first { $0.number == "1" })
        #expect(alg.caption.hasPrefix("Adam, our proposed algorithm for stochastic optimization"))
        #expect(alg.syntax == "pdf")
        let lines = alg.lines
        let requires = lines.filter { $0.kind == .require }
        #expect(requires.count == 4)
        #expect(requires.map(\.text).contains { $0.contains("Stepsize") })
        // Initializations m0, v0, t at the top level.
        let inits = lines.prefix { $0.kind != .while }.filter { $0.kind == .assign }
        #expect(inits.map(\.text) == ["$m_0 \\gets 0$", "$v_0 \\gets 0$", "$t \\gets 0$"])
        #expect(inits.allSatisfy { $0.depth == 0 })
        let w = try #require(lines.firstIndex { $0.kind == .while })
        #expect(lines[w].text.contains("not converged"))
        #expect(lines[w].depth == 0)
        let end = try #require(lines.firstIndex { $0.kind == .endWhile })
        let body = Array(lines[(w + 1)..<end])
        #expect(body.count == 7)
        #expect(body.allSatisfy { $0.depth == 1 && $0.kind == .assign })
        #expect(body.first?.text == "$t \\gets t +1$")
        // The six updates: g, m, v, m̂, v̂, θ.
        let lhs = body.dropFirst().map { String($0.text.dropFirst().prefix { $0 != " " }) }
        #expect(lhs == ["g_t", "m_t", "v_t", "\\hat{m}_t", "\\hat{v}_t", "\\theta_t"])
        #expect(body[2].text == "$m_t \\gets \\beta_1 \\cdot m_{t-1} + (1 - \\beta_1) \\cdot g_t$")
        #expect(body[2].comment == "Update biased first moment estimate")
        #expect(lines.last?.kind == .return)
        #expect(lines.last?.text == "$\\theta_t$")
        #expect(lines.count == 4 + 3 + 1 + 7 + 1 + 1)
        #expect(alg.steps.count == 12)
        #expect(alg.span.page == 2)
        #expect(alg.span.box != nil)
    }

    @Test(.enabled(if: Corpus.usable, Corpus.skipReason), arguments: Corpus.goldSlugs)
    func goldAlgorithmBoxes(slug: String) throws {
        let p = try Corpus.cache.read(slug).paper
        let gold = Corpus.goldAlgorithms(slug)
        for g in gold {
            let phrase = Corpus.normalized(g.caption)
            let found = p.algorithms.first { Corpus.normalized($0.caption).contains(phrase) }
            #expect(found != nil, "\(slug): no algorithm box with caption containing \"\(g.caption)\"; found \(p.algorithms.map(\.caption))")
            if let a = found {
                print("[corpus] \(slug) algorithm \"\(g.caption)\": \(a.steps.count) steps (gold \(g.steps))")
                #expect(abs(a.steps.count - g.steps) <= 2, "\(slug) \"\(g.caption)\": \(a.steps.count) steps, gold \(g.steps)")
            }
        }
        print("[corpus] \(slug): \(p.algorithms.count) algorithm boxes, gold \(gold.count)")
        if gold.isEmpty { #expect(p.algorithms.isEmpty, "\(slug) has no algorithm box, found \(p.algorithms.map(\.caption))") }
    }

    @Test(.enabled(if: Corpus.usable, Corpus.skipReason), arguments: Corpus.pdfSlugs)
    func titleAbstractSections(slug: String) throws {
        let p = try Corpus.cache.read(slug).paper
        let expected = try #require(Corpus.titles[slug])
        #expect(Corpus.normalized(p.metadata.title ?? "") == Corpus.normalized(expected),
                "\(slug): title \(p.metadata.title ?? "nil") ≠ \(expected)")
        #expect(p.abstract.map(\.text).joined().count >= 300, "\(slug): abstract too short")
        let numbered = p.sections.filter { $0.number.map { $0.first!.isNumber } ?? false }
        #expect(numbered.count >= 4, "\(slug): \(numbered.count) numbered sections")
        #expect(numbered.map(\.number) == (1...max(1, numbered.count)).map { "\($0)" }, "\(slug): \(numbered.map(\.number))")
        #expect(p.bibliography.count >= 10, "\(slug): \(p.bibliography.count) references")
        #expect(p.sections.contains { Corpus.normalized($0.title).hasPrefix("introduction") })
        let tree = p.allSections.map { String(repeating: "  ", count: $0.level - 1) + ($0.number ?? "*") + " " + $0.title }
        print("[corpus] \(slug) sections:\n" + tree.joined(separator: "\n"))
    }

    /// Section titles of the LaTeX sources are found in the PDF's section tree.
    @Test(.enabled(if: Corpus.usable, Corpus.skipReason),
          arguments: Corpus.pdfSlugs.filter { FileManager.default.fileExists(atPath: Corpus.path($0, "src")) })
    func sectionTreeMatchesLaTeX(slug: String) throws {
        let p = try Corpus.cache.read(slug).paper
        let srcDir = Corpus.path(slug, "src")
        let texFiles = (try FileManager.default.subpathsOfDirectory(atPath: srcDir)).filter { $0.hasSuffix(".tex") }
        var titles: [String] = []
        for f in texFiles {
            let text = (try? String(contentsOfFile: srcDir + "/" + f, encoding: .utf8)) ?? ""
            for line in text.split(whereSeparator: \.isNewline) where !line.trimmingCharacters(in: .whitespaces).hasPrefix("%") {
                guard let r = line.range(of: "\\subsection{") ?? line.range(of: "\\section{") else { continue }
                let rest = line[r.upperBound...]
                if let close = rest.firstIndex(of: "}") { titles.append(String(rest[..<close])) }
            }
        }
        try #require(!titles.isEmpty)
        let pdfTitles = p.allSections.map { Corpus.normalized($0.title) }
        let found = titles.filter { t in
            let n = Corpus.normalized(t)
            return pdfTitles.contains { $0 == n || ($0.count >= 8 && (n.hasPrefix($0) || $0.hasPrefix(n))) }
        }
        let missing = titles.filter { !found.contains($0) }
        print("[corpus] \(slug): \(found.count)/\(titles.count) LaTeX section titles found; missing: \(missing)")
        #expect(Double(found.count) >= 0.7 * Double(titles.count), "\(slug): missing \(missing)")
    }

    /// The whole PDF path against pdftotext alone on the same file (best of three). Our own
    /// work (parsing, layout, structure) runs after pdftotext, so the whole path stays within
    /// 1.5× of pdftotext when our part costs at most half of what pdftotext costs. The check is
    /// on CPU time, which a shared, loaded machine does not distort as it does wall time; it
    /// runs in release builds only (run this test alone: CPU time is counted per process).
    @Test(.enabled(if: Corpus.usable, Corpus.skipReason), arguments: Corpus.pdfSlugs)
    func speed(slug: String) throws {
        let p = Corpus.path(slug, "paper.pdf")
        let data = try [UInt8](Data(contentsOf: URL(fileURLWithPath: p)))
        let tool = try #require(PopplerRunner.locate("pdftotext"))
        func cpu(_ who: Int32) -> Double {
            var u = rusage()
            getrusage(who, &u)
            return Double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + Double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6
        }
        var toolWall = Double.infinity, toolCPU = Double.infinity, oursWall = Double.infinity, oursCPU = Double.infinity
        var fullWall = Double.infinity
        for _ in 0..<3 {
            let w0 = Date(), c0 = cpu(RUSAGE_CHILDREN.rawValue)
            let out = try PopplerRunner.run(tool, ["-bbox-layout", "-enc", "UTF-8", p, "-"], timeout: 60)
            toolWall = min(toolWall, Date().timeIntervalSince(w0))
            toolCPU = min(toolCPU, cpu(RUSAGE_CHILDREN.rawValue) - c0)
            let o0 = Date(), s0 = cpu(RUSAGE_SELF.rawValue)
            let doc = out.stdout.withUnsafeBytes { BBoxParser.parse($0.bindMemory(to: UInt8.self)) }
            _ = PDFReader.interpret(doc, name: "paper.pdf")
            oursWall = min(oursWall, Date().timeIntervalSince(o0))
            oursCPU = min(oursCPU, cpu(RUSAGE_SELF.rawValue) - s0)
            let f0 = Date()
            _ = try PDFReader().read(name: "paper.pdf", path: p, data: data)
            fullWall = min(fullWall, Date().timeIntervalSince(f0))
        }
        print(String(format: "[corpus] %@: pdftotext %.3f s (cpu %.3f); reader %.3f s = %.2fx; our part %.3f s (cpu %.3f) = %.0f%% of pdftotext",
                     slug, toolWall, toolCPU, fullWall, fullWall / toolWall, oursWall, oursCPU, 100 * oursWall / toolWall))
        #if !DEBUG
        #expect(oursCPU <= 0.5 * toolCPU + 0.01, "\(slug): our part \(oursCPU) s cpu vs pdftotext \(toolCPU) s cpu")
        #endif
    }
}
