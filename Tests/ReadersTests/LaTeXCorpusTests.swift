import Foundation
import PaperModel
import Testing
@testable import Readers

// End-to-end checks on the real papers of ../shared/corpus (or $DECONSTRUCT_CORPUS), read where
// they lie: nothing of theirs is copied into the project. When the corpus is absent the suite is
// skipped and says why. Known reader shortcomings are listed in `known` below, so that each
// shows up as a known issue naming the paper, and turns into a failure once it is fixed (then
// remove its entry).

enum LaTeXCorpus {
    struct Paper: Sendable, CustomStringConvertible {
        var slug: String
        var title: String
        var mainTex: String
        var folder: String
        var description: String { slug }
        var source: String { folder + "/src" }
    }

    /// The corpus folder, or nil (with the reason printed once) when there is none.
    static let folder: String? = {
        let env = ProcessInfo.processInfo.environment["DECONSTRUCT_CORPUS"]
        // $DECONSTRUCT_CORPUS, when set, is the only place looked at.
        let candidates = env.map { [$0] } ?? [LaTeXTestPaths.root + "/../shared/corpus"]
        for c in candidates where FileManager.default.fileExists(atPath: c + "/MANIFEST.tsv") {
            return (c as NSString).standardizingPath
        }
        let looked = candidates.map { "'\($0)'" }.joined(separator: ", ")
        print("LaTeXCorpusTests skipped: no MANIFEST.tsv in \(looked); set DECONSTRUCT_CORPUS to the corpus folder to run them")
        return nil
    }()

    static var available: Bool { folder != nil }

    /// The LaTeX papers of MANIFEST.tsv (main_tex other than "-").
    static let latexPapers: [Paper] = {
        guard let folder, let text = try? String(contentsOfFile: folder + "/MANIFEST.tsv", encoding: .utf8) else { return [] }
        let rows = text.split(separator: "\n", omittingEmptySubsequences: true).map {
            $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        }
        guard let header = rows.first,
              let slug = header.firstIndex(of: "slug"), let title = header.firstIndex(of: "title"),
              let main = header.firstIndex(of: "main_tex") else { return [] }
        return rows.dropFirst().compactMap { row in
            guard row.count > max(slug, title, main), row[main] != "-" else { return nil }
            return Paper(slug: row[slug], title: row[title], mainTex: row[main], folder: folder + "/" + row[slug])
        }
    }()

    /// Caps no higher than the defaults (lower where the defaults are generous): no paper of the corpus needs more, and a macro loop (as
    /// gmflow-2025 had before `\let` to primitives was fixed) then costs a second, not minutes.
    static var limits: ReaderLimits {
        var l = ReaderLimits()
        l.maxExpansions = min(l.maxExpansions, 300_000)
        l.maxTokens = min(l.maxTokens, 6_000_000)
        return l
    }

    /// Known shortcomings, keyed `slug/check` (check: errors, title, algorithms, gold:<caption_contains>).
    static let known: [String: String] = [
        "dcem-2019/gold:DCEM": "a description written as \\State before the loop counts as a step (7, gold 6)",
        "parallel-linear-rnn-2017/gold:parallel linear recurrence": "11 steps read, gold 12",
    ]

    /// Runs `body` as a known issue when `slug/check` is listed in `known`.
    static func check(_ paper: Paper, _ check: String, _ body: () -> Void) {
        if let reason = known["\(paper.slug)/\(check)"] {
            withKnownIssue(Comment(rawValue: "\(paper.slug): \(reason)")) { body() }
        } else {
            body()
        }
    }

    // MARK: Normalizing, as ../shared/tools/score.py does

    static let greek: [(String, String)] = [
        ("α", "alpha"), ("β", "beta"), ("γ", "gamma"), ("δ", "delta"), ("ε", "epsilon"), ("ϵ", "epsilon"),
        ("ζ", "zeta"), ("η", "eta"), ("θ", "theta"), ("λ", "lambda"), ("μ", "mu"), ("ν", "nu"), ("ρ", "rho"),
        ("σ", "sigma"), ("τ", "tau"), ("φ", "phi"), ("ϕ", "phi"), ("ω", "omega"), ("κ", "kappa"), ("ξ", "xi"),
    ]

    /// score.py's `norm_name`: Greek letters spelled out, lower case, `\` and `\var` dropped,
    /// punctuation `_^{}$()[],.;:'"`*\-` turned into spaces, spaces collapsed.
    static func normName(_ s: String) -> String {
        var t = s
        for (letter, name) in greek { t = t.replacingOccurrences(of: letter, with: " \(name) ") }
        t = t.lowercased()
        t = t.replacingOccurrences(of: #"\\(var)?"#, with: " ", options: .regularExpression)
        t = t.replacingOccurrences(of: #"[_^{}$()\[\],.;:'"`*\\-]"#, with: " ", options: .regularExpression)
        return t.split(separator: " ").joined(separator: " ")
    }

    /// Titles: lower case, every non-alphanumeric character a space, articles dropped.
    static func titleWords(_ s: String) -> [String] {
        let mapped = String(s.lowercased().map { $0.isLetter || $0.isNumber ? $0 : " " })
        return mapped.split(separator: " ").map(String.init).filter { !["the", "a", "an"].contains($0) }
    }

    /// The manifest's title matches when, normalized, its words appear in order in the title read
    /// (a subtitle or an extra word in the source's \title is allowed).
    static func titleMatches(manifest: String, read: String) -> Bool {
        let want = titleWords(manifest), have = titleWords(read)
        guard !want.isEmpty else { return false }
        var i = 0
        for w in have where i < want.count && w == want[i] { i += 1 }
        return i == want.count
    }

    // MARK: An independent count of algorithm boxes

    /// Uncommented `\begin{algorithm}` / `\begin{algorithm*}` floats, plus `algorithmic`
    /// environments outside any such float, in the given files.
    static func countAlgorithmBoxes(files: [String], root: String) -> Int {
        var count = 0
        for file in files {
            guard let data = FileManager.default.contents(atPath: root + "/" + file) else { continue }
            let text = String(decoding: data, as: UTF8.self)
            var floats = 0
            let pattern = try! NSRegularExpression(pattern: #"\\(begin|end)\s*\{(algorithm\*?|algorithmic)\}"#)
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                let code = uncommented(String(line))
                let ns = code as NSString
                for m in pattern.matches(in: code, range: NSRange(location: 0, length: ns.length)) {
                    let isBegin = ns.substring(with: m.range(at: 1)) == "begin"
                    let env = ns.substring(with: m.range(at: 2))
                    if env == "algorithmic" {
                        if isBegin && floats == 0 { count += 1 }
                    } else if isBegin {
                        count += 1
                        floats += 1
                    } else {
                        floats = max(0, floats - 1)
                    }
                }
            }
        }
        return count
    }

    /// A line without its comment: from the first `%` not escaped by an odd run of backslashes.
    static func uncommented(_ line: String) -> String {
        var backslashes = 0
        var out = ""
        for c in line {
            if c == "%" && backslashes % 2 == 0 { break }
            backslashes = c == "\\" ? backslashes + 1 : 0
            out.append(c)
        }
        return out
    }

    // MARK: Gold annotations

    struct GoldAlgorithm: Decodable {
        var caption_contains: String
        var steps: Int
    }

    struct Gold: Decodable {
        var algorithms: [GoldAlgorithm]?
    }

    static func gold(_ paper: Paper) -> Gold? {
        guard let data = FileManager.default.contents(atPath: paper.folder + "/gold.json") else { return nil }
        return try? JSONDecoder().decode(Gold.self, from: data)
    }

    /// Pairs each gold algorithm with one box whose normalized caption contains its phrase, the
    /// most specific phrases (fewest candidate boxes) first, each box used once.
    static func match(_ gold: [GoldAlgorithm], _ boxes: [Algorithm]) -> [(GoldAlgorithm, Algorithm?)] {
        let captions = boxes.map { normName($0.caption) }
        let candidates = gold.map { g in captions.indices.filter { captions[$0].contains(normName(g.caption_contains)) } }
        var used = Set<Int>()
        var result = [Algorithm?](repeating: nil, count: gold.count)
        for gi in gold.indices.sorted(by: { candidates[$0].count < candidates[$1].count }) {
            if let b = candidates[gi].first(where: { !used.contains($0) }) {
                used.insert(b)
                result[gi] = boxes[b]
            }
        }
        return Array(zip(gold, result))
    }
}

@Suite(.enabled(if: LaTeXCorpus.available, "the corpus (../shared/corpus or $DECONSTRUCT_CORPUS) is not present"),
       .timeLimit(.minutes(10)))
struct LaTeXCorpusTests {
    @Test(arguments: LaTeXCorpus.latexPapers)
    func paper(_ p: LaTeXCorpus.Paper) throws {
        let result = try #require(latexRead(p.source, limits: LaTeXCorpus.limits))
        let paper = result.paper

        LaTeXCorpus.check(p, "errors") {
            let errors = result.diagnostics.filter { $0.severity == .error }
            #expect(errors.isEmpty, "\(p.slug): \(errors.map(\.description))")
        }
        #expect(paper.source.mainFile == p.mainTex, "\(p.slug): main file")
        LaTeXCorpus.check(p, "title") {
            let title = paper.metadata.title ?? ""
            #expect(LaTeXCorpus.titleMatches(manifest: p.title, read: title),
                    "\(p.slug): title read '\(title)', manifest '\(p.title)'")
        }
        let abstract = paper.abstract.map(\.text).joined(separator: " ").trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(!abstract.isEmpty, "\(p.slug): no abstract")
        let numbered = paper.sections.filter { $0.number != nil && !$0.appendix }
        #expect(numbered.count >= 3, "\(p.slug): \(numbered.count) numbered top-level sections")

        let boxes = paper.algorithms
        let scanned = LaTeXCorpus.countAlgorithmBoxes(files: paper.source.files, root: p.source)
        LaTeXCorpus.check(p, "algorithms") {
            #expect(boxes.count == scanned, "\(p.slug): \(boxes.count) algorithm boxes read, \(scanned) in the source")
        }
        for (i, box) in boxes.enumerated() {
            #expect(!box.lines.isEmpty, "\(p.slug): algorithm \(i + 1) ('\(box.caption.prefix(40))') has no line")
        }

        for (g, box) in LaTeXCorpus.match(LaTeXCorpus.gold(p)?.algorithms ?? [], boxes) {
            LaTeXCorpus.check(p, "gold:\(g.caption_contains)") {
                #expect(box != nil, "\(p.slug): no algorithm caption contains '\(g.caption_contains)'")
                if let box {
                    #expect(box.steps.count == g.steps,
                            "\(p.slug): '\(g.caption_contains)' has \(box.steps.count) steps, gold \(g.steps)")
                }
            }
        }
    }

    @Test func manifestListsLaTeXPapers() {
        #expect(LaTeXCorpus.latexPapers.count >= 10)
        #expect(LaTeXCorpus.latexPapers.allSatisfy { FileManager.default.fileExists(atPath: $0.source) })
    }
}

/// The helpers above are themselves tested, on made-up text (no corpus needed).
@Suite struct LaTeXCorpusHelperTests {
    @Test func normNameLikeScorePy() {
        #expect(LaTeXCorpus.normName("Schedule-Free AdamW") == "schedule free adamw")
        #expect(LaTeXCorpus.normName("LEN$({\\bm{z}}_0, T)$") == "len bm z 0 t")
        #expect(LaTeXCorpus.normName("α-step, \\varepsilon") == "alpha step epsilon")
    }

    @Test(arguments: [
        ("Model-Based Reinforcement Learning for Atari", "Model Based Reinforcement Learning for Atari", true),
        ("End-to-End Instance Segmentation with Recurrent Attention",
         "End-to-End Instance Segmentation and Counting with Recurrent Attention", true),
        ("The Road Less Scheduled", "Road Less Scheduled", true),
        ("Adversarially Learned Inference", "Adversarially Learned", false),
        ("Adversarially Learned Inference", "", false),
    ])
    func titleMatching(_ manifest: String, _ read: String, _ expected: Bool) {
        #expect(LaTeXCorpus.titleMatches(manifest: manifest, read: read) == expected)
    }

    @Test func algorithmScanCountsFloatsAndStandaloneAlgorithmic() throws {
        let dir = NSTemporaryDirectory() + "deconstruct-scan-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let text = """
            \\begin{algorithm}[t]\\begin{algorithmic}\\State x\\end{algorithmic}\\end{algorithm}
            % \\begin{algorithm} commented out
            \\begin{algorithm*} \\end{algorithm*}
            \\begin{algorithmic} standalone \\end{algorithmic}
            100\\% \\begin{algorithmic} after an escaped percent \\end{algorithmic}
            \\\\% \\begin{algorithm} after an escaped backslash: a comment
            """
        try text.write(toFile: dir + "/a.tex", atomically: true, encoding: .utf8)
        #expect(LaTeXCorpus.countAlgorithmBoxes(files: ["a.tex"], root: dir) == 4)
    }

    @Test func goldMatchingPrefersSpecificPhrases() {
        let span = SourceSpan(file: "f", line: 1, column: 1)
        let boxes = ["DCEM(f)", "Learning an embedded control space with DCEM"].map {
            Algorithm(id: $0, caption: $0, syntax: "algpseudocode", lines: [], span: span)
        }
        let gold = [LaTeXCorpus.GoldAlgorithm(caption_contains: "DCEM", steps: 1),
                    LaTeXCorpus.GoldAlgorithm(caption_contains: "embedded control space", steps: 1)]
        let pairs = LaTeXCorpus.match(gold, boxes)
        #expect(pairs.map { $0.1?.caption } == ["DCEM(f)", "Learning an embedded control space with DCEM"])
    }
}
