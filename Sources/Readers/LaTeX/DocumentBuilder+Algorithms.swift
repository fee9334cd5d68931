import Foundation
import PaperModel

extension DocumentBuilder {
    /// `algorithmic` (upper-case commands) or `algpseudocode` (algorithmicx), from the packages loaded.
    var algorithmicSyntax: String {
        ex.packages.contains("algpseudocode") || ex.packages.contains("algorithmicx") || ex.packages.contains("algcompatible")
            ? "algpseudocode" : "algorithmic"
    }

    /// The last word of a leading "…:" label that makes a line a declaration
    /// (`Input:`, `Fixed Inputs:`, `Hyperparameters:`, `Require:`), and the kind it gives.
    static let declarationWords: [String: AlgorithmLine.Kind] = [
        "input": .input, "inputs": .input, "given": .input, "data": .input, "require": .require,
        "requires": .require, "output": .output, "outputs": .output, "result": .output, "ensure": .ensure,
        "return": .return, "returns": .return, "parameter": .parameters, "parameters": .parameters,
        "hyperparameters": .parameters, "hyper-parameters": .parameters, "params": .parameters,
        "initialize": .initialize, "initialise": .initialize, "initialization": .initialize,
        "initialisation": .initialize, "init": .initialize,
    ]

    /// Markers that make a statement a comment line (`\State \(\triangleright\) …`, `// …`).
    static let commentMarkers = ["$\\triangleright$", "$\\rhd$", "$\\vartriangleright$", "▷", "//", "$//$"]

    /// The text of a line written as a left comment, without its marker.
    static func leftComment(_ text: String) -> String? {
        for m in commentMarkers where text.hasPrefix(m) {
            return String(text.dropFirst(m.count)).trimmedSpace
        }
        return nil
    }

    /// Refines a line's kind from a leading label of at most three words ending in ':'
    /// (`\State \textbf{Input:} …`, `\item[Fixed Inputs:]`), returning the kind and the rest.
    static func declarationKind(of text: String) -> (kind: AlgorithmLine.Kind, rest: String)? {
        guard let colon = text.utf8.prefix(40).firstIndex(of: 0x3A) else { return nil }
        let label = text[..<colon].lowercased()
        let words = label.split(whereSeparator: { $0 == " " || $0 == "~" })
        guard (1...3).contains(words.count), let last = words.last,
              let kind = declarationWords[String(last)] else { return nil }
        return (kind, String(text[text.index(after: colon)...]).trimmedSpace)
    }

    /// The statement lines of an `algorithmic` environment, up to its `\end`.
    mutating func parseAlgorithmicLines(endEnvironment: String) -> [AlgorithmLine] {
        var lines: [AlgorithmLine] = []
        var depth = 0
        var current: (kind: AlgorithmLine.Kind, depth: Int, location: TokenLocation, comment: String?)? = nil
        var acc = InlineText()
        let requireKind: AlgorithmLine.Kind =
            (ex.macroText("algorithmicrequire")?.lowercased().contains("input") ?? false) ? .input : .require
        let ensureKind: AlgorithmLine.Kind =
            (ex.macroText("algorithmicensure")?.lowercased().contains("output") ?? false) ? .output : .ensure

        func finish(_ lines: inout [AlgorithmLine], _ current: inout (kind: AlgorithmLine.Kind, depth: Int, location: TokenLocation, comment: String?)?,
                    _ acc: inout InlineText, _ builder: DocumentBuilder) {
            let text = acc.trimmed
            if let c = current {
                var kind = c.kind
                var body = text
                if kind == .state || kind == .text || kind == .require || kind == .input,
                   let refined = Self.declarationKind(of: text) {
                    kind = refined.kind
                    body = refined.rest
                }
                if kind == .state || kind == .text, let stripped = Self.leftComment(text) {
                    kind = .comment
                    body = stripped
                }
                let keep = !body.isEmpty || c.comment != nil || !(kind == .state || kind == .text)
                if keep {
                    lines.append(AlgorithmLine(kind: kind, text: body, comment: c.comment, depth: c.depth,
                                               label: acc.labels.first, span: builder.span(c.location)))
                }
            } else if !text.isEmpty {
                let refined = Self.declarationKind(of: text)
                lines.append(AlgorithmLine(kind: refined?.kind ?? .text, text: refined?.rest ?? text, depth: 0,
                                           label: acc.labels.first, span: builder.span(acc.firstLocation)))
            }
            current = nil
            acc = InlineText()
        }

        while !finished {
            let stop = readInline(.algorithm, into: &acc)
            if stop == .end { break }
            guard stop == .block, let t = ex.next() else { continue }
            if t.kind != .control { continue }
            let declared = algorithmicKeywords[t.text]
            if let kindName = declared?.kind.rawValue ?? vocabulary.algorithmic[t.text],
               var kind = AlgorithmLine.Kind(rawValue: kindName) {
                let upper = t.text == t.text.uppercased()
                if kind == .comment {
                    let comment: String
                    if let peek = ex.peekNonSpaceRaw(), peek.kind != .beginGroup {
                        // `\Comment text` without braces: the comment runs to the next statement.
                        var c = InlineText()
                        _ = readInline(.algorithm, into: &c)
                        comment = c.trimmed
                    } else {
                        comment = renderArgument()
                    }
                    if current != nil {
                        current!.comment = current!.comment.map { $0 + "; " + comment } ?? comment
                    } else if !acc.isBlank {
                        current = (.text, depth, acc.firstLocation ?? t.location, comment)
                    } else if var last = lines.popLast(), last.span.line == Int(t.location.line) {
                        last.comment = last.comment.map { $0 + "; " + comment } ?? comment
                        lines.append(last)
                    } else {
                        if let popped = lines.last, popped.span.line != Int(t.location.line) {}
                        lines.append(AlgorithmLine(kind: .comment, text: comment, depth: depth, span: span(t.location)))
                    }
                    continue
                }
                finish(&lines, &current, &acc, self)
                if kind == .require { kind = requireKind }
                if kind == .ensure { kind = ensureKind }
                switch kind {
                case .endIf, .endFor, .endWhile, .endLoop, .endProcedure, .endFunction, .until:
                    depth = max(0, depth - 1)
                default: break
                }
                let lineDepth = (kind == .else || kind == .elseIf) ? max(0, depth - 1) : depth
                var comment: String? = nil
                if upper, let c = ex.readOptionalRaw() { comment = Self.plain(c) }
                current = (kind, lineDepth, t.location, comment)
                let arguments = declared?.arguments ?? vocabulary.algorithmicArguments[t.text] ?? 0
                if arguments == 2 {
                    let name = renderArgument()
                    let params = renderArgument()
                    acc.append("\(name)(\(params))", at: t.location)
                } else if arguments == 1 {
                    acc.append(renderArgument(), at: t.location)
                }
                if kind.opensBlock, kind != .else, kind != .elseIf { depth += 1 }
                continue
            }
            switch t.text {
            case "end":
                let env = readPlainArgument()
                if env == endEnvironment {
                    finish(&lines, &current, &acc, self)
                    return lines
                }
            case "begin":
                let env = readPlainArgument()
                if vocabulary.environments[env] == "algorithmic" {
                    _ = ex.readOptionalRaw()
                    finish(&lines, &current, &acc, self)
                    lines += parseAlgorithmicLines(endEnvironment: env)
                }
            case "item":
                finish(&lines, &current, &acc, self)
                let label = ex.readOptionalRaw().map { tokens -> String in
                    var a = InlineText()
                    ex.pushBack(tokens + [Token(.endGroup, "}", t.location)])
                    _ = readInline(.group, into: &a)
                    return a.trimmed
                } ?? ""
                let kind = Self.declarationKind(of: label.hasSuffix(":") ? label : label + ":")?.kind ?? .input
                current = (kind, depth, t.location, nil)
            case "caption", "captionof":
                // A caption inside algorithmic (`\captionof{algorithm}{…}`): the box's caption.
                finish(&lines, &current, &acc, self)
                if t.text == "captionof" { _ = ex.readArgumentRaw() }
                _ = ex.readOptionalRaw()
                var caption = InlineText()
                if let peek = ex.peekNonSpaceRaw(), peek.kind == .beginGroup {
                    _ = ex.nextRaw()
                    _ = readInline(.group, into: &caption)
                }
                if strayAlgorithmCaption == nil { strayAlgorithmCaption = caption }
            default:
                continue
            }
        }
        finish(&lines, &current, &acc, self)
        return lines
    }

    /// An `algorithm` float: `algorithmic` inside, or `algorithm2e` statements, or plain lines.
    mutating func parseAlgorithmFloat(_ name: String, at loc: TokenLocation) -> Algorithm? {
        _ = ex.readOptionalRaw()
        var content = FloatContent()
        var lines: [AlgorithmLine] = []
        let stop = parseAlgorithm2eBlock(depth: 0, endEnvironment: name, into: &lines, content: &content)
        if stop == .end { warn(.unclosedEnvironment, "\\begin{\(name)} is never closed", at: loc) }
        if content.caption == nil, let stray = strayAlgorithmCaption {
            content.caption = stray
            content.labels += stray.labels
        }
        strayAlgorithmCaption = nil
        guard inDocument else { return nil }
        let syntax = content.sawAlgorithmic ? algorithmicSyntax : (ex.packages.contains("algorithm2e") ? "algorithm2e" : "plain")
        let number = content.caption != nil ? nextFloatNumber("algorithm") : nil
        let alg = Algorithm(id: nextID("alg"), caption: content.caption?.trimmed ?? "", label: content.labels.first,
                            number: number, syntax: syntax, lines: lines, span: span(loc))
        for l in content.labels { register(label: l, NodeRef(kind: .algorithm, id: alg.id, number: number), at: loc) }
        return alg
    }

    func isAlgorithm2eBlockCommand(_ name: String) -> Bool {
        if let k = algorithm2eKeywords[name] { return k.kind != nil }
        guard vocabulary.algorithm2e[name] != nil else { return false }
        // Inside an algorithm float without algorithm2e, \Input etc. are still declarations.
        return true
    }

    /// Reads algorithm2e statements until `\end{endEnvironment}` or, for a block body, its closing
    /// brace. Returns how it stopped.
    @discardableResult
    mutating func parseAlgorithm2eBlock(depth: Int, endEnvironment: String?, into lines: inout [AlgorithmLine],
                                        content: inout FloatContent) -> InlineStop {
        var acc = InlineText()
        func flush(_ lines: inout [AlgorithmLine], _ acc: inout InlineText, _ builder: DocumentBuilder) {
            let text = acc.trimmed
            if text.isEmpty || content.labels.isEmpty {
                // A \label beside the caption names the algorithm, not a line.
                content.labels += acc.labels
                acc.labels = []
            }
            if !text.isEmpty {
                let refined = Self.declarationKind(of: text)
                lines.append(AlgorithmLine(kind: refined?.kind ?? .state, text: refined?.rest ?? text, depth: depth,
                                           label: acc.labels.first, span: builder.span(acc.firstLocation)))
            }
            acc = InlineText()
        }
        var open: [String] = []
        while !finished {
            let stop = readInline(.algorithm2e, into: &acc)
            switch stop {
            case .lineEnd, .paragraphBreak:
                flush(&lines, &acc, self)
                continue
            case .groupEnd:
                if endEnvironment == nil {
                    flush(&lines, &acc, self)
                    return .groupEnd
                }
                continue
            case .end:
                flush(&lines, &acc, self)
                return .end
            default:
                break
            }
            flush(&lines, &acc, self)
            guard let t = ex.next(), t.kind == .control else { continue }
            switch t.text {
            case "caption":
                readCaption(into: &content)
                continue
            case "end":
                let env = readPlainArgument()
                if let last = open.last, last == env { open.removeLast(); continue }
                if env == endEnvironment { return .block }
                continue
            case "begin":
                let env = readPlainArgument()
                if vocabulary.environments[env] == "algorithmic" {
                    _ = ex.readOptionalRaw()
                    content.sawAlgorithmic = true
                    lines += parseAlgorithmicLines(endEnvironment: env)
                } else if vocabulary.environments[env] == "math" {
                    var a = InlineText()
                    appendInlineMath(readMathTokens(closer: .environment(env)), into: &a, at: t.location)
                    acc.append(a)
                } else {
                    if let spec = vocabulary.environmentArguments[env] { skipArguments(spec) }
                    open.append(env)
                }
                continue
            case "item", "bibitem", "appendix", "maketitle", "abstract", "bibliography", "printbibliography":
                _ = ex.readOptionalRaw()
                continue
            default:
                break
            }
            if vocabulary.sectioning[t.text] != nil || vocabulary.metadata[t.text] != nil {
                skipArguments("som")
                continue
            }
            let declared = algorithm2eKeywords[t.text]
            guard let kindName = declared.map({ $0.kind?.rawValue ?? "" }) ?? vocabulary.algorithm2e[t.text],
                  let kind = AlgorithmLine.Kind(rawValue: kindName) else { continue }
            parseAlgorithm2eStatement(command: t.text, kind: kind, depth: depth, at: t.location, into: &lines,
                                      content: &content)
        }
        flush(&lines, &acc, self)
        return .end
    }

    /// One algorithm2e keyword with its arguments (and bodies, for blocks).
    private mutating func parseAlgorithm2eStatement(command: String, kind: AlgorithmLine.Kind, depth: Int,
                                                    at loc: TokenLocation, into lines: inout [AlgorithmLine],
                                                    content: inout FloatContent) {
        let oneLine = command.hasPrefix("l") && command.count > 1 && command.dropFirst().first!.isUppercase
        switch kind {
        case .comment:
            _ = ex.readStar()
            _ = ex.readOptionalRaw()
            let text = renderArgument()
            if var last = lines.popLast() {
                if last.span.line == Int(loc.line), last.comment == nil {
                    last.comment = text
                    lines.append(last)
                    return
                }
                lines.append(last)
            }
            lines.append(AlgorithmLine(kind: .comment, text: text, depth: depth, span: span(loc)))
        case .if where command == "eIf":
            let condition = renderArgument()
            lines.append(AlgorithmLine(kind: .if, text: condition, depth: depth, span: span(loc)))
            parseAlgorithm2eBody(depth: depth + 1, into: &lines, content: &content)
            lines.append(AlgorithmLine(kind: .else, text: "", depth: depth, span: span(loc)))
            parseAlgorithm2eBody(depth: depth + 1, into: &lines, content: &content)
        case .if, .elseIf, .for, .forAll, .while, .function, .procedure, .loop:
            if command == "Begin", ex.peekNonSpaceRaw()?.kind == .text {
                // \Begin(comment){…}
                _ = ex.nextRaw()
            }
            let condition = (kind == .loop) ? "" : renderArgument()
            let comment = condition.isEmpty ? nil : nil as String?
            lines.append(AlgorithmLine(kind: kind, text: condition, comment: comment, depth: depth, span: span(loc)))
            if oneLine {
                var body: [AlgorithmLine] = []
                parseAlgorithm2eBody(depth: depth + 1, into: &body, content: &content)
                lines += body
            } else {
                parseAlgorithm2eBody(depth: depth + 1, into: &lines, content: &content)
            }
        case .else:
            lines.append(AlgorithmLine(kind: .else, text: "", depth: depth, span: span(loc)))
            parseAlgorithm2eBody(depth: depth + 1, into: &lines, content: &content)
        case .repeat:
            // \Repeat{end condition}{body}
            let condition = renderArgument()
            lines.append(AlgorithmLine(kind: .repeat, text: "", depth: depth, span: span(loc)))
            parseAlgorithm2eBody(depth: depth + 1, into: &lines, content: &content)
            lines.append(AlgorithmLine(kind: .until, text: condition, depth: depth, span: span(loc)))
        default:
            // Declarations and returns: one argument of text.
            let text = renderArgument()
            lines.append(AlgorithmLine(kind: kind, text: text, depth: depth, span: span(loc)))
        }
    }

    private mutating func parseAlgorithm2eBody(depth: Int, into lines: inout [AlgorithmLine], content: inout FloatContent) {
        guard let peek = ex.peekNonSpaceRaw(), peek.kind == .beginGroup else { return }
        _ = ex.nextRaw()
        parseAlgorithm2eBlock(depth: depth, endEnvironment: nil, into: &lines, content: &content)
    }

    /// `\SetKwInOut{Input}{input}`, `\SetKwFunction{FMain}{Main}`, `\SetKwProg{Fn}{Function}{:}{}`, …
    mutating func declareAlgorithm2eKeyword(_ command: String) {
        let name = readPlainArgument()
        let display = renderArgument()
        switch command {
        case "SetKwInOut", "SetKwInput":
            let kind = Self.declarationKind(of: display.hasSuffix(":") ? display : display + ":")?.kind ?? .input
            algorithm2eKeywords[name] = (kind, display)
        case "SetKwFunction", "SetKwData", "SetKw":
            algorithm2eKeywords[name] = (nil, display)
        case "SetKwProg":
            _ = ex.readArgumentRaw()
            _ = ex.readArgumentRaw()
            algorithm2eKeywords[name] = (.function, display)
        case "SetKwBlock":
            _ = ex.readArgumentRaw()
            algorithm2eKeywords[name] = (.loop, display)
        case "SetKwRepeat":
            _ = ex.readArgumentRaw()
            algorithm2eKeywords[name] = (.repeat, display)
        case "SetKwFor":
            _ = ex.readArgumentRaw()
            _ = ex.readArgumentRaw()
            algorithm2eKeywords[name] = (.for, display)
        case "SetKwIF":
            for _ in 0..<6 { _ = ex.readArgumentRaw() }
            algorithm2eKeywords[name] = (.if, display)
        case "SetKwComment":
            _ = ex.readArgumentRaw()
            algorithm2eKeywords[name] = (.comment, display)
        default:
            break
        }
    }
}

extension DocumentBuilder {
    /// `\algblock[Name]{Start}{End}`, `\algdef{SE}[NAME]{Start}{End}[n]{…}{…}`,
    /// `\algblockdefx[NAME]{Start}{End}[n]{…}[m]{…}`: new block keywords for algorithmicx. The
    /// kind comes from the keyword's name (…For, …While, …If, …Loop), else a generic loop.
    mutating func declareAlgorithmicBlock(_ command: String) {
        var flags = "SE"
        if command == "algdef" { flags = readPlainArgument() }
        _ = ex.readOptionalRaw()
        let start = readPlainArgument()
        let end = flags.contains("E") || command != "algdef" ? readPlainArgument() : ""
        let count = ex.readOptionalRaw().flatMap { Int(Self.plain($0)) } ?? 0
        // Skip the printed texts and their optional parameter counts.
        var skipped = 0
        while skipped < 4, let peek = ex.peekNonSpaceRaw() {
            if peek.kind == .beginGroup { _ = ex.readArgumentRaw(); skipped += 1; continue }
            if peek.kind == .text, peek.text.hasPrefix("[") { _ = ex.readOptionalRaw(); continue }
            break
        }
        func kind(for name: String, opening: Bool) -> AlgorithmLine.Kind {
            let lower = name.lowercased()
            if lower.contains("for") { return opening ? .for : .endFor }
            if lower.contains("while") { return opening ? .while : .endWhile }
            if lower.contains("if") { return opening ? .if : .endIf }
            if lower.contains("function") { return opening ? .function : .endFunction }
            if lower.contains("procedure") { return opening ? .procedure : .endProcedure }
            return opening ? .loop : .endLoop
        }
        if !start.isEmpty { algorithmicKeywords[start] = (kind(for: start, opening: true), count) }
        if !end.isEmpty { algorithmicKeywords[end] = (kind(for: start, opening: false), 0) }
    }
}
