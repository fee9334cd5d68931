import PaperModel

/// Turns the lines of an algorithm box (found under an "Algorithm N" caption) into an
/// ``Algorithm``: line numbers stripped, continuation lines joined, each statement's kind from
/// its leading keyword, its depth from indentation (or from the keywords when the box is not
/// indented), and trailing comments (`▷ …`, `// …`, a right-aligned `. …`, a parenthesised
/// remark) split off.
enum PDFAlgorithmBuilder {
    struct Logical {
        var tokens: [PDFToken]
        var lines: [PDFLine]
        var x: Double
        var numbered: Bool
    }

    /// `1:`, `12:`, `1.` (as a token of its own).
    static func lineNumber(_ t: PDFToken) -> Bool {
        let s = t.text
        guard let last = s.last, last == ":" || last == "." else { return false }
        let d = s.dropLast()
        return !d.isEmpty && d.count <= 3 && d.allSatisfy { $0.isASCII && $0.isNumber }
    }

    static func keyword(_ t: PDFToken) -> String {
        var s = t.text.lowercased()
        while let l = s.last, l == ":" || l == "." || l == "," { s.removeLast() }
        return s
    }

    static let declarationKinds: [String: AlgorithmLine.Kind] = [
        "require": .require, "requires": .require, "ensure": .ensure, "ensures": .ensure,
        "input": .input, "inputs": .input, "output": .output, "outputs": .output,
        "parameter": .parameters, "parameters": .parameters, "hyperparameters": .parameters,
        "hyper-parameters": .parameters, "given": .parameters, "data": .input,
        "initialize": .initialize, "initialise": .initialize, "init": .initialize, "initialization": .initialize,
    ]

    /// Whether a line clearly starts the box under a caption that wraps over several lines: a
    /// line number, a declaration with its colon (`Require:`), `def`, an assignment arrow.
    static func startsBox(_ l: PDFLine) -> Bool {
        guard let first = l.tokens.first else { return false }
        if lineNumber(first) { return true }
        let t = first.text
        if t.hasSuffix(":"), declarationKinds[keyword(first)] != nil { return true }
        if t == "def" || t == "procedure" || t == "function" { return true }
        return l.text.contains("←") || l.text.contains(":=")
    }

    /// Whether a line opens like an algorithm statement (used to confirm boxes).
    static func looksLikeStatement(_ l: PDFLine) -> Bool {
        guard let first = l.tokens.first else { return false }
        if lineNumber(first) { return true }
        let k = keyword(first)
        if declarationKinds[k] != nil { return true }
        if ["for", "while", "if", "repeat", "return", "procedure", "function", "loop", "parfor", "foreach", "forall", "def"].contains(k) { return true }
        if l.tokens.count >= 3, l.tokens[1].text == "=", l.tokens[0].text.count <= 12 { return true }  // code: x = f(y)
        return l.text.contains("←") || l.text.contains(":=")
    }

    static func build(id: String, number: String?, caption: String, captionLines: [PDFLine], body: [PDFLine],
                      file: String) -> Algorithm {
        let logical = logicalLines(body)
        var out: [AlgorithmLine] = []
        // Indentation levels from statement lines.
        var kinds: [AlgorithmLine.Kind] = []
        var texts: [String] = []
        var comments: [String?] = []
        for l in logical {
            let (kind, text, comment) = classify(l.tokens)
            kinds.append(kind)
            texts.append(text)
            comments.append(comment)
        }
        let depths = computeDepths(logical, kinds)
        for (k, l) in logical.enumerated() {
            let first = l.lines[0], last = l.lines[l.lines.count - 1]
            var span = PDFSpans.span(file: file, l.lines)
            if first.page == last.page { span.endLine = last.number }
            out.append(AlgorithmLine(kind: kinds[k], text: texts[k], comment: comments[k], depth: depths[k], span: span))
        }
        let all = captionLines + body
        return Algorithm(id: id, caption: caption, number: number, syntax: "pdf", lines: out,
                         span: PDFSpans.span(file: file, all))
    }

    /// Groups physical lines into statements: in a numbered box, an unnumbered line continues the
    /// statement above it.
    static func logicalLines(_ body: [PDFLine]) -> [Logical] {
        let numberedCount = body.filter { $0.tokens.first.map(lineNumber) ?? false }.count
        let numberedStyle = numberedCount * 2 >= body.count && numberedCount >= 2
        var numberX = Double.infinity
        if numberedStyle {
            for l in body where l.tokens.first.map(lineNumber) ?? false { numberX = min(numberX, l.tokens[0].x1) }
        }
        var out: [Logical] = []
        for l in body {
            var toks = l.tokens
            var numbered = false
            if let f = toks.first, lineNumber(f) { toks.removeFirst(); numbered = true }
            if numbered && toks.isEmpty { continue }  // an empty numbered line
            guard let first = toks.first else { continue }
            if numberedStyle, !numbered, let prev = out.last {
                let k = keyword(first)
                let blockWord = ["end", "else", "until", "endfor", "endwhile", "endif"].contains(k) || declarationKinds[k] != nil
                if !blockWord || first.x0 > prev.x + 2 {
                    // A word broken at the line end: "hyperpa-" + "rameters".
                    if var last = out[out.count - 1].tokens.last, last.text.hasSuffix("-"), last.text.count > 2,
                       let f = first.text.first, f.isLowercase {
                        last.text.removeLast()
                        if let k = last.runs.indices.last, last.runs[k].text.hasSuffix("-") { last.runs[k].text.removeLast() }
                        last.text += first.text
                        last.runs += first.runs
                        last.x1 = first.x1
                        out[out.count - 1].tokens[out[out.count - 1].tokens.count - 1] = last
                        toks.removeFirst()
                    }
                    out[out.count - 1].tokens += toks
                    out[out.count - 1].lines.append(l)
                    continue
                }
            }
            _ = numberX
            out.append(Logical(tokens: toks, lines: [l], x: first.x0, numbered: numbered))
        }
        return out
    }

    static func classify(_ tokensIn: [PDFToken]) -> (AlgorithmLine.Kind, String, String?) {
        var tokens = tokensIn
        var comment: String?
        // Comments: ▷ / ⊳ / // / a right-aligned "." after a wide gap.
        for k in tokens.indices {
            let t = tokens[k].text
            let gap = k > 0 ? tokens[k].x0 - tokens[k - 1].x1 : 0
            let h = max(1, tokens[k].y1 - tokens[k].y0)
            if t.hasPrefix("▷") || t.hasPrefix("⊳") || t.hasPrefix("//") || t == "◃" || (t == "." && k > 0 && k + 1 < tokens.count && gap > 1.5 * h) || (t == "#" && k > 0 && gap > 2.5 * h) {
                var rest = tokens[(k + 1)...].map(\.text).joined(separator: " ")
                var head = t
                for p in ["▷", "⊳", "//", "◃"] where head.hasPrefix(p) { head = String(head.dropFirst(p.count)) }
                if head != "." && head != "#" && !head.isEmpty { rest = head + (rest.isEmpty ? "" : " " + rest) }
                comment = rest.trimmingCharacters(in: .whitespaces)
                tokens = Array(tokens[..<k])
                break
            }
        }
        // A trailing parenthesised remark in words: "(Update parameters)".
        if comment == nil, tokens.count >= 3, let last = tokens.last, last.text.hasSuffix(")") {
            var s = tokens.count - 1
            while s >= 1, !tokens[s].text.hasPrefix("(") { s -= 1 }
            if s >= 1, tokens[s].text.hasPrefix("(") {
                let inner = tokens[s...].map(\.text).joined(separator: " ").dropFirst().dropLast()
                let words = inner.split(separator: " ")
                let wordy = words.filter { $0.count >= 3 && $0.allSatisfy { $0.isLetter || $0 == "-" || $0 == "." || $0 == "," } }
                let ordinal: (PDFToken) -> Bool = { t in
                    let d = t.text.prefix { $0.isNumber }
                    return !d.isEmpty && ["st", "nd", "rd", "th"].contains(String(t.text.dropFirst(d.count)))
                }
                let mathy = tokens[s...].contains { PDFMath.classify($0) == .math && $0.text.count > 2 && !ordinal($0) }
                let capital = inner.first?.isUppercase ?? false
                if wordy.count >= 2, wordy.count * 2 >= words.count, !mathy || capital {
                    comment = String(inner)
                    tokens = Array(tokens[..<s])
                }
            }
        }
        guard let first = tokens.first else { return (.comment, "", comment) }
        let k0 = keyword(first)
        let k1 = tokens.count > 1 ? keyword(tokens[1]) : ""
        var kind: AlgorithmLine.Kind
        var drop = 1
        var trailing: Set<String> = []
        switch k0 {
        case _ where declarationKinds[k0] != nil:
            kind = declarationKinds[k0]!
        case "for", "parfor":
            if k1 == "all" || k1 == "each" { kind = .forAll; drop = 2 } else { kind = .for }
            trailing = ["do"]
        case "foreach", "forall":
            kind = .forAll; trailing = ["do"]
        case "while":
            kind = .while; trailing = ["do"]
        case "if":
            kind = .if; trailing = ["then"]
        case "elseif", "elif":
            kind = .elseIf; trailing = ["then"]
        case "else":
            if k1 == "if" { kind = .elseIf; drop = 2; trailing = ["then"] } else { kind = .else }
        case "endif": kind = .endIf
        case "endfor": kind = .endFor
        case "endwhile": kind = .endWhile
        case "end":
            switch k1 {
            case "if": kind = .endIf; drop = 2
            case "for", "parfor": kind = .endFor; drop = 2
            case "while": kind = .endWhile; drop = 2
            case "loop": kind = .endLoop; drop = 2
            case "procedure": kind = .endProcedure; drop = 2
            case "function": kind = .endFunction; drop = 2
            default: kind = .endFor
            }
        case "repeat": kind = .repeat
        case "until": kind = .until
        case "loop": kind = .loop
        case "return", "returns": kind = .return
        case "procedure": kind = .procedure
        case "function", "def": kind = .function
        case "print", "output:": kind = .print
        default:
            drop = 0
            let text = tokens.map(\.text).joined(separator: " ")
            if text.contains("←") || text.contains(":=") || text.contains("⇐") {
                kind = .assign
            } else if let eq = tokens.firstIndex(where: { $0.text == "=" }), eq >= 1, eq <= 3 {
                kind = .assign
            } else if tokens.count == 1, first.text.hasSuffix(")"), first.text.contains("(") {
                kind = .call
            } else if let f = first.text.first, f.isLowercase, tokens.count >= 2, PDFStructure.isWordToken(first),
                      !text.contains("="), !text.contains("∈") {
                // "update EMA of gt" set in grey between statements: a comment line.
                return (.comment, "", tokens.map(\.text).joined(separator: " "))
            } else {
                kind = .state
            }
        }
        if kind == .endFor && k0 == "end" && !["for", "parfor"].contains(k1) { drop = 1 }
        var body = Array(tokens.dropFirst(min(drop, tokens.count)))
        if let last = body.last, trailing.contains(keyword(last)) { body.removeLast() }
        let text = PDFMath.inlineTeX(body)
        return (kind, text, comment)
    }

    /// Depth from indentation (x offset over the smallest indentation step); from keywords when
    /// all statements stand at one x.
    static func computeDepths(_ logical: [Logical], _ kinds: [AlgorithmLine.Kind]) -> [Int] {
        let declarations: Set<AlgorithmLine.Kind> = [.require, .ensure, .input, .output, .parameters]
        let statementXs = logical.indices.filter { !declarations.contains(kinds[$0]) }.map { logical[$0].x }
        // Keyword depths.
        var keywordDepth: [Int] = []
        var d = 0
        for k in kinds {
            switch k {
            case .endIf, .endFor, .endWhile, .endLoop, .endProcedure, .endFunction, .until:
                d = max(0, d - 1); keywordDepth.append(d)
            case .else, .elseIf:
                keywordDepth.append(max(0, d - 1))
            default:
                keywordDepth.append(declarations.contains(k) ? 0 : d)
                if k.opensBlock { d += 1 }
            }
        }
        guard let base = statementXs.min() else { return keywordDepth }
        var levels = statementXs.map { $0 - base }.filter { $0 > 2 }.sorted()
        guard let firstLevel = levels.first else { return keywordDepth }
        // The indentation step: the smallest clear offset, refined by the other levels.
        var unit = firstLevel
        levels = levels.filter { $0 < firstLevel * 6 }
        for l in levels {
            let r = (l / unit).rounded()
            if r >= 1, abs(l - r * unit) > 0.3 * unit { unit = min(unit, abs(l - r * unit)) }
        }
        unit = max(unit, 3)
        return logical.indices.map { i in
            if declarations.contains(kinds[i]) { return 0 }
            return max(0, Int(((logical[i].x - base) / unit).rounded()))
        }
    }
}
