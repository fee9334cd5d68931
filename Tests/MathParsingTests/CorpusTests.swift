import Foundation
import MathParsing
import Testing

/// The real papers in `../shared/corpus` (or `$DECONSTRUCT_CORPUS`), read where they lie.
/// Display math is pulled out roughly here; the proper benchmark goes through the LaTeX reader.
enum Corpus {
    static let root: URL? = {
        var candidates: [URL] = []
        if let path = ProcessInfo.processInfo.environment["DECONSTRUCT_CORPUS"] { candidates.append(URL(fileURLWithPath: path)) }
        let here = URL(fileURLWithPath: #filePath)
        let package = here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(package.deletingLastPathComponent().appendingPathComponent("shared/corpus"))
        candidates.append(URL(fileURLWithPath: "/work/shared/corpus"))
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("MANIFEST.tsv").path) }
    }()

    /// Each paper's display equations with its argument-free macros.
    static func papers() -> [(name: String, macros: [String: String], equations: [String])] {
        guard let root, let names = try? FileManager.default.contentsOfDirectory(atPath: root.path) else { return [] }
        var result: [(String, [String: String], [String])] = []
        for name in names.sorted() {
            let source = root.appendingPathComponent(name).appendingPathComponent("src")
            guard let files = FileManager.default.enumerator(atPath: source.path) else { continue }
            var documents: [String] = []
            var macros: [String: String] = [:]
            for case let file as String in files where file.hasSuffix(".tex") || file.hasSuffix(".sty") {
                guard let data = FileManager.default.contents(atPath: source.appendingPathComponent(file).path) else { continue }
                let text = withoutComments(String(decoding: data, as: UTF8.self))
                macros.merge(definitions(in: text)) { first, _ in first }
                if file.hasSuffix(".tex") { documents.append(text) }
            }
            let equations = documents.flatMap(displayMath)
            if !equations.isEmpty { result.append((name, macros, equations)) }
        }
        return result
    }

    static func withoutComments(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
            var previous: Character = " "
            for index in line.indices {
                if line[index] == "%" && previous != "\\" { return line[..<index] }
                previous = line[index]
            }
            return line
        }.joined(separator: "\n")
    }

    /// `\newcommand{\R}{\mathbb{R}}`, `\def\R{…}`, `\DeclareMathOperator*{\argmax}{arg\,max}`.
    static func definitions(in text: String) -> [String: String] {
        var macros: [String: String] = [:]
        let patterns = [
            #"\\(?:re)?newcommand\*?\s*\{?\\([A-Za-z]+)\}?\s*\{((?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*)\}"#,
            #"\\def\s*\\([A-Za-z]+)\s*\{((?:[^{}]|\{(?:[^{}]|\{[^{}]*\})*\})*)\}"#,
            #"\\DeclareMathOperator(\*?)\s*\{\\([A-Za-z]+)\}\s*\{([^{}]*)\}"#,
        ]
        for (index, pattern) in patterns.enumerated() {
            guard let regex = try? NSRegularExpression(pattern: pattern) else { continue }
            let range = NSRange(text.startIndex..., in: text)
            for match in regex.matches(in: text, range: range) {
                func group(_ i: Int) -> String { Range(match.range(at: i), in: text).map { String(text[$0]) } ?? "" }
                if index == 2 {
                    macros[group(2)] = "\\operatorname\(group(1)){\(group(3))}"
                } else {
                    macros[group(1)] = group(2)
                }
            }
        }
        return macros
    }

    static func displayMath(_ text: String) -> [String] {
        var bodies: [String] = []
        let environments = ["equation", "equation*", "align", "align*", "gather", "gather*", "multline", "multline*",
                            "eqnarray", "eqnarray*", "flalign", "flalign*", "displaymath"]
        for environment in environments {
            bodies += between(text, "\\begin{\(environment)}", "\\end{\(environment)}")
        }
        bodies += between(text, "\\[", "\\]")
        bodies += between(text, "$$", "$$")
        return bodies.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    static func between(_ text: String, _ open: String, _ close: String) -> [String] {
        var result: [String] = []
        var rest = text[...]
        while let start = rest.range(of: open), let end = rest[start.upperBound...].range(of: close) {
            result.append(String(rest[start.upperBound..<end.lowerBound]))
            rest = rest[end.upperBound...]
        }
        return result
    }
}

@Suite("Corpus")
struct CorpusTests {
    @Test("real papers' display equations parse completely",
          .enabled(if: Corpus.root != nil, "corpus not found at ../shared/corpus or $DECONSTRUCT_CORPUS"))
    func displayEquations() {
        var total = 0
        var complete = 0
        var failures: [String] = []
        for paper in Corpus.papers() {
            let parser = MathParser(macros: paper.macros)
            for equation in paper.equations {
                total += 1
                let result = parser.parse(equation)
                if result.complete {
                    complete += 1
                } else {
                    failures.append("\(paper.name): \(result.diagnostics.first.map(\.description) ?? "")")
                }
            }
        }
        let rate = total == 0 ? 0 : Double(complete) / Double(total)
        print("corpus: \(complete)/\(total) display equations parse completely (\(String(format: "%.1f", 100 * rate))%)")
        for failure in failures.prefix(20) { print("  incomplete: \(failure)") }
        #expect(total > 100)
        #expect(rate >= 0.95)
    }
}
