import MathParsing
import PaperModel

/// Reads an algorithm box into an ``AlgorithmIR`` draft: each line's math parsed, its statement
/// kind, assignments, loop header and prose. Names, keys and state variables are filled in
/// later by ``AlgorithmIRResolver``, once the whole paper's glossary is known.
struct AlgorithmIRBuilder: Sendable {
    var parser = MathMemo()
    var rules: CoreRules = .shared

    func draft(_ algorithm: Algorithm) -> AlgorithmIR {
        var inputs: [IRInput] = []
        var steps: [IRStep] = []
        var openLoops: [Int] = []  // step indices of open repeat loops, for `until`
        for (index, line) in algorithm.lines.enumerated() {
            var step = IRStep(line: index, depth: line.depth, kind: .prose, form: .prose, lineKind: line.kind.rawValue,
                              source: line.text, comment: line.comment, span: line.span)
            // `\vphantom{…}` only reserves space: a line of phantoms is an empty line.
            var text = line.text.strippingPhantoms.collapsedSpaces
            if text.replacingOccurrences(of: "$", with: "").trimming(" ").isEmpty { text = "" }
            switch line.kind {
            case .require, .ensure, .input, .output, .parameters:
                step.kind = .declare
                let declared = declarations(text, role: line.kind.rawValue, line: index, span: line.span)
                inputs += declared.inputs
                step.expressions = declared.math
                step.form = form(of: text, math: declared.math, structural: false)
                if step.form == .mixed && !declared.inputs.isEmpty && declared.math.allSatisfy(\.complete) && declared.inputs.allSatisfy({ $0.description != nil }) {
                    // "$\alpha$: step size" — math plus its description is fully read.
                    step.form = .math
                }
                step.prose = InlineMath(text).proseOnly.nilIfEmpty
            case .for, .forAll, .while, .loop, .repeat:
                step.kind = .loop
                let kind: IRLoop.Kind = switch line.kind {
                case .for: .for
                case .forAll: .forAll
                case .while: .while
                case .repeat: .repeat
                default: .loop
                }
                let header = loopHeader(text, kind: kind)
                step.loop = header.loop
                step.expressions = header.math
                step.form = form(of: text, math: header.math, structural: true)
                if line.kind == .repeat { openLoops.append(steps.count) }
            case .until:
                step.kind = .until
                let math = InlineMath(text).math.map(parse)
                step.expressions = math
                step.form = form(of: text, math: math, structural: true)
                let converged = rules.mentionsConvergence(text)
                step.loop = IRLoop(kind: .repeat, condition: InlineMath(text).flattened.nilIfEmpty, untilConverged: converged)
                if let open = openLoops.popLast() {
                    steps[open].loop?.condition = step.loop?.condition
                    steps[open].loop?.untilConverged = converged
                }
            case .if, .elseIf, .else:
                step.kind = line.kind == .if ? .if : line.kind == .elseIf ? .elseIf : .else
                let math = InlineMath(text).math.map(parse)
                step.expressions = math
                step.form = form(of: text, math: math, structural: true)
            case .endIf, .endFor, .endWhile, .endLoop, .endProcedure, .endFunction:
                step.kind = .end
                step.form = .structure
            case .procedure, .function:
                step.kind = .procedure
                let math = InlineMath(text).math.map(parse)
                step.expressions = math
                step.form = form(of: text, math: math, structural: true)
                step.prose = text.nilIfEmpty
            case .comment:
                step.kind = .comment
                let math = InlineMath(text).math.map(parse)
                step.expressions = math
                step.form = text.isEmpty ? .structure : (math.isEmpty ? .prose : .mixed)
                step.prose = text.nilIfEmpty ?? line.comment
            case .return, .print:
                statement(text, into: &step)
                if line.kind == .return || step.kind == .prose || step.kind == .call { step.kind = .return }
            case .state, .assign, .call, .initialize, .text:
                statement(text, into: &step)
                if line.kind == .initialize && step.kind == .assign { step.kind = .initialize }
            }
            steps.append(step)
        }
        return AlgorithmIR(id: algorithm.id, caption: algorithm.caption, label: algorithm.label, number: algorithm.number,
                           syntax: algorithm.syntax, span: algorithm.span, inputs: inputs, steps: steps,
                           stateVariables: [], loopCounters: [], elementwise: rules.mentionsElementwise(algorithm.caption))
    }

    func parse(_ tex: String) -> IRMath {
        let trimmed = tex.trimmingTrailingPunctuation
        let result = parser.parse(trimmed)
        return IRMath(tex: trimmed, tree: result.root, complete: result.complete)
    }

    // MARK: - Forms

    private func form(of text: String, math: [IRMath], structural: Bool) -> IRStep.Form {
        if text.isEmpty { return .structure }
        if math.isEmpty { return .prose }
        let inline = InlineMath(text)
        let complete = math.allSatisfy(\.complete)
        if inline.proseOnly.words.isEmpty || (structural && inline.isSingleMath) { return complete ? .math : .partialMath }
        return .mixed
    }

    // MARK: - Declarations

    private func declarations(_ text: String, role: String, line: Int, span: SourceSpan) -> (inputs: [IRInput], math: [IRMath]) {
        // "$T$: number of steps; $T_w < T$: number of warm-up steps": one declaration per part.
        var parts: [String] = []
        var current = ""
        var inMath = false
        for c in text {
            if c == "$" { inMath.toggle() }
            if c == ";" && !inMath { parts.append(current); current = "" } else { current.append(c) }
        }
        parts.append(current)
        let trimmed = parts.map { $0.trimming(" ") }.filter { !$0.isEmpty }
        if trimmed.count > 1, trimmed.allSatisfy({ $0.hasPrefix("$") }) {
            var inputs: [IRInput] = []
            var math: [IRMath] = []
            for part in trimmed {
                let (i, m) = declarations(part, role: role, line: line, span: span)
                inputs += i
                math += m
            }
            return (inputs, math)
        }
        let inline = InlineMath(text)
        var inputs: [IRInput] = []
        var math: [IRMath] = []
        func declare(_ m: IRMath, description: String?) {
            math.append(m)
            let (symbols, constraint) = declaredSymbols(m.tree)
            for node in symbols {
                // `\text{learning rate } \gamma` inside the math: the words describe the symbol.
                var symbol = node
                var words = description
                if case .sequence(let items) = node.kind, items.count >= 2,
                   items.dropLast().allSatisfy({ if case .text = $0.kind { true } else { false } }) {
                    symbol = items[items.count - 1]
                    words = items.dropLast().map(\.plainText).joined(separator: " ").collapsedSpaces.nilIfEmpty ?? description
                }
                inputs.append(IRInput(role: role, symbol: symbol.tex, key: "", name: "", description: words,
                                      constraint: constraint, line: line, span: span))
            }
        }
        let pieces = inline.pieces
        // "$X$: description" — the math first, then a colon.
        if case .math(let first)? = pieces.first, pieces.count >= 2, case .prose(let after) = pieces[1],
           let colon = after.trimmingLeadingSpaces.first, colon == ":" || colon == "—" || colon == "-" {
            let rest = InlineMath.joined(Array(pieces.dropFirst(2)), leading: String(after.trimmingLeadingSpaces.dropFirst()))
            let description = rest.trimming(" :-—.").nilIfEmpty
            declare(parse(first), description: description)
            for extra in inline.math.dropFirst() { math.append(parse(extra)) }
            return (inputs, math)
        }
        if inline.math.isEmpty {
            // Names in prose: "emb_dim, heads, h_dim".
            for item in text.split(separator: ",") {
                let name = item.trimming(" .;")
                guard !name.isEmpty else { continue }
                let words = name.split(separator: " ")
                if words.count == 1 {
                    inputs.append(IRInput(role: role, symbol: name, key: "", name: "", description: nil, constraint: nil,
                                          line: line, span: span))
                } else {
                    inputs.append(IRInput(role: role, symbol: "", key: "", name: "", description: name, constraint: nil,
                                          line: line, span: span))
                }
            }
            return (inputs, math)
        }
        // "description $X$, description $Y$ …": the words since the last comma describe the math.
        var words = ""
        for piece in pieces {
            switch piece {
            case .prose(let p):
                let parts = p.split(separator: ",", omittingEmptySubsequences: false)
                if parts.count > 1 { words = String(parts.last!) } else { words += p }
            case .math(let m):
                let description = words.trimming(" :.;").nilIfEmpty
                declare(parse(m), description: description.map(InlineMath.stripArticles))
                words = ""
            }
        }
        return (inputs, math)
    }

    /// The symbols a declaration's math names and the constraint written with them:
    /// `\beta_1, \beta_2 \in [0, 1)` gives both betas and "in [0, 1)".
    private func declaredSymbols(_ tree: MathNode) -> ([MathNode], String?) {
        switch tree.kind {
        case .binary(let op, let lhs, let rhs) where op.isRelation && !op.isAssignment && op != .equal:
            let (symbols, _) = declaredSymbols(lhs)
            let spelled = MathNode(.binary(op: op, lhs: MathNode(.empty, range: 0..<0), rhs: rhs), range: 0..<0).plainText
            return (symbols, spelled.trimming(" "))
        case .binary(let op, let lhs, _) where op == .equal || op.isAssignment:
            return declaredSymbols(lhs)
        case .tuple(let items):
            // `\beta_1, \beta_2 \in [0, 1)` parses as (β1, β2 ∈ [0, 1)): the constraint is everyone's.
            let read = items.map(declaredSymbols)
            return (read.flatMap(\.0), read.last?.1)
        default:
            return ([tree], nil)
        }
    }

    // MARK: - Loop headers

    private func loopHeader(_ text: String, kind: IRLoop.Kind) -> (loop: IRLoop, math: [IRMath]) {
        let inline = InlineMath(text)
        let math = inline.math.map(parse)
        var loop = IRLoop(kind: kind)
        let flat = inline.flattened
        switch kind {
        case .while:
            loop.condition = flat.nilIfEmpty
            loop.untilConverged = rules.mentionsConvergence(flat)
        case .repeat, .loop:
            break
        case .for, .forAll:
            readRange(flat, into: &loop)
        }
        return (loop, math)
    }

    /// `t = 1 to T`, `t = 1, …, T`, `t = T counting down to 1`, `x \in X`, `each sample …`.
    private func readRange(_ flat: String, into loop: inout IRLoop) {
        var text = flat
        for prefix in ["each ", "every ", "all "] where text.lowercased().hasPrefix(prefix) {
            text = String(text.dropFirst(prefix.count))
        }
        // Split at the first `=`, `\gets`, `\leftarrow`, `:=`, or `\in`.
        let separators = [":=", "\\gets", "\\leftarrow", "←", "=", "\\in ", "\\in{", "∈"]
        var split: (String, String, String)?
        for sep in separators {
            if let r = text.range(of: sep) {
                if split == nil || r.lowerBound < text.range(of: split!.1)!.lowerBound {
                    split = (String(text[..<r.lowerBound]), sep, String(text[r.upperBound...]))
                }
            }
        }
        guard let (lhsText, sep, rhsText) = split else {
            loop.over = text.nilIfEmpty
            return
        }
        let variable = parser.parse(lhsText.trimming(" "))
        // "for iteration $i = 1$ to $N$": the words before the variable name it.
        let lastWord = lhsText.split(separator: " ").last.map { parser.parse(String($0)).root.kind }
        if case .symbol(let s) = variable.root.kind {
            loop.variable = s.name
        } else if lhsText.contains(" "), case .symbol(let s)? = lastWord {
            loop.variable = s.name
        } else {
            loop.variable = lhsText.trimming(" ").nilIfEmpty
        }
        if sep.hasPrefix("\\in") || sep == "∈" {
            loop.over = rhsText.trimming(" ").nilIfEmpty
            return
        }
        let rhs = rhsText
        for marker in [" counting down to ", " down to ", " downto "] {
            if let r = rhs.range(of: marker) {
                loop.from = plain(String(rhs[..<r.lowerBound]))
                loop.to = plain(String(rhs[r.upperBound...]))
                loop.descending = true
                return
            }
        }
        for marker in [" to ", " until ", " up to ", ":"] {
            if let r = rhs.range(of: marker) {
                loop.from = plain(String(rhs[..<r.lowerBound]))
                loop.to = plain(String(rhs[r.upperBound...]))
                return
            }
        }
        // `1, \ldots, T` or `1, 2, \hdots`.
        let parts = rhs.split(separator: ",").map { $0.trimming(" ") }
        if parts.count >= 2 {
            loop.from = plain(parts[0])
            let last = parts.last!
            loop.to = ["\\ldots", "\\dots", "\\hdots", "\\cdots", "…", "..."].contains(last) ? nil : plain(last)
            return
        }
        loop.from = plain(rhs)
    }

    private func plain(_ tex: String) -> String? {
        let t = tex.trimming(" .")
        guard !t.isEmpty else { return nil }
        let r = parser.parse(t)
        return r.complete ? r.root.plainText : t
    }

    // MARK: - Statements

    private func statement(_ text: String, into step: inout IRStep) {
        guard !text.isEmpty else {
            step.form = .structure
            step.kind = step.comment == nil ? .prose : .comment
            return
        }
        var inline = InlineMath(text)
        // A leading verb: "initialize $S_0 = …$", "Sample $t \sim U(0, 1)$", "return $\theta$".
        var verbKind: String?
        if case .prose(let first)? = inline.pieces.first {
            let words = first.words
            if let verb = words.first, let kind = rules.statementVerbs[verb] {
                verbKind = kind
                if words.count == 1 { inline.pieces.removeFirst() }
            }
        }
        // Trailing parenthesised references: "(Eq. (6))", "(see …)".
        if case .prose(let last)? = inline.pieces.last, inline.pieces.count > 1,
           last.trimmingLeadingSpaces.hasPrefix("(") || last.trimmingLeadingSpaces.lowercased().hasPrefix("see ") {
            inline.pieces.removeLast()
        }
        let math = inline.math
        let proseWords = inline.proseOnly.words.filter { $0 != "and" }
        if math.isEmpty {
            let lower = text.lowercased().trimming(" .;")
            if ["break", "continue", "exit"].contains(lower) {
                step.kind = .break
                step.form = .structure
                return
            }
            step.prose = text
            step.form = .prose
            step.kind = verbKind == "return" ? .return : verbKind == "call" || verbKind == "sample" ? .call : .prose
            return
        }
        if proseWords.isEmpty {
            // Math only: one or several formulas separated by commas.
            var assignments: [IRAssignment] = []
            var expressions: [IRMath] = []
            for m in math {
                let parsed = parse(m)
                let found = Self.assignments(in: parsed.tree, complete: parsed.complete, parse: parse)
                if found.isEmpty { expressions.append(parsed) } else { assignments += found }
            }
            step.assignments = assignments
            step.expressions = expressions
            step.form = (assignments.map(\.target) + assignments.compactMap(\.value) + expressions).allSatisfy(\.complete) ? .math : .partialMath
            if !assignments.isEmpty {
                step.kind = assignments.allSatisfy { $0.operation == .sample } ? .sample : (verbKind == "initialize" ? .initialize : .assign)
            } else {
                step.kind = verbKind == "return" ? .return : .call
            }
            return
        }
        // "$q =$ Dense(…)($x$)": an assignment whose value is written in words.
        if case .math(let first)? = inline.pieces.first {
            let t = first.trimming(" ")
            for op in ["=", "\\gets", "\\leftarrow", ":=", "←"] where t.hasSuffix(op) {
                let target = parse(String(t.dropLast(op.count)))
                let rest = InlineMath.joined(Array(inline.pieces.dropFirst()), leading: "")
                let args = Array(math.dropFirst()).map(parse)
                step.assignments = [IRAssignment(target: target, targetKey: nil, targetKeys: [], value: nil,
                                                 valueProse: rest.collapsedSpaces, operation: .assign)]
                step.expressions = args
                step.kind = .call
                step.form = .mixed
                step.prose = rest.collapsedSpaces
                return
            }
        }
        // Prose with math in it.
        let parsed = math.map(parse)
        step.expressions = parsed
        step.prose = text
        step.form = .mixed
        switch verbKind {
        case "return": step.kind = .return
        case "sample": step.kind = .sample
        case "initialize":
            let found = parsed.flatMap { Self.assignments(in: $0.tree, complete: $0.complete, parse: parse) }
            step.assignments = found
            step.kind = .initialize
        case "call", "assign": step.kind = .call
        default: step.kind = .prose
        }
    }

    /// Assignments at the top of a formula: `a ← b`, `a = b`, `a \sim p`, `a, b = c, d`,
    /// `a ← b, \quad i = 1, …, M` (with a qualifier), `a = 0, b = 0`.
    static func assignments(in tree: MathNode, complete: Bool, parse: (String) -> IRMath) -> [IRAssignment] {
        func math(_ node: MathNode) -> IRMath { IRMath(tex: node.tex, tree: node, complete: !node.containsRaw) }
        switch tree.kind {
        case .binary(let op, let lhs, let rhs) where op.isAssignment || op == .equal:
            if case .binary(let inner, _, _) = lhs.kind, inner.isRelation { return [] }
            return [IRAssignment(target: math(lhs), targetKey: nil, targetKeys: [], value: math(rhs), operation: .assign)]
        case .binary(.similar, let lhs, let rhs):
            return [IRAssignment(target: math(lhs), targetKey: nil, targetKeys: [], value: math(rhs), operation: .sample)]
        case .sequence(let items):
            guard let first = items.first else { return [] }
            var found = assignments(in: first, complete: complete, parse: parse)
            if found.count == 1, items.count > 1 {
                let rest = items.dropFirst().filter { if case .text = $0.kind { false } else { true } }
                if let q = rest.first { found[0].qualifier = math(q) }
            }
            return found
        case .tuple(let items):
            let singles = items.map { assignments(in: $0, complete: complete, parse: parse) }
            if singles.allSatisfy({ $0.count == 1 }) { return singles.flatMap { $0 } }
            // `a, b = c, d` parses as (a, b = c, d): one assignment of a tuple.
            let withAssignment = singles.indices.filter { singles[$0].count == 1 }
            // `\theta_0, m_0 \gets 0, v_0 \gets 0, t \gets 0`: several assignments beside a bare
            // symbol (given, not assigned) are those assignments.
            if withAssignment.count >= 2, singles.allSatisfy({ $0.count <= 1 }) { return singles.flatMap { $0 } }
            guard withAssignment.count == 1, let k = withAssignment.first,
                  case .binary(let op, let lhs, let rhs) = items[k].kind else { return [] }
            let targets = Array(items[..<k]) + [lhs]
            let values = [rhs] + Array(items[(k + 1)...])
            let target = MathNode(.tuple(targets), range: tree.range)
            let value = values.count == 1 ? values[0] : MathNode(.tuple(values), range: tree.range)
            return [IRAssignment(target: math(target), targetKey: nil, targetKeys: [], value: math(value),
                                 operation: op == .similar ? .sample : .assign)]
        default:
            return []
        }
    }
}

extension InlineMath {
    /// Pieces back into one string (math in dollars), after a leading string.
    static func joined(_ pieces: [Piece], leading: String) -> String {
        leading + pieces.map { switch $0 { case .prose(let p): p; case .math(let m): "$" + m + "$" } }.joined()
    }

    /// "the step size" → "step size".
    static func stripArticles(_ s: String) -> String {
        var words = s.split(separator: " ").map(String.init)
        while let first = words.first, ["the", "a", "an"].contains(first.lowercased()) { words.removeFirst() }
        return words.joined(separator: " ")
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }

    /// Without `\phantom{…}`, `\vphantom{…}`, `\hphantom{…}` (balanced braces).
    var strippingPhantoms: String {
        guard contains("phantom{") else { return self }
        var out = ""
        var rest = Substring(self)
        while let r = rest.range(of: "phantom{") {
            var head = rest[..<r.lowerBound]
            if head.hasSuffix("\\v") || head.hasSuffix("\\h") { head = head.dropLast(2) } else if head.hasSuffix("\\") { head = head.dropLast() }
            out += head
            var depth = 1
            var i = r.upperBound
            while i < rest.endIndex, depth > 0 {
                if rest[i] == "{" { depth += 1 } else if rest[i] == "}" { depth -= 1 }
                i = rest.index(after: i)
            }
            rest = rest[i...]
        }
        return out + rest
    }

    var trimmingLeadingSpaces: Substring { drop(while: { $0 == " " }) }

    /// Drops trailing `.`, `,`, `;` and spaces (and TeX spacing commands) that end a formula in prose.
    var trimmingTrailingPunctuation: String {
        // Everything trimmed ends in one of these bytes; most formulas end otherwise.
        guard let end = utf8.last, end == 0x20 || end == 0x2E || end == 0x2C || end == 0x3B || end == 0x21
                || end == 0x64 || end == 0x7E else { return self }
        var s = Substring(self)
        while true {
            // Only whether something was removed matters: UTF-8 length, not a character count.
            let before = s.utf8.count
            while let last = s.last, last == " " || last == "." || last == "," || last == ";" { s.removeLast() }
            for spacing in ["\\,", "\\;", "\\!", "\\quad", "\\qquad", "~"] where s.hasSuffix(spacing) {
                s.removeLast(spacing.count)
            }
            if s.utf8.count == before { break }
        }
        return String(s)
    }

}

extension StringProtocol {
    /// Drops the given characters from both ends.
    func trimming(_ set: String) -> String {
        if let trimmed = asciiTrimming(set) { return trimmed }
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }

    /// ``trimming(_:)`` on bytes (the glossary and the IR trim thousands of short strings, and
    /// each `Character` costs far more than a byte): a byte is a character when it and its
    /// neighbours are ASCII and it is not CR or LF (CR LF is one character). Nil when a byte
    /// trimmed has a non-ASCII neighbour, or the set holds CR, LF or non-ASCII characters.
    private func asciiTrimming(_ set: String) -> String? {
        let drop = set.utf8
        guard drop.allSatisfy({ $0 < 0x80 && $0 != 0x0D && $0 != 0x0A }) else { return nil }
        let whole = Substring(self)
        let b = whole.utf8
        var lower = b.startIndex, upper = b.endIndex
        while lower < upper, drop.contains(b[lower]) {
            let next = b.index(after: lower)
            if next < upper, b[next] >= 0x80 { return nil }
            lower = next
        }
        while upper > lower {
            let last = b.index(before: upper)
            guard drop.contains(b[last]) else { break }
            if last > b.startIndex, b[b.index(before: last)] >= 0x80 { return nil }
            upper = last
        }
        return String(whole[lower..<upper])
    }
}
