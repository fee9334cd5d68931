import Foundation
import PaperModel

enum PDFSpans {
    /// A span for lines of one block: the first line's page and number, the box around the
    /// block's lines on that page.
    static func span(file: String, _ lines: [PDFLine]) -> SourceSpan {
        guard let first = lines.first else { return SourceSpan(file: file, line: 1, column: 1) }
        var x0 = first.x0, y0 = first.y0, x1 = first.x1, y1 = first.y1
        var lastOnPage = first
        for l in lines.dropFirst() where l.page == first.page {
            x0 = min(x0, l.x0); y0 = min(y0, l.y0); x1 = max(x1, l.x1); y1 = max(y1, l.y1)
            lastOnPage = l
        }
        func r(_ v: Double) -> Double { (v * 100).rounded() / 100 }
        return SourceSpan(file: file, line: first.number, column: 1,
                          endLine: lastOnPage.number != first.number ? lastOnPage.number : nil,
                          page: first.page, box: Box(x: r(x0), y: r(y0), width: r(x1 - x0), height: r(y1 - y0)))
    }
}

/// The structure stage: lines in reading order → the Paper model.
struct PDFStructure {
    var L: [PDFLine]
    let bodyH: Double
    let pitch: Double
    let file: String
    let pageHeights: [Double]
    let metaTitle: String?
    let metaAuthor: String?
    /// Whether most pages are set in two columns.
    let twoColumn: Bool
    /// The indices of each page's lines (pages are 1-based).
    let pageRanges: [Int: Range<Int>]
    var diagnostics: [Diagnostic] = []

    var consumed: [Bool]
    private var vocabulary: Set<String> = []
    private var hyphenated: Set<String> = []
    // Per-line features, computed once.
    private var cls: [[PDFMath.Class]] = []
    private var proseCache: [Bool] = []
    private var captionCache: [Caption?] = []
    private var displayCache: [(Bool, String?)] = []
    private var headingCache: [Heading?] = []

    init(layout: PDFLayoutResult, file: String, metaTitle: String?, metaAuthor: String?) {
        L = layout.lines
        bodyH = layout.bodyHeight
        pitch = layout.bodyPitch
        self.file = file
        pageHeights = layout.pageSizes.map(\.height)
        self.metaTitle = metaTitle
        self.metaAuthor = metaAuthor
        twoColumn = layout.twoColumn
        var ranges: [Int: Range<Int>] = [:]
        for (k, l) in layout.lines.enumerated() {
            if let r = ranges[l.page] { ranges[l.page] = r.lowerBound..<(k + 1) } else { ranges[l.page] = k..<(k + 1) }
        }
        pageRanges = ranges
        consumed = Array(repeating: false, count: layout.lines.count)
        cls = L.map { $0.tokens.map(PDFMath.classify) }
        proseCache = L.indices.map { computeProse($0) }
        captionCache = L.indices.map { computeCaption($0) }
        displayCache = L.indices.map { computeDisplay($0) }
        headingCache = L.indices.map { computeHeading($0) }
    }

    // MARK: - Line predicates

    func baselineDelta(_ a: Int, _ b: Int) -> Double { L[b].y1 - L[a].y1 }

    func sameFlow(_ a: Int, _ b: Int) -> Bool { L[a].page == L[b].page && L[a].region == L[b].region }

    /// Whether line `i` starts a new block visually (gap above, new column, size change, or the
    /// line above ended short with a full stop).
    func blockStart(_ i: Int) -> Bool {
        guard i > 0 else { return true }
        let p = i - 1
        if !sameFlow(p, i) { return true }
        let d = baselineDelta(p, i)
        if d > max(pitch * 1.3, pitch + 0.3 * bodyH) || d < 0 { return true }
        if abs(L[p].height - L[i].height) > 0.12 * bodyH { return true }
        if endsSentence(L[p].text), L[p].x1 < L[p].regionX1 - 0.1 * L[p].regionWidth { return true }
        return false
    }

    func endsSentence(_ s: String) -> Bool {
        guard var c = s.last else { return false }
        if c == ")" || c == "\"" || c == "”" { c = s.dropLast().last ?? c }
        return c == "." || c == "?" || c == "!" || c == ":"
    }

    static func isWordToken(_ t: PDFToken, _ c: PDFMath.Class? = nil) -> Bool {
        if (c ?? PDFMath.classify(t)) == .math { return false }
        var letters = 0, total = 0
        var started = false
        var trailingPunct = 0
        for sc in t.text.unicodeScalars {
            let isL = CharacterSetCache.isLetter(sc)
            if !started { if !isL && !CharacterSetCache.isDigit(sc) { continue }; started = true }
            total += 1
            if isL { letters += 1; trailingPunct = 0 } else if !CharacterSetCache.isDigit(sc) { trailingPunct += 1 } else { trailingPunct = 0 }
        }
        total -= trailingPunct
        guard total >= 2 else { return false }
        return Double(letters) >= 0.7 * Double(total)
    }

    func isProse(_ i: Int) -> Bool { proseCache[i] }

    func computeProse(_ i: Int) -> Bool {
        let l = L[i]
        guard l.tokens.count >= 3, abs(l.height - bodyH) <= 0.18 * bodyH else { return false }
        var words = 0
        for (k, t) in l.tokens.enumerated() where PDFStructure.isWordToken(t, cls[i][k]) { words += 1 }
        return Double(words) >= 0.55 * Double(l.tokens.count)
    }

    /// A line of running text: prose starting at the column's left edge (or a paragraph indent)
    /// and reaching its right edge or ending a sentence.
    func isBodyText(_ i: Int) -> Bool {
        let l = L[i]
        guard isProse(i), !looksTabular(l) else { return false }
        let indent = l.x0 - l.regionX0
        guard indent <= 4 * l.height else { return false }
        return isFull(l) || endsSentence(l.text)
    }

    func isFull(_ l: PDFLine) -> Bool { l.x1 >= l.regionX1 - 0.08 * l.regionWidth }

    // MARK: - Captions

    enum CaptionKind { case figure, table, algorithm }

    struct Caption {
        var kind: CaptionKind
        /// The caption's word: Figure, Table, Algorithm, Program, Listing.
        var word: String = ""
        var number: String
        /// Index of the first token of the caption's text.
        var textStart: Int
    }

    func caption(_ i: Int) -> Caption? { captionCache[i] }

    func computeCaption(_ i: Int) -> Caption? {
        let toks = L[i].tokens
        guard toks.count >= 2 else { return nil }
        let w = toks[0].text
        let kind: CaptionKind
        switch w {
        case "Figure", "FIGURE", "Fig.", "FIG.", "Figure:", "Fig": kind = .figure
        case "Table", "TABLE", "Tab.": kind = .table
        case "Algorithm", "ALGORITHM", "Algorithm:", "Program", "Listing", "PROGRAM", "LISTING": kind = .algorithm
        default: return nil
        }
        var num = toks[1].text
        var sep = false
        if let l = num.last, l == ":" || l == "." || l == "|" { num.removeLast(); sep = true }
        guard !num.isEmpty, num.count <= 6, num.first!.isNumber || (num.first!.isUppercase && num.count >= 2 && num.dropFirst().first.map { $0 == "." || $0.isNumber } == true),
              num.allSatisfy({ $0.isNumber || $0 == "." || $0.isUppercase }) else { return nil }
        var start = 2
        if !sep, toks.count > 2, [":", ".", "|", "—", "–"].contains(toks[2].text) { sep = true; start = 3 }
        if !sep {
            // "Algorithm 1 Adam" (algorithmic's bold caption); prose says "Algorithm 1 shows".
            guard kind == .algorithm, toks.count > 2, let f = toks[2].text.first, f.isUppercase || !f.isLetter else { return nil }
            let nextText = toks[2].text
            if ["In", "The", "We", "This", "As", "For", "It"].contains(nextText) { return nil }
        }
        return Caption(kind: kind, word: w.trimmingCharacters(in: CharacterSet(charactersIn: ".:")).capitalized, number: num, textStart: start)
    }

    // MARK: - Headings

    struct Heading {
        var number: String?
        var title: String
        var level: Int
        var kind: Kind
        var extraLines: Int = 0
        enum Kind { case numbered, letter, named, size, appendix }
    }

    static let namedHeadings: [String: Int] = [
        "abstract": 1, "introduction": 1, "related work": 1, "background": 1, "conclusion": 1, "conclusions": 1,
        "references": 1, "bibliography": 1, "acknowledgments": 1, "acknowledgements": 1, "acknowledgment": 1,
        "acknowledgement": 1, "appendix": 1, "appendices": 1, "supplementary material": 1,
        "supplementary materials": 1, "broader impact": 1, "broader impacts": 1, "limitations": 1,
        "ethics statement": 1, "reproducibility statement": 1, "author contributions": 1, "discussion": 1,
        "impact statement": 1, "funding": 1, "conclusion and future work": 1, "experiments": 1,
    ]

    static func headingKey(_ s: String) -> String {
        guard s.utf8.count <= 80 else { return "" }
        var t = s.lowercased()
        while let l = t.last, l == ":" || l == "." || l == " " { t.removeLast() }
        while t.first == " " { t.removeFirst() }
        return t
    }

    func sectionNumber(_ s: String) -> String? {
        var t = s
        if t.hasSuffix(".") { t.removeLast() }
        guard !t.isEmpty, t.count <= 9 else { return nil }
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 4, parts.allSatisfy({ !$0.isEmpty }) else { return nil }
        for (k, p) in parts.enumerated() {
            if p.allSatisfy({ $0.isASCII && $0.isNumber }) {
                if p.count > 2 { return nil }
            } else if k == 0, p.count == 1, let c = p.first, c.isASCII, c.isUppercase {
                continue
            } else {
                return nil
            }
        }
        return t
    }

    func heading(_ i: Int) -> Heading? { headingCache[i] }

    func computeHeading(_ i: Int) -> Heading? {
        let l = L[i]
        let toks = l.tokens
        guard !toks.isEmpty, toks.count <= 16 else { return nil }
        let key = toks.count <= 8 ? PDFStructure.headingKey(l.text) : ""
        if key == "abstract" { return Heading(number: nil, title: PDFStructure.cleanTitle(l.text), level: 1, kind: .named) }
        guard max(l.height, min(l.maxHeight, 1.5 * l.height)) >= 0.93 * bodyH else { return nil }
        if caption(i) != nil { return nil }
        let gapAbove = blockStart(i)
        // Named headings.
        if toks.count <= 6, let lvl = PDFStructure.namedHeadings[key], gapAbove || key == "abstract" {
            return Heading(number: nil, title: PDFStructure.cleanTitle(l.text), level: lvl, kind: .named)
        }
        if toks.count <= 8, key.hasPrefix("appendix") || key.hasPrefix("supplementary material"), gapAbove {
            // "Appendix A: Proofs", "APPENDIX".
            let rest = toks.dropFirst()
            if let n = rest.first.map({ $0.text.trimmingCharacters(in: CharacterSet(charactersIn: ":.")) }),
               n.count == 1, n.first!.isUppercase {
                let title = rest.dropFirst().map(\.text).joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: ":. —–-"))
                return Heading(number: n, title: title.isEmpty ? l.text : title, level: 1, kind: .letter)
            }
            return Heading(number: nil, title: PDFStructure.cleanTitle(l.text), level: 1, kind: .appendix)
        }
        guard gapAbove else { return nil }
        // Numbered headings.
        if toks.count >= 2, let num = sectionNumber(toks[0].text) {
            let titleToks = Array(toks.dropFirst())
            let title = titleToks.map(\.text).joined(separator: " ")
            guard let f = title.first, f.isUppercase || (f.isNumber && titleToks[0].text.contains(where: \.isLetter)),
                  title.filter(\.isLetter).count >= 2, titleToks.count <= 14 else { return nil }
            if let last = title.last, ",;".contains(last) { return nil }
            if title.hasSuffix("."), titleToks.count > 4 { return nil }
            let mathCount = cls[i].dropFirst().filter { $0 == .math }.count
            if mathCount > 1 || titleToks.contains(where: { $0.text == "=" }) { return nil }
            // A full line of body size starting with a number is prose, unless a new block follows.
            if isFull(l), l.height < 1.08 * bodyH, titleToks.count > 6, i + 1 < L.count, !blockStart(i + 1) { return nil }
            let level = num.split(separator: ".").count
            let letter = num.first!.isLetter
            var h = Heading(number: num, title: title, level: level, kind: letter ? .letter : .numbered)
            h.extraLines = continuationLines(i)
            if h.extraLines > 0 {
                for k in 1...h.extraLines { h.title += " " + L[i + k].text }
            }
            return h
        }
        // Larger type, short, title case, followed by body text: an unnumbered heading.
        if l.height >= 1.15 * bodyH, toks.count <= 10, let f = l.text.first, f.isUppercase,
           !l.text.hasSuffix("."), !cls[i].contains(.math),
           l.x0 - l.regionX0 < 0.5 * l.height, i + 1 < L.count, sameFlow(i, i + 1), isBodyText(i + 1),
           L[i + 1].height < l.height - 0.1 * bodyH {
            return Heading(number: nil, title: PDFStructure.cleanTitle(l.text), level: l.height >= 1.3 * bodyH ? 1 : 2, kind: .size)
        }
        return nil
    }

    /// A heading that wraps: following lines of the same size, close below, short.
    func continuationLines(_ i: Int) -> Int {
        var n = 0
        var k = i
        while n < 2, k + 1 < L.count, sameFlow(k, k + 1) {
            let a = L[k], b = L[k + 1]
            guard abs(a.height - b.height) < 0.05 * bodyH, a.height > 1.02 * bodyH || a.x1 > a.regionX1 - 0.2 * a.regionWidth,
                  baselineDelta(k, k + 1) < pitch * 1.35 * max(1, a.height / bodyH), b.tokens.count <= 8,
                  !isFull(b), !endsSentence(b.text), sectionNumber(b.tokens[0].text) == nil,
                  a.height > 1.02 * bodyH else { break }
            // Only when the next line clearly is not body text.
            guard b.height > 1.02 * bodyH else { break }
            n += 1
            k += 1
        }
        return n
    }

    static func cleanTitle(_ s: String) -> String {
        var t = s.trimmingCharacters(in: .whitespaces)
        while let l = t.last, l == ":" || l == "." { t.removeLast() }
        return t
    }

    // MARK: - Display math

    static func equationNumber(_ s: String) -> String? {
        guard s.count >= 3, s.first == "(", s.last == ")" else { return nil }
        let inner = s.dropFirst().dropLast()
        guard inner.count <= 7, let f = inner.first else { return nil }
        guard f.isNumber || (f.isUppercase && inner.count >= 2) else { return nil }
        guard inner.allSatisfy({ $0.isNumber || $0 == "." || $0.isLetter }) else { return nil }
        // "(a)" / "(ii)" are not equation numbers; digits must appear.
        guard inner.contains(where: \.isNumber) else { return nil }
        return String(inner)
    }

    /// (is display math, equation number).
    func display(_ i: Int) -> (Bool, String?) { displayCache[i] }

    func computeDisplay(_ i: Int) -> (Bool, String?) {
        let l = L[i]
        guard !l.tokens.isEmpty else { return (false, nil) }
        var toks = l.tokens
        var number: String?
        if let last = toks.last, let n = PDFStructure.equationNumber(last.text), last.x1 >= l.regionX1 - 0.06 * l.regionWidth {
            let gap = toks.count >= 2 ? last.x0 - toks[toks.count - 2].x1 : .infinity
            if gap > 1.5 * l.height { number = n; toks.removeLast() }
        }
        if toks.isEmpty { return (number != nil, number) }
        var math = 0, prose = 0
        for c in cls[i].prefix(toks.count) {
            switch c {
            case .math: math += 1
            case .prose: prose += 1
            case .neutral: break
            }
        }
        let ratio = Double(math) / Double(max(1, math + prose))
        if number != nil { return (ratio >= 0.3 || math >= 2, number) }
        let left = toks[0].x0 - l.regionX0
        let right = l.regionX1 - toks[toks.count - 1].x1
        let centered = left > 0.08 * l.regionWidth && right > 0.04 * l.regionWidth
        if centered, ratio >= 0.6, math >= 2 || (math >= 1 && prose == 0) { return (true, nil) }
        return (false, nil)
    }

    /// A row of mostly math, without running words (part of a display).
    func isMathish(_ i: Int) -> Bool {
        if isProse(i) { return false }
        var math = 0, prose = 0
        for c in cls[i] { if c == .math { math += 1 } else if c == .prose { prose += 1 } }
        return math >= 1 && prose <= 2 && Double(math) >= 0.5 * Double(math + prose)
    }

    /// A tiny row of small glyphs inside running text.
    func isInlineFragment(_ i: Int) -> Bool {
        let l = L[i]
        return l.tokens.count <= 3 && l.height < 0.85 * bodyH && !isProse(i)
    }

    /// A small piece of a display (a fraction's numerator, limits, a radical sign).
    func isMathFragment(_ i: Int) -> Bool {
        let l = L[i]
        guard l.tokens.count <= 4 else { return false }
        return !zip(l.tokens, cls[i]).contains { $0.1 == .prose && $0.0.text.count > 3 }
    }

    // MARK: - Text assembly

    /// Words of the paper (lower-cased letter runs) and hyphenated compounds, for hyphenation.
    mutating func buildVocabulary() {
        var word: [UInt8] = []
        var compound: [UInt8] = []
        word.reserveCapacity(32)
        compound.reserveCapacity(64)
        func flush() {
            if !word.isEmpty { vocabulary.insert(String(decoding: word, as: UTF8.self)) }
            word.removeAll(keepingCapacity: true)
        }
        // The halves of a word broken at a line end ("sug-" / "gested") are not words of the
        // paper: leaving them out lets the hyphen of a broken word be dropped.
        var afterBreak = false
        for l in L {
            let breaks = l.tokens.last.map { $0.text.count >= 2 && $0.text.hasSuffix("-") } ?? false
            for (ti, t) in l.tokens.enumerated() {
                if (ti == 0 && afterBreak) || (breaks && ti == l.tokens.count - 1) {
                    word.removeAll(keepingCapacity: true)
                    continue
                }
                compound.removeAll(keepingCapacity: true)
                var hasHyphen = false
                var clean = true
                for sc in t.text.unicodeScalars {
                    let v = sc.value
                    if (v >= 65 && v <= 90) || (v >= 97 && v <= 122) {
                        let lower = UInt8(v | 0x20)
                        word.append(lower)
                        compound.append(lower)
                    } else if v >= 128, sc.properties.isAlphabetic {
                        for b in String(sc).lowercased().utf8 { word.append(b); compound.append(b) }
                    } else {
                        flush()
                        if v == 0x2D, !compound.isEmpty { hasHyphen = true; compound.append(0x2D) } else if !compound.isEmpty { clean = clean && (v == 0x2E || v == 0x2C || v == 0x3B || v == 0x3A || v == 0x29) }
                    }
                }
                flush()
                if hasHyphen, clean, compound.last != 0x2D { hyphenated.insert(String(decoding: compound, as: UTF8.self)) }
            }
            afterBreak = breaks
        }
    }

    /// Joins a line to text that ends with a hyphen: `optimiza-` + `tion` → `optimization`, but
    /// `second-` + `order` → `second-order` when both halves are words of the paper.
    func joinHyphen(_ prefix: String, _ next: String) -> Bool {
        // true: drop the hyphen and join; false: keep the hyphen and join.
        let a = String(prefix.lowercased().reversed().prefix { $0.isLetter }.reversed())
        let b = String(next.lowercased().prefix { $0.isLetter })
        guard !a.isEmpty, !b.isEmpty else { return false }
        if hyphenated.contains(a + "-" + b) { return false }
        if vocabulary.contains(a + b) { return true }
        if a.count >= 3, b.count >= 3, vocabulary.contains(a), vocabulary.contains(b) { return false }
        return true
    }

    /// Text of lines joined into running prose, with the character offset where each line starts.
    func joinLines(_ idx: [Int]) -> (String, [Int]) {
        var text = ""
        var count = 0
        var starts: [Int] = []
        for i in idx {
            let t = L[i].text
            if text.isEmpty {
                starts.append(0)
                text = t
                count = t.count
                continue
            }
            if text.hasSuffix("-"), text.count >= 2, text.dropLast().last?.isLetter == true,
               let f = t.first, f.isLowercase {
                if joinHyphen(String(text.dropLast()), t) {
                    text.removeLast()
                    count -= 1
                }
                starts.append(count)
                text += t
                count += t.count
            } else {
                text += " "
                count += 1
                starts.append(count)
                text += t
                count += t.count
            }
        }
        return (text, starts)
    }

    func paragraph(_ idx: [Int], id: String) -> Paragraph {
        let (text, starts) = joinLines(idx)
        var sentences: [Sentence] = []
        var lineCursor = 0
        for s in SentenceSplitter.split(text) {
            while lineCursor + 1 < starts.count, starts[lineCursor + 1] <= s.offset { lineCursor += 1 }
            sentences.append(Sentence(text: s.text, span: PDFSpans.span(file: file, [L[idx[lineCursor]]])))
        }
        return Paragraph(id: id, text: text, sentences: sentences, span: PDFSpans.span(file: file, idx.map { L[$0] }))
    }

    // MARK: - Build

    final class SectionNode {
        var section: Section
        var children: [SectionNode] = []
        init(_ s: Section) { section = s }
        func finish() -> Section {
            var s = section
            s.subsections = children.map { $0.finish() }
            return s
        }
    }

    mutating func build() -> Paper {
        buildVocabulary()
        var metadata = Metadata()
        let frontEnd = frontMatter(&metadata)
        for i in 0..<frontEnd { consumed[i] = true }
        let footnoteLines = findFootnotes()
        for i in footnoteLines { consumed[i] = true }
        var floats = claimFloats()

        var abstract: [Paragraph] = []
        var front: [Block] = []
        var roots: [SectionNode] = []
        var stack: [SectionNode] = []
        var abstractMode = false
        var refsMode = false
        var refsDone = false
        var appendixMode = false
        var refLines: [Int] = []
        var counters: [Int] = []  // numbered sections
        var letterTop: Character?
        var letterSub = 0
        var ids: [String: Int] = [:]
        func nextID(_ p: String) -> String { ids[p, default: 0] += 1; return "\(p)\(ids[p]!)" }

        var para: [Int] = []
        var listItems: [[Int]] = []
        var listX: Double = 0

        var theorem: TheoremBlock?
        func place(_ b: Block) {
            if let top = stack.last { top.section.blocks.append(b) } else { front.append(b) }
        }
        func closeTheorem() {
            if let t = theorem { theorem = nil; place(.theorem(t)) }
        }
        func emit(_ b: Block) {
            if theorem != nil {
                theorem!.blocks.append(b)
                return
            }
            place(b)
        }
        func flushParagraph() {
            guard !para.isEmpty else { return }
            let p = paragraph(para, id: nextID("p"))
            para = []
            if abstractMode { abstract.append(p); return }
            // Theorem-like statements and proofs hold the blocks that follow them.
            if let start = PDFStructure.theoremStart(p.text) {
                closeTheorem()
                theorem = TheoremBlock(id: nextID("thm"), kind: start.kind, category: start.category, title: start.title,
                                       number: start.number, blocks: [.paragraph(p)], span: p.span)
            } else if let t = theorem {
                // A statement runs on through its displays and lower-case continuations; a
                // proof runs to its end mark (or the next statement or heading).
                let continues = t.category == "proof" || p.text.first.map { $0.isLowercase } == true
                if continues { theorem!.blocks.append(.paragraph(p)) } else { closeTheorem(); place(.paragraph(p)) }
            } else {
                place(.paragraph(p))
            }
            if let t = theorem, t.category == "proof", let last = p.text.last, "□∎■".contains(last) || p.text.hasSuffix("Q.E.D.") {
                closeTheorem()
            }
        }
        func flushList() {
            guard !listItems.isEmpty else { return }
            let items = listItems.map { item -> ListItem in
                var (text, _) = joinLines(item)
                var label: String?
                if let f = text.first, "•◦▪‣●–".contains(f) { label = String(f); text = String(text.dropFirst()).trimmingCharacters(in: .whitespaces) }
                var p = paragraph(item, id: nextID("p"))
                p.text = text
                p.sentences = SentenceSplitter.split(text).map { Sentence(text: $0.text, span: p.span) }
                return ListItem(label: label, blocks: [.paragraph(p)], span: p.span)
            }
            let spanLines = listItems.flatMap { $0 }.map { L[$0] }
            let list = ListBlock(id: nextID("list"), ordered: false, items: items, span: PDFSpans.span(file: file, spanLines))
            listItems = []
            emit(.list(list))
        }
        func openSection(_ h: Heading, at i: Int) {
            let lines = (0...h.extraLines).map { L[i + $0] }
            let span = PDFSpans.span(file: file, lines)
            let s = Section(id: nextID("sec"), title: h.title, number: h.number, level: h.level,
                            starred: h.number == nil, appendix: appendixMode, span: span)
            let node = SectionNode(s)
            while let top = stack.last, top.section.level >= h.level { stack.removeLast() }
            if let top = stack.last { top.children.append(node) } else { roots.append(node) }
            stack.append(node)
        }
        func flushRefs() {
            guard !refLines.isEmpty else { return }
            bibliography = splitReferences(refLines)
            refLines = []
        }

        var i = 0
        while i < L.count {
            if consumed[i] {
                if let f = floats[i] {
                    flushParagraph(); flushList()
                    place(makeFloat(f, nextID: nextID))
                    floats[i] = nil
                }
                i += 1
                continue
            }
            let l = L[i]
            // Headings.
            if var h = heading(i) {
                var accept = false
                let key = PDFStructure.headingKey(h.title)
                switch h.kind {
                case .named, .appendix, .size:
                    accept = true
                    if h.kind == .size, refsMode { accept = l.height >= 1.15 * bodyH }
                case .numbered:
                    let parts = h.number!.split(separator: ".").compactMap { Int($0) }
                    accept = acceptNumber(parts, counters)
                    if accept { counters = parts; if letterTop != nil && !appendixMode { letterTop = nil } }
                case .letter:
                    let parts = h.number!.split(separator: ".")
                    let letter = parts[0].first!
                    if parts.count == 1 {
                        let expected: Character = letterTop.map { Character(Unicode.Scalar($0.unicodeScalars.first!.value + 1)!) } ?? "A"
                        accept = letter == expected && (appendixMode || refsMode || refsDone || letter != "A" || l.height > 1.05 * bodyH || !counters.isEmpty)
                        if accept { letterTop = letter; letterSub = 0 }
                    } else if let top = letterTop, top == letter, let sub = Int(parts[1]) {
                        accept = parts.count == 2 ? sub == letterSub + 1 || sub == letterSub : stack.count >= 1
                        if accept, parts.count == 2 { letterSub = sub }
                    }
                    if accept { appendixMode = true }
                }
                if accept {
                    flushParagraph(); flushList()
                    if refsMode { flushRefs(); refsMode = false; refsDone = true }
                    abstractMode = false
                    if h.kind == .appendix { appendixMode = true }
                    if key == "abstract" {
                        abstractMode = true
                        i += 1
                        continue
                    }
                    if key == "references" || key == "bibliography" {
                        refsMode = true
                    }
                    if h.kind == .letter || (refsDone && h.kind == .named && key != "acknowledgments" && key != "acknowledgements") {
                        if h.kind == .letter { appendixMode = true }
                    }
                    if h.kind == .size, h.level == 1, stack.last?.section.level == 1, stack.last?.section.number != nil {
                        h.level = 2
                    }
                    closeTheorem()
                    openSection(h, at: i)
                    i += 1 + h.extraLines
                    continue
                }
            }
            // "Abstract. We…" / "Abstract—We…" run-in.
            if !abstractMode, abstract.isEmpty, stack.isEmpty, let f = l.tokens.first,
               ["abstract.", "abstract:", "abstract—", "abstract-"].contains(f.text.lowercased()) {
                flushParagraph()
                abstractMode = true
                var line = l
                line.tokens.removeFirst()
                line.text = line.tokens.map(\.text).joined(separator: " ")
                if !line.tokens.isEmpty {
                    // Keep the rest of the line as the first line of the abstract.
                    para = [i]
                    L[i] = line
                }
                i += 1
                continue
            }
            if refsMode {
                refLines.append(i)
                i += 1
                continue
            }
            // Display math.
            let (isDisplay, _) = display(i)
            if isDisplay {
                // Rows just above that belong to the display (numerators, a left-hand side set
                // apart from its fraction) were taken as prose: take them back.
                var above: [Int] = []
                while let last = para.last, sameFlow(last, i), isMathish(last),
                      L[above.first ?? i].y0 - L[last].y1 < 1.6 * bodyH {
                    above.insert(last, at: 0)
                    para.removeLast()
                }
                flushParagraph(); flushList()
                var group = above + [i]
                var k = i + 1
                while k < L.count, !consumed[k], L[k].page == l.page {
                    let d = L[k].y0 - L[group.last!].y1
                    guard d < 1.6 * bodyH, d > -2 * bodyH else { break }
                    if display(k).0 || (isMathFragment(k) && !isProse(k)) { group.append(k); k += 1 } else { break }
                }
                emit(.equation(makeEquation(group, id: nextID("eq"))))
                i = k
                continue
            }
            // Lists.
            if let f = l.text.first, "•◦▪‣●".contains(f) {
                flushParagraph()
                if !listItems.isEmpty, abs(l.x0 - listX) > 3 { flushList() }
                listX = l.x0
                listItems.append([i])
                i += 1
                continue
            }
            if !listItems.isEmpty {
                let last = listItems[listItems.count - 1].last!
                let close = !sameFlow(last, i) || baselineDelta(last, i) < pitch * 1.3
                if close, l.x0 > listX + 3 {
                    listItems[listItems.count - 1].append(i)
                    i += 1
                    continue
                }
                flushList()
            }
            // Paragraphs. Small pieces of inline math set on their own row (a fraction's
            // denominator, a limit) neither break nor start a paragraph.
            if !para.isEmpty, isInlineFragment(i), sameFlow(para.last!, i), baselineDelta(para.last!, i) < 1.6 * pitch {
                para.append(i)
                i += 1
                continue
            }
            if let last = para.last(where: { !isInlineFragment($0) }) ?? para.last, startsParagraph(prev: last, cur: i) { flushParagraph() }
            para.append(i)
            i += 1
        }
        flushParagraph(); flushList()
        if refsMode { flushRefs() }
        // Floats claimed but never reached (defensive).
        closeTheorem()
        for (_, f) in floats.sorted(by: { $0.key < $1.key }) { place(makeFloat(f, nextID: nextID)) }

        let footnotes = makeFootnotes(footnoteLines)
        var sections = roots.map { $0.finish() }
        PDFFloatAnchoring.anchor(&sections)
        var paper = Paper(metadata: metadata, abstract: abstract, front: front, sections: sections,
                          footnotes: footnotes, bibliography: bibliography, labels: [:],
                          source: SourceInfo(kind: .pdf, input: file, mainFile: file, files: [file],
                                             pages: pageHeights.count))
        paper.labels = labels(paper)
        return paper
    }

    private var bibliography: [BibEntry] = []

    /// Whether a section number continues the numbering so far (a number may be skipped once,
    /// when a heading was missed).
    func acceptNumber(_ parts: [Int], _ counters: [Int]) -> Bool {
        guard let top = parts.first else { return false }
        func next(_ n: Int, after c: Int) -> Bool { n == c + 1 || n == c + 2 }
        if counters.isEmpty { return parts.count == 1 ? top <= 2 : (top <= 2 && parts.dropFirst().allSatisfy { $0 <= 2 }) }
        let cTop = counters[0]
        switch parts.count {
        case 1: return next(top, after: cTop)
        case 2:
            if top == cTop { return next(parts[1], after: counters.count >= 2 ? counters[1] : 0) }
            return next(top, after: cTop) && parts[1] <= 2
        default:
            guard top == cTop, counters.count >= 2 else { return false }
            if parts[1] == counters[1] { return next(parts[2], after: counters.count >= 3 ? counters[2] : 0) }
            return next(parts[1], after: counters[1]) && parts[2] <= 2
        }
    }

    func startsParagraph(prev p: Int, cur i: Int) -> Bool {
        let a = L[p], b = L[i]
        if !sameFlow(p, i) {
            // A paragraph runs on across a column or page when the line above was full.
            let indented = b.x0 > b.regionX0 + 0.7 * b.height
            return !(isFull(a) && !indented && !endsSentenceShort(a))
        }
        let d = baselineDelta(p, i)
        if d > max(pitch * 1.28, pitch + 0.28 * bodyH) || d < -0.5 * bodyH { return true }
        if abs(a.height - b.height) > 0.15 * bodyH { return true }
        let indentB = b.x0 - b.regionX0, indentA = a.x0 - a.regionX0
        if indentB > 0.7 * b.height, indentB < 4.5 * b.height, indentA < 0.5 * a.height { return true }
        if endsSentenceShort(a) { return true }
        return false
    }

    func endsSentenceShort(_ a: PDFLine) -> Bool {
        endsSentence(a.text) && a.x1 < a.regionX1 - 0.1 * a.regionWidth
    }

    // MARK: - Theorems

    static let theoremKinds: [String: String] = [
        "theorem": "theorem", "lemma": "lemma", "corollary": "corollary", "proposition": "proposition",
        "definition": "definition", "assumption": "assumption", "remark": "remark", "example": "example",
        "claim": "other", "conjecture": "other", "observation": "other", "fact": "other", "hypothesis": "other",
    ]

    struct TheoremStart { var kind: String; var category: String; var number: String?; var title: String? }

    /// "Theorem 4.1.", "Lemma 2 (Bound).", "Definition 1:", "Proof.", "Proof of Theorem 1." at a
    /// paragraph's start.
    static func theoremStart(_ text: String) -> TheoremStart? {
        let words = text.prefix(120).split(separator: " ", maxSplits: 4, omittingEmptySubsequences: true)
        guard let first = words.first else { return nil }
        var w0 = String(first)
        let lower = w0.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ".:"))
        if lower == "proof" {
            // "Proof." / "Proof:" / "Proof of Theorem 1." / "Proof Sketch."
            if w0.hasSuffix(".") || w0.hasSuffix(":") { return TheoremStart(kind: "proof", category: "proof") }
            if words.count > 1, ["of", "sketch", "sketch.", "(sketch)."].contains(words[1].lowercased()) {
                return TheoremStart(kind: "proof", category: "proof")
            }
            return nil
        }
        guard let category = theoremKinds[lower], w0.first?.isUppercase == true, words.count >= 2 else { return nil }
        w0 = lower
        var num = String(words[1])
        var sep = false
        if let l = num.last, l == "." || l == ":" { num.removeLast(); sep = true }
        guard !num.isEmpty, num.first!.isNumber || (num.first!.isUppercase && num.count > 1 && num.dropFirst().first == "."),
              num.allSatisfy({ $0.isNumber || $0 == "." || $0.isUppercase }) else { return nil }
        var title: String?
        if !sep, words.count > 2, words[2].hasPrefix("(") {
            // "(Title)." possibly over several words.
            let rest = text.dropFirst(words[0].count + words[1].count + 2)
            if let close = rest.firstIndex(of: ")") {
                title = String(rest[rest.index(after: rest.startIndex)..<close])
                let after = rest[rest.index(after: close)...]
                sep = after.first == "." || after.first == ":"
            }
        } else if !sep, words.count > 2 {
            // "Lemma 1 Restated." / "Theorem 1 (informal)"
            sep = words[2].hasSuffix(".") && words[2].count <= 12
        }
        guard sep else { return nil }
        return TheoremStart(kind: w0, category: category, number: num, title: title)
    }

    // MARK: - Front matter

    /// Title and authors on page 1; returns the index of the first line after the front matter.
    mutating func frontMatter(_ meta: inout Metadata) -> Int {
        let page1 = L.indices.filter { L[$0].page == 1 }
        guard let firstIdx = page1.first else {
            meta.title = metaTitle
            return 0
        }
        let pageH = pageHeights.first ?? 792
        let candidates = page1.filter {
            L[$0].y1 < 0.45 * pageH && L[$0].text.filter(\.isLetter).count >= 3 && heading($0)?.kind != .numbered
        }
        // The title: the largest text in the top part of page 1, all its rows (a title row can
        // be cut by the gutter of an author block below it), top to bottom, left to right.
        var titleLines: [Int] = []
        func size(_ i: Int) -> Double { max(L[i].height, min(L[i].maxHeight, 1.3 * L[i].height)) }
        if let maxH = candidates.map(size).max(), maxH >= 1.15 * bodyH,
           let start = candidates.first(where: { size($0) >= maxH - 0.1 * bodyH }) {
            let same = candidates.filter { abs(size($0) - size(start)) < 0.12 * bodyH }
                .sorted { L[$0].y0 < L[$1].y0 - 0.3 * L[$1].height || (abs(L[$0].y0 - L[$1].y0) <= 0.3 * L[$1].height && L[$0].x0 < L[$1].x0) }
            var bottom = L[start].y1
            for k in same where L[k].y0 >= L[start].y0 - 0.3 * L[start].height {
                if L[k].y0 - bottom > 1.2 * L[start].height { break }
                titleLines.append(k)
                bottom = max(bottom, L[k].y1)
            }
        }
        var visual: String?
        if !titleLines.isEmpty {
            visual = joinLines(titleLines).0
            meta.titleSpan = PDFSpans.span(file: file, titleLines.map { L[$0] })
        }
        if let m = metaTitle?.trimmingCharacters(in: .whitespaces), !m.isEmpty, PDFStructure.plausibleMetaTitle(m) {
            if let v = visual, PDFStructure.letters(v) == PDFStructure.letters(m) { visual = m } else if visual == nil { visual = m }
        }
        meta.title = visual.map { PDFStructure.cleanSpaces($0) }

        // End of the front matter: the abstract heading or run-in, else the first heading; only
        // on page 1.
        var end = titleLines.max().map { $0 + 1 } ?? firstIdx
        var abstractAt: Int?
        for i in page1 where i >= end {
            let key = PDFStructure.headingKey(L[i].text)
            if key == "abstract" || L[i].tokens.first.map({ ["abstract.", "abstract:", "abstract—"].contains($0.text.lowercased()) }) == true {
                abstractAt = i
                break
            }
            if let h = heading(i), h.kind == .numbered || h.kind == .named { abstractAt = i; break }
        }
        if let a = abstractAt { end = a }

        // Authors: the document info's Author, else the first line under the title.
        // Authors: from the document info and from the lines under the title; the longer list.
        let fromMeta = metaAuthor.map { PDFStructure.authors(fromLines: [$0]) } ?? []
        var fromPage: [String] = []
        if let t = titleLines.min(), t + 1 < end {
            fromPage = PDFStructure.authors(fromLines: ((t + 1)..<end).filter { L[$0].page == 1 && !titleLines.contains($0) }.map { L[$0].text })
        }
        meta.authors = (fromPage.count > fromMeta.count ? fromPage : fromMeta).map { Author(name: $0) }
        return titleLines.isEmpty && abstractAt == nil ? 0 : end
    }

    static func plausibleMetaTitle(_ s: String) -> Bool {
        let l = s.lowercased()
        if l.hasSuffix(".dvi") || l.hasSuffix(".pdf") || l.hasSuffix(".tex") || l.hasPrefix("microsoft word") { return false }
        return s.count >= 8 && s.contains(" ")
    }

    static func letters(_ s: String) -> String { String(s.lowercased().filter { $0.isLetter || $0.isNumber }) }

    static func cleanSpaces(_ s: String) -> String {
        s.split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
    }

    static func splitAuthors(_ s: String) -> [String] {
        var t = s
        // Footnote marks and affiliation numbers separate names.
        t = String(t.map { $0.isNumber || "∗*†‡§¶⋆♠♣♦♥♮♯".contains($0) ? "," : $0 })
        t = t.replacingOccurrences(of: " and ", with: ",").replacingOccurrences(of: ";", with: ",")
        return t.split(separator: ",").map { cleanSpaces(String($0)).trimmingCharacters(in: .decimalDigits.union(.whitespaces)) }
            .filter { !$0.isEmpty }
    }

    /// Names from the lines between the title and the abstract (best effort): affiliations and
    /// addresses are skipped; a line of capitalised words without separators is read as
    /// first-name/last-name pairs.
    static func authors(fromLines lines: [String]) -> [String] {
        var out: [String] = []
        let stop = ["university", "institute", "department", "school", "lab", "inc.", "research", "college",
                    "google", "openai", "deepmind", "microsoft", "meta", "stanford", "berkeley", "mit", "cmu",
                    "center", "centre", "faculty", "corporation", "equal contribution", "conference", "workshop"]
        for line in lines {
            let lower = " " + line.lowercased().map { $0.isLetter || $0 == "." ? $0 : " " } + " "
            if line.contains("@") || line.contains("{") || line.contains("http") { continue }
            if stop.contains(where: { lower.contains(" " + $0 + " ") || lower.contains(" " + $0 + "s ") }) { continue }
            for part in splitAuthors(line) {
                let words = part.split(separator: " ").filter { !$0.isEmpty }
                guard !words.isEmpty, words.allSatisfy({ $0.first?.isUppercase == true }) else { continue }
                let initials = words.contains { $0.hasSuffix(".") }
                if words.count >= 2, words.count <= 3 || (words.count == 4 && initials) {
                    out.append(words.joined(separator: " "))
                } else if words.count >= 4, words.count % 2 == 0, words.count <= 16, !initials {
                    for k in stride(from: 0, to: words.count, by: 2) { out.append(words[k] + " " + words[k + 1]) }
                }
            }
            if out.count >= 30 { break }
        }
        return out
    }

    static func looksLikeName(_ s: String) -> Bool {
        let parts = s.split(separator: " ")
        guard parts.count >= 2, parts.count <= 5, !s.contains("@") else { return false }
        let stop = ["university", "institute", "department", "school", "lab", "inc", "research", "college", "google", "openai"]
        if stop.contains(where: { s.lowercased().contains($0) }) { return false }
        return parts.allSatisfy { $0.first?.isUppercase == true }
    }

    // MARK: - Footnotes

    func isFootnoteMarker(_ l: PDFLine) -> Bool {
        guard let f = l.tokens.first, let c = f.text.first else { return false }
        if "∗*†‡§¶⋆".contains(c) { return true }
        if c.isNumber {
            // "1 Code is at …", "1Code…" (marker set as a superscript run)
            if f.runs.count > 1, f.runs[0].text.allSatisfy(\.isNumber), (f.runs[0].y1 - f.runs[0].y0) < 0.8 * (f.runs[1].y1 - f.runs[1].y0) { return true }
            if f.text.count <= 2, f.text.allSatisfy(\.isNumber), l.tokens.count > 1 { return true }
            if f.text.first!.isNumber, f.text.count > 2 { return true }  // "37th Conference …"
        }
        return false
    }

    /// Small lines at the bottom of a column that start with a footnote mark.
    func findFootnotes() -> [Int] {
        var out: [Int] = []
        var i = 0
        while i < L.count {
            // A region's lines are contiguous.
            var j = i
            while j + 1 < L.count, L[j + 1].region == L[i].region { j += 1 }
            let pageH = pageHeights[max(0, L[i].page - 1)]
            var k = j
            while k >= i, L[k].height < 0.9 * bodyH, L[k].y0 > 0.55 * pageH { k -= 1 }
            let startRun = k + 1
            if startRun <= j, startRun > i, L[k].height >= 0.93 * bodyH || caption(k) == nil {
                // The run must start with a marker; trim leading lines until one does.
                var s = startRun
                while s <= j, !isFootnoteMarker(L[s]) { s += 1 }
                if s <= j, s == startRun || s - startRun <= 1, caption(s) == nil {
                    out.append(contentsOf: s...j)
                }
            }
            i = j + 1
        }
        return out
    }

    func makeFootnotes(_ idx: [Int]) -> [Footnote] {
        var groups: [[Int]] = []
        for i in idx {
            if groups.isEmpty || isFootnoteMarker(L[i]) || !sameFlow(groups.last!.last!, i) { groups.append([i]) } else { groups[groups.count - 1].append(i) }
        }
        return groups.enumerated().map { (k, g) in
            var (text, _) = joinLines(g)
            if let f = text.first, "∗*†‡§¶⋆".contains(f) { text = String(text.dropFirst()).trimmingCharacters(in: .whitespaces) }
            return Footnote(id: "fn\(k + 1)", text: text, span: PDFSpans.span(file: file, g.map { L[$0] }))
        }
    }

    // MARK: - Floats

    struct FloatClaim {
        var caption: Caption
        var captionLines: [Int]
        var body: [Int]
    }

    /// Finds every caption, claims its lines and its body (algorithm lines below, table rows
    /// below or above, figure text above); keyed by the caption's first line.
    mutating func claimFloats() -> [Int: FloatClaim] {
        var out: [Int: FloatClaim] = [:]
        var i = 0
        while i < L.count {
            guard !consumed[i], let c = caption(i), blockStart(i) || c.kind == .algorithm && algorithmFollows(i) else { i += 1; continue }
            if c.kind == .algorithm, !algorithmFollows(i) { i += 1; continue }
            // Caption lines.
            var capLines = [i]
            var k = i + 1
            while k < L.count, !consumed[k], sameFlow(k - 1, k),
                  isFull(L[k - 1]) || !endsSentence(L[k - 1].text) && L[k - 1].x1 > L[k - 1].regionX1 - 0.15 * L[k - 1].regionWidth,
                  baselineDelta(k - 1, k) < pitch * 1.35, abs(L[k].height - L[i].height) < 0.12 * bodyH,
                  caption(k) == nil, !looksTabular(L[k]) {
                if c.kind == .algorithm, PDFAlgorithmBuilder.startsBox(L[k]) { break }
                if c.kind == .algorithm, L[k].x0 > L[i].x0 + 3 { break }
                capLines.append(k)
                k += 1
            }
            var body: [Int] = []
            switch c.kind {
            case .algorithm:
                var last = capLines.last!
                var pitches: [Double] = []
                while k < L.count, !consumed[k], caption(k) == nil {
                    let continues = sameFlow(last, k) || (L[k].page == L[last].page && L[k].x0 < L[last].x1 && L[k].x1 > L[i].x0 - 5)
                    guard continues else { break }
                    let d = baselineDelta(last, k)
                    let typical = pitches.isEmpty ? pitch : pitches.sorted()[pitches.count / 2]
                    if d > max(1.9 * typical, typical + 1.1 * bodyH) || d < -0.3 * bodyH { break }
                    // Ordinary prose after the box ends it.
                    if body.count >= 2, isProse(k), isFull(L[k]), L[k].x0 <= L[k].regionX0 + 1,
                       !PDFAlgorithmBuilder.looksLikeStatement(L[k]), d > 1.3 * typical { break }
                    if d > 0.5 * bodyH { pitches.append(d) }
                    body.append(k)
                    last = k
                    k += 1
                }
            case .table:
                body = tableLines(caption: capLines)
            case .figure:
                // Text inside the figure (labels, legends) stands above the caption.
                var a = i - 1
                while a >= 0, !consumed[a], L[a].page == L[i].page, caption(a) == nil,
                      L[a].y1 <= L[i].y0 + 1 {
                    if isBodyText(a) { break }
                    if let h = heading(a), h.kind != .size { break }
                    if display(a).1 != nil { break }
                    if L[i].y0 - L[a].y1 > 0.6 * pageHeights[L[i].page - 1] { break }
                    body.insert(a, at: 0)
                    a -= 1
                }
            }
            for x in capLines { consumed[x] = true }
            for x in body { consumed[x] = true }
            out[i] = FloatClaim(caption: c, captionLines: capLines, body: body)
            i = max(k, i + 1)
        }
        return out
    }

    /// Whether an algorithm box's lines follow an "Algorithm N" line.
    func algorithmFollows(_ i: Int) -> Bool {
        var k = i + 1
        var n = 0
        while k < L.count, n < 8, L[k].page == L[i].page {
            if PDFAlgorithmBuilder.looksLikeStatement(L[k]) { return true }
            k += 1
            n += 1
        }
        return false
    }

    func looksTabular(_ l: PDFLine) -> Bool {
        var gaps = 0
        for k in 1..<max(1, l.tokens.count) where l.tokens[k].x0 - l.tokens[k - 1].x1 > 1.2 * l.height { gaps += 1 }
        return gaps >= 2
    }

    func captionText(_ f: FloatClaim) -> String {
        let (text, _) = joinLines(f.captionLines)
        let toks = L[f.captionLines[0]].tokens
        let prefix = toks.prefix(f.caption.textStart).map(\.text).joined(separator: " ")
        var t = Substring(text)
        if t.hasPrefix(prefix) { t = t.dropFirst(prefix.count) }
        while let f = t.first, " :.|—–".contains(f) { t = t.dropFirst() }
        while t.last == " " { t = t.dropLast() }
        return String(t)
    }

    func makeFloat(_ f: FloatClaim, nextID: (String) -> String) -> Block {
        let caption = captionText(f)
        let capLines = f.captionLines.map { L[$0] }
        switch f.caption.kind {
        case .algorithm:
            // Program and listing boxes (code) keep their own ids and numbering.
            let prefix = ["Program", "Listing"].contains(f.caption.word) ? "prog" : "alg"
            let a = PDFAlgorithmBuilder.build(id: nextID(prefix), number: f.caption.number, caption: caption,
                                              captionLines: capLines, body: f.body.map { L[$0] }, file: file)
            return .algorithm(a)
        case .table:
            let rows = tableRows(f.body)
            let all = (f.captionLines + f.body).sorted().map { L[$0] }
            return .table(Table(id: nextID("tab"), caption: caption, number: f.caption.number, rows: rows,
                                span: PDFSpans.span(file: file, all)))
        case .figure:
            let content = f.body.map { L[$0].text }.filter { !$0.isEmpty }
            return .figure(Figure(id: nextID("fig"), caption: caption, number: f.caption.number,
                                  span: PDFSpans.span(file: file, capLines), content: content.isEmpty ? nil : content))
        }
    }

    /// Table rows rebuilt from the word boxes of the table's lines.
    func tableRows(_ idx: [Int]) -> [TableRow] {
        PDFTableBuilder().rows(idx.map { L[$0] }, file: file)
    }

    // MARK: - Equations

    func makeEquation(_ group: [Int], id: String) -> Equation {
        var numbers: [String] = []
        var rows: [EquationRow] = []
        var sources: [String] = []
        var texs: [String] = []
        // Lines sorted top to bottom.
        let sorted = group.sorted { L[$0].y0 < L[$1].y0 }
        var tokens = Dictionary(uniqueKeysWithValues: sorted.map { ($0, L[$0].tokens) })
        PDFStructure.attachLimits(sorted, &tokens, bodyH: bodyH)
        for i in sorted {
            var toks = tokens[i] ?? []
            let (_, number) = display(i)
            if number != nil, let last = toks.last, PDFStructure.equationNumber(last.text) != nil { toks.removeLast() }
            if let n = number { numbers.append(n) }
            guard !toks.isEmpty else { continue }
            let tex = PDFMath.tex(toks)
            texs.append(tex)
            sources.append(toks.map(\.text).joined(separator: " "))
            if number != nil || !isMathFragment(i) { rows.append(EquationRow(tex: tex, number: number)) }
        }
        let numbered = !numbers.isEmpty
        let multi = rows.count > 1 && numbers.count > 1
        let env = multi ? (numbered ? "align" : "align*") : (numbered ? "equation" : "equation*")
        return Equation(id: id, tex: multi ? rows.map(\.tex).joined(separator: " \\\\ ") : texs.joined(separator: " "),
                        source: sources.joined(separator: "\n"), environment: env, rows: multi ? rows : [],
                        numbers: numbers, span: PDFSpans.span(file: file, group.map { L[$0] }))
    }

    /// Limits set under and over a big operator (∑, ∏, ∫, lim, max, min) on rows of their own
    /// become its sub- and superscript.
    static func attachLimits(_ lines: [Int], _ tokens: inout [Int: [PDFToken]], bodyH: Double) {
        let ops: Set<String> = ["∑", "∏", "∫", "lim", "max", "min", "sup", "inf", "argmax", "argmin", "⋃", "⋂"]
        for a in lines {
            guard let row = tokens[a] else { continue }
            for (k, op) in row.enumerated() {
                guard let base = op.runs.first, ops.contains(base.text) else { continue }
                var lower: [(Double, String)] = [], upper: [(Double, String)] = []
                for b in lines where b != a {
                    guard var other = tokens[b] else { continue }
                    var keep: [PDFToken] = []
                    for t in other {
                        let cx = (t.x0 + t.x1) / 2
                        let under = t.y0 >= op.y1 - 2 && t.y0 - op.y1 < 1.2 * bodyH
                        let over = t.y1 <= op.y0 + 2 && op.y0 - t.y1 < 1.2 * bodyH
                        if cx >= op.x0 - 4, cx <= op.x1 + 4, under || over, t.x1 - t.x0 < 6 * bodyH, t.y1 - t.y0 < 0.8 * bodyH {
                            if under { lower.append((t.x0, t.text)) } else { upper.append((t.x0, t.text)) }
                        } else {
                            keep.append(t)
                        }
                    }
                    other = keep
                    tokens[b] = other
                }
                guard !lower.isEmpty || !upper.isEmpty else { continue }
                // The limits go right after the operator's glyph (before what touches it).
                var t = op
                var at = 1
                if !lower.isEmpty {
                    t.runs.insert(PDFRun(text: lower.sorted { $0.0 < $1.0 }.map(\.1).joined(), x0: op.x0, y0: op.y1, x1: op.x1, y1: op.y1, script: .sub), at: at)
                    at += 1
                }
                if !upper.isEmpty, !(t.runs.count > at && t.runs[at].script == .sup) {
                    t.runs.insert(PDFRun(text: upper.sorted { $0.0 < $1.0 }.map(\.1).joined(), x0: op.x0, y0: op.y0, x1: op.x1, y1: op.y0, script: .sup), at: at)
                }
                tokens[a]![k] = t
            }
        }
    }

    // MARK: - References

    func splitReferences(_ idx: [Int]) -> [BibEntry] {
        let lines = idx.map { L[$0] }
        guard !lines.isEmpty else { return [] }
        func bracketLabel(_ l: PDFLine) -> String? {
            guard let f = l.tokens.first?.text, f.hasPrefix("["), let close = f.firstIndex(of: "]") else { return nil }
            let inner = f[f.index(after: f.startIndex)..<close]
            return inner.isEmpty || inner.count > 12 ? nil : String(inner)
        }
        func numberLabel(_ l: PDFLine) -> String? {
            guard let f = l.tokens.first?.text, f.hasSuffix("."), f.count <= 4 else { return nil }
            let d = f.dropLast()
            return d.allSatisfy(\.isNumber) && !d.isEmpty ? String(d) : nil
        }
        let bracketCount = lines.filter { bracketLabel($0) != nil }.count
        let numberCount = lines.filter { numberLabel($0) != nil }.count
        var groups: [[Int]] = []
        var labelsOf: [String?] = []
        // Left edge per region: the smallest x among its reference lines.
        var regionLeft: [Int: Double] = [:]
        for (k, l) in lines.enumerated() { regionLeft[l.region] = min(regionLeft[l.region] ?? .infinity, lines[k].x0) }
        let hanging = lines.filter { $0.x0 > (regionLeft[$0.region] ?? 0) + 3 }.count * 4 >= lines.count
        for (k, l) in lines.enumerated() {
            var start = false
            var label: String?
            if bracketCount * 3 >= lines.count / 2, bracketCount >= 2 {
                label = bracketLabel(l)
                start = label != nil
            } else if numberCount >= 3 {
                label = numberLabel(l)
                start = label != nil && l.x0 <= (regionLeft[l.region] ?? 0) + 3
            } else {
                let flush = l.x0 <= (regionLeft[l.region] ?? 0) + 2
                if k == 0 { start = true } else if flush {
                    let prev = lines[k - 1]
                    let gap = prev.region == l.region ? l.y1 - prev.y1 : 0
                    start = hanging || gap > 1.25 * max(l.height, 1) * 1.1 || (endsSentence(prev.text) && !isFull(prev))
                }
            }
            if start || groups.isEmpty { groups.append([idx[k]]); labelsOf.append(label) } else { groups[groups.count - 1].append(idx[k]) }
        }
        var used: [String: Int] = [:]
        return zip(groups, labelsOf).map { (g, label) in
            var (text, _) = joinLines(g)
            var key: String
            if let label {
                key = label
                if text.hasPrefix("[" + label + "]") { text = String(text.dropFirst(label.count + 2)).trimmingCharacters(in: .whitespaces) } else if text.hasPrefix(label + ".") { text = String(text.dropFirst(label.count + 1)).trimmingCharacters(in: .whitespaces) }
            } else {
                key = PDFStructure.authorYearKey(text)
            }
            used[key, default: 0] += 1
            if used[key]! > 1 { key += String(Character(Unicode.Scalar(UInt8(96 + min(26, used[key]!))))) }
            return BibEntry(key: key, text: text, span: PDFSpans.span(file: file, g.map { L[$0] }))
        }
    }

    /// `kingma2014` from "Kingma, D. P. and Ba, J. Adam … 2014."
    static func authorYearKey(_ text: String) -> String {
        let surname = text.prefix { $0.isLetter || $0 == "-" || $0 == "'" }.lowercased()
        var year = ""
        let chars = Array(text)
        var k = 0
        while k + 4 <= chars.count {
            if (chars[k] == "1" && chars[k + 1] == "9") || (chars[k] == "2" && chars[k + 1] == "0"),
               chars[k + 2].isNumber, chars[k + 3].isNumber, k == 0 || !chars[k - 1].isNumber,
               k + 4 == chars.count || !chars[k + 4].isNumber {
                year = String(chars[k..<(k + 4)])
                break
            }
            k += 1
        }
        return (surname.isEmpty ? "ref" : surname) + year
    }

    // MARK: - Labels

    /// Synthetic labels (`algorithm:1`, `equation:3`, `table:2`, `figure:1`, `section:2.1`), so that
    /// "Algorithm 1" in the text can be resolved.
    func labels(_ paper: Paper) -> [String: NodeRef] {
        var out: [String: NodeRef] = [:]
        for s in paper.allSections {
            if let n = s.number { out["section:\(n)"] = NodeRef(kind: .section, id: s.id, number: n) }
        }
        for b in paper.allBlocks {
            switch b.block {
            case .algorithm(let a):
                if let n = a.number {
                    out[(a.id.hasPrefix("prog") ? "program:" : "algorithm:") + n] = NodeRef(kind: .algorithm, id: a.id, number: n)
                }
            case .table(let t): if let n = t.number { out["table:\(n)"] = NodeRef(kind: .table, id: t.id, number: n) }
            case .figure(let f): if let n = f.number { out["figure:\(n)"] = NodeRef(kind: .figure, id: f.id, number: n) }
            case .equation(let e): for n in e.numbers { out["equation:\(n)"] = NodeRef(kind: .equation, id: e.id, number: "(\(n))") }
            default: break
            }
        }
        return out
    }
}
