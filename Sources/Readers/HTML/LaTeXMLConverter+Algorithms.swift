import PaperModel

extension LaTeXMLConverter {
    /// An algorithm from an `ltx_listing` (LaTeXML's rendering of `algorithmic`): one line per
    /// `ltx_listingline`, the kind read from the line's leading keyword.
    mutating func algorithm(listing: Int, float: Int?, caption: String = "", number: String? = nil) -> Algorithm? {
        let algorithm2e = doc[listing].hasClass(.algorithm)
        let lineNodes = doc.all(in: listing, where: { $0.hasClass(.listingline) || (algorithm2e && $0.hasClass(.line)) })
        var lines: [(kind: AlgorithmLine.Kind, text: String, comment: String?, node: Int)] = []
        for ln in lineNodes {
            let text = inlineText(doc[ln].children, skipTags: true).text
            guard !text.isEmpty else { continue }
            let (kind, body, comment) = Self.classify(text)
            lines.append((kind, body, comment, ln))
        }
        guard !lines.isEmpty else { return nil }
        let kinds = Self.closingBareEnds(lines.map(\.kind), texts: lines.map(\.text))
        for k in lines.indices { lines[k].kind = kinds[k] }
        let id = nextID("alg")
        register(float ?? listing, NodeRef(kind: .algorithm, id: id, number: number))
        if float != nil { register(listing, NodeRef(kind: .algorithm, id: id, number: number)) }
        let depths = Self.depths(lines.map(\.kind))
        var out: [AlgorithmLine] = []
        for (k, line) in lines.enumerated() {
            let label = doc[line.node].attribute("id")
            if let label, labels[label] == nil { labels[label] = NodeRef(kind: .algorithmLine, id: id) }
            out.append(AlgorithmLine(kind: line.kind, text: line.text, comment: line.comment, depth: depths[k],
                                     label: label, span: doc.point(doc[line.node].start, file: file)))
        }
        return Algorithm(id: id, caption: caption, number: number, syntax: "html", lines: out,
                         span: span(float ?? listing))
    }

    /// An algorithm float without a listing: each paragraph is a line.
    mutating func paragraphAlgorithm(_ c: Int, caption: String, number: String?) -> Algorithm {
        let ps = doc.all(in: c, where: { $0.hasClass(.p) || $0.tag == .p }, stop: { $0.hasClass(.caption) })
        let id = nextID("alg")
        register(c, NodeRef(kind: .algorithm, id: id, number: number))
        var kinds: [AlgorithmLine.Kind] = []
        var parts: [(String, String?, Int)] = []
        for p in ps {
            let text = inlineText([p], skipTags: true).text
            guard !text.isEmpty else { continue }
            let (kind, body, comment) = Self.classify(text)
            kinds.append(kind)
            parts.append((body, comment, p))
        }
        let depths = Self.depths(kinds)
        let lines = parts.enumerated().map { k, p in
            AlgorithmLine(kind: kinds[k], text: p.0, comment: p.1, depth: depths[k], span: doc.point(doc[p.2].start, file: file))
        }
        return Algorithm(id: id, caption: caption, number: number, syntax: "html", lines: lines, span: span(c))
    }

    // MARK: Algorithms LaTeXML could not expand

    /// Algorithms whose `algorithmic` environment LaTeXML did not know: its commands (`\State`,
    /// `\For`, …) appear as `ltx_ERROR` elements in a paragraph; the text between them is a line.
    /// Nil when `c` holds no such paragraph.
    mutating func recoveredAlgorithms(in c: Int, captions: [String]) -> [Algorithm]? {
        var paragraphs: [Int] = []
        if doc[c].hasClass(.p) || doc[c].tag == .p { paragraphs = [c] } else {
            guard doc.first(in: c, where: { $0.hasClass(.ERROR) }, stop: { Self.isFloat($0) }) != nil else { return nil }
            paragraphs = doc.all(in: c, where: { $0.hasClass(.p) || $0.tag == .p }, stop: { Self.isFloat($0) })
        }
        var out: [Algorithm] = []
        for p in paragraphs where startsAlgorithmic(p) {
            if let a = recoveredAlgorithm(p, caption: out.count < captions.count ? captions[out.count] : "") {
                out.append(a)
            }
        }
        return out.isEmpty ? nil : out
    }

    private func errorText(_ i: Int) -> String? {
        let n = doc[i]
        guard n.kind == .element, n.hasClass(.ERROR) else { return nil }
        return Self.collapse(doc.plainText(i))
    }

    private func startsAlgorithmic(_ p: Int) -> Bool {
        doc[p].children.contains { errorText($0).map { $0.contains("{algorithmic}") } ?? false }
    }

    private mutating func recoveredAlgorithm(_ p: Int, caption given: String) -> Algorithm? {
        var caption = given
        var started = false
        var lines: [(command: String, nodes: [Int], comment: [Int], at: Int)] = []
        var inComment = false
        for child in doc[p].children {
            if doc[child].hasClass(.caption) {
                // `\caption` inside the unknown float: LaTeXML leaves it in the paragraph.
                if caption.isEmpty { caption = inlineText([child], skipTags: true).text }
                continue
            }
            if let e = errorText(child) {
                noteError(e, at: doc[child].start)
                if e.contains("{algorithmic}") { started = true; continue }
                guard started, e.hasPrefix("\\") else {
                    if started, !lines.isEmpty { appendNode(child, &lines, inComment) }
                    continue
                }
                let command = String(e.dropFirst())
                if command == "Comment" || command == "COMMENT" {
                    if lines.isEmpty { lines.append(("Comment", [], [], doc[child].start)) }
                    inComment = true
                    continue
                }
                if vocabulary.algorithmic[command] != nil {
                    lines.append((command, [], [], doc[child].start))
                    inComment = false
                    continue
                }
                if !lines.isEmpty { appendNode(child, &lines, inComment) }
                continue
            }
            if started, !lines.isEmpty { appendNode(child, &lines, inComment) }
        }
        guard !lines.isEmpty else { return nil }
        var kinds: [AlgorithmLine.Kind] = []
        var parts: [(String, String?, Int)] = []
        for line in lines {
            let text = inlineText(line.nodes).text
            let comment = inlineText(line.comment).text
            var kind = vocabulary.algorithmic[line.command].flatMap(AlgorithmLine.Kind.init(rawValue:)) ?? .state
            var body = text
            var trailing: String? = comment.isEmpty ? nil : comment
            switch kind {
            case .state:
                // `\State Input: …`, `\State Return: …`: the words say more than the command.
                let (k, b, c) = Self.classify(text)
                kind = k
                body = b
                if let c { trailing = c + (trailing.map { " " + $0 } ?? "") }
            case .comment:
                body = [text, comment].filter { !$0.isEmpty }.joined(separator: " ")
                trailing = nil
            default:
                body = Self.strippingKeywordEnd(text)
            }
            kinds.append(kind)
            parts.append((body, trailing, line.at))
        }
        let depths = Self.depths(kinds)
        let id = nextID("alg")
        let algorithmLines = parts.enumerated().map { k, part in
            AlgorithmLine(kind: kinds[k], text: part.0, comment: part.1, depth: depths[k], span: doc.point(part.2, file: file))
        }
        return Algorithm(id: id, caption: caption, syntax: "html", lines: algorithmLines, span: span(p))
    }

    private func appendNode(_ n: Int, _ lines: inout [(command: String, nodes: [Int], comment: [Int], at: Int)], _ comment: Bool) {
        if comment { lines[lines.count - 1].comment.append(n) } else { lines[lines.count - 1].nodes.append(n) }
    }

    // MARK: Line kinds

    /// Leading keywords of algorithm lines (as LaTeXML prints `algorithmic`/`algpseudocode`),
    /// longest first within each group.
    static let keywords: [(String, AlgorithmLine.Kind)] = [
        ("require:", .require), ("ensure:", .ensure), ("inputs:", .input), ("input:", .input), ("data:", .input),
        ("outputs:", .output), ("output:", .output), ("result:", .output),
        ("hyperparameters:", .parameters), ("parameters:", .parameters), ("parameter:", .parameters),
        ("params:", .parameters), ("initialization:", .initialize), ("initialize:", .initialize),
        ("initialise:", .initialize), ("init:", .initialize), ("return:", .return),
        ("end while", .endWhile), ("endwhile", .endWhile), ("end for", .endFor), ("endfor", .endFor),
        ("end if", .endIf), ("endif", .endIf), ("end loop", .endLoop), ("endloop", .endLoop),
        ("end procedure", .endProcedure), ("end function", .endFunction),
        ("else if", .elseIf), ("elseif", .elseIf), ("elsif", .elseIf), ("else", .else),
        ("if", .if), ("for all", .forAll), ("for each", .forAll), ("foreach", .forAll), ("forall", .forAll),
        ("for", .for), ("while", .while), ("repeat", .repeat), ("until", .until), ("loop", .loop),
        ("procedure", .procedure), ("function", .function), ("return", .return), ("print", .print),
    ]

    static let commentMarkers = ["$\\triangleright$", "$\\rhd$", "$\\vartriangleright$", "▷", "// "]

    /// The kind of a line from its leading keyword, the line without the keyword (and without
    /// `do`/`then`), and its trailing comment.
    static func classify(_ line: String) -> (AlgorithmLine.Kind, String, String?) {
        var body = line.trimmedSpace
        var comment: String?
        // The first comment marker (`//` only after a space or at the start).
        let b = Array(body.utf8)
        var cut: (start: Int, end: Int)?
        for marker in commentMarkers {
            let m = Array(marker.utf8)
            guard let at = Self.find(m, in: b) else { continue }
            if marker == "// ", at > 0, b[at - 1] != 0x20 { continue }
            if cut == nil || at < cut!.start { cut = (at, at + m.count) }
        }
        if let cut {
            let c = String(decoding: b[cut.end...], as: UTF8.self).trimmedSpace
            comment = c.isEmpty ? nil : c
            body = String(decoding: b[..<cut.start], as: UTF8.self).trimmedSpace
            if body.isEmpty { return (.comment, comment ?? "", nil) }
        }
        let lower = body.lowercased()
        for (keyword, kind) in keywords where lower.hasPrefix(keyword) {
            let rest = lower.dropFirst(keyword.count)
            if !keyword.hasSuffix(":"), let next = rest.first, next.isLetter || next.isNumber { continue }
            var text = String(body.dropFirst(keyword.count)).trimmedSpace
            if text.hasPrefix(":") { text = text.dropFirst().trimmedSpace }
            return (kind, strippingKeywordEnd(text), comment)
        }
        return (.state, body, comment)
    }

    /// The first offset of `needle` in `haystack`.
    static func find(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard !needle.isEmpty, haystack.count >= needle.count else { return nil }
        var i = 0
        while i <= haystack.count - needle.count {
            if haystack[i] == needle[0] {
                var k = 1
                while k < needle.count, haystack[i + k] == needle[k] { k += 1 }
                if k == needle.count { return i }
            }
            i += 1
        }
        return nil
    }

    /// `x > 0 do` → `x > 0`; `x then` → `x`.
    static func strippingKeywordEnd(_ s: String) -> String {
        var t = s.trimmedSpace
        for end in [" do", " then", " do:", " then:"] where t.lowercased().hasSuffix(end) {
            t = String(t.dropLast(end.count)).trimmedSpace
            break
        }
        if t.lowercased() == "do" || t.lowercased() == "then" { return "" }
        return t
    }

    /// A bare `end` (algorithm2e) closes the innermost open block: it gets that block's end kind.
    static func closingBareEnds(_ kinds: [AlgorithmLine.Kind], texts: [String]) -> [AlgorithmLine.Kind] {
        var out = kinds
        var open: [AlgorithmLine.Kind] = []
        for k in out.indices {
            let kind = out[k]
            if kind == .state, texts[k].lowercased() == "end", let last = open.popLast() {
                switch last {
                case .if: out[k] = .endIf
                case .for, .forAll: out[k] = .endFor
                case .while: out[k] = .endWhile
                case .loop: out[k] = .endLoop
                case .procedure: out[k] = .endProcedure
                case .function: out[k] = .endFunction
                default: open.append(last)
                }
                continue
            }
            switch kind {
            case .if, .for, .forAll, .while, .loop, .procedure, .function, .repeat: open.append(kind)
            case .endIf, .endFor, .endWhile, .endLoop, .endProcedure, .endFunction, .until: _ = open.popLast()
            default: break
            }
        }
        return out
    }

    /// Nesting depth of each line from the block structure of the kinds.
    static func depths(_ kinds: [AlgorithmLine.Kind]) -> [Int] {
        var depth = 0
        var out: [Int] = []
        for kind in kinds {
            switch kind {
            case .endIf, .endFor, .endWhile, .endLoop, .endProcedure, .endFunction, .until:
                depth = max(0, depth - 1)
                out.append(depth)
            case .else, .elseIf:
                out.append(max(0, depth - 1))
            default:
                out.append(depth)
            }
            switch kind {
            case .if, .for, .forAll, .while, .repeat, .loop, .procedure, .function: depth += 1
            default: break
            }
        }
        return out
    }
}
