import Foundation
import PaperModel

extension DocumentBuilder {
    /// Dispatches on an environment whose `\begin{name}` was just read.
    mutating func parseEnvironment(_ name: String, at loc: TokenLocation) -> [Item] {
        let category = vocabulary.environments[name]
            ?? (ex.theorems[name] != nil || vocabulary.theorems[name] != nil ? "theorem" : nil)
        switch category {
        case "document":
            inDocument = true
            return []
        case "math":
            if name == "alignat" || name == "alignat*" { _ = ex.readArgumentRaw() }
            guard let eq = parseDisplayMath(closer: .environment(name), environment: name, start: loc),
                  inDocument else { return [] }
            return [.block(.equation(eq))]
        case "abstract":
            let items = parseBlocks(endEnvironment: name, context: .environment)
            abstract += items.compactMap { if case .block(.paragraph(let p)) = $0 { p } else { nil } }
            return []
        case "algorithm":
            return parseAlgorithmFloat(name, at: loc).map { [.block(.algorithm($0))] } ?? []
        case "algorithmic":
            _ = ex.readOptionalRaw()
            let lines = parseAlgorithmicLines(endEnvironment: name)
            let caption = strayAlgorithmCaption
            strayAlgorithmCaption = nil
            let number = caption != nil ? nextFloatNumber("algorithm") : nil
            let alg = Algorithm(id: nextID("alg"), caption: caption?.trimmed ?? "", label: caption?.labels.first,
                                number: number, syntax: algorithmicSyntax, lines: lines, span: span(loc))
            for l in caption?.labels ?? [] { register(label: l, NodeRef(kind: .algorithm, id: alg.id, number: number), at: loc) }
            return inDocument ? [.block(.algorithm(alg))] : []
        case "figure", "table":
            return parseFloat(name, category: category!, at: loc)
        case "tabular":
            if let spec = vocabulary.environmentArguments[name] { skipArguments(spec) }
            let rows = parseTabularRows(endEnvironment: name)
            let table = Table(id: nextID("tab"), caption: "", rows: rows, span: span(loc))
            return inDocument ? [.block(.table(table))] : []
        case "list":
            return parseList(name, at: loc)
        case "theorem":
            return parseTheorem(name, at: loc)
        case "bibliography":
            _ = ex.readArgumentRaw()
            parseBibliography(endEnvironment: name)
            return []
        case "verbatim":
            var text = ""
            if let spec = vocabulary.environmentArguments[name] { skipArguments(spec) }
            while let t = ex.nextRaw() {
                if t.kind == .verbatim { text += t.text; continue }
                if t.isControl("end") { _ = ex.readArgumentRaw(); break }
            }
            return inDocument ? [.block(.raw(RawBlock(id: nextID("raw"), name: name, tex: text, span: span(loc))))] : []
        case "raw":
            let tokens = readRawEnvironment(name)
            return inDocument ? [.block(.raw(RawBlock(id: nextID("raw"), name: name, tex: tokens.tex, span: span(loc))))] : []
        case "appendix":
            appendix = true
            sectionCounters = [0, 0, 0, 0, 0, 0]
            return parseBlocks(endEnvironment: name, context: .top)
        case "authors":
            _ = readRawEnvironment(name)
            return []
        case "transparent":
            if let spec = vocabulary.environmentArguments[name] { skipArguments(spec) }
            return parseBlocks(endEnvironment: name, context: .environment)
        default:
            if unknownEnvironments[name] == nil {
                unknownEnvironments[name] = loc
                warn(.unclosedEnvironment, .note,
                     "environment '\(name)' is not known; its content is read as ordinary text", at: loc)
            }
            return parseBlocks(endEnvironment: name, context: .environment)
        }
    }

    /// Tokens of an environment up to its matching `\end`, unexpanded.
    mutating func readRawEnvironment(_ name: String) -> [Token] {
        var out: [Token] = []
        var depth = 0
        while let t = ex.nextRaw() {
            if t.isControl("begin") || t.isControl("end"), let peek = ex.peekNonSpaceRaw(), peek.kind == .beginGroup {
                let group = ex.readArgumentRaw() ?? []
                if Self.plain(group) == name {
                    if t.text == "end" {
                        if depth == 0 { return out }
                        depth -= 1
                    } else {
                        depth += 1
                    }
                }
                out += [t, Token(.beginGroup, "{", t.location)] + group + [Token(.endGroup, "}", t.location)]
                continue
            }
            out.append(t)
            if out.count > 2_000_000 { break }
        }
        warn(.unclosedEnvironment, "\\begin{\(name)} is never closed", at: out.first?.location)
        return out
    }

    // MARK: Lists

    mutating func parseList(_ name: String, at loc: TokenLocation) -> [Item] {
        if let spec = vocabulary.environmentArguments[name] { skipArguments(spec) }
        var items: [ListItem] = []
        let id = nextID("list")
        // Anything before the first \item is read and kept as an unlabeled item.
        let lead = parseBlocks(endEnvironment: name, context: .list)
        let leadBlocks = lead.compactMap { if case .block(let b) = $0 { b } else { nil } }
        if !leadBlocks.isEmpty { items.append(ListItem(blocks: leadBlocks, span: leadBlocks[0].span)) }
        while let t = ex.peekNonSpaceRaw(), t.isControl("item") {
            _ = ex.nextRaw()
            let label = ex.readOptionalRaw().map { Self.plain($0) }
            let itemRef = NodeRef(kind: .item, id: "\(id).\(items.count + 1)", number: String(items.count + 1))
            labelOwners.append(itemRef)
            let content = parseBlocks(endEnvironment: name, context: .list)
            labelOwners.removeLast()
            let blocks = content.compactMap { if case .block(let b) = $0 { b } else { nil } }
            items.append(ListItem(label: label, blocks: blocks, span: span(t.location)))
            if content.isEmpty, ex.peekNonSpaceRaw()?.isControl("item") != true { break }
        }
        guard inDocument, !items.isEmpty else { return [] }
        let ordered = name.contains("enum")
        return [.block(.list(ListBlock(id: id, ordered: ordered, items: items, span: span(loc))))]
    }

    // MARK: Theorems

    mutating func parseTheorem(_ name: String, at loc: TokenLocation) -> [Item] {
        let title = ex.readOptionalRaw().map { tokens -> String in
            var acc = InlineText()
            ex.pushBack(tokens + [Token(.endGroup, "}", loc)])
            _ = readInline(.group, into: &acc)
            return acc.trimmed
        }
        let declaration = ex.theorems[name]
        let category = vocabulary.theorems[name]
            ?? declaration.flatMap { vocabulary.theoremCategoriesByName[$0.title] }
            ?? declaration.map { d in
                vocabulary.theoremCategoriesByName.first { d.title.localizedCaseInsensitiveContains($0.key) }?.value ?? "other"
            } ?? "other"
        var number: String? = nil
        if name != "proof", declaration?.numbered ?? !name.hasSuffix("*") {
            let counter = declaration?.counter ?? name
            let key = declaration?.within == "section" ? "\(counter)@\(currentTopSection)" : counter
            let n = (theoremCounters[key] ?? 0) + 1
            theoremCounters[key] = n
            number = declaration?.within == "section" ? "\(currentTopSection).\(n)" : String(n)
        }
        let id = nextID("thm")
        let ref = NodeRef(kind: .theorem, id: id, number: number)
        labelOwners.append(ref)
        let items = parseBlocks(endEnvironment: name, context: .theorem)
        labelOwners.removeLast()
        let label = labels.first { $0.value == ref }?.key
        let blocks = items.compactMap { if case .block(let b) = $0 { b } else { nil } }
        guard inDocument else { return [] }
        return [.block(.theorem(TheoremBlock(id: id, kind: name, category: category, title: title, label: label,
                                             number: number, blocks: blocks, span: span(loc))))]
    }

    // MARK: Bibliography

    mutating func parseBibliography(endEnvironment: String) {
        while !finished, let t = ex.next() {
            if t.kind == .control, t.text.utf8.first == 0 { ex.pushBack(t); return }
            if t.isControl("end") {
                let name = readPlainArgument()
                if name == endEnvironment { return }
                continue
            }
            guard t.isControl("bibitem") else { continue }
            _ = ex.readOptionalRaw()
            let key = readPlainArgument()
            var acc = InlineText()
            while true {
                let stop = readInline(.paragraph, into: &acc)
                acc.appendSpace()
                if stop != .paragraphBreak { break }
            }
            bibliography.append(BibEntry(key: key, text: acc.trimmed, span: span(t.location)))
        }
    }

    /// `\bibliography{refs}`: reads `refs.bbl` or the main file's `.bbl` when the sources ship one.
    mutating func loadBibliography(named name: String, at loc: TokenLocation) {
        guard bibliography.isEmpty else { return }
        let main = ex.files.path(0)
        let stem = main.hasSuffix(".tex") ? String(main.dropLast(4)) : main
        var candidates = [stem + ".bbl"]
        for n in name.split(separator: ",") { candidates.append(n.trimmedSpace + ".bbl") }
        candidates += ex.tree.paths.filter { $0.hasSuffix(".bbl") }
        for c in candidates {
            guard let path = IncludePath.normalize(c), let tokens = ex.tokenizeFile(path) else { continue }
            if !tokens.contains(where: { $0.isControl("bibitem") }) { continue }
            let sentinel = Token(.control, "\u{0}end-of-bbl", loc)
            ex.pushBack(tokens + [sentinel])
            while let t = ex.next(), t != sentinel {
                if t.isControl("begin"), readPlainArgument() == "thebibliography" {
                    _ = ex.readArgumentRaw()
                    parseBibliography(endEnvironment: "thebibliography")
                }
            }
            return
        }
    }
}
