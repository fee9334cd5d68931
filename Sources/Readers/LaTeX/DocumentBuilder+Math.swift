import Foundation
import PaperModel

extension DocumentBuilder {
    enum MathCloser: Equatable {
        case dollar, doubleDollar, paren, bracket
        case environment(String)
    }

    /// Reads math tokens (expanded) up to the closer, which is consumed. An unclosed `$` stops at
    /// the end of the paragraph with a diagnostic.
    mutating func readMathTokens(closer: MathCloser) -> [Token] {
        var out: [Token] = []
        out.reserveCapacity(32)
        var sameEnvironmentDepth = 0
        let start = out.first?.location
        while let t = ex.next() {
            switch closer {
            case .dollar:
                if t.kind == .mathShift { return out }
                let endsDocument = t.isControl("end") && ex.peekNonSpaceRaw()?.kind == .beginGroup
                    && { () -> Bool in
                        let group = ex.readArgumentRaw() ?? []
                        ex.pushBack([Token(.beginGroup, "{", t.location)] + group + [Token(.endGroup, "}", t.location)])
                        return Self.plain(group) == "document"
                    }()
                if t.kind == .paragraph || endsDocument || (t.kind == .control && CommandTable.sectioningNames.mightContain(t.text)
                                                                && commands[t.text]?.sectioning != nil) {
                    warn(.unclosedMath, "inline math opened with $ is not closed before the paragraph ends",
                         at: out.first?.location ?? t.location)
                    ex.pushBack(t)
                    return out
                }
            case .doubleDollar:
                if t.kind == .mathShift {
                    if let n = ex.nextRaw(), n.kind != .mathShift { ex.pushBack(n) }
                    return out
                }
            case .paren:
                if t.isControl(")") { return out }
            case .bracket:
                if t.isControl("]") { return out }
            case .environment(let name):
                if t.isControl("begin") || t.isControl("end"), let peek = ex.peekNonSpaceRaw(), peek.kind == .beginGroup {
                    let group = ex.readArgumentRaw() ?? []
                    let envName = Self.plain(group)
                    if envName == name {
                        if t.text == "end" {
                            if sameEnvironmentDepth == 0 { return out }
                            sameEnvironmentDepth -= 1
                        } else {
                            sameEnvironmentDepth += 1
                        }
                    }
                    out.append(t)
                    out.append(Token(.beginGroup, "{", t.location))
                    out += group
                    out.append(Token(.endGroup, "}", t.location))
                    continue
                }
            }
            if t.kind == .paragraph {
                out.append(Token(.space, " ", t.location))
                continue
            }
            out.append(t)
            if out.count > 200_000 { break }
        }
        if closer != .dollar {
            warn(.unclosedMath, "display math is not closed before the end of the file", at: start)
        }
        return out
    }

    /// A display equation (`$$…$$`, `\[…\]`, or a math environment whose `\begin` was read).
    mutating func parseDisplayMath(closer: MathCloser, environment: String, start: TokenLocation) -> Equation? {
        let tokens = readMathTokens(closer: closer)
        let endLocation = ex.files.path(start.file) == ex.files.path(tokens.last?.location.file ?? start.file)
            ? lastConsumedLocation(after: tokens, start: start) : nil
        let numberedEnvironment: Bool
        let multiRow: Bool
        switch environment {
        case "$$", "\\[", "displaymath", "math": numberedEnvironment = false
        default: numberedEnvironment = !environment.hasSuffix("*")
        }
        switch environment.replacingOccurrences(of: "*", with: "") {
        case "align", "gather", "eqnarray", "flalign", "alignat": multiRow = true
        default: multiRow = false
        }
        // Split into rows at top-level `\\` (only for multi-row environments).
        var rows: [[Token]] = [[]]
        var depth = 0
        var envDepth = 0
        for t in tokens {
            if t.kind == .beginGroup { depth += 1 }
            if t.kind == .endGroup { depth -= 1 }
            if t.isControl("begin") { envDepth += 1 }
            if t.isControl("end") { envDepth -= 1 }
            if multiRow, depth == 0, envDepth == 0, t.isControl("\\") {
                rows.append([])
                continue
            }
            rows[rows.count - 1].append(t)
        }
        var eqRows: [EquationRow] = []
        var allLabels: [String] = []
        var numbers: [String] = []
        var cleaned: [[Token]] = []
        for row in rows {
            var body: [Token] = []
            var label: String? = nil
            var suppress = false
            var tag: String? = nil
            var i = 0
            while i < row.count {
                let t = row[i]
                if t.isControl("label") || t.isControl("tag") {
                    var j = i + 1
                    while j < row.count, row[j].kind == .space { j += 1 }
                    var arg: [Token] = []
                    if j < row.count, row[j].kind == .beginGroup {
                        var d = 0
                        j += 1
                        while j < row.count {
                            if row[j].kind == .beginGroup { d += 1 }
                            if row[j].kind == .endGroup { if d == 0 { break }; d -= 1 }
                            arg.append(row[j])
                            j += 1
                        }
                    }
                    if t.text == "label" { label = Self.plain(arg) } else { tag = Self.plain(arg) }
                    i = j + 1
                    continue
                }
                if t.isControl("nonumber") || t.isControl("notag") {
                    suppress = true
                    i += 1
                    continue
                }
                body.append(t)
                i += 1
            }
            let tex = body.tex.trimmedSpace
            if tex.isEmpty && label == nil { continue }
            var number: String? = tag
            if number == nil, numberedEnvironment, !suppress {
                equationCounter += 1
                number = equationNumber(equationCounter)
            }
            if let number { numbers.append(number) }
            if let label { allLabels.append(label) }
            eqRows.append(EquationRow(tex: tex, label: label, number: number))
            cleaned.append(body)
        }
        // For single-number environments (equation, multline) only one number is printed.
        if !multiRow, numbers.count > 1 { numbers = [numbers[0]] }
        let tex = cleaned.map { $0.tex.trimmedSpace }
            .joined(separator: multiRow ? " \\\\\n" : "\n")
        guard !tex.isEmpty || !allLabels.isEmpty else { return nil }
        let id = nextID("eq")
        for (k, row) in eqRows.enumerated() where row.label != nil {
            register(label: row.label!, NodeRef(kind: .equation, id: id, number: row.number ?? numbers.first),
                     at: start)
            _ = k
        }
        var source: String? = nil
        if let endLocation, let raw = ex.files.slice(start, endLocation) {
            let trimmed = raw.trimmedSpace
            if trimmed != tex { source = trimmed }
        }
        return Equation(id: id, tex: tex, source: source, environment: environment,
                        rows: multiRow ? eqRows : [], labels: allLabels, numbers: numbers,
                        span: span(start).through(span(endLocation ?? tokens.last?.location ?? start)))
    }

    /// The location just past the last token of the equation's own file (for source slices).
    private func lastConsumedLocation(after tokens: [Token], start: TokenLocation) -> TokenLocation? {
        guard let last = tokens.last(where: { $0.location.file == start.file && $0.location.offset >= start.offset })
        else { return nil }
        var loc = last.location
        loc.offset += Int32(last.tex.utf8.count)
        loc.column += Int32(last.tex.count)
        return loc
    }

    func equationNumber(_ n: Int) -> String {
        if ex.numberWithin["equation"] == "section" { return "\(currentTopSection).\(n)" }
        return String(n)
    }
}
