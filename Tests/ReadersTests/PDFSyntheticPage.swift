import Foundation
@testable import Readers

/// Builds `pdftotext -bbox-layout` XHTML by hand: lines of words at given positions, so that
/// layout rules (columns, headings, algorithm indentation, scripts) can be tested without a PDF.
struct SyntheticDocument {
    struct Word { var x0, y0, x1, y1: Double; var text: String }
    struct Page { var lines: [[Word]] = [] }

    var title = "Synthetic"
    var pages: [Page] = []
    var width = 612.0
    var height = 792.0

    /// Width of a word set in a font of `size` points (a rough average glyph width).
    static func width(_ text: String, _ size: Double) -> Double { Double(text.count) * size * 0.5 }

    mutating func newPage() { pages.append(Page()) }

    /// A line of words starting at `x`, top at `y`, font `size`; words separated by a space,
    /// or spread to fill `width` (justified text).
    mutating func line(_ text: String, x: Double, y: Double, size: Double = 10, width: Double? = nil) {
        if pages.isEmpty { newPage() }
        var words: [Word] = []
        var cx = x
        if let width {
            let ws = text.split(separator: " ").map(String.init)
            let natural = ws.reduce(0) { $0 + SyntheticDocument.width($1, size) }
            let gap = ws.count > 1 ? (width - natural) / Double(ws.count - 1) : 0
            for w in ws {
                let wd = SyntheticDocument.width(w, size)
                words.append(Word(x0: cx, y0: y, x1: cx + wd, y1: y + size * 1.17, text: w))
                cx += wd + gap
            }
            pages[pages.count - 1].lines.append(words)
            return
        }
        // Each extra space widens the gap (for table cells).
        for w in text.split(separator: " ", omittingEmptySubsequences: false) {
            if w.isEmpty { cx += size * 0.5; continue }
            let wd = SyntheticDocument.width(String(w), size)
            words.append(Word(x0: cx, y0: y, x1: cx + wd, y1: y + size * 1.17, text: String(w)))
            cx += wd + size * 0.3
        }
        pages[pages.count - 1].lines.append(words)
    }

    /// A line given as pieces: (text, dx from previous piece's end, size, dy from the line top).
    mutating func pieces(_ parts: [(String, Double, Double, Double)], x: Double, y: Double) {
        if pages.isEmpty { newPage() }
        var words: [Word] = []
        var cx = x
        for (k, p) in parts.enumerated() {
            if k > 0 { cx += p.1 }
            let wd = SyntheticDocument.width(p.0, p.2)
            words.append(Word(x0: cx, y0: y + p.3, x1: cx + wd, y1: y + p.3 + p.2 * 1.17, text: p.0))
            cx += wd
        }
        pages[pages.count - 1].lines.append(words)
    }

    func escaped(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    var xhtml: String {
        var out = """
        <!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd"><html xmlns="http://www.w3.org/1999/xhtml">
        <head>
        <title>\(escaped(title))</title>
        </head>
        <body>
        <doc>

        """
        for p in pages {
            out += "  <page width=\"\(width)\" height=\"\(height)\">\n"
            for l in p.lines where !l.isEmpty {
                out += "    <flow>\n      <block>\n        <line>\n"
                for w in l {
                    out += String(format: "          <word xMin=\"%.6f\" yMin=\"%.6f\" xMax=\"%.6f\" yMax=\"%.6f\">", w.x0, w.y0, w.x1, w.y1)
                    out += escaped(w.text) + "</word>\n"
                }
                out += "        </line>\n      </block>\n    </flow>\n"
            }
            out += "  </page>\n"
        }
        out += "</doc>\n</body>\n</html>\n"
        return out
    }

    func read(name: String = "synthetic.pdf") -> ReadResult { PDFReader.interpret(xhtml: xhtml, name: name) }
}

/// Filler prose for paragraphs: distinct words so that lines look like running text.
enum Prose {
    static let words = """
    we study how the method behaves when the data are noisy and the model is large so that every \
    update of the parameters follows the gradient of a loss computed on small batches drawn at random \
    from the training set while the learning rate decays over time and the momentum keeps a running \
    average of past gradients which smooths the trajectory of the optimizer across many steps
    """.split(separator: " ").map(String.init)

    /// `count` lines of about `perLine` words, the last one shorter and ending a sentence.
    static func lines(_ count: Int, perLine: Int = 13, seed: Int = 0) -> [String] {
        var out: [String] = []
        var k = seed
        for n in 0..<count {
            let m = n == count - 1 ? max(3, perLine / 2) : perLine
            var ws: [String] = []
            for _ in 0..<m { ws.append(words[k % words.count]); k += 1 }
            if n == 0 { ws[0] = ws[0].prefix(1).uppercased() + ws[0].dropFirst() }
            if n == count - 1 { ws[ws.count - 1] += "." }
            out.append(ws.joined(separator: " "))
        }
        return out
    }
}
