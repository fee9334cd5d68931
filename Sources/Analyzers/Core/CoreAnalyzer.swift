import Foundation
import MathParsing
import PaperModel

/// Steps 2 and 3 of the method: finds the core algorithm (the boxes, or the method's equations),
/// reads it as a program, names its symbols in plain words, audits which library provides each
/// operation, and flags the traps.
///
/// ```swift
/// let core = CoreAnalyzer().analyze(paper)
/// core.algorithms[0].steps.map(\.plain)   // ["step_size = 0.001", …, "m = beta1 * m + (1 - beta1) * g", …]
/// ```
public struct CoreAnalyzer: Sendable {
    var rules: CoreRules
    var naming: CoreNaming
    var map: LibraryMap

    public init() {
        self.rules = .shared
        self.naming = .shared
        self.map = .shared
    }

    /// `memo` holds the paper's parsed formulas; pass one that another thread fills
    /// (``MathMemo/parseEquations(of:)``) to share the parsing.
    public func analyze(_ paper: Paper, memo: MathMemo = MathMemo()) -> CoreAnalysis {
        // Every formula is parsed once per paper, whichever part reads it first.
        let parser = memo
        // The block walk is shared by every part below (each `Paper` view walks the tree again).
        let blocks = PaperBlocks(paper)
        let builder = AlgorithmIRBuilder(parser: parser, rules: rules)
        var drafts = blocks.algorithms.map(builder.draft)
        let counters = drafts.map(AlgorithmIRResolver.counters)
        let readers: [QuantityReader] = zip(drafts, counters).map { draft, c in
            // A bare symbol assigned beside its counter-indexed form names another quantity.
            let plain = QuantityReader(counters: c, naming: naming)
            var bare = Set<String>(), indexed = Set<String>()
            for step in draft.steps {
                for a in step.assignments {
                    for q in targetQuantities(a.target.tree, plain) {
                        if q.counter != nil { indexed.insert(q.key) } else if !q.initial { bare.insert(q.key) }
                    }
                }
            }
            // A declared setting and a per-step value computed from it (`\gamma_t = \gamma \sqrt{…}`,
            // never from `\gamma_{t-1}`) are two quantities too.
            let declared = Set(draft.inputs.compactMap { plain.quantity(parser.parse($0.symbol).root, spelled: false) }
                .filter { $0.counter == nil && !$0.initial }.map(\.key))
            for step in draft.steps {
                for a in step.assignments {
                    guard let q = plain.quantity(a.target.tree, spelled: false), q.counter != nil, declared.contains(q.key), let value = a.value else { continue }
                    let reads = plain.uses(in: value.tree).quantities.filter { $0.key == q.key }
                    if !reads.isEmpty && reads.allSatisfy({ $0.counter == nil }) { bare.insert(q.key) }
                }
            }
            bare.subtract(c)
            return QuantityReader(counters: c, naming: naming, keepCounter: bare.intersection(indexed))
        }
        let proseCounters: Set<String> = ["t", "k"]
        let proseReader = QuantityReader(counters: proseCounters, naming: naming)
        let glossaryBuilder = GlossaryBuilder(naming: naming, parser: parser)

        // Equations and their roles.
        let classifier = EquationClassifier(rules: rules, parser: parser)
        var algorithmTargets: [String: String] = [:]
        for (draft, reader) in zip(drafts, readers) {
            let c = reader.counters
            for step in draft.steps {
                for a in step.assignments {
                    if let q = reader.quantity(a.target.tree, spelled: false), algorithmTargets[q.key] == nil, !c.contains(q.key) {
                        algorithmTargets[q.key] = draft.title
                    }
                }
            }
        }
        var titleRoles: [String: String?] = [:]
        let citing = citingParagraphs(blocks, classifier, titleRoles: &titleRoles)
        let context = EquationClassifier.Context(citedByAlgorithms: citedNumbers(blocks), citedByExperiments: cited(citing, roles: ["experiments", "results"]),
                                                 citedByMethod: cited(citing, roles: ["method"]),
                                                 algorithmTargets: algorithmTargets, reader: proseReader)
        var equations = classifier.classify(blocks, context: context, titleRoles: titleRoles)
        var trees: [String: MathNode] = [:]
        for eq in equations where eq.role == .core { trees[eq.id] = parser.parse(eq.latex).root }

        // The quantities to name, in order of appearance: boxes first, then core equations.
        var quantities: [(key: String, readable: String, tex: String)] = []
        var seen = Set<String>()
        // The TeX is printed only for a quantity not seen before (most uses repeat one).
        // The uses' quantities are not spelled: `readable` spells the new ones.
        func note(_ q: Quantity, _ tex: @autoclosure () -> String, readable: @autoclosure () -> String? = nil) {
            if seen.insert(q.key).inserted { quantities.append((q.key, readable() ?? q.readable, tex())) }
        }
        let draftUses = zip(drafts, readers).map { DraftUses($0, reader: $1) }
        for ((draft, reader), read) in zip(zip(drafts, readers), draftUses) {
            for input in draft.inputs where !input.symbol.isEmpty {
                let tree = parser.parse(input.symbol).root
                if let q = reader.quantity(tree) { note(q, input.symbol) }
                else if case .apply(let f, _) = tree.kind, let q = reader.quantity(f) { note(q, f.tex) }
            }
            for stepUses in read.steps {
                for uses in stepUses {
                    for (q, node) in zip(uses.quantities, uses.nodes) { note(q, node.tex, readable: reader.spelling(node)) }
                    for q in uses.functions { note(q, q.key) }
                }
            }
        }
        // Kept for the equations' `uses` below: the walk is the same.
        var coreUseKeys: [String: [String]] = [:]
        for eq in equations where eq.role == .core {
            guard let tree = trees[eq.id] else { continue }
            let uses = proseReader.uses(in: tree)
            for (q, node) in zip(uses.quantities, uses.nodes) { note(q, node.tex, readable: proseReader.spelling(node)) }
            coreUseKeys[eq.id] = uses.keys
        }
        // The prose is read once the quantities to name are known: only their meanings and values
        // are looked up.
        let findings = glossaryBuilder.findings(paper: blocks, drafts: drafts, counters: proseCounters, rules: rules,
                                                relevant: Set(quantities.map(\.key)))
        let glossary = glossaryBuilder.entries(for: quantities, findings: findings)
        var byKey: [String: GlossaryEntry] = [:]
        for e in glossary { byKey[e.key] = e }
        let names = byKey.mapValues(\.name)
        let constants = Set(glossary.filter { $0.value != nil }.map(\.key))
        let powerNotes = Set(findings.powerNotes.keys)
        // Read only for a box that does not say so itself (none, in a paper without boxes): the
        // search reads every sentence of the paper.
        var elementwiseEvidence: SourceSpan??
        func elementwise() -> SourceSpan? {
            if let known = elementwiseEvidence { return known }
            let found = elementwiseSentence(blocks)
            elementwiseEvidence = .some(found)
            return found
        }

        var audit: [AuditLine] = []
        var traps: [Trap] = []
        for i in drafts.indices {
            let reader = readers[i]
            var varying = Set<String>()
            for step in drafts[i].steps { for a in step.assignments { for q in targetQuantities(a.target.tree, reader) { varying.insert(q.key) } } }
            let declared = Set(drafts[i].inputs.compactMap { input -> String? in
                let tree = parser.parse(input.symbol).root
                return reader.quantity(tree, spelled: false)?.key
            })
            let trees = drafts[i].steps.flatMap(\.allMath).map(\.tree)
            let notation = Notation(reader: reader, constants: constants.union(declared), powerNotes: powerNotes, varying: varying,
                                    labelledBases: Notation.labelledBases(in: trees, reader: reader))
            let printer = CodePrinter(names: names, notation: notation)
            let resolver = AlgorithmIRResolver(reader: reader, printer: printer, glossary: byKey, parser: parser, uses: draftUses[i])
            resolver.resolve(&drafts[i])
            drafts[i].notation = IRNotation(notation)
            let auditor = OperationAudit(map: map, notation: notation)
            for step in drafts[i].steps where step.kind != .end && !(step.form == .structure && step.kind != .else) {
                audit.append(auditLine(step, algorithm: drafts[i].id, auditor: auditor))
            }
            traps += TrapFinder(rules: rules, map: map).traps(drafts[i], notation: notation, glossary: byKey,
                                                               powerNotes: findings.powerNotes, uses: draftUses[i],
                                                               elementwiseEvidence: drafts[i].elementwise ? nil : elementwise())
        }

        // Core equations: plain rewrite, what they define and use.
        var definedByCore = Set<String>()
        for eq in equations where eq.role == .core {
            if let tree = trees[eq.id] { definedByCore.formUnion(classifier.definedKeys(tree, reader: proseReader)) }
        }
        let eqNotation = Notation(reader: proseReader, constants: constants, powerNotes: powerNotes, varying: definedByCore)
        let eqPrinter = CodePrinter(names: names, notation: eqNotation)
        let eqAuditor = OperationAudit(map: map, notation: eqNotation)
        for i in equations.indices where equations[i].role == .core {
            guard let tree = trees[equations[i].id] else { continue }
            let defines = classifier.definedKeys(tree, reader: proseReader)
            equations[i].defines = defines.map { names[$0] ?? $0 }
            equations[i].uses = (coreUseKeys[equations[i].id] ?? proseReader.uses(in: tree).keys).filter { !defines.contains($0) }.map { names[$0] ?? $0 }
            equations[i].plain = eqPrinter.statement(tree)
        }
        var flow: String?
        if drafts.isEmpty {
            let core = equations.filter { $0.role == .core }
            for eq in core {
                guard let tree = trees[eq.id] else { continue }
                audit.append(AuditLine(algorithm: nil, line: nil, equation: eq.id, source: eq.latex, plain: eq.plain ?? "",
                                       operations: eqAuditor.operations(in: tree).map(map.operation), prose: false, span: eq.span))
            }
            flow = CoreFlow(rules: rules).mermaid(core: core, trees: trees, reader: proseReader, printer: eqPrinter,
                                                  classifier: classifier, loopEquations: loopEquations(blocks, core: core, trees: trees, reader: proseReader))
        }
        return CoreAnalysis(algorithms: drafts, equations: equations, glossary: glossary, audit: audit, traps: traps, flow: flow)
    }

    /// Not spelled: their keys, counters and `initial` are read.
    private func targetQuantities(_ tree: MathNode, _ reader: QuantityReader) -> [Quantity] {
        if let q = reader.quantity(tree, spelled: false) { return [q] }
        if case .tuple(let items) = tree.kind { return items.compactMap { reader.quantity($0, spelled: false) } }
        return []
    }

    private func auditLine(_ step: IRStep, algorithm: String, auditor: OperationAudit) -> AuditLine {
        var ops: [String] = []
        // A declaration's math states constraints (`\epsilon > 0`), not computations.
        for m in step.allMath where step.kind != .declare { for op in auditor.operations(in: m.tree) where !ops.contains(op) { ops.append(op) } }
        if let p = step.prose ?? step.assignments.first?.valueProse, step.form == .prose || step.form == .mixed {
            for op in auditor.words(InlineMath(p).proseOnly) where !ops.contains(op) { ops.append(op) }
        }
        if step.plain.contains("zeros_like(") { ops.insert("zeros", at: 0) }
        if step.kind == .sample && !ops.contains(where: { $0.hasPrefix("sample") }) { ops.append("sample") }
        let prose = ops.isEmpty && (step.form == .prose || step.form == .mixed) && !Self.structuralKinds.contains(step.kind)
        return AuditLine(algorithm: algorithm, line: step.line, equation: nil, source: step.source, plain: step.plain,
                         operations: ops.map(map.operation), prose: prose, span: step.span)
    }

    /// Step kinds whose prose states structure, not an operation (a set built once, not per line).
    private static let structuralKinds: Set<IRStep.Kind> = [.loop, .if, .elseIf, .else, .until, .declare, .comment, .return, .break, .procedure]

    /// Equation numbers cited in algorithm lines and captions: "(3)", "Equation 5", "Eq. (6)".
    private func citedNumbers(_ paper: PaperBlocks) -> [String: String] {
        var out: [String: String] = [:]
        let numbers = Set(paper.equations.flatMap(\.numbers))
        guard !numbers.isEmpty else { return out }
        for a in paper.algorithms {
            let title = a.number.map { "Algorithm \($0)" } ?? "an algorithm"
            for text in [a.caption] + a.lines.flatMap({ [$0.text, $0.comment ?? ""] }) {
                for n in Self.parenthesisedNumbers(text) where numbers.contains(n) && out[n] == nil { out[n] = title }
            }
        }
        return out
    }

    /// "(3)", "Equation 5", "Eq. 6" → the numbers.
    static func parenthesisedNumbers(_ text: String) -> [String] {
        var out: [String] = []
        // Most lines have neither a parenthesis nor an "eq…" word.
        let bytes = text.utf8
        let hasParenthesis = bytes.contains(UInt8(ascii: "("))
        let hasEq = CatalogTokenizer.asciiLowercased(text).contains("eq")
        guard hasParenthesis || hasEq else { return out }
        // ASCII lines (nearly all) are read on bytes: an array of Characters costs far more.
        var copy = text
        if hasParenthesis, let found = copy.withUTF8({ b -> [String]? in
            guard b.allSatisfy({ $0 < 0x80 }) else { return nil }
            var found: [String] = []
            for i in b.indices where b[i] == UInt8(ascii: "(") {
                var j = i + 1
                while j < b.count, b[j] &- 0x30 < 10 || (b[j] == UInt8(ascii: ".") && j > i + 1) { j += 1 }
                if j < b.count, b[j] == UInt8(ascii: ")"), j > i + 1 {
                    found.append(String(decoding: UnsafeBufferPointer(rebasing: b[(i + 1)..<j]), as: UTF8.self))
                }
            }
            return found
        }) {
            out = found
        } else {
            let chars = hasParenthesis ? Array(text) : []
            var i = 0
            while i < chars.count {
                if chars[i] == "(" {
                    var j = i + 1
                    var n = ""
                    while j < chars.count, chars[j].isNumber || (chars[j] == "." && !n.isEmpty) { n.append(chars[j]); j += 1 }
                    if j < chars.count, chars[j] == ")", !n.isEmpty { out.append(n) }
                }
                i += 1
            }
        }
        guard hasEq else { return out }
        let words = text.split(separator: " ")
        for (k, w) in words.enumerated() where ["equation", "eq.", "eq", "equations", "eqs."].contains(w.lowercased()) && k + 1 < words.count {
            let n = words[k + 1].trimming("().,;")
            if !n.isEmpty, n.allSatisfy({ $0.isNumber || $0 == "." }) { out.append(n) }
        }
        return out
    }

    /// The paragraphs outside the appendix that cite an equation, with their section's role (nil:
    /// none); the role is found once per section, each title read once (kept in `titleRoles` for
    /// the equations' roles).
    private func citingParagraphs(_ paper: PaperBlocks, _ classifier: EquationClassifier,
                                  titleRoles: inout [String: String?]) -> [(references: [String], role: String?)] {
        var out: [(references: [String], role: String?)] = []
        var roles: [String?: String?] = [:]
        // Only the equations' labels are looked up in what these paragraphs cite: a paragraph
        // citing figures, tables or sections alone needs no section role.
        let equationLabels = Set(paper.equations.flatMap(\.labels))
        guard !equationLabels.isEmpty else { return out }
        for located in paper.all {
            guard case .paragraph(let p) = located.block, p.references.contains(where: equationLabels.contains),
                  !located.inAppendix else { continue }
            let key = located.section?.id
            let role = roles[key] ?? {
                let r = classifier.sectionRole(located, titleRoles: &titleRoles)
                roles[key] = r
                return r
            }()
            out.append((p.references, role))
        }
        return out
    }

    /// Labels cited by paragraphs in sections of the given roles (a paragraph outside any role
    /// counts as the method's).
    private func cited(_ paragraphs: [(references: [String], role: String?)], roles: Set<String>) -> Set<String> {
        var out = Set<String>()
        for p in paragraphs {
            guard let role = p.role ?? (roles.contains("method") ? "method" : nil), roles.contains(role) else { continue }
            out.formUnion(p.references)
        }
        return out
    }

    /// A sentence of the paper stating that operations are element-wise.
    private func elementwiseSentence(_ paper: PaperBlocks) -> SourceSpan? {
        for p in paper.paragraphs {
            for s in p.sentences {
                // Lower-casing every sentence costs more than looking for the word first.
                guard Self.mayContainOperation(s.text) else { continue }
                let lower = CatalogTokenizer.asciiLowercased(s.text)
                if lower.contains("operation") && rules.mentionsElementwise(lowercased: lower) { return s.span }
            }
        }
        return nil
    }

    /// False only when `text` cannot contain "operation" in any letter case: no ASCII-case-
    /// insensitive match of its bytes (lower-casing never makes these letters from others).
    static func mayContainOperation(_ text: String) -> Bool {
        mayContain(text, lowercased: "operation")
    }

    /// False only when the lower-cased `text` cannot contain `word` (lower case): no match of
    /// their bytes with bit 5 set (ASCII case folding, which matches a few more bytes than the
    /// letters: a pre-check, never the test itself). No copy of `text` is lower-cased.
    static func mayContain(_ text: String, lowercased word: String) -> Bool {
        var copy = text
        var needle = word
        return copy.withUTF8 { bytes in needle.withUTF8 { ByteScan.containsFolded(bytes, $0) } }
    }

    /// Core equations inside the training loop: their left side carries a step subscript, or the
    /// paragraph before them says "at each step".
    private func loopEquations(_ paper: PaperBlocks, core: [EquationRole], trees: [String: MathNode], reader: QuantityReader) -> Set<String> {
        var out = Set<String>()
        // The paragraph as written, lower-cased only when a core equation follows it (once): most
        // paragraphs precede none, and lower-casing every paragraph of the paper cost more than
        // the rest of the flow.
        var lastParagraph = ""
        var lowered: String?
        let coreIDs = Set(core.map(\.id))
        for located in paper.all {
            switch located.block {
            case .paragraph(let p):
                lastParagraph = p.text
                lowered = nil
            case .equation(let eq) where coreIDs.contains(eq.id):
                let lower = lowered ?? lastParagraph.lowercased()
                lowered = lower
                if rules.eachStepCues.contains(where: { lower.contains($0) }) { out.insert(eq.id); continue }
                if let tree = trees[eq.id] {
                    var lhsCounter = false
                    func visit(_ n: MathNode) {
                        switch n.kind {
                        case .lines(let items), .sequence(let items): items.forEach(visit)
                        case .binary(let op, let lhs, _) where op == .equal || op.isAssignment:
                            if reader.quantity(lhs, spelled: false)?.counter != nil { lhsCounter = true }
                        default: break
                        }
                    }
                    visit(tree)
                    if lhsCounter { out.insert(eq.id) }
                }
            default: break
            }
        }
        return out
    }
}
