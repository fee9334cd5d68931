import PaperModel

/// Reads settings from tables that list them: one row per setting ("Hyperparameter | Value",
/// or one column per model size or task), or one column per setting and one row per model
/// ("Size | Hidden Dim. | #Layers"). Results tables (accuracy, BLEU, loss…) are left alone.
struct HyperTableReader {
    let sentences: HyperSentenceReader
    /// The sentence reader's rules and vocabulary, stored: a computed property copied the whole
    /// struct (some thirty word sets) on every look-up.
    let rules: HyperparameterRules
    let vocabulary: HyperparameterVocabulary

    struct Cell {
        var candidate: HyperCandidate
        var row: Int
        var evidence: String
        /// Set for a table of one row per model or run: the cell's place, so that equal values in
        /// two rows (two models) stay two settings.
        var place: String? = nil
    }

    /// Names the paper's own method apart from the baselines a table compares it with.
    var methods = HyperMethodNames()

    init(sentences: HyperSentenceReader, methods: HyperMethodNames = HyperMethodNames()) {
        self.sentences = sentences
        self.rules = sentences.rules
        self.vocabulary = sentences.vocabulary
        self.methods = methods
    }

    enum Orientation { case rows, columns }

    /// A cell's value.
    enum CellValue {
        case numbers([Double], isSet: Bool, isTuple: Bool, isPercent: Bool, isInteger: Bool, raw: String)
        case text(String)
        case empty
    }

    func read(_ table: Table, site: HyperSite, unicodeExponents: Bool) -> [Cell] {
        // The rows kept, with their index in the table. Built as far as needed: the header rows
        // (at most the first three rows kept) decide a results table before the rest is built.
        var rows = HyperTableGrid(table)
        var grid: [[String]] = []
        var rowIndex: [Int] = []
        // The label of the block a row is in: "Pre-train on JFT" over the rows that follow it.
        var groups: [String?] = []
        var group: String?
        func keepRows(upTo limit: Int) {
            while rows.next < rows.count, grid.count < limit {
                let r = rows.next
                let row = rows.nextRow()
                // Drop empty rows and rows that are one spanned label ("Training with 1T tokens"):
                // distinct non-empty texts: none, or one alone in a wide row.
                var first: String?
                var several = false
                for cell in row {
                    let t = Self.trim(cell)
                    if t.isEmpty { continue }
                    if let f = first { if f != t { several = true; break } } else { first = t }
                }
                if first == nil { continue }
                if !several, row.count > 2 {
                    if !grid.isEmpty { group = first }
                    continue
                }
                grid.append(row)
                rowIndex.append(r)
                groups.append(group)
            }
        }
        // Three rows kept, or the whole table: enough for the checks and the header rows below.
        keepRows(upTo: 3)
        guard grid.count >= 2, let width = grid.first?.count, width >= 2 else { return [] }

        // Header rows: no value in any cell but the first.
        var headerCount = 0
        while headerCount < min(2, grid.count - 1) {
            let row = grid[headerCount]
            let hasValue = row.dropFirst().contains { cellValue($0, unicodeExponents: unicodeExponents).isNumeric }
            if hasValue { break }
            headerCount += 1
        }
        let header: [String] = headerCount > 0 ? grid[headerCount - 1].map(Self.trim) : Array(repeating: "", count: width)

        let captionWords = Self.words(table.caption)
        let headerWords = grid[..<headerCount].flatMap { $0.flatMap(Self.words) }
        let cue = hasCue(captionWords) || hasCue(headerWords)
        let headerResults = headerWords.contains { rules.tableResultCues.contains($0) }
        let captionResults = captionWords.contains { rules.tableResultCues.contains($0) }
        // A results table (results in its header, or in its caption with no settings cue) lists
        // no settings: decided before its names are looked up, and before its body is built.
        if headerResults || (captionResults && !cue) { return [] }
        keepRows(upTo: .max)
        let body = Array(grid[headerCount...])
        let bodyRows = Array(rowIndex[headerCount...])

        let rowNames = body.map { Self.trim($0[0]) }
        let rowKnown = share(rowNames)
        let colNames = Array(header.dropFirst())
        let colKnown = share(colNames)

        let orientation: Orientation
        if (cue && !headerResults && rowKnown >= 0.2) || (rowKnown >= 0.6 && !headerResults && !captionResults) {
            orientation = .rows
        } else if (cue && !headerResults && colKnown >= 0.5) || (colKnown >= 0.75 && !headerResults && !captionResults) {
            orientation = .columns
        } else {
            return []
        }

        let context = site.sectionTitle
        var out: [Cell] = []
        switch orientation {
        case .rows:
            let scopeIsColumns = (0..<width).map { c in c < header.count && !header[c].isEmpty && !isGeneric(header[c]) }
            for (b, row) in body.enumerated() {
                let name = Self.trim(row[0])
                guard !name.isEmpty, !isHardware(name) else { continue }
                for c in 1..<width {
                    let cell = Self.trim(row[c])
                    let head = c < header.count ? header[c] : ""
                    let scopeIsColumn = scopeIsColumns[c]
                    let scope = scopeIsColumn ? head : context
                    let evidence = scopeIsColumn ? "\(name): \(head) = \(cell)" : "\(name) = \(cell)"
                    for cand in candidates(name: name, cell: cell, scope: scope, site: site, unicodeExponents: unicodeExponents) {
                        out.append(Cell(candidate: cand, row: bodyRows[b], evidence: evidence))
                    }
                }
            }
        case .columns:
            let plan = comparison(header: header, body: body)
            let bodyGroups = Array(groups[headerCount...])
            let repeated = repeatedColumns(body: body, skipping: plan.baselineRows, unicodeExponents: unicodeExponents)
            for (b, row) in body.enumerated() where !plan.baselineRows.contains(b) {
                let rowName = Self.rowLabel(row, header: header, resolve: { resolve($0).entry != nil })
                for c in 1..<width where !plan.skipColumns.contains(c) {
                    let head = c < header.count ? header[c] : ""
                    guard !head.isEmpty else { continue }
                    var cell = Self.trim(row[c])
                    var name = head
                    var label: String?
                    // A cell that names its setting or its case: "Mixup: 0.5" under "Augmentations",
                    // "64 × 64: 0.1" under "Dropout".
                    if let (l, v) = labelled(cell, unicodeExponents: unicodeExponents) {
                        if resolve(l).entry != nil || (resolve(head).entry == nil && l.contains(where: \.isLetter)) { name = l } else { label = l }
                        cell = v
                    }
                    guard resolve(name).entry != nil || name != head else { continue }
                    // The scope: the row's label, its block's label, and the column's qualifier
                    // when two columns hold one setting ("Sophia-H lr", "Sophia-G lr").
                    var parts: [String] = rowName.isEmpty ? [] : [rowName]
                    if let g = bodyGroups[b] { parts.append(g) }
                    if plan.qualified.contains(c) { parts.append(head) }
                    if let l = label { parts.append(l) }
                    // A value repeated on every row is one setting of the whole table.
                    let once = repeated.contains(c)
                    let scope = parts.isEmpty || once ? context : parts.joined(separator: ", ")
                    let evidence = "\(rowName): \(name) = \(cell)"
                    for cand in candidates(name: name, cell: cell, scope: scope, site: site, unicodeExponents: unicodeExponents) {
                        out.append(Cell(candidate: cand, row: bodyRows[b], evidence: evidence, place: once ? nil : "r\(b)c\(c)"))
                    }
                }
            }
        }
        return out
    }

    /// Which rows and columns of a one-row-per-model table are the baselines', and which columns
    /// need their header in the scope.
    struct Comparison {
        var baselineRows: Set<Int> = []
        var skipColumns: Set<Int> = []
        var qualified: Set<Int> = []
    }

    /// A method column ("Optimizer": AdamW, Lion) names the method of each row; columns of one
    /// setting ("AdamW lr", "Lion lr") name theirs in the header. Rows and columns of a method
    /// the title and abstract name less than another of the table's are the baselines'. A method
    /// column that tells rows apart is the rows' identity, not a setting.
    func comparison(header: [String], body: [[String]]) -> Comparison {
        var plan = Comparison()
        // Columns of one setting, told apart by a qualifier in the header.
        var bySetting: [String: [Int]] = [:]
        for c in 1..<header.count {
            if let e = resolve(header[c]).entry { bySetting[e.name, default: []].append(c) }
        }
        var qualifiers: [Int: String] = [:]
        for cols in bySetting.values where cols.count >= 2 {
            for c in cols {
                plan.qualified.insert(c)
                let words = header[c].split(separator: " ").map(String.init)
                if let q = words.first(where: { HyperMethodNames.isName($0) && resolve($0).entry == nil }) { qualifiers[c] = q }
            }
        }
        var methodColumns: [Int] = []
        for c in header.indices where Self.words(header[c]).contains(where: { rules.methodColumnHeaders.contains($0) }) {
            methodColumns.append(c)
        }
        var names = Set(qualifiers.values)
        var rowMethods: [Int: String] = [:]
        for c in methodColumns {
            var seen: Set<String> = []
            for (b, row) in body.enumerated() where c < row.count {
                let t = Self.trim(row[c])
                guard HyperMethodNames.isName(t) else { continue }
                rowMethods[b] = t
                seen.insert(t)
            }
            if seen.count >= 2 { plan.skipColumns.insert(c) }
            names.formUnion(seen)
        }
        let baselines = methods.baselines(among: names)
        guard !baselines.isEmpty else { return plan }
        for (b, m) in rowMethods where baselines.contains(m) { plan.baselineRows.insert(b) }
        for (c, q) in qualifiers where baselines.contains(q) { plan.skipColumns.insert(c) }
        return plan
    }

    /// Columns that hold a value on every row, and no more than two values across many rows
    /// (β1 = 0.9 on twenty models, 0.95 on the language models): a setting of the whole table.
    func repeatedColumns(body: [[String]], skipping: Set<Int>, unicodeExponents: Bool) -> Set<Int> {
        // Rows of settings: not a baseline's, with a value somewhere (not a label split in cells).
        let rows = body.indices.filter { b in
            !skipping.contains(b) && body[b].dropFirst().contains { cellValue(Self.trim($0), unicodeExponents: unicodeExponents).isNumeric }
        }
        guard rows.count >= rules.repeatedColumnMinimumRows, let width = body.first?.count else { return [] }
        var out: Set<Int> = []
        for c in 1..<width {
            var values: Set<String> = []
            var full = true
            for b in rows {
                let t = Self.trim(body[b][c])
                guard cellValue(t, unicodeExponents: unicodeExponents).isNumeric else { full = false; break }
                values.insert(t)
                if values.count > 2 { full = false; break }
            }
            if full { out.insert(c) }
        }
        return out
    }

    /// "Mixup: 0.5", "RandAug: 2, 15", "64 × 64: 0.1": a label, a colon, and a value.
    func labelled(_ cell: String, unicodeExponents: Bool) -> (String, String)? {
        guard ScalarText.contains(cell, byte: 0x3A), let colon = cell.range(of: ": ", options: .backwards) else { return nil }
        let label = Self.trim(String(cell[..<colon.lowerBound]))
        let value = Self.trim(String(cell[colon.upperBound...]))
        guard !label.isEmpty, cellValue(value, unicodeExponents: unicodeExponents).isNumeric else { return nil }
        return (label, value)
    }

    /// A row's label: its first cell, or the next one when the first is a dash ("– | 30M | 384").
    static func rowLabel(_ row: [String], header: [String], resolve: (String) -> Bool) -> String {
        let first = trim(row[0])
        guard first == "–" || first == "-" || first == "—", row.count > 2, header.count > 1, !resolve(header[1]) else {
            return first
        }
        return trim(row[1])
    }

    // MARK: - Cells

    func candidates(name rawName: String, cell: String, scope: String?, site: HyperSite, unicodeExponents: Bool) -> [HyperCandidate] {
        guard !cell.isEmpty else { return [] }
        let name = Self.dropParenthetical(rawName)
        let r = resolve(name)
        let conf = 0.88 + max(0, site.weight)
        switch cellValue(cell, unicodeExponents: unicodeExponents) {
        case .empty:
            return []
        case .numbers(let vals, let isSet, let isTuple, let pct, let ints, let raw):
            // One value per symbol: "Baseline $\beta_1, \beta_2$ | 0.9, 0.95".
            if r.symbols.count >= 2, vals.count == r.symbols.count, !isSet {
                return zip(r.symbols, vals).compactMap { sym, v in
                    let e = sentences.memo.canonical(forSymbol: sym.key).first
                    return sentences.make(name: sym.key, entry: e, symbol: sym.tex, value: .number(v), raw: raw, isInteger: ints,
                                          isPercent: false, unit: nil, scope: scope, confidence: conf)
                }
            }
            // "Adam $\beta$ | (0.9, 0.95)".
            if isTuple, r.symbols.count == 1, vals.count >= 2 {
                let rel = HyperRelation(lhs: r.symbols[0].tex, key: r.symbols[0].key, op: .equals, values: vals, isSet: false,
                                        isBracket: false, expression: nil, raw: raw, isPercent: pct, isInteger: ints)
                if let exp = sentences.expandTuple(rel) {
                    return exp.compactMap { e, k, v in
                        sentences.make(name: k, entry: e, symbol: k, value: .number(v), raw: raw, isInteger: ints,
                                       isPercent: false, unit: nil, scope: scope, confidence: conf)
                    }
                }
            }
            let value: HyperValue = vals.count == 1 ? .number(pct ? ExactDecimal.fraction(percent: vals[0]) : vals[0]) : .set(vals)
            // A symbol names a setting on its own only when the row has no words of its own: "Damping
            // $\lambda$" is not weight decay because weight decay is often written $\lambda$.
            let entry = r.entry ?? (r.hasWords ? nil : r.symbols.first.flatMap { sentences.memo.canonical(forSymbol: $0.key).first })
            let known = entry != nil
            guard let c = sentences.make(name: name, entry: entry, symbol: r.symbols.first?.tex, value: value, raw: raw,
                                         isInteger: ints, isPercent: pct && vals.count == 1, unit: pct && vals.count == 1 ? "%" : nil,
                                         scope: scope, confidence: known ? conf : conf - 0.1) else {
                return []
            }
            return [c]
        case .text(let text):
            if let e = r.entry, e.kind == .choice || e.kind == .schedule {
                if rules.descriptiveCanonicals.contains(e.name) { return [] }
                return [HyperCandidate(name: name, canonical: e.name, symbol: nil, value: .text(text), raw: text, unit: nil,
                                       scope: scope, confidence: conf - 0.05)]
            }
            // A number the paper mistyped ("0.0.002") stays as written, for a known numeric setting.
            if let e = r.entry, e.kind == .real || e.kind == .integer, Self.looksNumeric(text) {
                return [HyperCandidate(name: name, canonical: e.name, symbol: nil, value: .text(text), raw: text, unit: nil,
                                       scope: scope, confidence: conf - 0.2)]
            }
            // Prose in a cell: "12 layer VarNet 2.0", "DenseNet [6,12,24,16], growth rate 12".
            let tokens = HyperTokenizer.tokenize(text, unicodeExponents: unicodeExponents, memo: sentences.memo)
            var inner = site
            inner.sectionTitle = scope
            return sentences.read(tokens, text: text, site: inner).filter { $0.canonical != nil }
        }
    }

    func cellValue(_ raw: String, unicodeExponents: Bool) -> CellValue {
        if let v = cache.cells[raw] { return v }
        let v = cellValueUncached(raw, unicodeExponents: unicodeExponents)
        cache.cells[raw] = v
        return v
    }

    func cellValueUncached(_ raw: String, unicodeExponents: Bool) -> CellValue {
        var text = Self.trim(raw)
        if text.isEmpty || text == "-" || text == "—" || text == "–" || text == "N/A" || text == "n/a" { return .empty }
        // "300 000": thousands separated by spaces.
        if Self.spacedThousands(text) { text = text.replacingOccurrences(of: " ", with: "") }
        var tokens = HyperTokenizer.tokenize(text, unicodeExponents: unicodeExponents, memo: sentences.memo)
        // Bold or marked values: drop wrapping parentheses "(0.9, 0.95)".
        var tuple = false
        if tokens.count >= 3, tokens.first?.norm == "(", tokens.last?.norm == ")" {
            tokens = Array(tokens.dropFirst().dropLast())
            tuple = true
        }
        if tokens.count == 1 {
            let t = tokens[0]
            if t.kind == .number, !t.spelled {
                return .numbers([t.value], isSet: false, isTuple: false, isPercent: t.isPercent, isInteger: t.isInteger, raw: text)
            }
            if t.kind == .list {
                return .numbers(t.values, isSet: true, isTuple: !t.isSet, isPercent: false, isInteger: t.isInteger, raw: text)
            }
        }
        // "4 / 8 / 16", "0.9, 0.95".
        if tokens.count >= 3, tokens.count % 2 == 1 {
            var vals: [Double] = []
            var ints = true
            var sep: String?
            var ok = true
            for (k, t) in tokens.enumerated() {
                if k % 2 == 0 {
                    guard t.kind == .number, !t.spelled else { ok = false; break }
                    vals.append(t.isPercent ? ExactDecimal.fraction(percent: t.value) : t.value)
                    ints = ints && t.isInteger
                } else {
                    guard t.kind == .punct, t.norm == "/" || t.norm == "," || t.norm == ";" else { ok = false; break }
                    if sep == nil { sep = t.norm } else if sep != t.norm { ok = false; break }
                }
            }
            if ok {
                let isTuple = tuple || sep == ","
                return .numbers(vals, isSet: !isTuple, isTuple: isTuple, isPercent: false, isInteger: ints, raw: text)
            }
        }
        return .text(text)
    }

    // MARK: - Names

    struct Resolved {
        var entry: HyperparameterEntry?
        var symbols: [(tex: String, key: String)]
        /// The name has words besides its symbols ("Damping $\lambda$", not "$\lambda$").
        var hasWords = false
    }

    /// A row or column name: the vocabulary entry it names (qualifiers dropped: "Schedule-Free LR"),
    /// and the symbols in it.
    func resolve(_ name: String) -> Resolved {
        if let r = cache.resolved[name] { return r }
        let r = resolveUncached(name)
        cache.resolved[name] = r
        return r
    }

    /// Names and cells already read (tables repeat them); one reader reads one paper, so the
    /// reading of a cell (which depends on `unicodeExponents`) cannot change.
    final class Cache {
        var resolved: [String: Resolved] = [:]
        var cells: [String: CellValue] = [:]
    }
    let cache = Cache()

    func resolveUncached(_ name: String) -> Resolved {
        let tokens = HyperTokenizer.tokenize(name, memo: sentences.memo)
        var symbols: [(String, String)] = []
        var plain: [String] = []
        for t in tokens {
            switch t.kind {
            case .symbol: symbols += zip(t.symbolTeX, t.symbols).map { ($0, $1) }
            case .word: plain.append(t.lower)
            case .number: plain.append(t.spelled ? t.lower : String(t.value))
            default: break
            }
        }
        let phrase = plain.joined(separator: " ")
        var entry = phrase.isEmpty ? nil : sentences.memo.canonical(forPhrase: phrase)
        if entry == nil, !symbols.isEmpty {
            // "Schedule-Free $\beta_1$" → beta1.
            entry = sentences.memo.canonical(forSymbol: symbols[0].1).first.flatMap { e in
                symbols[0].1.contains(where: \.isNumber) || plain.isEmpty ? e : nil
            }
        }
        if entry == nil, let k = Optional(HyperparameterVocabulary.key(name)), let n = sentences.index.vocabularyEntry(forKey: k) {
            entry = vocabulary.hyperparameters[n]
        }
        if let e = entry, rules.descriptiveCanonicals.contains(e.name) { entry = nil }
        return Resolved(entry: entry, symbols: symbols, hasWords: tokens.contains { $0.kind == .word })
    }

    func share(_ names: [String]) -> Double {
        let nonEmpty = names.filter { !$0.isEmpty }
        guard !nonEmpty.isEmpty else { return 0 }
        let known = nonEmpty.filter { resolve(Self.dropParenthetical($0)).entry != nil }.count
        return Double(known) / Double(nonEmpty.count)
    }

    func hasCue(_ words: [String]) -> Bool {
        if words.contains(where: { rules.tableCues.contains($0) }) { return true }
        if rules.tableCuePhrases.contains(where: { $0.isEmpty }) { return true }
        // Phrases are tried only where their first word stands (one set look-up per word rather
        // than every phrase at every word).
        for k in words.indices where rules.tableCuePhraseStarts.contains(words[k]) {
            for p in rules.tableCuePhrases where p[0] == words[k] && k + p.count <= words.count {
                if words[k..<(k + p.count)].elementsEqual(p) { return true }
            }
        }
        return false
    }

    func isGeneric(_ header: String) -> Bool {
        let w = Self.words(header)
        return w.isEmpty || w.allSatisfy { rules.genericColumnHeaders.contains($0) }
    }

    func isHardware(_ name: String) -> Bool {
        Self.words(name).contains { rules.hardwareWords.contains($0) }
    }

    // MARK: - Text helpers

    static func trim(_ s: String) -> String {
        // Most cells start and end with a visible ASCII character: nothing to trim.
        if let f = s.utf8.first, let l = s.utf8.last, f > 0x20, f < 0x7F, l > 0x20, l < 0x7F { return s }
        var t = Substring(s)
        while let f = t.first, f.isWhitespace { t = t.dropFirst() }
        while let l = t.last, l.isWhitespace { t = t.dropLast() }
        return String(t)
    }

    static func words(_ s: String) -> [String] {
        var s = s
        s.makeContiguousUTF8()
        if let ascii = s.utf8.withContiguousStorageIfAvailable(asciiWords), let words = ascii { return words }
        // Scalar by scalar: ASCII by value, other letters and digits by their properties, as
        // Character would; a combining mark (which joins scalars into one Character) falls back.
        var out: [String] = []
        var cur: [Unicode.Scalar] = []
        func flush() {
            if !cur.isEmpty {
                out.append(HyperparameterVocabulary.singular(ScalarText.string(cur, 0, cur.count)))
                cur.removeAll(keepingCapacity: true)
            }
        }
        for u in s.unicodeScalars {
            let v = u.value
            if v < 0x80 {
                if (v >= 0x41 && v <= 0x5A) { cur.append(Unicode.Scalar(v + 0x20)!) }
                else if (v >= 0x61 && v <= 0x7A) || (v >= 0x30 && v <= 0x39) || v == 0x2D { cur.append(u) }
                else { flush() }
                continue
            }
            switch u.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark, .format: return characterWords(s)
            default: break
            }
            if u.properties.isAlphabetic || u.properties.numericType != nil {
                let lower = u.properties.lowercaseMapping.unicodeScalars
                if lower.count == 1, let l = lower.first { cur.append(l) } else { cur.append(contentsOf: lower) }
            } else {
                flush()
            }
        }
        flush()
        return out
    }

    /// ``words(_:)`` of an ASCII text (its UTF-8 in `b`), on its bytes: each word lower-cased
    /// into its String in one pass rather than scalar by scalar (tables are read cell by cell,
    /// and their captions and headers are long); nil when the text is not ASCII.
    /// A word is lower-cased into a scratch buffer and made singular from there: one String per
    /// word (a nested function that appended to the result cost an exclusivity check per word).
    private static func asciiWords(_ b: UnsafeBufferPointer<UInt8>) -> [String]? {
        var out: [String] = []
        var start = -1
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, b.count)) { scratch -> [String]? in
            for i in 0...b.count {
                let c: UInt8 = i < b.count ? b[i] : 0x20
                guard c < 0x80 else { return nil }
                if (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) || c == 0x2D {
                    if start < 0 { start = i }
                } else if start >= 0 {
                    for k in start..<i { scratch[k - start] = b[k] >= 0x41 && b[k] <= 0x5A ? b[k] + 0x20 : b[k] }
                    out.append(HyperparameterVocabulary.singular(
                        asciiLowered: UnsafeBufferPointer(rebasing: scratch[0..<(i - start)])))
                    start = -1
                }
            }
            return out
        }
    }

    /// ``words(_:)`` by Characters.
    static func characterWords(_ s: String) -> [String] {
        var out: [String] = []
        var cur = ""
        for ch in s.lowercased() {
            if ch.isLetter || ch == "-" || ch.isNumber { cur.append(ch) } else if !cur.isEmpty { out.append(HyperparameterVocabulary.singular(cur)); cur = "" }
        }
        if !cur.isEmpty { out.append(HyperparameterVocabulary.singular(cur)) }
        return out
    }

    /// "Beta2 (default)" → "Beta2".
    static func dropParenthetical(_ s: String) -> String {
        guard s.hasSuffix(")"), let open = s.lastIndex(of: "(") else { return s }
        let inner = s[s.index(after: open)..<s.index(before: s.endIndex)]
        if inner.contains(where: \.isNumber) || inner.contains("$") { return s }
        return trim(String(s[..<open]))
    }

    static func spacedThousands(_ s: String) -> Bool {
        // Most cells hold no space: no need to split them by Characters.
        guard ScalarText.contains(s, byte: 0x20) else { return false }
        // An ASCII cell with a byte other than a digit or a space has a part that is no number
        // (for ASCII, only digits are `isNumber`): no need to split it by Characters either.
        if ScalarText.isASCII(s), s.utf8.contains(where: { $0 != 0x20 && ($0 < 0x30 || $0 > 0x39) }) { return false }
        let parts = s.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count >= 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) else { return false }
        return parts[0].count <= 3 && parts.dropFirst().allSatisfy { $0.count == 3 }
    }

    static func looksNumeric(_ s: String) -> Bool {
        !s.isEmpty && s.allSatisfy { $0.isNumber || $0 == "." || $0 == "-" || $0 == "e" }
    }
}

extension HyperTableReader.CellValue {
    var isNumeric: Bool {
        if case .numbers = self { return true }
        return false
    }
}
