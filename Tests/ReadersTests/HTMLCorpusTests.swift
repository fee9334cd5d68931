import Foundation
import Testing
import PaperModel
@testable import Readers

/// Real LaTeXML pages, read in place from the shared corpus (`$DECONSTRUCT_CORPUS`, else
/// `/work/shared/corpus`); their text is never copied into the project. Skipped when the corpus
/// is absent. Each page is compared with what the LaTeX reader finds in the same paper's `src/`.
@Suite struct HTMLCorpusTests {
    static let papers = ["relax-2017", "neural-fingerprints-2015"]

    static var available: Bool {
        if HTMLTest.corpus == nil {
            print("HTMLCorpusTests skipped: no corpus at $DECONSTRUCT_CORPUS or /work/shared/corpus")
            return false
        }
        return true
    }

    /// The manifest's title of a paper.
    static func manifestTitle(_ corpus: URL, _ slug: String) throws -> String? {
        let tsv = try String(contentsOf: corpus.appendingPathComponent("MANIFEST.tsv"), encoding: .utf8)
        for line in tsv.split(separator: "\n") {
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
            if fields.count > 1, fields[0] == slug { return String(fields[1]) }
        }
        return nil
    }

    @Test(.enabled(if: available, "the shared corpus is absent"), arguments: papers)
    func pageAgreesWithItsLaTeX(_ slug: String) throws {
        let corpus = try #require(HTMLTest.corpus)
        let folder = corpus.appendingPathComponent(slug)
        let page = folder.appendingPathComponent("paper.html")
        guard FileManager.default.fileExists(atPath: page.path) else {
            print("\(slug): skipped, no paper.html")
            return
        }
        let text = try String(contentsOf: page, encoding: .utf8)
        let start = Date()
        let html = HTMLReader().read(name: "paper.html", text: text)
        let seconds = Date().timeIntervalSince(start)
        let tex = try HTMLTest.latex(folder.appendingPathComponent("src").path)

        // Title as in the manifest, an abstract, no markup problems.
        let manifestTitle = try Self.manifestTitle(corpus, slug)
        #expect(html.paper.metadata.title == manifestTitle)
        #expect(!html.paper.abstract.isEmpty)
        #expect(html.paper.abstract.allSatisfy { !$0.text.isEmpty })
        #expect(!html.diagnostics.contains { $0.severity >= .warning }, "\(html.diagnostics.map(\.description))")

        // Section titles as the LaTeX reader finds them.
        let h = html.paper.allSections
        let t = tex.paper.allSections
        let texTitles = t.map(\.title)
        let same = zip(h, t).filter { $0.title == $1.title && $0.number == $1.number && $0.level == $1.level }.count
        #expect(h.map(\.title) == texTitles)
        #expect(h.map(\.number) == t.map(\.number))
        let paragraphsAgree = zip(h, t).filter { HTMLTest.paragraphCount($0) == HTMLTest.paragraphCount($1) }.count

        // Display math is never empty.
        let equations = html.paper.equations
        #expect(!equations.isEmpty)
        #expect(equations.allSatisfy { !$0.tex.trimmingCharacters(in: .whitespaces).isEmpty })
        #expect(equations.allSatisfy { $0.rows.allSatisfy { !$0.tex.isEmpty } })

        // Algorithm boxes LaTeXML could not expand are recovered line by line.
        let htmlAlgorithms = html.paper.algorithms
        let texAlgorithms = tex.paper.algorithms
        #expect(htmlAlgorithms.count == texAlgorithms.count)
        #expect(htmlAlgorithms.map(\.lines.count) == texAlgorithms.map(\.lines.count))
        #expect(htmlAlgorithms.map { $0.lines.map(\.depth) } == texAlgorithms.map { $0.lines.map(\.depth) })
        // Kinds may differ where the page says more than the source's command (`\State \textbf{return}`
        // is a return line on the page, a state line to the LaTeX reader).
        let kindPairs = zip(htmlAlgorithms, texAlgorithms).flatMap { zip($0.lines, $1.lines) }
        let kindsAgree = kindPairs.filter { $0.kind == $1.kind }.count
        #expect(kindsAgree >= kindPairs.count - htmlAlgorithms.count)

        // Equation numbers (LaTeXML numbers every equation the way LaTeX does).
        let numbersAgree = zip(equations, tex.paper.equations).filter { $0.numbers == $1.numbers }.count

        print("""
        \(slug): sections \(same)/\(t.count) agree with the LaTeX reader (title, number, level); \
        paragraph counts \(paragraphsAgree)/\(t.count); paragraphs \(html.paper.paragraphs.count) vs \(tex.paper.paragraphs.count); \
        equations \(equations.count) vs \(tex.paper.equations.count) (numbers agree \(numbersAgree)); algorithms \(htmlAlgorithms.count) vs \(texAlgorithms.count) \
        (\(htmlAlgorithms.map(\.lines.count)) vs \(texAlgorithms.map(\.lines.count)) lines, kinds agree \(kindsAgree)/\(kindPairs.count)); tables \(html.paper.tables.count) vs \
        \(tex.paper.tables.count); bibliography \(html.paper.bibliography.count) vs \(tex.paper.bibliography.count); \
        read in \(String(format: "%.1f", seconds * 1000)) ms
        """)
        #if DEBUG
        #expect(seconds < 3)
        #else
        #expect(seconds < 0.05)
        #endif
    }
}
