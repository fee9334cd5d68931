import Foundation
import PaperModel

extension DocumentBuilder {
    /// What kind of prose is being read, which decides where it stops.
    enum InlineMode: Equatable {
        /// A paragraph: stops at a blank line or a block-level construct.
        case paragraph
        /// A braced argument: stops at its closing brace.
        case group
        /// A table cell: stops at `&`, `\\` or `\end{…}`.
        case cell
        /// An `algorithmic` statement: stops at the next statement command.
        case algorithm
        /// An `algorithm2e` statement: stops at `\;`, a block command or a closing brace.
        case algorithm2e
        /// `\title`/`\author`: like a group, but `\\` is a line break and `\and` separates authors.
        case metadata
    }

    enum InlineStop: Equatable {
        case end, groupEnd, paragraphBreak, block, cellEnd, rowEnd, lineEnd
    }

    /// Reads prose from the stream into `acc` until the mode's stop condition.
    mutating func readInline(_ mode: InlineMode, into acc: inout InlineText) -> InlineStop {
        var depth = 0
        var transparent: [String] = []
        while let t = ex.next() {
            switch t.kind {
            case .text:
                acc.append(Self.typography(t.text), at: t.location)
            case .space:
                acc.appendSpace()
            case .active:
                acc.appendSpace()
            case .paragraph:
                if mode == .paragraph { return .paragraphBreak }
                acc.appendSpace()
            case .beginGroup:
                depth += 1
            case .endGroup:
                if depth == 0 {
                    switch mode {
                    case .group, .metadata, .algorithm2e: return .groupEnd
                    case .paragraph, .cell, .algorithm:
                        // A group opened before this paragraph (e.g. `{\small …}`) closes here.
                        continue
                    }
                }
                depth -= 1
            case .mathShift:
                if let n = ex.nextRaw() {
                    if n.kind == .mathShift {
                        if mode == .paragraph {
                            ex.pushBack([t, n])
                            return .block
                        }
                        let tex = readMathTokens(closer: .doubleDollar).tex
                        acc.append("$" + tex.trimmedSpace + "$", at: t.location)
                        continue
                    }
                    ex.pushBack(n)
                }
                let math = readMathTokens(closer: .dollar)
                appendInlineMath(math, into: &acc, at: t.location)
            case .alignment:
                if mode == .cell, depth == 0 { return .cellEnd }
                acc.appendSpace()
            case .superscript: acc.append("^", at: t.location)
            case .subscript: acc.append("_", at: t.location)
            case .parameter: acc.append("#", at: t.location)
            case .verbatim: acc.append(t.text, at: t.location)
            case .control:
                if let stop = inlineControl(t, mode: mode, depth: &depth, transparent: &transparent, into: &acc) {
                    return stop
                }
            }
        }
        return .end
    }

    /// Replaces TeX ligatures of plain text with the characters they print (`--` –, `---` —,
    /// ``` `` ``` “, `''` ”), on UTF-8 bytes.
    static func typography(_ s: String) -> String {
        guard s.containsUTF8(where: { $0 == 0x2D || $0 == 0x60 || $0 == 0x27 }) else { return s }
        let b = Array(s.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var i = 0
        while i < b.count {
            let c = b[i]
            if c == 0x2D, i + 1 < b.count, b[i + 1] == 0x2D {
                if i + 2 < b.count, b[i + 2] == 0x2D {
                    out += [0xE2, 0x80, 0x94] // —
                    i += 3
                } else {
                    out += [0xE2, 0x80, 0x93] // –
                    i += 2
                }
                continue
            }
            if c == 0x60, i + 1 < b.count, b[i + 1] == 0x60 { out += [0xE2, 0x80, 0x9C]; i += 2; continue } // “
            if c == 0x27, i + 1 < b.count, b[i + 1] == 0x27 { out += [0xE2, 0x80, 0x9D]; i += 2; continue } // ”
            out.append(c)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    mutating func appendInlineMath(_ tokens: [Token], into acc: inout InlineText, at loc: TokenLocation) {
        var body = tokens
        // Labels inside inline math are rare but must not be lost.
        while let i = body.firstIndex(where: { $0.isControl("label") }) {
            var j = i + 1
            var label: [Token] = []
            if j < body.count, body[j].kind == .beginGroup {
                j += 1
                while j < body.count, body[j].kind != .endGroup { label.append(body[j]); j += 1 }
            }
            acc.labels.append(Self.plain(label))
            body.removeSubrange(i...min(j, body.count - 1))
        }
        let tex = body.tex.trimmedSpace
        guard !tex.isEmpty else { return }
        acc.append("$" + tex + "$", at: loc)
    }

    /// A control word met in prose. Returns a stop, or nil to continue.
    mutating func inlineControl(_ t: Token, mode: InlineMode, depth: inout Int, transparent: inout [String],
                                into acc: inout InlineText) -> InlineStop? {
        let name = t.text
        if name.utf8.first == 0 {
            // An internal end-of-stream marker.
            ex.pushBack(t)
            return .block
        }
        let inAlgorithm = mode == .algorithm || mode == .algorithm2e
        let info = commands[name]
        // Statement commands end an algorithm line.
        if mode == .algorithm, info?.algorithmic != nil || algorithmicKeywords[name] != nil, name != "Call" {
            ex.pushBack(t)
            return .block
        }
        if mode == .algorithm2e, isAlgorithm2eBlockCommand(name) {
            ex.pushBack(t)
            return .block
        }
        if info?.special == true {
            switch name {
            case "(":
                appendInlineMath(readMathTokens(closer: .paren), into: &acc, at: t.location)
                return nil
            case "[":
                if mode == .paragraph { ex.pushBack(t); return .block }
                appendInlineMath(readMathTokens(closer: .bracket), into: &acc, at: t.location)
                return nil
            case "\\", "newline", "tabularnewline", "cr":
                if mode == .algorithm2e { return .lineEnd }
                if mode == .cell, depth == 0 {
                    _ = ex.readStar()
                    _ = ex.readOptionalRaw()
                    return .rowEnd
                }
                _ = ex.readStar()
                _ = ex.readOptionalRaw()
                if mode == .metadata { acc.appendNewline() } else { acc.appendSpace() }
                return nil
            case "and", "AND", "And":
                if mode == .metadata { acc.append("\u{1}", at: t.location); return nil }
                acc.append(" and ", at: t.location)
                return nil
            case ";":
                if mode == .algorithm2e { return .lineEnd }
                acc.appendSpace()
                return nil
            case "par":
                if mode == .paragraph { return .paragraphBreak }
                acc.appendSpace()
                return nil
            case "begin":
                let envName = readPlainArgument()
                let category = vocabulary.environments[envName]
                if envName == "math" {
                    appendInlineMath(readMathTokens(closer: .environment("math")), into: &acc, at: t.location)
                    return nil
                }
                if mode == .paragraph || (inAlgorithm && category == "algorithmic") {
                    ex.pushBack(Self.environmentTokens("begin", envName, t.location))
                    return .block
                }
                if category == "math" {
                    let tokens = readMathTokens(closer: .environment(envName))
                    appendInlineMath(tokens, into: &acc, at: t.location)
                    return nil
                }
                if category == "tabular" {
                    // A table inside a cell or caption: its cells become text of this cell.
                    if let spec = vocabulary.environmentArguments[envName] { skipArguments(spec) }
                    let rows = parseTabularRows(endEnvironment: envName)
                    let text = rows.map { $0.cells.map(\.text).filter { !$0.isEmpty }.joined(separator: " ") }
                        .joined(separator: " ")
                    acc.append(text, at: t.location)
                    return nil
                }
                if let spec = vocabulary.environmentArguments[envName] { skipArguments(spec) }
                transparent.append(envName)
                return nil
            case "end":
                guard let peek = ex.peekNonSpaceRaw(), peek.kind == .beginGroup else { return nil }
                let envName = readPlainArgument()
                if let last = transparent.last, last == envName {
                    transparent.removeLast()
                    return nil
                }
                ex.pushBack(Self.environmentTokens("end", envName, t.location))
                return .block
            case "item", "bibitem", "caption", "captionof", "appendix", "maketitle", "abstract", "bibliography",
                 "printbibliography":
                if mode == .paragraph || inAlgorithm || mode == .cell {
                    if name == "item", mode == .cell { break }
                    ex.pushBack(t)
                    return .block
                }
            case "label":
                acc.labels.append(readPlainArgument())
                return nil
            case "footnote", "footnotetext", "thanks":
                _ = ex.readOptionalRaw()
                var note = InlineText()
                if let peek = ex.peekNonSpaceRaw(), peek.kind == .beginGroup {
                    _ = ex.nextRaw()
                    _ = readInline(.group, into: &note)
                }
                if name != "thanks", !note.isBlank {
                    footnotes.append(Footnote(id: nextID("fn"), text: note.trimmed, span: span(t.location)))
                }
                return nil
            case "url", "path", "nolinkurl":
                let arg = ex.readArgumentRaw() ?? []
                acc.append(arg.map(\.tex).joined(), at: t.location)
                return nil
            case "href":
                _ = ex.readArgumentRaw()
                return nil // The link text follows as a group and is read as prose.
            case "multicolumn":
                let n = Int(readPlainArgument()) ?? 1
                _ = ex.readArgumentRaw()
                acc.columnSpan = max(1, min(n, 1000))
                return nil
            case "multirow", "multirowcell":
                _ = ex.readOptionalRaw()
                let n = abs(Int(readPlainArgument()) ?? 1)
                _ = ex.readOptionalRaw()
                if name == "multirow" { _ = ex.readArgumentRaw() }
                _ = ex.readOptionalRaw()
                acc.rowSpan = max(1, min(n, 1000))
                return nil
            case "cmidrule", "cmidrule*":
                // \cmidrule(lr){2-3}: trim spec, optional width, column range.
                _ = ex.readOptionalRaw()
                if let peek = ex.peekNonSpaceRaw(), peek.kind == .text, peek.text.hasPrefix("(") {
                    while let tok = ex.nextRaw() { if tok.kind == .text, tok.text.contains(")") { break } }
                }
                _ = ex.readArgumentRaw()
                return nil
            case "makecell", "shortstack", "thead":
                _ = ex.readOptionalRaw()
                return nil
            case "Call":
                let fn = renderArgument()
                let args = renderArgument()
                acc.append("\(fn)(\(args))", at: t.location)
                return nil
            case "SetKwInOut", "SetKwInput", "SetKw", "SetKwData", "SetKwFunction", "SetKwProg", "SetKwBlock",
                 "SetKwRepeat", "SetKwFor", "SetKwIF", "SetKwSwitch", "SetKwComment":
                declareAlgorithm2eKeyword(name)
                return nil
            default:
                break
            }
        }
        if let level = info?.sectioning, level <= 5 {
            if mode == .paragraph || inAlgorithm { ex.pushBack(t); return .block }
        }
        if info?.metadata != nil, mode == .paragraph {
            ex.pushBack(t)
            return .block
        }
        if let kind = info?.reference {
            renderReference(kind: kind, command: name, into: &acc, at: t.location)
            return nil
        }
        if info?.citation == true {
            _ = ex.readStar()
            _ = ex.readOptionalRaw()
            _ = ex.readOptionalRaw()
            let keys = readPlainArgument().split(separator: ",").map { $0.trimmedSpace }
                .filter { !$0.isEmpty }
            acc.citations += keys
            if !keys.isEmpty { acc.append("[" + keys.joined(separator: ", ") + "]", at: t.location) }
            return nil
        }
        if let accent = info?.accent {
            let arg = renderArgument()
            if let first = arg.unicodeScalars.first {
                var s = String.UnicodeScalarView()
                s.append(first)
                s.append(contentsOf: accent.unicodeScalars)
                s.append(contentsOf: arg.unicodeScalars.dropFirst())
                acc.append(String(String(s).precomposedStringWithCanonicalMapping), at: t.location)
            }
            return nil
        }
        if let symbol = info?.symbol {
            if symbol == " " { acc.appendSpace() } else { acc.append(symbol, at: t.location) }
            return nil
        }
        if info?.formatting == true {
            if let spec = info?.formattingSpec { skipArguments(spec) }
            return nil // The content group that follows is read as prose.
        }
        if let spec = info?.dropped {
            skipArguments(spec)
            return nil
        }
        if let keyword = algorithm2eKeywords[name], keyword.kind == nil {
            // A function name declared with \SetKwFunction: `\FMain{x}` prints `Main(x)`.
            let args = renderArgument()
            acc.append("\(keyword.display)(\(args))", at: t.location)
            return nil
        }
        if info != nil {
            return nil
        }
        // A command the paper does not define and the reader does not know: kept as written.
        unknownCommands[name, default: 0] += 1
        acc.append("\\" + name, at: t.location)
        return nil
    }

    static func environmentTokens(_ command: String, _ name: String, _ loc: TokenLocation) -> [Token] {
        [Token(.control, command, loc), Token(.beginGroup, "{", loc), Token(.text, name, loc), Token(.endGroup, "}", loc)]
    }

    /// Renders the next `{…}` argument as prose.
    mutating func renderArgument() -> String {
        var acc = InlineText()
        guard let peek = ex.peekNonSpaceRaw() else { return "" }
        if peek.kind == .beginGroup {
            _ = ex.nextRaw()
            _ = readInline(.group, into: &acc)
        } else if let single = ex.readArgumentRaw() {
            return single.map(\.text).joined()
        }
        return acc.trimmed
    }

    /// `\ref{x}` and friends: a placeholder resolved once every label is known.
    mutating func renderReference(kind: String, command: String, into acc: inout InlineText, at loc: TokenLocation) {
        _ = ex.readStar()
        if kind == "hyperref" {
            let target = ex.readOptionalRaw().map(Self.plain) ?? ""
            if !target.isEmpty { acc.references.append(target) }
            return // the link text follows as prose
        }
        let raw = readPlainArgument()
        if kind == "typed2" {
            let second = readPlainArgument()
            acc.references += [raw, second]
            acc.append(ReferenceResolver.placeholder(kind: "typed", labels: [raw]) + "–"
                       + ReferenceResolver.placeholder(kind: "plain", labels: [second]), at: loc)
            return
        }
        let keys = raw.split(separator: ",").map { $0.trimmedSpace }.filter { !$0.isEmpty }
        acc.references += keys
        acc.append(ReferenceResolver.placeholder(kind: kind, labels: keys), at: loc)
    }
}
