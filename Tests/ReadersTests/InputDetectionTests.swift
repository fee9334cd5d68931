import Testing
import PaperModel
@testable import Readers

@Suite struct InputDetectionTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let content: String
        let kind: String
        var testDescription: String { "\(name) → \(kind)" }
    }

    static let cases: [Case] = [
        Case(name: "paper.tex", content: "\\documentclass{article}\n\\begin{document}\nHi.\n\\end{document}\n", kind: "latex"),
        Case(name: "paper.txt", content: "\\documentclass{article}\nHello.\n", kind: "latex"),
        Case(name: "body", content: "Intro text.\n\\begin{document}\nBody.\n", kind: "latex"),
        Case(name: "main", content: "\\section{Introduction}\nWe study things.\n", kind: "latex"),
        Case(name: "notes.md", content: "Some text.\n  \\input{sections/method}\n", kind: "latex"),
        Case(name: "fragment",
             content: "As shown in \\cite{a}, see Figure~\\ref{fig:x}.\n\\begin{itemize}\n\\item one\n\\end{itemize}\n",
             kind: "latex"),
        // The extension wins a tie: a .tex file of plain prose is still LaTeX.
        Case(name: "prose.tex", content: "Just a paragraph of prose, with no command at all.\n", kind: "latex"),
        Case(name: "notes.txt",
             content: "We minimize $f(x) = \\sum_i x_i^2$ over \\(x \\in \\mathbb{R}^n\\).\n\\[ y = \\alpha x \\]\n",
             kind: "text"),
        Case(name: "method.md",
             content: "# Method\n\nThe loss is $\\mathcal{L} = \\|y - \\hat y\\|^2$ with $\\alpha = 0.1$.\n\n$$\\begin{aligned} a &= b \\\\ c &= d \\end{aligned}$$\n",
             kind: "text"),
        Case(name: "readme.md", content: "Write `\\section{Intro}` in your file, then \\cite the paper.\n", kind: "text"),
        Case(name: "fenced.md",
             content: "A guide.\n\n```latex\n\\documentclass{article}\n\\begin{document}\n```\n\nThe end, with $x$.\n",
             kind: "text"),
        Case(name: "eq.md",
             content: "Text\n\\begin{equation}\\label{eq:1}\n a = \\ref{b} \\cite{c}\n\\end{equation}\nmore $x$.\n",
             kind: "text"),
        Case(name: "percent.txt", content: "It reaches 95% accuracy with $\\lambda = 2$ and \\emph{no} tuning.\n", kind: "text"),
        Case(name: "page.html", content: "<!DOCTYPE html><html><body>x</body></html>", kind: "html"),
        Case(name: "page", content: "\u{FEFF}\n  <?xml version=\"1.0\"?>\n<!-- saved -->\n<HTML lang=en><body>", kind: "html"),
        Case(name: "ar5iv.tex", content: "<!doctype html>\n<html><head>", kind: "html"),
        Case(name: "snippet.htm", content: "  <div>hello</div>", kind: "html"),
        Case(name: "paper.pdf", content: "%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n", kind: "pdf"),
        Case(name: "download.bin", content: "HTTP junk before the header\r\n%PDF-1.4\n1 0 obj", kind: "pdf"),
    ]

    @Test(arguments: cases)
    func detectsKindByContent(_ c: Case) throws {
        let input = try InputLoader.load(bytes: Array(c.content.utf8), name: c.name)
        #expect(input.loadedKind == c.kind)
    }

    @Test func singleLaTeXFileIsATreeWithItsNameAsMain() throws {
        let input = try InputLoader.load(bytes: Array("\\documentclass{article}".utf8), name: "dir/paper.tex")
        let tree = try #require(input.loadedTree)
        #expect(tree.paths == ["paper.tex"])
        #expect(tree.preferredMain == "paper.tex")
        #expect(tree.origin == "dir/paper.tex")
    }

    @Test func byteOrderMarkIsStripped() throws {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let text = try InputLoader.load(bytes: bom + Array("Hello $x$.".utf8), name: "a.txt")
        #expect(text.loadedText == "Hello $x$.")
        let latex = try InputLoader.load(bytes: bom + Array("\\section{A}".utf8), name: "a.tex")
        #expect(latex.loadedTree?.files["a.tex"] == Array("\\section{A}".utf8))
    }

    @Test func crlfIsKept() throws {
        let input = try InputLoader.load(bytes: Array("Line one.\r\nLine two with $x$.\r\n".utf8), name: "a.txt")
        #expect(input.loadedText == "Line one.\r\nLine two with $x$.\r\n")
    }

    @Test func pdfFromBytesHasNoPath() throws {
        let bytes = Array("%PDF-1.5\n".utf8)
        guard case .pdf(let name, let path, let data) = try InputLoader.load(bytes: bytes, name: "x.pdf") else {
            Issue.record("not a PDF")
            return
        }
        #expect(name == "x.pdf")
        #expect(path == nil)
        #expect(data == bytes)
    }

    @Test func sniffersRejectLookalikes() {
        #expect(!ContentSniffer.isPDF(Array("%PD".utf8)))
        #expect(!ContentSniffer.isPDF(Array(repeating: 0x20, count: 1030) + Array("%PDF-1.4".utf8)))
        #expect(!ContentSniffer.isHTML(Array("Some <html> in prose".utf8), ext: "txt"))
        #expect(!TarReader.isTar(Array(repeating: 0, count: 512)))
        #expect(!TarReader.isTar(Array(repeating: 0x41, count: 600)))
    }
}
