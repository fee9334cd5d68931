import Foundation
import Analyzers
import MathParsing
import PaperModel

/// Building blocks of the HTML report: escaping, anchors, and paper text with its inline math
/// drawn as MathML. Everything it emits is well-formed XML (polyglot HTML), so the report can be
/// checked with an XML parser and never carries markup from the paper.
enum HTMLMarkup {
    /// Text and attribute values with `&`, `<`, `>`, `"` escaped.
    static func escape(_ s: String) -> String { MathML.escape(s) }

    /// An id made of letters, digits and `-`: paper labels such as `alg:adam` become `alg-adam`.
    static func anchor(_ prefix: String, _ raw: String) -> String {
        var out = prefix + "-"
        for c in raw.unicodeScalars {
            out += (c.properties.isAlphabetic || ("0"..."9").contains(c)) && c.isASCII ? String(c) : "-"
        }
        return out
    }

    /// A formula as MathML, parsed from its TeX; TeX the parser cannot read is shown as code.
    static func math(_ tex: String, display: Bool = false) -> String {
        let trimmed = tex.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return "" }
        let parsed = MathParser().parse(trimmed)
        if parsed.root.containsRaw && !parsed.complete {
            return "<code class=\"tex\">" + escape(trimmed) + "</code>"
        }
        return parsed.root.mathML(display: display, alttext: trimmed)
    }

    /// Paper text (inline math between dollars) as HTML: prose escaped, math as MathML, and
    /// every occurrence of one of `highlights` marked (a formula containing one is marked whole).
    static func text(_ s: String, highlights: [String] = []) -> String {
        var out = ""
        let marks = highlights.filter { !$0.isEmpty }
        for piece in InlineMath(s).pieces {
            switch piece {
            case .prose(let p):
                out += mark(p, marks)
            case .math(let m):
                let drawn = math(m)
                let tight = m.filter { !$0.isWhitespace }
                out += marks.contains(where: { tight.contains($0.filter { !$0.isWhitespace }) }) ? "<mark>" + drawn + "</mark>" : drawn
            }
        }
        return out
    }

    /// Prose escaped, with the first whole-word occurrence of each highlight wrapped in `<mark>`
    /// (so the `5` of "ResNet-50 = 5" is the last one, not the digit inside 50).
    private static func mark(_ prose: String, _ marks: [String]) -> String {
        var ranges: [Range<String.Index>] = []
        for m in marks {
            guard let r = wholeWord(m, in: prose), !ranges.contains(where: { $0.overlaps(r) }) else { continue }
            ranges.append(r)
        }
        guard !ranges.isEmpty else { return escape(prose) }
        ranges.sort { $0.lowerBound < $1.lowerBound }
        var out = ""
        var at = prose.startIndex
        for r in ranges {
            out += escape(String(prose[at..<r.lowerBound])) + "<mark>" + escape(String(prose[r])) + "</mark>"
            at = r.upperBound
        }
        return out + escape(String(prose[at...]))
    }

    /// The first occurrence of `word` in `text` not glued to a letter or digit on either side.
    static func wholeWord(_ word: String, in text: String) -> Range<String.Index>? {
        func glued(_ c: Character?) -> Bool { c.map { $0.isLetter || $0.isNumber } ?? false }
        var from = text.startIndex
        while from < text.endIndex, let r = text[from...].range(of: word) {
            let before = r.lowerBound > text.startIndex ? text[text.index(before: r.lowerBound)] : nil
            let after = r.upperBound < text.endIndex ? text[r.upperBound] : nil
            if (!glued(word.first) || !glued(before)) && (!glued(word.last) || !glued(after)) { return r }
            from = text.index(after: r.lowerBound)
        }
        return nil
    }
}
