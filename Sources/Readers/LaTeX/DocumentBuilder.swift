import Foundation
import PaperModel

/// Builds the ``Paper`` from the expanded token stream: a recursive-descent reader over
/// blocks (sections, paragraphs, environments) with an inline reader for prose.
struct DocumentBuilder {
    /// An entry of the flat block list, before sections are nested.
    enum Item {
        case heading(Section)
        case block(Block)
    }

    var ex: Expander
    let vocabulary: LaTeXVocabulary
    let commands: [String: CommandInfo] = CommandTable.shared
    let limits: ReaderLimits

    var metadata = Metadata()
    var abstract: [Paragraph] = []
    var footnotes: [Footnote] = []
    var bibliography: [BibEntry] = []
    var labels: [String: NodeRef] = [:]
    var diagnostics: [Diagnostic] = []
    var inDocument: Bool
    var finished = false
    var appendix = false
    var unknownCommands: [String: Int] = [:]
    var unknownEnvironments: [String: TokenLocation] = [:]
    var affiliationKeys: [String: String] = [:]
    var authorAffiliationKeys: [String: [String]] = [:]
    /// algorithm2e keywords declared with `\SetKwInOut`, `\SetKwFunction`, `\SetKwProg`, …
    var algorithm2eKeywords: [String: (kind: AlgorithmLine.Kind?, display: String)] = [:]
    /// algorithmicx blocks declared with `\algblock`/`\algdef` (`\ParFor` … `\EndParFor`): kind and argument count.
    var algorithmicKeywords: [String: (kind: AlgorithmLine.Kind, arguments: Int)] = [:]
    /// A `\caption`/`\captionof` met inside `algorithmic`, for the box that holds it.
    var strayAlgorithmCaption: InlineText?

    // Counters and numbering.
    var idCounters: [String: Int] = [:]
    var sectionCounters = [0, 0, 0, 0, 0, 0]
    var currentSectionNumber: String? = nil
    var currentTopSection = "0"
    var equationCounter = 0
    var floatCounters: [String: Int] = [:]
    var theoremCounters: [String: Int] = [:]
    /// Where a loose `\label` belongs: the innermost theorem, item, or else the last heading.
    var labelOwners: [NodeRef] = []
    var lastHeading: NodeRef?
    var nesting = 0

    init(expander: Expander, vocabulary: LaTeXVocabulary, limits: ReaderLimits, bodyOnly: Bool) {
        self.ex = expander
        self.vocabulary = vocabulary
        self.limits = limits
        self.inDocument = bodyOnly
    }

    mutating func nextID(_ prefix: String) -> String {
        let n = (idCounters[prefix] ?? 0) + 1
        idCounters[prefix] = n
        return "\(prefix)\(n)"
    }

    func span(_ loc: TokenLocation?) -> SourceSpan {
        ex.files.span(loc ?? .none)
    }

    mutating func warn(_ id: DiagnosticID, _ message: String, at loc: TokenLocation?) {
        warn(id, .warning, message, at: loc)
    }

    mutating func warn(_ id: DiagnosticID, _ severity: Diagnostic.Severity, _ message: String,
                       at loc: TokenLocation?) {
        diagnostics.append(Diagnostic(id, severity, message, at: loc.map { ex.files.span($0) }))
    }

    mutating func register(label: String, _ ref: NodeRef, at loc: TokenLocation?) {
        let key = label.trimmedSpace
        guard !key.isEmpty else { return }
        if labels[key] != nil {
            warn(.duplicateLabel, .note, "label '\(key)' is defined more than once; the first one is kept", at: loc)
            return
        }
        labels[key] = ref
    }

    /// Reads a `{…}` argument's tokens with expansion, braces removed.
    mutating func readGroupExpanded() -> [Token] {
        guard let t = ex.peekNonSpaceRaw() else { return [] }
        if t.kind != .beginGroup {
            if let single = ex.readArgumentRaw() { return single }
            return []
        }
        _ = ex.nextRaw()
        var depth = 0
        var out: [Token] = []
        while let t = ex.next() {
            if t.kind == .beginGroup { depth += 1 }
            if t.kind == .endGroup {
                if depth == 0 { break }
                depth -= 1
            }
            out.append(t)
        }
        return out
    }

    /// Plain text of an argument read raw (names, keys, options).
    mutating func readPlainArgument() -> String {
        guard let tokens = ex.readArgumentRaw() else { return "" }
        return Self.plain(tokens)
    }

    static func plain(_ tokens: [Token]) -> String {
        tokens.map { $0.kind == .space ? " " : $0.kind == .control ? "" : $0.text }.joined()
            .trimmedSpace
    }

    /// Consumes arguments described by a spec (`s` star, `o` optional, `m` mandatory).
    mutating func skipArguments(_ spec: String) {
        for c in spec {
            switch c {
            case "s": _ = ex.readStar()
            case "o": _ = ex.readOptionalRaw()
            case "m": _ = ex.readArgumentRaw()
            default: break
            }
        }
    }

    // MARK: Entry

    /// Reads the whole stream and returns the assembled paper.
    mutating func build(source: SourceInfo) -> Paper {
        var items: [Item] = []
        while !finished {
            let chunk = parseBlocks(endEnvironment: nil, context: .top)
            items += chunk
            // parseBlocks returns at the end of input or at a stray `\end{…}`/`\item` at top level.
            if ex.peekNonSpaceRaw() == nil || finished { break }
            guard let t = ex.next() else { break }
            if t.isControl("end") {
                let name = readPlainArgument()
                if name == "document" { finished = true; break }
                warn(.unmatchedEnd, "\\end{\(name)} without a matching \\begin{\(name)}", at: t.location)
            }
        }
        finishMetadata()
        var paper = Paper(metadata: metadata, abstract: abstract, source: source)
        let (front, sections) = SectionAssembler.assemble(items)
        paper.front = front
        paper.sections = sections
        paper.footnotes = footnotes
        paper.bibliography = bibliography
        paper.labels = labels
        var resolver = ReferenceResolver(labels: labels, theoremTitles: theoremTitles)
        resolver.resolve(&paper)
        for label in resolver.unresolved.sorted() {
            warn(.unresolvedReference, .note, "reference to undefined label '\(label)'", at: nil)
        }
        if !unknownCommands.isEmpty {
            let top = unknownCommands.sorted { $0.value == $1.value ? $0.key < $1.key : $0.value > $1.value }.prefix(12)
            let list = top.map { "\\\($0.key) (\($0.value))" }.joined(separator: ", ")
            warn(.macroBadDefinition, .note,
                 "\(unknownCommands.count) command(s) not defined in the paper were kept as written: \(list)", at: nil)
        }
        return paper
    }

    var theoremTitles: [String: String] {
        var out: [String: String] = [:]
        for (k, v) in ex.theorems { out[k] = v.title }
        return out
    }

    // MARK: Blocks

    enum Context {
        case top, environment, list, theorem
    }

    /// Reads blocks until `\end{endEnvironment}` (consumed), the end of input, or — in a list —
    /// the next `\item` (left in the stream).
    mutating func parseBlocks(endEnvironment: String?, context: Context) -> [Item] {
        var items: [Item] = []
        nesting += 1
        defer { nesting -= 1 }
        if nesting > limits.maxNesting {
            warn(.unbalancedGroup, .error, "environments nest deeper than \(limits.maxNesting); the rest is skipped",
                 at: nil)
            while ex.nextRaw() != nil {}
            return items
        }
        while !finished, let t = ex.next() {
            switch t.kind {
            case .space, .paragraph, .beginGroup, .endGroup:
                continue
            case .mathShift:
                if let n = ex.nextRaw() {
                    if n.kind == .mathShift {
                        if let eq = parseDisplayMath(closer: .doubleDollar, environment: "$$", start: t.location) {
                            items.append(.block(.equation(eq)))
                        }
                        continue
                    }
                    ex.pushBack(n)
                }
                ex.pushBack(t)
                items += paragraphItems()
            case .control:
                if let handled = handleBlockCommand(t, endEnvironment: endEnvironment, context: context) {
                    switch handled {
                    case .items(let more): items += more
                    case .stop: return items
                    }
                } else {
                    ex.pushBack(t)
                    items += paragraphItems()
                }
            default:
                ex.pushBack(t)
                items += paragraphItems()
            }
        }
        if let endEnvironment, !finished {
            warn(.unclosedEnvironment, "\\begin{\(endEnvironment)} is never closed", at: nil)
        }
        return items
    }

    enum BlockOutcome {
        case items([Item])
        case stop
    }

    /// A paragraph read from the stream (nothing if it is blank or in the preamble).
    mutating func paragraphItems() -> [Item] {
        var acc = InlineText()
        let first = ex.peekNonSpaceRaw()
        _ = readInline(.paragraph, into: &acc)
        if acc.isBlank, let first, let again = ex.peekNonSpaceRaw(), again == first {
            // Nothing could be made of this token at block or inline level: skip it rather than loop.
            _ = ex.nextRaw()
            return []
        }
        guard inDocument, let p = makeParagraph(acc) else { return [] }
        return [.block(.paragraph(p))]
    }

    mutating func makeParagraph(_ acc: InlineText) -> Paragraph? {
        let text = acc.trimmed
        let id = nextID("p")
        for label in acc.labels {
            register(label: label, labelOwners.last ?? lastHeading ?? NodeRef(kind: .other, id: id), at: acc.firstLocation)
        }
        guard !text.isEmpty, text.contains(where: { $0.isLetter || $0.isNumber || $0 == "$" }) else { return nil }
        let sentences = sentences(of: acc)
        return Paragraph(id: id, text: text, sentences: sentences, references: acc.references,
                         citations: acc.citations, span: span(acc.firstLocation).through(span(acc.lastLocation)))
    }

    func sentences(of acc: InlineText) -> [Sentence] {
        // Split the untrimmed text so that offsets match the anchors.
        SentenceSplitter.split(acc.text).map { part in
            Sentence(text: part.text, span: span(acc.location(at: part.offset) ?? acc.firstLocation))
        }
    }

    /// Handles a control word at block level. Nil: not a block command (it starts a paragraph).
    mutating func handleBlockCommand(_ t: Token, endEnvironment: String?, context: Context) -> BlockOutcome? {
        let name = t.text
        if name.utf8.first == 0 { return .items([]) }
        let info = commands[name]
        if let level = info?.sectioning {
            if (context == .list || context == .theorem), level <= 3, let endEnvironment {
                // LaTeX would stop here with an error: the environment was never closed.
                warn(.unclosedEnvironment, "\\begin{\(endEnvironment)} is not closed before \\\(name)", at: t.location)
                ex.pushBack(t)
                return .stop
            }
            return .items(parseHeading(level: level, command: name, at: t.location, context: context))
        }
        if let role = info?.metadata {
            handleMetadata(role: role, command: name, at: t.location)
            return .items([])
        }
        if Self.blockCommandFilter.mightContain(name), Self.blockCommandNames.contains(name) {
            switch name {
            case "begin":
                let envName = readPlainArgument()
                return .items(parseEnvironment(envName, at: t.location))
            case "end":
                guard let peek = ex.peekNonSpaceRaw(), peek.kind == .beginGroup else { return .items([]) }
                let envName = readPlainArgument()
                if envName == endEnvironment { return .stop }
                if envName == "document" {
                    finished = true
                    return .stop
                }
                if endEnvironment != nil {
                    // Closing an outer environment: the inner one was never closed.
                    warn(.unclosedEnvironment, "\\begin{\(endEnvironment!)} is closed by \\end{\(envName)}", at: t.location)
                    ex.pushBack([t, Token(.beginGroup, "{", t.location), Token(.text, envName, t.location),
                                  Token(.endGroup, "}", t.location)])
                    return .stop
                }
                warn(.unmatchedEnd, "\\end{\(envName)} without a matching \\begin{\(envName)}", at: t.location)
                return .items([])
            case "[":
                if let eq = parseDisplayMath(closer: .bracket, environment: "\\[", start: t.location) {
                    return .items([.block(.equation(eq))])
                }
                return .items([])
            case "item":
                if context == .list {
                    ex.pushBack(t)
                    return .stop
                }
                _ = ex.readOptionalRaw()
                return .items([])
            case "appendix":
                appendix = true
                sectionCounters = [0, 0, 0, 0, 0, 0]
                return .items([])
            case "abstract":
                // `\abstract{…}` as a command.
                if let peek = ex.peekNonSpaceRaw(), peek.kind == .beginGroup {
                    let body = readGroupExpanded()
                    ex.pushBack(body + [Token(.control, "end", t.location), Token(.beginGroup, "{", t.location),
                                        Token(.text, "abstract", t.location), Token(.endGroup, "}", t.location)])
                    let blocks = parseBlocks(endEnvironment: "abstract", context: .environment)
                    abstract += blocks.compactMap { if case .block(.paragraph(let p)) = $0 { p } else { nil } }
                }
                return .items([])
            case "twocolumn":
                if let opt = ex.readOptionalRaw() { ex.pushBack(opt) }
                return .items([])
            case "bibliography", "printbibliography", "nobibliography":
                let arg = name == "printbibliography" ? { _ = ex.readOptionalRaw(); return "" }() : readPlainArgument()
                loadBibliography(named: arg, at: t.location)
                return .items([])
            case "label":
                let label = readPlainArgument()
                register(label: label, labelOwners.last ?? lastHeading ?? NodeRef(kind: .other, id: "document"),
                         at: t.location)
                return .items([])
            case "caption":
                _ = ex.readOptionalRaw()
                _ = readGroupExpanded()
                return .items([])
            case "bibitem", "newblock":
                return .items([])
            case "SetKwInOut", "SetKwInput", "SetKw", "SetKwData", "SetKwFunction", "SetKwProg", "SetKwBlock",
                 "SetKwRepeat", "SetKwFor", "SetKwIF", "SetKwSwitch", "SetKwComment":
                declareAlgorithm2eKeyword(name)
                return .items([])
            case "algblock", "algdef", "algblockdefx", "algblockx", "algcblock", "algcblockdefx":
                declareAlgorithmicBlock(name)
                return .items([])
            default: break
            }
        }
        if let spec = info?.dropped, info?.symbol == nil {
            skipArguments(spec)
            return .items([])
        }
        return nil
    }

    static let blockCommandFilter = NameFilter(blockCommandNames)

    /// Control words with a case of their own at block level.
    static let blockCommandNames: Set<String> = ["algblock", "algdef", "algblockdefx", "algblockx", "algcblock", "algcblockdefx", "SetKw", "SetKwBlock", "SetKwComment", "SetKwData", "SetKwFor", "SetKwFunction", "SetKwIF", "SetKwInOut", "SetKwInput", "SetKwProg", "SetKwRepeat", "SetKwSwitch", "[", "abstract", "appendix", "begin", "bibitem", "bibliography", "caption", "end", "item", "label", "newblock", "nobibliography", "printbibliography", "twocolumn"]

    // MARK: Headings

    mutating func parseHeading(level: Int, command: String, at loc: TokenLocation, context: Context) -> [Item] {
        let starred = ex.readStar()
        _ = ex.readOptionalRaw()
        var acc = InlineText()
        if let peek = ex.peekNonSpaceRaw(), peek.kind == .beginGroup {
            _ = ex.nextRaw()
            _ = readInline(.group, into: &acc)
        }
        var title = acc.trimmed
        if title.hasSuffix(".") && level >= 4 { title.removeLast() }
        var label: String? = acc.labels.first
        // A \label right after the heading names the section.
        while let peek = ex.peekNonSpaceRaw(), peek.isControl("label") {
            _ = ex.nextRaw()
            let l = readPlainArgument()
            if label == nil { label = l } else { register(label: l, NodeRef(kind: .section, id: ""), at: peek.location) }
        }
        if context == .theorem || context == .list {
            // A heading inside a theorem or list item is read as a bold lead-in paragraph.
            guard inDocument, !title.isEmpty else { return [] }
            return [.block(.paragraph(Paragraph(id: nextID("p"), text: title, sentences: [Sentence(text: title, span: span(loc))],
                                                 span: span(loc))))]
        }
        guard inDocument else { return [] }
        let numbered = !starred && level <= 3
        var number: String? = nil
        if numbered {
            let i = level - 1
            sectionCounters[i] += 1
            for j in (i + 1)..<sectionCounters.count { sectionCounters[j] = 0 }
            var parts: [String] = []
            for j in 0...i {
                if j == 0, appendix {
                    parts.append(Self.letter(sectionCounters[0]))
                } else {
                    parts.append(String(sectionCounters[j]))
                }
            }
            number = parts.joined(separator: ".")
            if level == 1 { currentTopSection = number! }
        }
        let id = nextID("sec")
        let ref = NodeRef(kind: .section, id: id, number: number)
        if let label { register(label: label, ref, at: loc) }
        lastHeading = ref
        let section = Section(id: id, title: title, number: number, level: level, starred: starred || !numbered,
                              appendix: appendix, label: label, span: span(loc))
        return [.heading(section)]
    }

    static func letter(_ n: Int) -> String {
        guard n > 0 else { return "0" }
        var n = n
        var s = ""
        while n > 0 {
            n -= 1
            s = String(UnicodeScalar(UInt8(65 + n % 26))) + s
            n /= 26
        }
        return s
    }
}
