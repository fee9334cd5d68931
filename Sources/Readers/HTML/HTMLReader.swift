import PaperModel

/// Reads an HTML page made by LaTeXML (arXiv's HTML papers, ar5iv) into the ``Paper`` model.
///
/// Math stays TeX: inline `<math alttext>` becomes `$…$` in paragraph text, display-math tables
/// become ``Equation`` blocks. Evidence points at the element's line and column in the page.
/// Pages from other generators are read with plain HTML rules (headings, paragraphs, tables,
/// lists). Never fails: broken markup is read as far as it goes and reported in diagnostics.
public struct HTMLReader: Sendable {
    public var limits: ReaderLimits

    public init(limits: ReaderLimits = .default) {
        self.limits = limits
    }

    /// Reads the page `text`; `name` is the file name used in evidence locations.
    public func read(name: String, text: String) -> ReadResult {
        var diagnostics: [Diagnostic] = []
        var bytes = Array(text.utf8)
        if bytes.count > limits.maxFileBytes {
            diagnostics.append(Diagnostic(.inputTooLarge, .warning,
                                          "\(name) is \(bytes.count) bytes; only the first \(limits.maxFileBytes) are read",
                                          at: SourceSpan(file: name, line: 1, column: 1)))
            bytes.removeSubrange(limits.maxFileBytes...)
        }
        var parser = HTMLParser(bytes: bytes, maxDepth: min(limits.maxNesting, Self.maxDepth))
        let doc = parser.parse()
        // One warning per kind of markup problem, at its first occurrence.
        for (kind, p) in parser.problemsByKind.sorted(by: { $0.value.offset < $1.value.offset }) {
            diagnostics.append(Diagnostic(kind, .warning,
                                          "\(p.count) markup problem(s) of this kind, read as far as possible; first: \(p.what)",
                                          at: doc.point(p.offset, file: name)))
        }
        var converter = LaTeXMLConverter(doc: doc, file: name)
        let paper = converter.convert()
        diagnostics += converter.diagnostics
        let noAlt = doc.nodes.indices.filter { doc.nodes[$0].tag == .math && doc.nodes[$0].attribute("alttext") == nil }
        if let first = noAlt.first {
            diagnostics.append(Diagnostic(.htmlMathNoAlttext, .note,
                                          "\(noAlt.count) <math> element(s) without alttext: their TeX is taken from a TeX annotation or their text",
                                          at: doc.span(first, file: name)))
        }
        if !doc.nodes.contains(where: { !$0.classSet.isEmpty || $0.classAttribute.hasPrefix("ltx_") }) {
            diagnostics.append(Diagnostic(.htmlNotLaTeXML, .note,
                                          "\(name) is not a LaTeXML page; read with plain HTML rules (no equation numbers, captions or theorems)",
                                          at: SourceSpan(file: name, line: 1, column: 1)))
        }
        if paper.metadata.title == nil, paper.sections.isEmpty, paper.paragraphs.isEmpty {
            diagnostics.append(Diagnostic(.htmlEmpty, .warning, "\(name) holds no title, section or paragraph",
                                          at: SourceSpan(file: name, line: 1, column: 1)))
        }
        return ReadResult(paper: paper, diagnostics: diagnostics)
    }

    /// Deepest element nesting followed (deeper elements are flattened into their ancestor).
    /// LaTeXML pages stay under 40 outside MathML, whose content is not parsed.
    static let maxDepth = 160
}
