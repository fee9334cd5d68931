import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import PaperModel
@testable import Readers

/// An outline of a paper read from a PDF, for looking at the reader's output by eye.
enum PDFOutline {
    static func render(_ p: Paper) -> String {
        var out = "TITLE: \(p.metadata.title ?? "-")\nAUTHORS: \(p.metadata.authors.map(\.name).joined(separator: "; "))\n"
        out += "ABSTRACT: \(p.abstract.map(\.text).joined(separator: " / ").prefix(300))\n"
        func blocks(_ bs: [Block], _ ind: String) {
            for b in bs {
                switch b {
                case .paragraph(let x): out += "\(ind)P[\(x.span.short) l\(x.span.line)] \(x.text.prefix(110))\n"
                case .equation(let x): out += "\(ind)EQ\(x.numbers) \(x.tex.prefix(120))\n"
                case .algorithm(let a):
                    out += "\(ind)ALG \(a.number ?? "-"): \(a.caption.prefix(80)) [\(a.steps.count) steps]\n"
                    for l in a.lines {
                        out += "\(ind)   \(String(repeating: "  ", count: l.depth))\(l.kind.rawValue): \(l.text)\(l.comment.map { "  # " + $0 } ?? "")\n"
                    }
                case .table(let t): out += "\(ind)TABLE \(t.number ?? "-"): \(t.caption.prefix(80)) rows=\(t.rows.count) cols=\(t.columnCount)\n"
                case .figure(let f): out += "\(ind)FIG \(f.number ?? "-"): \(f.caption.prefix(80))\n"
                case .list(let l): out += "\(ind)LIST \(l.items.count) items: \(l.items.first.flatMap { i in i.blocks.first.map { if case .paragraph(let p) = $0 { String(p.text.prefix(60)) } else { "" } } } ?? "")\n"
                case .theorem(let t):
                    out += "\(ind)THM \(t.kind) \(t.number ?? "")\n"
                    blocks(t.blocks, ind + "    ")
                case .raw(let r): out += "\(ind)RAW \(r.name)\n"
                }
            }
        }
        out += "FRONT:\n"
        blocks(p.front, "  ")
        func sec(_ s: Section, _ ind: String) {
            out += "\(ind)# \(s.number ?? "*") \(s.title) (L\(s.level)\(s.appendix ? " app" : "") \(s.span.short))\n"
            blocks(s.blocks, ind + "  ")
            for c in s.subsections { sec(c, ind + "  ") }
        }
        for s in p.sections { sec(s, "") }
        out += "FOOTNOTES: \(p.footnotes.count)\n"
        for f in p.footnotes { out += "  FN \(f.text.prefix(80))\n" }
        out += "BIB: \(p.bibliography.count)\n"
        for b in p.bibliography.prefix(4) { out += "  [\(b.key)] \(b.text.prefix(90))\n" }
        return out
    }
}

@Suite struct PDFDumpTests {
    /// `PDF_DUMP=/path/paper.pdf swift test --filter PDFDumpTests` prints the outline.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["PDF_DUMP"] != nil))
    func dump() throws {
        let path = ProcessInfo.processInfo.environment["PDF_DUMP"]!
        let data = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        let start = Date()
        let r = try PDFReader().read(name: (path as NSString).lastPathComponent, path: path, data: data)
        let t = Date().timeIntervalSince(start)
        print(PDFOutline.render(r.paper))
        print("time: \(t)s")
        // Phases, best of 3.
        var best = [Double](repeating: .infinity, count: 4)
        for _ in 0..<3 {
            var t0 = Date()
            let out = try PopplerRunner.run("/usr/bin/pdftotext", ["-bbox-layout", "-enc", "UTF-8", path, "-"], timeout: 60)
            best[0] = min(best[0], Date().timeIntervalSince(t0)); t0 = Date()
            let doc = out.stdout.withUnsafeBytes { BBoxParser.parse($0.bindMemory(to: UInt8.self)) }
            best[1] = min(best[1], Date().timeIntervalSince(t0)); t0 = Date()
            let layout = PDFLayout.build(doc)
            best[2] = min(best[2], Date().timeIntervalSince(t0)); t0 = Date()
            var s = PDFStructure(layout: layout, file: "x", metaTitle: doc.title, metaAuthor: nil)
            _ = s.build()
            best[3] = min(best[3], Date().timeIntervalSince(t0))
        }
        print(String(format: "phases: pdftotext %.3f parse %.3f layout %.3f structure %.3f", best[0], best[1], best[2], best[3]))
        #expect(!r.paper.allBlocks.isEmpty)
    }

    /// `PDF_DUMP=… PDF_XMLBENCH=1`: the hand-written scanner against Foundation's XMLParser on
    /// the same pdftotext output (best of 3 each).
    @Test(.enabled(if: ProcessInfo.processInfo.environment["PDF_XMLBENCH"] != nil))
    func scannerVersusXMLParser() throws {
        let path = ProcessInfo.processInfo.environment["PDF_DUMP"]!
        let out = try PopplerRunner.run("/usr/bin/pdftotext", ["-bbox-layout", "-enc", "UTF-8", path, "-"], timeout: 60)
        final class Counter: NSObject, XMLParserDelegate {
            var words = 0
            var text = ""
            func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                        attributes: [String: String] = [:]) {
                if name == "word" {
                    words += 1
                    _ = Double(attributes["xMin"] ?? ""); _ = Double(attributes["yMin"] ?? "")
                    _ = Double(attributes["xMax"] ?? ""); _ = Double(attributes["yMax"] ?? "")
                    text = ""
                }
            }
            func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
        }
        var scan = Double.infinity, xml = Double.infinity
        var n1 = 0, n2 = 0
        for _ in 0..<3 {
            var t = Date()
            let doc = out.stdout.withUnsafeBytes { BBoxParser.parse($0.bindMemory(to: UInt8.self)) }
            scan = min(scan, Date().timeIntervalSince(t))
            n1 = doc.pages.reduce(0) { $0 + $1.words.count }
            t = Date()
            let c = Counter()
            let parser = XMLParser(data: out.stdout)
            parser.delegate = c
            _ = parser.parse()
            xml = min(xml, Date().timeIntervalSince(t))
            n2 = c.words
        }
        print(String(format: "scanner %.4f s (%d words), XMLParser %.4f s (%d words), %.1fx", scan, n1, xml, n2, xml / scan))
        #expect(n1 == n2)
    }

    /// `PDF_DUMP=… PDF_LINES=3` prints the lines of page 3 with their geometry.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["PDF_LINES"] != nil))
    func lines() throws {
        let env = ProcessInfo.processInfo.environment
        let path = env["PDF_DUMP"]!
        let page = Int(env["PDF_LINES"]!) ?? 1
        let out = try PopplerRunner.run("/usr/bin/pdftotext", ["-bbox-layout", "-f", "\(page)", "-l", "\(page)", path, "-"], timeout: 60)
        let doc = out.stdout.withUnsafeBytes { BBoxParser.parse($0.bindMemory(to: UInt8.self)) }
        PDFLayout.debug = true
        let layout = PDFLayout.build(doc)
        PDFLayout.debug = false
        let s = PDFStructure(layout: layout, file: "x", metaTitle: nil, metaAuthor: nil)
        print("bodyH \(layout.bodyHeight) pitch \(layout.bodyPitch)")
        for (i, l) in layout.lines.enumerated() {
            let f = String(format: "%3d r%d x%.1f-%.1f y%.1f-%.1f h%.1f rg%.0f-%.0f bs%@ %@", l.number, l.region, l.x0, l.x1, l.y0, l.y1, l.height, l.regionX0, l.regionX1, s.blockStart(i) ? "Y" : "n", s.heading(i) != nil ? "H" : "")
            print(f, l.text.prefix(90))
        }
        #expect(!layout.lines.isEmpty)
    }
}
