import Foundation
import Testing
import Analyzers
import Readers
import Writers
@testable import DeconstructKit
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The single-file HTML report: well-formed, self-contained, every link lands, every card entry
/// links to the passage it came from, paper text cannot inject markup, math is drawn as MathML.
@Suite struct HTMLReportTests {
    static let example = CommandPaths.example("lookahead-momentum")

    static func report(_ path: String) throws -> (Deconstruction, String) {
        let d = try Pipeline.deconstruct(path: path)
        return (d, HTMLWriter.write(d))
    }

    /// The value of every `attribute="…"` in the markup.
    static func attributes(_ name: String, in html: String) -> [String] {
        var out: [String] = []
        var rest = Substring(html)
        let key = " \(name)=\""
        while let r = rest.range(of: key) {
            let after = rest[r.upperBound...]
            guard let end = after.firstIndex(of: "\"") else { break }
            out.append(String(after[..<end]))
            rest = after[end...]
        }
        return out
    }

    #if canImport(FoundationXML) || os(macOS)
    static func wellFormed(_ html: String) -> (Bool, String) {
        let parser = XMLParser(data: Data(html.utf8))
        let ok = parser.parse()
        return (ok, parser.parserError.map { "\($0) at line \(parser.lineNumber)" } ?? "")
    }

    @Test func exampleIsWellFormed() throws {
        let (_, html) = try Self.report(Self.example)
        let (ok, why) = Self.wellFormed(html)
        #expect(ok, "\(why)")
    }
    #endif

    @Test func selfContained() throws {
        let (_, html) = try Self.report(Self.example)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("<link"))
        #expect(!html.contains(" src=\""))
        // External links only to arXiv (none for the example, which has no arXiv id).
        #expect(Self.attributes("href", in: html).allSatisfy { $0.hasPrefix("#") || $0.hasPrefix("https://arxiv.org/abs/") })
    }

    @Test func everyLinkLandsAndIdsAreUnique() throws {
        let (_, html) = try Self.report(Self.example)
        let ids = Self.attributes("id", in: html)
        #expect(Set(ids).count == ids.count, "duplicate ids: \(Dictionary(grouping: ids, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted())")
        let targets = Self.attributes("href", in: html).filter { $0.hasPrefix("#") }.map { String($0.dropFirst()) }
        #expect(!targets.isEmpty)
        for t in Set(targets) { #expect(ids.contains(t), "link to #\(t) has no target") }
    }

    @Test func everyCardEntryLinksToItsPassage() throws {
        let (d, html) = try Self.report(Self.example)
        #expect(!d.hyperparameters.isEmpty && !d.datasets.isEmpty && !d.claims.isEmpty)
        let rows: [(String, Int)] = [("hp", d.hyperparameters.count), ("ds", d.datasets.count), ("claim", d.claims.count),
                                    ("proposal", d.proposals.count), ("hw", d.hardware.count)]
        for (prefix, count) in rows {
            for i in 1...max(count, 1) where count > 0 {
                guard let start = html.range(of: "id=\"\(prefix)-\(i)\"") else {
                    Issue.record("no \(prefix)-\(i) entry"); continue
                }
                let rest = html[start.upperBound...]
                let end = rest.range(of: "</tr>")?.lowerBound ?? rest.range(of: "</li>")?.lowerBound ?? rest.endIndex
                let row = rest[..<end]
                guard let link = row.range(of: "href=\"#p") else { Issue.record("\(prefix)-\(i) has no passage link"); continue }
                let id = String(row[row.index(link.upperBound, offsetBy: -1)...].prefix { $0 != "\"" })
                // The passage links back to the entry.
                guard let passage = html.range(of: "<li id=\"\(id)\">") else { Issue.record("no passage \(id)"); continue }
                let passageEnd = html[passage.upperBound...].range(of: "</li>")!.lowerBound
                #expect(html[passage.upperBound..<passageEnd].contains("href=\"#\(prefix)-\(i)\""), "passage \(id) does not link back to \(prefix)-\(i)")
            }
        }
        // Every evidence sentence appears once, however many entries rest on it.
        let passages = html.components(separatedBy: "<li id=\"p").dropFirst().filter { $0.first?.isNumber == true }.count
        let distinct = Set((d.hyperparameters.map(\.evidence) + d.datasets.map(\.evidence) + d.claims.map(\.evidence)
            + d.proposals.map(\.evidence) + d.hardware.map(\.evidence)).map { $0.span.description + "|" + $0.text })
        #expect(passages == distinct.count)
    }

    @Test func valuesAreMarkedInTheirPassages() throws {
        let (_, html) = try Self.report(Self.example)
        #expect(html.contains("<mark>128</mark>"))
        // A number inside a model name is not the value: "ResNet-50 = 5" marks the last 5.
        #expect(!html.contains("ResNet-<mark>5</mark>0"))
    }

    @Test func algorithmLinesAreDrawnAsMathML() throws {
        let (d, html) = try Self.report(Self.example)
        let ir = try #require(d.algorithms.first)
        #expect(html.contains("id=\"alg-\(ir.id)\""))
        #expect(html.contains("<b>while</b>"))
        #expect(html.contains("<mi>β</mi>"))
        #expect(html.contains("<msqrt>"))
        // One row per non-end step, each with its plain-names line.
        for step in ir.steps where step.kind != .end && !step.plain.isEmpty {
            #expect(html.contains("<code>" + step.plain.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;") + "</code>"))
        }
    }

    @Test func hostileTextCannotInjectMarkup() throws {
        let text = """
        # <script>alert(1)</script> A "quoted" & <b>bold</b> title

        We use a batch size of 64 and a learning rate of $\\alpha = 3 \\times 10^{-4}$ <img src=x onerror=alert(2)>.
        The dataset is MNIST </td></tr></table><iframe src="https://example.com">.
        Inline math with markup: $x < y > z \\text{</math><script>}$.
        """
        let result = PlainTextReader().read(name: "hostile.md", text: text)
        let d = Pipeline.analyze(result)
        let html = HTMLWriter.write(d)
        #expect(!d.hyperparameters.isEmpty)
        for bad in ["<script", "<img", "<iframe", "</math><script>", "<b>bold"] {
            #expect(!html.contains(bad), "\(bad) got through")
        }
        #if canImport(FoundationXML) || os(macOS)
        let (ok, why) = Self.wellFormed(html)
        #expect(ok, "\(why)")
        #endif
    }

    @Test func deterministic() throws {
        let (_, a) = try Self.report(Self.example)
        let (_, b) = try Self.report(Self.example)
        #expect(a == b)
    }

    #if canImport(FoundationXML) || os(macOS)
    /// Every paper of the corpus (LaTeX and PDF) gives a well-formed report whose links land.
    @Test func corpusReportsAreWellFormed() throws {
        let corpus = CardCorpusScoreTests.corpus
        guard FileManager.default.fileExists(atPath: corpus + "/MANIFEST.tsv") else {
            print("skipped: no corpus at \(corpus)")
            return
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: corpus).sorted()
        var checked = 0
        for name in names {
            let dir = corpus + "/" + name
            let src = dir + "/src", pdf = dir + "/paper.pdf"
            let path = FileManager.default.fileExists(atPath: src) ? src : FileManager.default.fileExists(atPath: pdf) ? pdf : nil
            guard let path, let (_, html) = try? Self.report(path) else { continue }
            let (ok, why) = Self.wellFormed(html)
            #expect(ok, "\(name): \(why)")
            let ids = Set(Self.attributes("id", in: html))
            for t in Self.attributes("href", in: html) where t.hasPrefix("#") {
                #expect(ids.contains(String(t.dropFirst())), "\(name): link to \(t) has no target")
            }
            checked += 1
        }
        #expect(checked >= 20)
    }
    #endif
}
