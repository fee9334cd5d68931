/// Recursive descent with precedence climbing over the cleaned token stream.
///
/// Layers, loosest first: lines (`\\`) > tuple (`,`) > phrase (expressions separated by
/// `\text{…}` or `\quad`) > expression (infix operators by precedence, implicit multiplication
/// tightest) > unary (`-x`) > postfix (scripts, primes, `!`, function application) > primary.
///
/// Every loop consumes at least one token per turn or stops, every recursion goes through
/// ``parseExpression(_:_:)`` or ``parsePrimary(_:atom:)``, which count nesting, and every node
/// goes through ``node(_:_:_:)``, which bounds tree height: hostile input cannot hang or
/// overflow the stack.
struct Parser {
    private let input: [UInt8]
    private let tokens: [Token]
    /// The names of the tokens' commands.
    private let names: CommandNames
    private let functionNames: FunctionNameSet
    /// See ``skipTable(_:)``.
    private let nextSignificant: [Int32]
    private var pos = 0
    private var lastEnd = 0
    private(set) var diagnostics: [MathDiagnostic] = []
    /// Whether any `.raw` node was made (the tree may still not contain it).
    private(set) var madeRaw = false
    private var nesting = 0
    /// Read the first time nesting gets deep (real formulas rarely do).
    private var stackGuard: StackGuard?
    /// In lines mode (`aligned`, top level) `&` is only an alignment mark.
    private var ampersandIsSpace = true
    /// In lines mode `\\` separates lines (and may be a continuation).
    private var linesMode = true
    /// Font set by an old-style switch (`{\bf x}`) until the end of the group.
    private var declaredStyle: MathStyle?

    typealias Precedence = MathTables.Precedence

    struct Context {
        /// Font from `\mathbf{…}` and friends.
        var style: MathStyle?
        /// Letter runs are one name (subscripts, `\mathrm{…}`); in superscripts only runs of 3+.
        var words = false
        var superscript = false
        /// The innermost open `|…|` or `‖…‖` whose closing bar ends the current expression.
        var bar: Delimiter?
        /// Inside a fence a line break is only layout: `\Big( a \\ b \Big)`.
        var inFence = false
        /// Inside a font command's argument: words are read by the command itself.
        var inFontArgument = false
    }

    init(input: [UInt8], tokens: [Token], names: CommandNames, functionNames: FunctionNameSet, nesting: Int = 0) {
        self.input = input
        self.tokens = tokens
        self.names = names
        nextSignificant = Self.skipTable(tokens)
        self.functionNames = functionNames
        self.nesting = nesting
    }

    // MARK: - Tokens

    /// The first token at or after `start` that is not a space (or `&` where `&` is a space).
    /// Read from tables made once per parser: lookahead asks this many times per token.
    private func significant(from start: Int) -> Int {
        guard start < tokens.count else { return start }
        return Int(nextSignificant[2 * start + (ampersandIsSpace ? 1 : 0)])
    }

    /// For each token index `i`, the first index at or after it whose token is not a space or
    /// `$` (at `2 i`), nor `&` (at `2 i + 1`). One array: one allocation per parser.
    private static func skipTable(_ tokens: [Token]) -> [Int32] {
        let n = tokens.count
        var next = [Int32](repeating: Int32(n), count: 2 * n + 2)
        // Buffers without bounds checks: the indices below stay within 0 ..< 2 n + 2.
        next.withUnsafeMutableBufferPointer { next in
            tokens.withUnsafeBufferPointer { tokens in
                var i = n - 1
                while i >= 0 {
                    switch tokens[i].kind {
                    case .space, .char("$"):
                        next[2 * i] = next[2 * i + 2]
                        next[2 * i + 1] = next[2 * i + 3]
                    case .align:
                        next[2 * i] = Int32(i)
                        next[2 * i + 1] = next[2 * i + 3]
                    default:
                        next[2 * i] = Int32(i)
                        next[2 * i + 1] = Int32(i)
                    }
                    i -= 1
                }
            }
        }
        return next
    }

    private var nextIndex: Int { significant(from: pos) }

    private func peek() -> Token? {
        let i = nextIndex
        return i < tokens.count ? tokens[i] : nil
    }

    private func token(at i: Int) -> Token? { i < tokens.count ? tokens[i] : nil }

    @discardableResult
    private mutating func advance() -> Token {
        let i = nextIndex
        let token = tokens[i]
        pos = i + 1
        lastEnd = token.end
        return token
    }

    private mutating func move(to index: Int) {
        guard index > pos else { return }
        pos = index
        lastEnd = tokens[index - 1].end
    }

    /// Start offset of the next token (or the end of the last one).
    private var here: Int { peek()?.start ?? lastEnd }

    private func text(_ range: Range<Int>) -> String {
        let lower = max(0, min(range.lowerBound, input.count))
        let upper = max(lower, min(range.upperBound, input.count))
        return String(decoding: input[lower..<upper], as: UTF8.self)
    }

    private mutating func report(_ id: MathDiagnostic.ID, _ severity: MathDiagnostic.Severity, _ message: String, at offset: Int) {
        guard diagnostics.count < 64 else { return }
        diagnostics.append(MathDiagnostic(id, severity, message, at: offset))
    }

    /// Whether to stop descending: past ``MathParser/maxNesting``, or with the thread's stack
    /// nearly used up (checked only once nesting is beyond what real formulas need).
    /// (Inlined: every level of the descent asks, and real formulas stay below 16.)
    @inline(__always)
    private mutating func tooDeep() -> Bool {
        nesting < 16 ? false : tooDeepChecked()
    }

    private mutating func tooDeepChecked() -> Bool {
        if nesting >= MathParser.maxNesting { return true }
        if stackGuard == nil { stackGuard = StackGuard() }
        return stackGuard!.exhausted
    }

    // MARK: - Nodes

    /// Makes a node from `start` to the end of the last consumed token. Trees taller than
    /// ``MathParser/maxTreeHeight`` are cut: the node becomes `.raw` source.
    private mutating func node(_ kind: __owned MathNode.Kind, _ start: Int, _ end: Int? = nil) -> MathNode {
        let upper = max(start, end ?? lastEnd)
        let range = start..<upper
        let childHeight = kind.childHeight
        if childHeight >= MathParser.maxTreeHeight { return tooTall(range) }
        return MathNode(kind, range: range, height: childHeight + 1)
    }

    /// The rare branch of ``node(_:_:_:)``, kept out of it so that every node made does not pay
    /// for its set-up.
    @inline(never)
    private mutating func tooTall(_ range: Range<Int>) -> MathNode {
        report(.tooDeep, .warning, "expression nested more than \(MathParser.maxTreeHeight) levels; kept as raw TeX", at: range.lowerBound)
        madeRaw = true
        return MathNode(.raw(text(range)), range: range, height: 1)
    }

    private mutating func spanning(_ kind: __owned MathNode.Kind, _ first: MathNode, _ last: MathNode) -> MathNode {
        let (lower, upper) = span(first, last)
        return node(kind, lower, upper)
    }

    /// The bounds ``spanning(_:_:_:)`` gives, read before the nodes move into a new node's box:
    /// reading them afterwards made the compiler copy each child (a retain) and destroy the
    /// original (a release).
    private func span(_ first: MathNode, _ last: MathNode) -> (lower: Int, upper: Int) {
        (min(first.range.lowerBound, last.range.lowerBound), max(first.range.upperBound, last.range.upperBound))
    }

    private mutating func emptyNode() -> MathNode {
        let at = here
        return MathNode(.empty, range: at..<at)
    }

    /// A leaf: height 1 without asking ``node(_:_:_:)`` to measure children (most nodes are symbols).
    private mutating func symbol(_ name: String, _ style: MathStyle, _ start: Int) -> MathNode {
        MathNode(.symbol(MathSymbol(name, style: style)), range: start..<max(start, lastEnd), height: 1)
    }

    /// Consumes tokens up to the end of the enclosing construct and keeps them as `.raw`.
    private mutating func skipTooDeep() -> MathNode {
        let start = nextIndex
        var depth = 0
        var j = start
        scan: while j < tokens.count {
            switch tokens[j].kind {
            case .open: depth += 1
            case .close:
                if depth == 0 { break scan }
                depth -= 1
            case .align where depth == 0 && !ampersandIsSpace: break scan
            case .char(let c):
                if c == "(" || c == "[" { depth += 1 }
                if c == ")" || c == "]" {
                    if depth == 0 { break scan }
                    depth -= 1
                }
            case .command:
                switch tokens[j].command.word {
                case .left?, .begin?:
                    depth += 1
                    if tokens[j].isCommand(.left) { j += 1 }
                case .right?, .end?:
                    if depth == 0 { break scan }
                    depth -= 1
                    if tokens[j].isCommand(.right) { j += 1 }
                case .newline?, .cr?:
                    if depth == 0 { break scan }
                default: break
                }
            default: break
            }
            j += 1
        }
        j = min(j, tokens.count)
        guard j > start else { return emptyNode() }
        let range = tokens[start].start..<max(tokens[start].start, tokens[j - 1].end)
        move(to: j)
        report(.tooDeep, .warning, "nested too deeply (over \(MathParser.maxNesting) levels or out of stack); kept as raw TeX", at: range.lowerBound)
        madeRaw = true
        return MathNode(.raw(text(range)), range: range)
    }

    private mutating func raw(_ from: Token, through last: Token? = nil) -> MathNode {
        let range = from.start..<max(from.start, (last ?? from).end)
        madeRaw = true
        return node(.raw(text(range)), range.lowerBound, range.upperBound)
    }

    // MARK: - Token classes

    private func isCloser(_ t: Token) -> Bool {
        switch t.kind {
        case .close, .align: true
        case .char(let c): c == ")" || c == "]"
        case .command: t.flags.contains(.closer)
        default: false
        }
    }

    private func isLineBreak(_ t: Token) -> Bool { t.isCommand(.newline) || t.isCommand(.cr) }

    private func barKind(_ t: Token) -> Delimiter? {
        switch t.kind {
        case .char("|"): .bar
        case .command: t.command.bar
        default: nil
        }
    }

    /// `String(c)`, from a table for ASCII.
    private func string(_ c: Unicode.Scalar) -> String {
        c.value < 128 ? MathTables.asciiStrings[Int(c.value)] : String(c)
    }

    private func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 48 && c.value <= 57 }

    private func isLetter(_ c: Unicode.Scalar) -> Bool {
        if c.isASCII { return Lexer.isLetter(UInt8(c.value)) }
        return c.properties.isAlphabetic
    }

    /// The character right after token `i` with nothing in between (not even a space).
    private func adjacentChar(after i: Int) -> Unicode.Scalar? {
        guard i + 1 < tokens.count else { return nil }
        return tokens[i + 1].scalar
    }

    /// Whether the token at `i` can begin an operand in infix position (implicit multiplication).
    private func canStartOperand(at i: Int, _ ctx: Context) -> Bool {
        guard let t = token(at: i) else { return false }
        switch t.kind {
        case .open:
            return true
        case .char(let c):
            if c == "(" || c == "[" { return true }
            if c == "." { return adjacentChar(after: i).map(isDigit) ?? false }
            if c.isASCII { return isLetter(c) || isDigit(c) || c == "?" || c == "@" || c == "\"" || c == "#" }
            return c != "\u{FFFD}"
        case .command:
            if !t.flags.isDisjoint(with: .cannotStartOperand) {
                return false
            }
            if t.flags.contains(.text) { return ctx.words }
            return true
        default:
            return false
        }
    }

    /// Commands and characters that start a new operator, ending the operand of `\log …`.
    private func startsOperator(_ t: Token) -> Bool {
        switch t.kind {
        case .char(let c): return c == "(" || c == "["
        case .command:
            return !t.flags.isDisjoint(with: .operatorHead)
        default: return false
        }
    }

    // MARK: - Top level, lines, rows

    mutating func parseTop() -> MathNode {
        var list = NodeList()
        while true {
            let part = parseLines(Context(), changeMode: true)
            if !part.isEmptyKind { list.append(part) }
            guard nextIndex < tokens.count else { break }
            list.append(consumeStray())
        }
        if list.isEmpty { return MathNode(.empty, range: 0..<0) }
        if list.count == 1 { return list.takeHead() }
        let pieces = list.items
        return spanning(.sequence(pieces), pieces[0], pieces[pieces.count - 1])
    }

    /// A closer nobody expects (`)` at top level, `\end` without `\begin`): kept as `.raw`.
    private mutating func consumeStray() -> MathNode {
        let first = advance()
        var last = first
        if first.isCommand(.right), let t = peek(), !isLineBreak(t) {
            last = advance()
        } else if first.isCommand(.end), let t = peek(), t.kind == .open {
            while let t = peek(), t.kind != .close { last = advance() }
            if peek() != nil { last = advance() }
        }
        report(.unbalanced, .warning, "unexpected \(names.spelling(first))", at: first.start)
        return raw(first, through: last)
    }

    /// Lines separated by `\\`; `changeMode` makes `&` an alignment mark (aligned, top level).
    private mutating func parseLines(_ ctx: Context, changeMode: Bool) -> MathNode {
        let saved = (ampersandIsSpace, linesMode)
        if changeMode {
            ampersandIsSpace = true
            linesMode = true
        }
        defer { (ampersandIsSpace, linesMode) = saved }
        var ctx = ctx
        if changeMode { ctx.inFence = false }
        var rows = NodeList()
        var current = NodeList()
        while true {
            let row = parseTuple(ctx)
            if !row.isEmptyKind { current.append(row) }
            guard let t = peek() else { break }
            if isLineBreak(t) {
                advance()
                skipLineBreakOption()
                if !current.isEmpty { rows.append(join(&current)) }
                current = NodeList()
                continue
            }
            // A closer that belongs to no open construct at this level: keep it raw, go on.
            if isStray(t) {
                current.append(consumeStray())
                continue
            }
            break
        }
        if !current.isEmpty { rows.append(join(&current)) }
        if rows.isEmpty { return emptyNode() }
        if rows.count == 1 { return rows.takeHead() }
        let lines = rows.items
        return spanning(.lines(lines), lines[0], lines[lines.count - 1])
    }

    private func isStray(_ t: Token) -> Bool {
        switch t.kind {
        case .char(let c): c == ")" || c == "]"
        case .command(let id): t.flags.contains(.closer) && !MathTables.structuralClosers.contains(names.name(id))
        default: false
        }
    }

    /// One node for a non-empty list: its only item, or a sequence of its items.
    private mutating func join(_ list: inout NodeList) -> MathNode {
        if list.count == 1 { return list.takeHead() }
        return join(list.items)!
    }

    private mutating func join(_ parts: [MathNode]) -> MathNode? {
        if parts.isEmpty { return nil }
        if parts.count == 1 { return parts[0] }
        var items: [MathNode] = []
        for part in parts {
            if case .sequence(let inner) = part.kind { items += inner } else { items.append(part) }
        }
        return spanning(.sequence(items), parts[0], parts[parts.count - 1])
    }

    /// `\\[2pt]`: skips the optional spacing.
    private mutating func skipLineBreakOption() {
        guard pos < tokens.count, tokens[pos].isChar("[") else { return }
        var j = pos + 1
        while j < tokens.count && j < pos + 16 {
            if tokens[j].isChar("]") {
                move(to: j + 1)
                return
            }
            guard let c = tokens[j].scalar, c.isASCII, isDigit(c) || isLetter(c) || c == "." || c == "-" || c == " " else { return }
            j += 1
        }
    }

    /// Rows of cells (`cases`, matrices, arrays): `&` separates cells, `\\` rows.
    private mutating func parseRows(_ ctx: Context) -> [[MathNode]] {
        let saved = (ampersandIsSpace, linesMode)
        ampersandIsSpace = false
        linesMode = false
        defer { (ampersandIsSpace, linesMode) = saved }
        var ctx = ctx
        ctx.bar = nil
        ctx.inFence = false
        var rows: [[MathNode]] = []
        var cells: [MathNode] = []
        var cell: [MathNode] = []
        while true {
            let part = parseTuple(ctx)
            if !part.isEmptyKind || cell.isEmpty { cell.append(part) }
            guard let t = peek() else { break }
            if t.kind == .align {
                advance()
                cells.append(join(cell) ?? part)
                cell = []
                continue
            }
            if isLineBreak(t) {
                advance()
                skipLineBreakOption()
                cells.append(join(cell) ?? part)
                cell = []
                rows.append(cells)
                cells = []
                continue
            }
            if isStray(t) {
                cell = cell.filter { !$0.isEmptyKind }
                cell.append(consumeStray())
                continue
            }
            break
        }
        if let last = join(cell) { cells.append(last) }
        if !(cells.isEmpty || (cells.count == 1 && cells[0].isEmptyKind)) { rows.append(cells) }
        return rows
    }

    // MARK: - Tuple, phrase, expression

    private mutating func parseTuple(_ ctx: Context) -> MathNode {
        let first = parsePhrase(ctx)
        guard let t = peek(), t.isChar(",") else { return first }
        // Room for a few items up front: `[first]` had room for one, and the second item
        // reallocated it.
        var items: [MathNode] = []
        items.reserveCapacity(4)
        items.append(first)
        while let t = peek(), t.isChar(",") {
            advance()
            guard let next = peek(), !isCloser(next), !(ctx.bar != nil && barKind(next) == ctx.bar) else { break }
            items.append(parsePhrase(ctx))
        }
        if items.count == 1 { return items[0] }
        return spanning(.tuple(items), items[0], items[items.count - 1])
    }

    /// Expressions, prose and wide spaces in a row: `x = 1 \quad \text{if } y > 0`.
    private mutating func parsePhrase(_ ctx: Context) -> MathNode {
        var items = NodeList()
        while true {
            let i = nextIndex
            guard let t = token(at: i), !isCloser(t), !t.isChar(",") else { break }
            if !items.isEmpty, let bar = ctx.bar, barKind(t) == bar { break }
            if t.isCommandToken {
                if t.flags.contains(.separator) {
                    advance()
                    continue
                }
                if t.flags.contains(.text), !textIsFunction(at: i) {
                    let prose = parseTextCommand(atom: true)
                    // `\text{loss} = …`: prose followed by an operator is its left operand.
                    if let (op, _) = infixOperator(at: nextIndex, ctx), op != .implicit {
                        items.append(parseExpression(0, ctx, lhs: prose))
                    } else {
                        items.append(prose)
                    }
                    continue
                }
            }
            if let c = t.scalar, c == "." || c == ";" || c == ",", isEndOfRow(after: i) {
                advance()
                continue
            }
            let before = pos
            let expression = parseExpression(0, ctx)
            if pos == before {
                let stray = advance()
                report(.unexpected, .warning, "unexpected \(names.spelling(stray))", at: stray.start)
                items.append(raw(stray))
                continue
            }
            if !expression.isEmptyKind { items.append(expression) }
        }
        if items.isEmpty { return emptyNode() }
        if items.count == 1 { return items.takeHead() }
        let all = items.items
        return spanning(.sequence(all), all[0], all[all.count - 1])
    }

    /// Trailing punctuation: `a = b,` or `a = b.` at the end of a row.
    private func isEndOfRow(after i: Int) -> Bool {
        guard let t = token(at: significant(from: i + 1)) else { return true }
        return isCloser(t) || t.flags.contains(.separator) || t.flags.contains(.text)
    }

    mutating func parseExpression(_ minPrecedence: Int, _ ctx: Context) -> MathNode {
        guard !tooDeep() else { return skipTooDeep() }
        nesting += 1
        defer { nesting -= 1 }
        return climb(minPrecedence, ctx, lhs: parseUnary(ctx))
    }

    /// An expression whose left operand is already read (`\text{loss} = …`).
    mutating func parseExpression(_ minPrecedence: Int, _ ctx: Context, lhs: __owned MathNode) -> MathNode {
        guard !tooDeep() else { return skipTooDeep() }
        nesting += 1
        defer { nesting -= 1 }
        return climb(minPrecedence, ctx, lhs: lhs)
    }

    /// The precedence climb after the first operand. (Two entry points rather than an optional
    /// first operand: copying and destroying a `MathNode?` went through outlined generic code at
    /// every level of the descent.)
    private mutating func climb(_ minPrecedence: Int, _ ctx: Context, lhs first: __owned MathNode) -> MathNode {
        var lhs = first
        while true {
            if linesMode { skipContinuationBreak(ctx) }
            let i = nextIndex
            guard let (op, end) = infixOperator(at: i, ctx), op.precedence >= minPrecedence else { break }
            // In `align`, `x = 1 & y = 2` holds two equations: no product across an `&`.
            if op == .implicit && ampersandIsSpace && tokens[pos..<i].contains(where: { $0.kind == .align }) { break }
            if op != .implicit { move(to: end) }
            let before = pos
            let rhs = parseExpression(op.precedence + 1, ctx)
            if op == .implicit && pos == before { break }
            if op == .implicit && rhs.isEmptyKind { continue }  // `\mathopen{}`, `{}`
            if op == .implicit && lhs.isEmptyKind {
                lhs = rhs
                continue
            }
            lhs = makeBinary(op, lhs, rhs)
        }
        return lhs
    }

    /// In lines mode, `\\` followed by an operator continues the line; inside a fence any
    /// line break is layout.
    /// (Inlined: asked at every operator of every line, and almost never at a line break.)
    @inline(__always)
    private mutating func skipContinuationBreak(_ ctx: Context) {
        let i = nextIndex
        guard i < tokens.count, isLineBreak(tokens[i]) else { return }
        skipContinuationBreak(at: i, ctx)
    }

    private mutating func skipContinuationBreak(at i: Int, _ ctx: Context) {
        var j = i + 1
        if j < tokens.count, tokens[j].isChar("["), let close = (j..<min(tokens.count, j + 16)).first(where: { tokens[$0].isChar("]") }) {
            j = close + 1
        }
        while j < tokens.count {
            let k = significant(from: j)
            guard k < tokens.count else { return }
            if tokens[k].kind == .align || tokens[k].flags.contains(.separator) {
                j = k + 1
                continue
            }
            j = k
            break
        }
        guard j < tokens.count else { return }
        if ctx.inFence && !isCloser(tokens[j]) {
            pos = j
            return
        }
        if let (op, _) = infixOperator(at: j, ctx), op != .implicit {
            pos = j
        }
    }

    /// The infix operator at token `i` and the index after it; `.implicit` (consuming nothing)
    /// when an operand follows directly.
    private func infixOperator(at i: Int, _ ctx: Context) -> (BinaryOperator, Int)? {
        guard let t = token(at: i) else { return nil }
        switch t.kind {
        case .char(let c):
            if c == "|" { return barOperator(.bar, at: i, ctx) }
            if let next = adjacentChar(after: i), let op = MathTables.operatorPair(c, next) {
                return (op, i + 2)
            }
            if let op = MathTables.operatorCharacter(c) { return colonEquals(op, i + 1) }
            return canStartOperand(at: i, ctx) ? (.implicit, i) : nil
        case .command(let id):
            if let bar = barKind(t), !t.isCommand(.rvert), !t.isCommand(.rVert) {
                return barOperator(bar, at: i, ctx)
            }
            if t.isCommand(.not) {
                let j = significant(from: i + 1)
                if let (op, end) = infixOperator(at: j, ctx), op != .implicit { return (MathTables.negated[op] ?? op, end) }
                return nil
            }
            if t.isCommand(.middle) { return (.given, min(significant(from: i + 1) + 1, tokens.count)) }
            if let op = t.command.binary { return colonEquals(op, i + 1) }
            if t.flags.contains(.special) {
                let name = names.name(id)
                if MathTables.operatorInGroupsCommands.contains(name), let found = operatorInGroups(name, at: i, ctx) {
                    return found
                }
            }
            return canStartOperand(at: i, ctx) ? (.implicit, i) : nil
        case .open:
            // `{\gets}`, `{=}`: an operator braced for spacing is still that operator.
            let j = significant(from: i + 1)
            if j < tokens.count, tokens[j].kind != .open, let (op, end) = infixOperator(at: j, ctx), op != .implicit {
                let close = significant(from: end)
                if token(at: close)?.kind == .close { return (op, close + 1) }
            }
            return (.implicit, i)
        default:
            return nil
        }
    }

    /// `\colon=`, `\vcentcolon=`, `: =`: a colon before `=` defines.
    private func colonEquals(_ op: BinaryOperator, _ end: Int) -> (BinaryOperator, Int) {
        guard op == .colon else { return (op, end) }
        let j = significant(from: end)
        if let t = token(at: j), t.isChar("=") { return (.define, j + 1) }
        return (op, end)
    }

    /// `\overset{def}{=}`, `\stackrel{\triangle}{=}`, `\mathrel{:=}`, `\xrightarrow{…}`.
    private func operatorInGroups(_ name: String, at i: Int, _ ctx: Context) -> (BinaryOperator, Int)? {
        func group(from start: Int) -> Range<Int>? {
            let j = significant(from: start)
            guard j < tokens.count else { return nil }
            if tokens[j].kind != .open { return j..<(j + 1) }
            var depth = 0
            for k in j..<min(tokens.count, j + 200) {
                if tokens[k].kind == .open { depth += 1 }
                if tokens[k].kind == .close {
                    depth -= 1
                    if depth == 0 { return (j + 1)..<k }
                }
            }
            return nil
        }
        func end(of range: Range<Int>) -> Int {
            range.upperBound < tokens.count && tokens[range.upperBound].kind == .close ? range.upperBound + 1 : range.upperBound
        }
        if name == "xleftarrow" || name == "xrightarrow" {
            guard let label = group(from: i + 1) else { return nil }
            return (name == "xleftarrow" ? .assign : .to, end(of: label))
        }
        let first: Range<Int>
        if name == "mathrel" || name == "mathbin" {
            first = i + 1..<i + 1
        } else {
            guard let label = group(from: i + 1) else { return nil }
            first = label
        }
        let secondStart = name == "mathrel" || name == "mathbin" ? i + 1 : end(of: first)
        guard let second = group(from: secondStart) else { return nil }
        let inner = significant(from: second.lowerBound)
        guard inner < second.upperBound, let (op, opEnd) = infixOperator(at: inner, ctx), op != .implicit,
              significant(from: opEnd) >= second.upperBound else { return nil }
        // `\overset{\text{def}}{=}` and `\stackrel{\Delta}{=}` define.
        var result = op
        if op == .equal, !first.isEmpty {
            let label = tokens[first].map { names.spelling($0) }.joined()
            if label.contains("def") || label.contains("Delta") || label.contains("triangle") || label.contains(":") {
                result = .define
            }
        }
        return (result, end(of: second))
    }

    /// A `|` (or `‖`) in infix position closes the enclosing bar fence, opens a new one when a
    /// partner follows in the same group, and otherwise separates (`p(x | y)`, `D(p \| q)`).
    private func barOperator(_ bar: Delimiter, at i: Int, _ ctx: Context) -> (BinaryOperator, Int)? {
        if ctx.bar == bar { return nil }
        if hasPartnerBar(bar, from: i + 1) { return (.implicit, i) }
        return (bar == .bar ? .given : .parallel, i + 1)
    }

    private func hasPartnerBar(_ bar: Delimiter, from start: Int) -> Bool {
        var depth = 0
        var i = start
        let limit = min(tokens.count, start + 4000)
        while i < limit {
            let t = tokens[i]
            switch t.kind {
            case .open: depth += 1
            case .close:
                if depth == 0 { return false }
                depth -= 1
            case .align:
                if depth == 0 && !ampersandIsSpace { return false }
            case .char(let c):
                if c == "(" || c == "[" { depth += 1 }
                if c == ")" || c == "]" {
                    if depth == 0 { return false }
                    depth -= 1
                }
                if c == "|" && depth == 0 && bar == .bar { return true }
            case .command:
                switch t.command.word {
                case .left?, .begin?:
                    depth += 1
                    if t.isCommand(.left) { i = significant(from: i + 1) }
                case .right?, .end?:
                    if depth == 0 { return false }
                    depth -= 1
                    if t.isCommand(.right) { i = significant(from: i + 1) }
                case .newline?, .cr?:
                    if depth == 0 { return false }
                default:
                    if depth == 0, barKind(t) == bar { return true }
                }
            default: break
            }
            i += 1
        }
        return false
    }

    private mutating func makeBinary(_ op: BinaryOperator, _ lhs: __owned MathNode, _ rhs: __owned MathNode) -> MathNode {
        switch op {
        case .divide:
            if let derivative = derivative(numerator: lhs, denominator: rhs) { return spanning(derivative, lhs, rhs) }
        case .implicit:
            if case .derivative(let kind, let order, let variables, nil) = lhs.kind {
                return spanning(.derivative(kind: kind, order: order, variables: variables, of: rhs), lhs, rhs)
            }
        default: break
        }
        let (lower, upper) = span(lhs, rhs)
        return node(.binary(op: op, lhs: lhs, rhs: rhs), lower, upper)
    }

    // MARK: - Unary and postfix

    private mutating func parseUnary(_ ctx: Context) -> MathNode {
        let i = nextIndex
        guard let t = token(at: i) else { return emptyNode() }
        var op: UnaryOperator?
        switch t.kind {
        case .char("-"): op = .negate
        case .char("+"): op = .plus
        case .command: op = t.command.prefix
        default: break
        }
        guard let op else { return parsePostfix(ctx) }
        advance()
        let operandLevel = op == .forAll || op == .exists ? Precedence.relation : Precedence.implicit
        let operand = parseExpression(operandLevel, ctx)
        return node(.unary(op: op, operand: operand), t.start)
    }

    private mutating func parsePostfix(_ ctx: Context) -> MathNode {
        var base = parsePrimary(ctx, atom: false)
        // `{\mathbb{E}}_x[…]`, `\ensuremath{\sum}_i`: a group holding a bare big operator.
        if case .bigOperator(let name, nil, nil, nil) = base.kind, let t = peek(), t.kind == .sub || t.kind == .sup || openerAt(nextIndex) != nil {
            base = parseBigOperator(name, base.range.lowerBound, ctx, atom: false)
        }
        loop: while true {
            let i = nextIndex
            guard let t = token(at: i) else { break }
            switch t.kind {
            case .sub, .sup, .char("'"):
                base = parseScripts(base, ctx)
            case .char("!"):
                if adjacentChar(after: i) == "=" { break loop }
                advance()
                base = node(.postfix(op: .factorial, operand: base), base.range.lowerBound)
            case .char("("), .char("["):
                guard let applied = tryApplication(base, ctx) else { break loop }
                base = applied
            case .command where t.isCommand(.left):
                guard let applied = tryApplication(base, ctx) else { break loop }
                base = applied
            default:
                break loop
            }
        }
        return base
    }

    /// Collects `_`, `^` and `'` after `base` and builds subscript, primes, then superscript.
    private mutating func parseScripts(_ base: __owned MathNode, _ ctx: Context) -> MathNode {
        var base = base
        var sub: MathNode?
        var sup: MathNode?
        var primes = 0
        loop: while let t = peek() {
            switch t.kind {
            case .sub:
                advance()
                let argument = parseScriptArgument(ctx, superscript: false, base: base)
                if let existing = sub {
                    report(.doubleScript, .warning, "double subscript", at: t.start)
                    base = makeSubscript(base, existing)
                }
                sub = argument
            case .sup:
                advance()
                let argument = parseScriptArgument(ctx, superscript: true, base: base)
                if let existing = sup {
                    report(.doubleScript, .warning, "double superscript, read as a^{b^c}", at: t.start)
                    let (lower, upper) = span(existing, argument)
                    sup = node(.power(base: existing, exponent: argument), lower, upper)
                } else {
                    sup = argument
                }
            case .char("'"):
                advance()
                primes += 1
            default:
                break loop
            }
        }
        // `take()` moves the script out; `if let` copied it and released the original.
        if let sub = sub.take() { base = makeSubscript(base, sub) }
        for _ in 0..<primes { base = node(.postfix(op: .prime, operand: asSymbolIfPi(base)), base.range.lowerBound) }
        if let sup = sup.take() { base = makeSuperscript(base, sup) }
        return base
    }

    private mutating func parseScriptArgument(_ ctx: Context, superscript: Bool, base: MathNode) -> MathNode {
        var inner = ctx
        inner.words = true
        inner.superscript = superscript
        inner.bar = nil
        inner.inFence = false
        if superscript, case .symbol(let s) = base.kind, s.name == "e" { inner.words = false }
        let i = nextIndex
        guard let t = token(at: i), t.kind != .sub, t.kind != .sup, !isCloser(t) else {
            report(.missingArgument, .warning, "script without an argument", at: lastEnd)
            return emptyNode()
        }
        switch t.kind {
        case .open, .char("("):
            return parsePrimary(inner, atom: false)
        case .char(let c) where !isLetter(c) && !isDigit(c) && c != "." && c != "[" && c != "|":
            advance()
            return symbol(string(c), .normal, t.start)
        case .command(let id) where t.command.binary != nil || t.command.prefix != nil:
            let name = names.name(id)
            advance()
            return symbol(name, .normal, t.start)
        default:
            return parsePrimary(inner, atom: true)
        }
    }

    private mutating func makeSubscript(_ base: __owned MathNode, _ index: __owned MathNode) -> MathNode {
        let base = asSymbolIfPi(base)
        let (lower, upper) = span(base, index)
        return node(.index(base: base, index: index), lower, upper)
    }

    /// `\pi` with an index, prime, star or application is a name (a policy), not 3.14….
    private func asSymbolIfPi(_ node: __owned MathNode) -> MathNode {
        guard case .constant(.pi) = node.kind else { return node }
        return MathNode(.symbol(MathSymbol("pi")), range: node.range)
    }

    private mutating func makeSuperscript(_ base: __owned MathNode, _ sup: __owned MathNode) -> MathNode {
        let (lower, upper) = span(base, sup)
        // Most superscript symbols (`^k`, `^n`) are none of the marks below: one byte rules them
        // out without the String comparisons.
        if case .symbol(let s) = sup.kind, let b = s.name.utf8.first, !Self.mayStartMark(b) {
            return power(base, sup, lower, upper)
        }
        switch sup.kind {
        case .symbol(let s) where s.name == "top" || s.name == "intercal" || s.name == "bot"
            || (s.name == "T" && s.style != .normal && s.style != .italic):
            return node(.transpose(base: base, ambiguous: false), lower, upper)
        case .text(let t) where t.trimmingSpaces == "T":
            return node(.transpose(base: base, ambiguous: false), lower, upper)
        case .symbol(let s) where s.name == "T":
            return node(.transpose(base: base, ambiguous: true), lower, upper)
        case .symbol(let s) where s.name == "*" || s.name == "ast" || s.name == "star":
            return node(.postfix(op: .star, operand: asSymbolIfPi(base)), lower, upper)
        case .symbol(let s) where s.name == "dagger":
            return node(.postfix(op: .dagger, operand: asSymbolIfPi(base)), lower, upper)
        case .symbol(let s) where s.name == "prime" || s.name == "'":
            return node(.postfix(op: .prime, operand: asSymbolIfPi(base)), lower, upper)
        case .binary(.implicit, let a, let b) where isPrimeSymbol(a) && isPrimeSymbol(b):
            let once = node(.postfix(op: .prime, operand: asSymbolIfPi(base)), lower, upper)
            return node(.postfix(op: .prime, operand: once), lower, upper)
        case .fence(.leftParen, .rightParen, let inner):
            return node(.superscriptIndex(base: asSymbolIfPi(base), index: inner), lower, upper)
        default:
            return power(base, sup, lower, upper)
        }
    }

    /// The first bytes of the superscript marks `makeSuperscript` reads: `top`, `intercal`,
    /// `bot`, `T`, `*`, `ast`, `star`, `dagger`, `prime`, `'`.
    private static func mayStartMark(_ b: UInt8) -> Bool {
        switch b {
        case UInt8(ascii: "t"), UInt8(ascii: "i"), UInt8(ascii: "b"), UInt8(ascii: "T"), UInt8(ascii: "*"),
             UInt8(ascii: "a"), UInt8(ascii: "s"), UInt8(ascii: "d"), UInt8(ascii: "p"), UInt8(ascii: "'"):
            return true
        default:
            return false
        }
    }

    /// `base^sup` as a power; a plain `e` as the base is the constant.
    private mutating func power(_ base: __owned MathNode, _ sup: __owned MathNode, _ lower: Int, _ upper: Int) -> MathNode {
        var base = base
        if case .symbol(let s) = base.kind, s.name == "e", s.style == .normal || s.style == .roman {
            base = MathNode(.constant(.e), range: base.range)
        }
        return node(.power(base: base, exponent: sup), lower, upper)
    }

    private func isPrimeSymbol(_ node: MathNode) -> Bool {
        if case .symbol(let s) = node.kind { return s.name == "prime" }
        return false
    }

    // MARK: - Function application

    /// `head(…)` when `head` is function-like or the parentheses hold arguments.
    private mutating func tryApplication(_ head: MathNode, _ ctx: Context) -> MathNode? {
        let i = nextIndex
        guard let opener = openerAt(i) else { return nil }
        switch opener {
        case .leftParen:
            // `J(\theta)`, `V(s)`, `x(t)`: nobody parenthesises a lone factor, so a name followed
            // by one parenthesised name or number is an application too.
            guard isFunctionHead(head) || (isNameLike(head) && (hasArgumentMarkers(from: i) || holdsLoneName(from: i))) else {
                return nil
            }
        case .leftBracket:
            guard isBracketFunctionHead(head) else { return nil }
        default:
            return nil
        }
        let fence = parsePrimary(ctx, atom: false)
        return makeApply(head, arguments(of: fence), fence)
    }

    /// The delimiter opening at token `i`: `(`, `[`, `\{`, possibly after `\left`.
    private func openerAt(_ i: Int) -> Delimiter? {
        guard let t = token(at: i) else { return nil }
        switch t.kind {
        case .char("("): return .leftParen
        case .char("["): return .leftBracket
        case .command where t.isCommand(.left):
            guard let d = token(at: significant(from: i + 1)) else { return nil }
            if d.isChar("(") { return .leftParen }
            if d.isChar("[") { return .leftBracket }
            if d.command.open == .leftBrace { return .leftBrace }
            return nil
        case .command:
            return t.command.open == .leftBrace ? .leftBrace : nil
        default:
            return nil
        }
    }

    private func isFunctionHead(_ head: MathNode) -> Bool {
        switch head.kind {
        case .symbol(let s):
            if functionNames.contains(s.name) { return true }
            if s.style == .roman && s.name.hasSeveralScalars { return true }
            // Below, only these styles can answer true: skip the two hashed look-ups for the others
            // (most heads are plain letters).
            guard s.style == .roman || s.style == .calligraphic || s.style == .blackboard else { return false }
            if MathTables.functionCommands.contains(s.name) || MathTables.functionWords.contains(s.name) { return s.style == .roman }
            if s.style == .calligraphic { return true }
            if s.style == .blackboard { return s.name == "1" || s.name == "P" || s.name == "I" }
            return false
        case .constant(.pi):
            return functionNames.contains("pi")
        case .command(_, let arguments):
            return arguments.isEmpty
        case .index(let base, _), .postfix(_, let base), .accent(_, let base), .superscriptIndex(let base, _):
            return isFunctionHead(base)
        case .power(let base, _):
            return isFunctionHead(base)
        default:
            return false
        }
    }

    /// Names that may take bracket arguments: `\mathrm{Var}[X]`, `\Pr[A]`.
    private func isBracketFunctionHead(_ head: MathNode) -> Bool {
        switch head.kind {
        case .symbol(let s):
            return s.style == .roman && (s.name.hasSeveralScalars || s.name == "P")
                || (s.style == .blackboard && (s.name == "P" || s.name == "1" || s.name == "V"))
                || s.style == .calligraphic
        case .index(let base, _):
            return isBracketFunctionHead(base)
        default:
            return false
        }
    }

    /// Symbol-like heads (not numbers or fences) for the argument-marker rule.
    private func isNameLike(_ head: MathNode) -> Bool {
        switch head.kind {
        case .symbol, .command, .constant(.pi): true
        case .index(let base, _), .postfix(_, let base), .accent(_, let base), .superscriptIndex(let base, _), .power(let base, _):
            isNameLike(base)
        default: false
        }
    }

    /// Whether the parenthesis at `i` holds one name: `(s)`, `(\theta_t)`, `(\hat{x}')`, `(0)`.
    private func holdsLoneName(from i: Int) -> Bool {
        var i = i
        var left = false
        if tokens[i].isCommand(.left) {
            i = significant(from: i + 1)
            left = true
        }
        guard let open = token(at: i), open.isChar("(") else { return false }
        /// The index after a brace group starting at `j` (or `nil` when unclosed).
        func afterGroup(_ j: Int) -> Int? {
            var depth = 0
            for k in j..<min(tokens.count, j + 400) {
                if tokens[k].kind == .open { depth += 1 }
                if tokens[k].kind == .close {
                    depth -= 1
                    if depth == 0 { return k + 1 }
                }
            }
            return nil
        }
        /// The index after one argument (a group or a single token, a command with its group).
        func afterArgument(_ j: Int) -> Int? {
            let k = significant(from: j)
            guard let t = token(at: k) else { return nil }
            if t.kind == .open { return afterGroup(k) }
            if t.isCommandToken, let g = token(at: k + 1), g.kind == .open { return afterGroup(k + 1) }
            return k + 1
        }
        var j = significant(from: i + 1)
        guard let t = token(at: j) else { return false }
        switch t.kind {
        case .char(let c) where isLetter(c):
            j += 1
        case .char(let c) where isDigit(c):
            while let d = token(at: j)?.scalar, isDigit(d) || d == "." { j += 1 }
        case .command where t.flags.contains(.name):
            j += 1
        case .command where t.flags.contains(.accent) || t.flags.contains(.style):
            guard let after = afterArgument(j + 1) else { return false }
            j = after
        case .open:
            guard let after = afterGroup(j) else { return false }
            j = after
        default:
            return false
        }
        var applied = false
        while let t = token(at: significant(from: j)) {
            let k = significant(from: j)
            if t.kind == .sub || t.kind == .sup {
                guard let after = afterArgument(k + 1) else { return false }
                j = after
            } else if t.isChar("'") {
                j = k + 1
            } else if left && t.isCommand(.right) {
                return token(at: significant(from: k + 1))?.isChar(")") == true
            } else if t.isChar("("), !applied {
                // `A(\eta(z))`: the lone name may itself be applied.
                var depth = 0
                var m = k
                while m < min(tokens.count, k + 400) {
                    if tokens[m].isChar("(") { depth += 1 }
                    if tokens[m].isChar(")") {
                        depth -= 1
                        if depth == 0 { break }
                    }
                    m += 1
                }
                guard m < tokens.count, tokens[m].isChar(")") else { return false }
                j = m + 1
                applied = true
            } else {
                return !left && t.isChar(")")
            }
        }
        return false
    }

    /// Whether the parenthesis at `i` holds a top-level `,`, `;`, `\mid`, `|` or `\|`.
    private func hasArgumentMarkers(from i: Int) -> Bool {
        var depth = 0
        var j = i
        if tokens[j].isCommand(.left) { j = significant(from: j + 1) }
        let limit = min(tokens.count, j + 4000)
        while j < limit {
            let t = tokens[j]
            switch t.kind {
            case .open: depth += 1
            case .close:
                depth -= 1
                if depth < 1 { return false }
            case .char(let c):
                if c == "(" || c == "[" { depth += 1 }
                if c == ")" || c == "]" {
                    depth -= 1
                    if depth < 1 { return false }
                }
                if depth == 1 && (c == "," || c == ";" || c == "|") { return true }
            case .command:
                let word = t.command.word
                if word == .left {
                    depth += 1
                    j = significant(from: j + 1)
                } else if word == .right {
                    depth -= 1
                    if depth < 1 { return false }
                    j = significant(from: j + 1)
                } else if depth == 1 && (word == .mid || word == .middle || word == .doubleBar || word == .vert) {
                    return true
                } else if word == .newline || word == .end {
                    return false
                }
            default: break
            }
            j += 1
        }
        return false
    }

    private func arguments(of fence: MathNode) -> [MathNode] {
        let body: MathNode
        switch fence.kind {
        case .fence(_, _, let inner): body = inner
        case .setBuilder: body = fence
        default: body = fence
        }
        switch body.kind {
        case .tuple(let items): return items
        case .empty: return []
        default: return [body]
        }
    }

    /// `f(x)`; `\sin^2(x)` becomes `(\sin x)^2` (but `f^{-1}(x)` stays an inverse applied).
    private mutating func makeApply(_ head: __owned MathNode, _ arguments: __owned [MathNode], _ last: MathNode) -> MathNode {
        if case .power(let base, let exponent) = head.kind, case .symbol(let s) = base.kind, s.style == .roman, !head.isInverse {
            let (lower, upper) = span(head, last)
            let applied = node(.apply(function: base, arguments: arguments), lower, upper)
            return node(.power(base: applied, exponent: exponent), lower, upper)
        }
        let (lower, upper) = span(head, last)
        return node(.apply(function: asSymbolIfPi(head), arguments: arguments), lower, upper)
    }

    /// Heads like `\log` without parentheses take the following factors: a number or symbols,
    /// stopping after a function application or before another operator.
    private mutating func parseOperatorOperand(_ ctx: Context) -> MathNode {
        let first = parseUnary(ctx)
        if endsOperand(first) { return first }
        var result = first
        while true {
            let i = nextIndex
            guard canStartOperand(at: i, ctx), let t = token(at: i), !startsOperator(t) else { break }
            let before = pos
            let next = parsePostfix(ctx)
            if pos == before { break }
            result = makeBinary(.implicit, result, next)
            if endsOperand(next) { break }
        }
        return result
    }

    private func endsOperand(_ node: MathNode) -> Bool {
        switch node.kind {
        case .apply, .bigOperator: true
        case .derivative(_, _, _, let of): of != nil
        default: false
        }
    }

    /// After a known function name: scripts (`\log_2`, `\sin^2`), then `(…)` or the operand.
    private mutating func parseFunctionTail(_ head: MathNode, _ ctx: Context, greedy: Bool) -> MathNode {
        var function = head
        if let t = peek(), t.kind == .sub || t.kind == .sup || t.isChar("'") {
            function = parseScripts(function, ctx)
        }
        let i = nextIndex
        if let opener = openerAt(i), opener == .leftParen || opener == .leftBrace || (opener == .leftBracket && isBracketFunctionHead(head)) {
            let fence = parsePrimary(ctx, atom: false)
            return makeApply(function, arguments(of: fence), fence)
        }
        guard greedy, let t = token(at: i), !t.flags.contains(.text),
              canStartOperand(at: i, ctx) || barKind(t) != nil else { return function }
        let operand = parseOperatorOperand(ctx)
        return makeApply(function, [operand], operand)
    }

    // MARK: - Primary

    private mutating func parsePrimary(_ ctx: Context, atom: Bool) -> MathNode {
        guard !tooDeep() else { return skipTooDeep() }
        nesting += 1
        defer { nesting -= 1 }
        // Old-style font switches and wide spaces before an operand.
        while let t = peek(), !t.flags.isDisjoint(with: .skippedBeforeOperand) {
            if let style = t.command.declaration {
                advance()
                declaredStyle = style
            } else if t.flags.contains(.separator) {
                advance()
            } else {
                break
            }
        }
        let i = nextIndex
        guard let t = token(at: i) else { return emptyNode() }
        switch t.kind {
        case .open:
            advance()
            return parseGroup(ctx, start: t.start)
        case .close, .align, .space, .sub, .sup:
            return emptyNode()
        case .char(let c):
            return parseCharacter(c, at: i, ctx, atom: atom)
        case .command(let id):
            return parseCommand(names.name(id), at: i, ctx, atom: atom)
        }
    }

    private var currentStyle: MathStyle { declaredStyle ?? .normal }

    private mutating func parseCharacter(_ c: Unicode.Scalar, at i: Int, _ ctx: Context, atom: Bool) -> MathNode {
        let t = tokens[i]
        if isDigit(c), let style = ctx.style, style == .blackboard || style == .bold {
            advance()
            return symbol(string(c), style, t.start)  // `\mathbb{1}`: the indicator, not the number
        }
        if isDigit(c) || (c == "." && (adjacentChar(after: i).map(isDigit) ?? false)) {
            return parseNumber(atom: atom)
        }
        if isLetter(c) { return parseLetters(ctx, atom: atom) }
        switch c {
        case "(": return parseFence(.leftParen, ctx)
        case "[": return parseFence(.leftBracket, ctx)
        case "|": return hasPartnerBar(.bar, from: i + 1) ? parseFence(.bar, ctx) : emptyNode()
        case ")", "]": return emptyNode()
        case "\u{FFFD}":
            advance()
            return raw(t)
        case "\\":
            advance()
            report(.unexpected, .warning, "a backslash without a command name", at: t.start)
            return raw(t)
        default:
            if MathTables.operatorCharacter(c) != nil || c == "," || c == "!" || c == "'" {
                guard atom || (c == "*" && isPlaceholder(at: i)) else { return emptyNode() }
            }
            advance()
            return symbol(string(c), ctx.style ?? currentStyle, t.start)
        }
    }

    /// `f(\cdot)`, `p(\cdot \mid s)`, `\|\cdot\|`: an operator standing for an argument.
    private func isPlaceholder(at i: Int) -> Bool {
        guard let next = token(at: significant(from: i + 1)) else { return true }
        return isCloser(next) || next.isChar(",") || barKind(next) != nil || next.isCommand(.mid) || next.isCommand(.middle)
    }

    private mutating func parseNumber(atom: Bool) -> MathNode {
        let start = nextIndex
        var j = start
        var text = ""
        func digit(_ k: Int) -> Unicode.Scalar? {
            guard k < tokens.count, let c = tokens[k].scalar, isDigit(c) else { return nil }
            return c
        }
        while let c = digit(j) {
            if text.isEmpty { text = string(c) } else { text.unicodeScalars.append(c) }
            j += 1
            if atom { break }
        }
        if !atom || text.isEmpty, j < tokens.count, tokens[j].isChar("."), let first = digit(j + 1) {
            text += "."
            text.unicodeScalars.append(first)
            j += 2
            while !atom, let c = digit(j) {
                text.unicodeScalars.append(c)
                j += 1
            }
        }
        if !atom, j < tokens.count, let e = tokens[j].scalar, e == "e" || e == "E" {
            var k = j + 1
            var exponent = String(e)
            if k < tokens.count, let sign = tokens[k].scalar, sign == "-" || sign == "+" {
                exponent.unicodeScalars.append(sign)
                k += 1
            }
            if digit(k) != nil {
                while let c = digit(k) {
                    exponent.unicodeScalars.append(c)
                    k += 1
                }
                text += exponent
                j = k
            }
        }
        if j == start { j = start + 1 }
        let begin = tokens[start].start
        move(to: j)
        return node(.number(text.isEmpty ? names.spelling(tokens[start]) : text), begin)
    }

    private mutating func parseLetters(_ ctx: Context, atom: Bool) -> MathNode {
        let first = advance()
        let style = ctx.style ?? currentStyle
        var name = string(first.scalar!)
        if atom { return symbol(name, style, first.start) }
        if ctx.words || MathTables.isWordStyle(style) {
            var j = pos
            var run = name
            var letters = 1
            var end = pos
            while j < tokens.count {
                if tokens[j].kind == .space { j += 1; continue }
                guard let c = tokens[j].scalar, isLetter(c) else { break }
                run.unicodeScalars.append(c)
                letters += 1
                j += 1
                end = j
            }
            let minimum = ctx.superscript && !MathTables.isWordStyle(style) ? 3 : 2
            if letters >= minimum {
                name = run
                move(to: end)
            }
            return symbol(name, style, first.start)
        }
        // In ordinary math a run of letters is a product, unless it spells a known function.
        var j = pos
        var run = name
        while j < tokens.count, run.utf8.count <= MathTables.longestWord, let c = tokens[j].scalar, c.isASCII, isLetter(c) {
            run.unicodeScalars.append(c)
            j += 1
        }
        if j > pos, run.utf8.count <= MathTables.longestWord, MathTables.functionWords.contains(run) || MathTables.bigOperatorWords.contains(run) {
            move(to: j)
            return dispatchSymbol(symbol(run, .roman, first.start), ctx, atom: false)
        }
        // One letter other than `E` (the expectation) is a plain symbol: `dispatchSymbol` would
        // hand it back unchanged, after copying it.
        if first.scalar != "E" { return symbol(name, style, first.start) }
        return dispatchSymbol(symbol(name, style, first.start), ctx, atom: false)
    }

    /// A word that names a big operator or function goes on to read its limits or argument;
    /// `\mathbb{E}` (and `E[`) reads an expectation.
    private mutating func dispatchSymbol(_ head: __owned MathNode, _ ctx: Context, atom: Bool) -> MathNode {
        guard !atom, !ctx.words, !ctx.inFontArgument, case .symbol(let s) = head.kind else { return head }
        if isExpectation(s) {
            return parseBigOperator("E", head.range.lowerBound, ctx, atom: false)
        }
        guard s.name.hasSeveralScalars, s.style == .roman || MathTables.isWordStyle(s.style) else { return head }
        if MathTables.limitFunctionCommands.contains(s.name) {
            return parseLimitFunction(s.name, head.range.lowerBound, ctx, atom: false)
        }
        if MathTables.bigOperatorWords.contains(s.name) {
            return parseBigOperator(s.name, head.range.lowerBound, ctx, atom: false)
        }
        if MathTables.functionCommands.contains(s.name) || MathTables.functionWords.contains(s.name) {
            return parseFunctionTail(head, ctx, greedy: true)
        }
        return head
    }

    private func isExpectation(_ s: MathSymbol) -> Bool {
        // Bytes, not `s.name == "E"`: comparing unequal Strings is a library call, and nearly
        // every symbol comes here.
        guard s.name.utf8.count == 1, s.name.utf8.first == UInt8(ascii: "E") else { return false }
        if s.style == .blackboard { return true }
        let after = indexAfterScripts(from: nextIndex)
        guard let t = token(at: after) else { return false }
        if t.isChar("[") { return true }
        if t.isCommand(.left), let d = token(at: significant(from: after + 1)), d.isChar("[") { return true }
        return false
    }

    /// Skips `_x`, `^{…}` from token `i`.
    private func indexAfterScripts(from i: Int) -> Int {
        var j = i
        while let t = token(at: j), t.kind == .sub || t.kind == .sup {
            let k = significant(from: j + 1)
            guard let a = token(at: k) else { return k }
            if a.kind == .open {
                var depth = 0
                var m = k
                while m < tokens.count {
                    if tokens[m].kind == .open { depth += 1 }
                    if tokens[m].kind == .close {
                        depth -= 1
                        if depth == 0 { break }
                    }
                    m += 1
                }
                j = significant(from: m + 1)
            } else {
                var m = k + 1
                if a.isCommandToken, let g = token(at: m), g.kind == .open {
                    while m < tokens.count && tokens[m].kind != .close { m += 1 }
                    m += 1
                }
                j = significant(from: m)
            }
        }
        return j
    }

    private mutating func parseGroup(_ ctx: Context, start: Int) -> MathNode {
        let savedStyle = declaredStyle
        defer { declaredStyle = savedStyle }
        var inner = ctx
        inner.bar = nil
        inner.inFence = false
        // `{=}`, `{*}`, `{-}`: a lone operator is a symbol.
        let i = nextIndex
        if let t = token(at: i), let close = token(at: significant(from: i + 1)), close.kind == .close,
           t.scalar.map({ MathTables.operatorCharacter($0) != nil || $0 == "'" || $0 == "!" }) == true
            || t.command.binary != nil {
            advance()
            advance()
            let name = t.scalar.map { string($0) } ?? names.commandName(t)!
            return node(.symbol(MathSymbol(name)), start)
        }
        var body: MathNode
        if let t = token(at: i), case .char(let c) = t.kind, c.isASCII, isLetter(c) || isDigit(c),
           token(at: significant(from: i + 1))?.kind == .close {
            // `{t}`, `{2}`: one letter or digit, the commonest group (scripts). The lines, tuple
            // and phrase layers around its expression would each stop at the `}` and pass the
            // expression up unchanged: read the expression directly.
            body = parseExpression(0, inner)
        } else {
            body = parseLines(inner, changeMode: false)
        }
        if let t = peek(), t.flags.contains(.closer), let name = names.commandName(t), MathTables.groupInfixes.contains(name) {
            advance()
            let rhs = parseLines(inner, changeMode: false)
            switch name {
            case "over", "above": body = makeFraction(body, rhs, start)
            case "choose": body = node(.apply(function: MathNode(.symbol(MathSymbol("binom", style: .roman)), range: t.start..<t.end), arguments: [body, rhs]), start)
            default: body = node(.command(name: "atop", arguments: [body, rhs]), start)
            }
        }
        if let t = peek(), t.kind == .close {
            advance()
        } else {
            report(.unbalanced, .warning, "{ without its }", at: start)
        }
        if body.isEmptyKind { return node(.empty, start) }
        return body
    }

    /// A command's argument: a group, or a single token (`\frac12`, `\hat x`).
    private mutating func parseArgument(_ ctx: Context, allowParenthesis: Bool = false) -> MathNode {
        let i = nextIndex
        guard let t = token(at: i), !isCloser(t), t.kind != .sub, t.kind != .sup else {
            report(.missingArgument, .warning, "missing argument", at: lastEnd)
            return emptyNode()
        }
        if t.kind == .open {
            advance()
            return parseGroup(ctx, start: t.start)
        }
        if allowParenthesis && t.isChar("(") { return parsePrimary(ctx, atom: false) }
        return parsePrimary(ctx, atom: true)
    }

    private mutating func parseOptionalArgument(_ ctx: Context) -> MathNode? {
        guard let t = peek(), t.isChar("[") else { return nil }
        advance()
        var inner = ctx
        inner.bar = nil
        let body = parseTuple(inner)
        if let close = peek(), close.isChar("]") {
            advance()
        } else {
            report(.unbalanced, .warning, "[ without its ]", at: t.start)
        }
        return body
    }

    private mutating func parseFence(_ open: Delimiter, _ ctx: Context) -> MathNode {
        let openToken = advance()
        var inner = ctx
        inner.bar = open == .bar || open == .doubleBar ? open : nil
        inner.inFence = true
        let body = parseTuple(inner)
        var close: Delimiter?
        if let t = peek() {
            switch open {
            case .bar, .doubleBar:
                if barKind(t) == open { close = open }
            case .leftParen, .leftBracket:
                if t.isChar(")") { close = .rightParen }
                if t.isChar("]") { close = .rightBracket }
            default:
                if let d = t.command.close, d == MathTables.closing[open] { close = d }
            }
        }
        if close != nil {
            advance()
        } else {
            report(.unbalanced, .warning, "\(names.spelling(openToken)) without its closing delimiter", at: openToken.start)
        }
        return makeFence(open, close ?? .none, body, openToken.start)
    }

    private mutating func makeFence(_ open: Delimiter, _ close: Delimiter, _ body: __owned MathNode, _ start: Int) -> MathNode {
        if open == .leftBrace, close == .rightBrace, case .binary(let op, let element, let condition) = body.kind,
           op == .colon || op == .given {
            return node(.setBuilder(element: element, condition: condition), start)
        }
        return node(.fence(open: open, close: close, body: body), start)
    }

    /// `\left( … \right)`, with `\middle|` inside.
    private mutating func parseLeftRight(_ ctx: Context) -> MathNode {
        let left = advance()
        let open = readDelimiter(opening: true) ?? .none
        var inner = ctx
        inner.bar = nil
        inner.inFence = true
        let body = parseTuple(inner)
        var close: Delimiter = .none
        if let t = peek(), t.isCommand(.right) {
            advance()
            close = readDelimiter(opening: false) ?? .none
        } else {
            report(.unbalanced, .warning, "\\left without \\right", at: left.start)
        }
        return makeFence(open, close, body, left.start)
    }

    private mutating func readDelimiter(opening: Bool) -> Delimiter? {
        guard let t = peek(), !isLineBreak(t), t.kind != .close, t.kind != .open else {
            report(.missingArgument, .warning, "\\left or \\right without a delimiter", at: lastEnd)
            return nil
        }
        advance()
        if let bar = barKind(t) { return bar }
        let key = names.commandName(t) ?? t.scalar.map { String($0) } ?? ""
        if let d = Self.delimiter(for: key, opening: opening) { return d }
        if key == "/" || key == "backslash" { return Delimiter.none }
        report(.unexpected, .note, "unknown delimiter \(names.spelling(t))", at: t.start)
        return Delimiter.none
    }

    /// The delimiter a `\left`/`\right` names, looked up in the table of its side first.
    /// (Written without selecting a table by a conditional expression: that form crashed the
    /// Swift 6.3 optimizer in release builds.)
    private static func delimiter(for key: String, opening: Bool) -> Delimiter? {
        if opening {
            if let d = MathTables.openDelimiters[key] { return d }
            return MathTables.closeDelimiters[key]
        }
        if let d = MathTables.closeDelimiters[key] { return d }
        return MathTables.openDelimiters[key]
    }

    private mutating func parseEnvironment(_ ctx: Context) -> MathNode {
        let begin = advance()
        let name = readEnvironmentName()
        if MathTables.environmentsWithArgument.contains(name) {
            _ = parseOptionalArgument(ctx)
            if let t = peek(), t.kind == .open {
                var depth = 0
                while let t = peek() {
                    advance()
                    if t.kind == .open { depth += 1 }
                    if t.kind == .close {
                        depth -= 1
                        if depth == 0 { break }
                    }
                }
            }
        } else if name.hasSuffix("matrix*") || name == "aligned" || name == "gathered" || name == "array" {
            _ = parseOptionalArgument(ctx)
        }
        var inner = ctx
        inner.bar = nil
        inner.inFence = false
        let result: MathNode.Kind
        if MathTables.casesEnvironments.contains(name) {
            result = .cases(rows: parseRows(inner))
        } else if MathTables.linesEnvironments.contains(name) {
            result = parseLines(inner, changeMode: true).kind
        } else {
            result = .table(environment: name, rows: parseRows(inner))
        }
        if let t = peek(), t.isCommand(.end) {
            advance()
            let endName = readEnvironmentName()
            if endName != name {
                report(.environment, .warning, "\\begin{\(name)} ended by \\end{\(endName)}", at: t.start)
            }
        } else {
            report(.environment, .warning, "\\begin{\(name)} without \\end{\(name)}", at: begin.start)
        }
        return node(result, begin.start)
    }

    private mutating func readEnvironmentName() -> String {
        guard let t = peek(), t.kind == .open else { return "" }
        advance()
        var name = ""
        while let t = peek(), t.kind != .close, name.count < 40 {
            advance()
            name += names.spelling(t)
        }
        if let t = peek(), t.kind == .close { advance() }
        return name
    }

    private mutating func parseTextCommand(atom: Bool) -> MathNode {
        let command = advance()
        guard let t = peek() else {
            report(.missingArgument, .warning, "\(names.spelling(command)) without its argument", at: command.end)
            return node(.text(""), command.start)
        }
        var content: String
        if t.kind == .open {
            let open = nextIndex
            var depth = 0
            var j = open
            while j < tokens.count {
                if tokens[j].kind == .open { depth += 1 }
                if tokens[j].kind == .close {
                    depth -= 1
                    if depth == 0 { break }
                }
                j += 1
            }
            if j < tokens.count {
                if let mixed = parseMathInText(open, j, command.start) {
                    move(to: j + 1)
                    return mixed
                }
                content = j > open + 1 ? textBetween(open, j) : ""
                move(to: j + 1)
            } else {
                content = tokenText(tokens[(open + 1)...], input: input, names: names)
                move(to: tokens.count)
                report(.unbalanced, .warning, "{ without its }", at: t.start)
            }
        } else {
            advance()
            content = names.spelling(t)
        }
        let textNode = node(.text(content), command.start)
        let word = content.trimmingSpaces
        // `\text{softmax}(x)`, `\textnormal{exp}_{o}^K(v)`, `\textrm{det} A`: prose naming a function.
        if !atom, isWord(word) {
            let known = MathTables.functionCommands.contains(word) || MathTables.functionWords.contains(word)
            if known || openerAt(indexAfterScripts(from: nextIndex)) == .leftParen {
                let head = node(.symbol(MathSymbol(word, style: .roman)), command.start)
                return parseFunctionTail(head, Context(), greedy: known)
            }
        }
        return textNode
    }

    /// `\text{if $x > 0$}`: prose with math inside becomes a sequence of text and expressions.
    private mutating func parseMathInText(_ open: Int, _ close: Int, _ start: Int) -> MathNode? {
        let dollars = (open + 1..<close).filter { tokens[$0].isChar("$") }
        guard dollars.count >= 2, !tooDeep() else { return nil }
        var pieces: [MathNode] = []
        var from = open
        var inMath = false
        for boundary in dollars + [close] {
            if inMath {
                var inner = Parser(input: input, tokens: Array(tokens[(from + 1)..<boundary]), names: names, functionNames: functionNames, nesting: nesting + 1)
                let math = inner.parseTop()
                diagnostics += inner.diagnostics.prefix(max(0, 64 - diagnostics.count))
                madeRaw = madeRaw || inner.madeRaw
                if !math.isEmptyKind { pieces.append(math) }
            } else if boundary > from + 1 {
                let prose = textBetween(from, boundary)
                if !prose.trimmingSpaces.isEmpty {
                    pieces.append(MathNode(.text(prose), range: tokens[from].end..<max(tokens[from].end, tokens[boundary].start)))
                }
            }
            from = boundary
            inMath.toggle()
        }
        guard !pieces.isEmpty else { return nil }
        if pieces.count == 1, case .text = pieces[0].kind { return nil }
        return node(.sequence(pieces), start, tokens[close].end)
    }

    /// The source between the braces at token indices `open` and `close`.
    private func textBetween(_ open: Int, _ close: Int) -> String {
        let inner = tokens[(open + 1)..<close]
        if !tokens[open].expanded && !tokens[close].expanded && !inner.contains(where: { $0.expanded }) {
            return text(tokens[open].end..<tokens[close].start)
        }
        return tokenText(inner, input: input, names: names)
    }

    private func isWord(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, isLetter(first), s.unicodeScalars.count <= 32 else { return false }
        return s.unicodeScalars.allSatisfy { isLetter($0) || isDigit($0) || $0 == "-" }
    }

    /// `\text{softmax}(x)`: prose that names a function.
    private func textIsFunction(at i: Int) -> Bool {
        let open = significant(from: i + 1)
        guard let t = token(at: open), t.kind == .open else { return false }
        var j = open + 1
        while j < tokens.count && tokens[j].kind != .close && tokens[j].kind != .open && j < open + 40 { j += 1 }
        guard j < tokens.count, tokens[j].kind == .close else { return false }
        let word = textBetween(open, j).trimmingSpaces
        guard isWord(word) else { return false }
        return MathTables.functionCommands.contains(word) || MathTables.functionWords.contains(word)
            || openerAt(indexAfterScripts(from: significant(from: j + 1))) == .leftParen
    }

    // MARK: - Commands

    private mutating func parseCommand(_ name: String, at i: Int, _ ctx: Context, atom: Bool) -> MathNode {
        let t = tokens[i]
        let flags = t.flags
        let start = t.start
        let style = ctx.style ?? currentStyle
        if flags == .name {
            advance()
            return symbol(name, style, start)
        }
        if flags.contains(.special) { switch t.command.special {
        case .fraction?:
            advance()
            if name == "cfrac" { _ = parseOptionalArgument(ctx) }
            let numerator = parseArgument(ctx)
            let denominator = parseArgument(ctx)
            return makeFraction(numerator, denominator, start)
        case .sqrt?:
            advance()
            let degree = parseOptionalArgument(ctx)
            let radicand = parseArgument(ctx, allowParenthesis: true)
            return node(.root(radicand: radicand, degree: degree), start)
        case .binomial?:
            advance()
            let head = node(.symbol(MathSymbol("binom", style: .roman)), start)
            let n = parseArgument(ctx)
            let k = parseArgument(ctx)
            return node(.apply(function: head, arguments: [n, k]), start)
        case .left?:
            return parseLeftRight(ctx)
        case .begin?:
            return parseEnvironment(ctx)
        case .operatorName?:
            return parseOperatorName(ctx, atom: atom)
        case .mathop?:
            advance()
            let content = parseArgument(ctx)
            if content.isEmptyKind { return node(.empty, start) }  // `\mathop{}\!\mathrm{d}x`
            return mathOperator(from: content, start, ctx, atom: atom) ?? node(.command(name: "mathop", arguments: [content]), start)
        case .arg?:
            advance()
            if let next = peek(), let other = names.commandName(next), ["max", "min", "sup", "inf"].contains(other) {
                advance()
                return parseBigOperator("arg" + other, start, ctx, atom: atom)
            }
            let head = node(.symbol(MathSymbol("arg", style: .roman)), start)
            return atom ? head : parseFunctionTail(head, ctx, greedy: true)
        case .brace?:
            advance()
            let body = parseArgument(ctx)
            if let s = peek(), s.kind == .sub || s.kind == .sup {
                advance()
                _ = parseScriptArgument(ctx, superscript: s.kind == .sup, base: body)
                report(.dropped, .note, "label of \\\(name) dropped", at: s.start)
            }
            return body
        case .stack?:
            advance()
            let label = parseArgument(ctx)
            let content = parseArgument(ctx)
            if let op = mathOperator(from: content, start, ctx, atom: atom,
                                     lower: name == "underset" ? label : nil, upper: name == "underset" ? nil : label) {
                return op
            }
            return node(.command(name: name, arguments: [label, content]), start)
        case .substack?:
            advance()
            return parseArgument(ctx)
        case .reference?:
            advance()
            let open = nextIndex
            var content = ""
            if let g = token(at: open), g.kind == .open {
                var j = open + 1
                while j < tokens.count && tokens[j].kind != .close { j += 1 }
                content = "\\" + name + "{" + (j < tokens.count ? textBetween(open, j) : "") + "}"
                move(to: min(j + 1, tokens.count))
            }
            return node(.text(content), start)
        case .not?:
            advance()
            return node(.command(name: "not", arguments: []), start)
        case .escapedCharacter?:
            advance()
            return symbol(name, style, start)
        case .pi?:
            advance()
            return node(ctx.words || style != .normal ? .symbol(MathSymbol("pi", style: style)) : .constant(.pi), start)
        case .middle?:
            return emptyNode()
        default:
            break
        } }
        if flags.isEmpty { return parseUnknownCommand(name, start, ctx, atom: atom) }
        if flags.contains(.closer) { return emptyNode() }
        if flags.contains(.accent), let accent = t.command.accent {
            advance()
            let base = parseArgument(ctx)
            return node(.accent(accent, base: asSymbolIfPi(base)), start)
        }
        if flags.contains(.style), let newStyle = t.command.style {
            advance()
            var inner = ctx
            inner.style = newStyle
            inner.inFontArgument = true
            if MathTables.isWordStyle(newStyle) { inner.words = true; inner.superscript = false }
            let argument = parseArgument(inner)
            return dispatchSymbol(argument, ctx, atom: atom)
        }
        if flags.contains(.text) { return parseTextCommand(atom: atom) }
        if flags.contains(.bigOperator), let big = MathTables.bigOperatorCommands[name] {
            advance()
            return parseBigOperator(big, start, ctx, atom: atom)
        }
        if flags.contains(.limitFunction) {
            advance()
            return parseLimitFunction(name, start, ctx, atom: atom)
        }
        if flags.contains(.function) {
            advance()
            let head = node(.symbol(MathSymbol(name, style: .roman)), start)
            return atom ? head : parseFunctionTail(head, ctx, greedy: true)
        }
        if flags.contains(.derivative), let kind = t.command.derivative {
            advance()
            return parseDerivativeOperator(kind, start, ctx, atom: atom)
        }
        if flags.contains(.ellipsis) {
            advance()
            return node(.ellipsis, start)
        }
        if flags.contains(.constant), let constant = t.command.constant {
            advance()
            return node(.constant(constant), start)
        }
        if !flags.isDisjoint(with: .anyOperator) {
            guard atom || isPlaceholder(at: i) else { return emptyNode() }
            advance()
            return symbol(name, style, start)
        }
        if flags.contains(.name) {
            advance()
            return symbol(name, style, start)
        }
        // A bar opens `|…|` only when its partner follows; else it separates (`q(z \lvert x)`).
        if let bar = barKind(t) { return hasPartnerBar(bar, from: i + 1) ? parseFence(bar, ctx) : emptyNode() }
        if flags.contains(.openDelimiter), let open = t.command.open { return parseFence(open, ctx) }
        if flags.contains(.closeDelimiter) { return emptyNode() }
        return parseUnknownCommand(name, start, ctx, atom: atom)
    }

    /// An unknown command keeps its name and brace arguments: `\foo{x}`.
    private mutating func parseUnknownCommand(_ name: String, _ start: Int, _ ctx: Context, atom: Bool) -> MathNode {
        advance()
        var arguments: [MathNode] = []
        if !atom {
            while arguments.count < 9, let g = peek(), g.kind == .open {
                advance()
                arguments.append(parseGroup(ctx, start: g.start))
            }
        }
        return node(.command(name: name, arguments: arguments), start)
    }

    /// `\operatorname{softmax}`, `\operatorname*{arg\,max}`, `\operatorname{\mathbb{E}}`.
    private mutating func parseOperatorName(_ ctx: Context, atom: Bool) -> MathNode {
        let command = advance()
        var star = false
        if pos < tokens.count, tokens[pos].isChar("*") {
            move(to: pos + 1)
            star = true
        }
        var inner = ctx
        inner.style = .roman
        inner.words = true
        inner.superscript = false
        let content = parseArgument(inner)
        if case .symbol(let s) = content.kind {
            if s.name == "E" { return parseBigOperator("E", command.start, ctx, atom: atom) }
            if MathTables.limitFunctionCommands.contains(s.name) && !star {
                return parseLimitFunction(s.name, command.start, ctx, atom: atom)
            }
            if star || MathTables.bigOperatorWords.contains(s.name) {
                return parseBigOperator(s.name, command.start, ctx, atom: atom)
            }
            let head = node(.symbol(MathSymbol(s.name, style: s.style == .normal ? .roman : s.style)), command.start)
            return atom ? head : parseFunctionTail(head, ctx, greedy: false)
        }
        if let op = mathOperator(from: content, command.start, ctx, atom: atom) { return op }
        return node(.command(name: "operatorname", arguments: [content]), command.start)
    }

    /// `\mathop{…}`, `\underset{x}{\arg\min}`: a content that names a big operator.
    private mutating func mathOperator(from content: MathNode, _ start: Int, _ ctx: Context, atom: Bool,
                                       lower: MathNode? = nil, upper: MathNode? = nil) -> MathNode? {
        var name: String?
        switch content.kind {
        case .bigOperator(let n, let l, let u, nil) where l == nil && u == nil: name = n
        case .symbol(let s):
            let named = MathTables.bigOperatorWords.contains(s.name) || s.name == "E"
            guard named || (lower == nil && upper == nil) else { return nil }
            name = s.name
        case .text(let t) where MathTables.bigOperatorWords.contains(t.replacingSpaces):
            name = t.replacingSpaces
        default:
            return nil
        }
        guard let name else { return nil }
        return parseBigOperator(name, start, ctx, atom: atom, lower: lower, upper: upper)
    }

    /// `\sum_{i=1}^{n} body`: limits, then the product that follows (or `[…]` for `\mathbb{E}`).
    private mutating func parseBigOperator(_ name: String, _ start: Int, _ ctx: Context, atom: Bool,
                                           lower: MathNode? = nil, upper: MathNode? = nil) -> MathNode {
        var lower = lower
        var upper = upper
        while let t = peek(), t.kind == .sub || t.kind == .sup {
            advance()
            let argument = parseScriptArgument(ctx, superscript: false, base: MathNode(.empty, range: t.start..<t.start))
            if t.kind == .sub {
                if let existing = lower {
                    report(.doubleScript, .warning, "double subscript", at: t.start)
                    lower = spanning(.sequence([existing, argument]), existing, argument)
                } else {
                    lower = argument
                }
            } else {
                if let existing = upper {
                    report(.doubleScript, .warning, "double superscript", at: t.start)
                    upper = spanning(.sequence([existing, argument]), existing, argument)
                } else {
                    upper = argument
                }
            }
        }
        var body: MathNode?
        if !atom {
            let i = nextIndex
            let opener = openerAt(i)
            if name == "E" || name == "Var" || name == "Cov", opener != nil {
                let fence = parsePrimary(ctx, atom: false)
                if case .fence(_, _, let inner) = fence.kind { body = inner } else { body = fence }
            } else if let t = token(at: i), canStartOperand(at: i, ctx) || barKind(t) != nil || t.isCommand(.lVert) || t.isCommand(.lvert)
                        || t.isChar("-") || t.isChar("+") {
                if !t.flags.contains(.text) {
                    body = parseExpression(Precedence.multiplicative, ctx)
                }
            }
        }
        return node(.bigOperator(name: name, lower: lower, upper: upper, body: body), start)
    }

    /// `\max_x f` (big operator) or `\max(a, b)`, `\max\{a, b\}` (function).
    private mutating func parseLimitFunction(_ name: String, _ start: Int, _ ctx: Context, atom: Bool) -> MathNode {
        let head = node(.symbol(MathSymbol(name, style: .roman)), start)
        if let t = peek(), t.kind == .sub || t.kind == .sup { return parseBigOperator(name, start, ctx, atom: atom) }
        if atom { return head }
        if let opener = openerAt(nextIndex), opener == .leftParen || opener == .leftBrace {
            let fence = parsePrimary(ctx, atom: false)
            return makeApply(head, arguments(of: fence), fence)
        }
        return parseBigOperator(name, start, ctx, atom: atom)
    }

    /// `\nabla_\theta f(\theta)`, `\partial_t u`, `\nabla^2 f`.
    private mutating func parseDerivativeOperator(_ kind: DerivativeKind, _ start: Int, _ ctx: Context, atom: Bool) -> MathNode {
        var variables: [MathNode] = []
        var order = 1
        while let t = peek(), t.kind == .sub || t.kind == .sup {
            advance()
            let argument = parseScriptArgument(ctx, superscript: t.kind == .sup, base: MathNode(.empty, range: t.start..<t.start))
            if t.kind == .sub {
                if case .tuple(let items) = argument.kind { variables += items } else { variables.append(argument) }
            } else if case .number(let n) = argument.kind, let value = Int(n) {
                order = value
            } else {
                report(.dropped, .note, "derivative order that is not a number dropped", at: argument.range.lowerBound)
            }
        }
        var of: MathNode?
        if !atom, let t = peek(), canStartOperand(at: nextIndex, ctx) || barKind(t) != nil,
           !t.flags.contains(.text) {
            of = parseOperatorOperand(ctx)
        }
        return node(.derivative(kind: kind, order: order, variables: variables, of: of), start)
    }

    // MARK: - Fractions and derivatives

    private mutating func makeFraction(_ numerator: __owned MathNode, _ denominator: __owned MathNode, _ start: Int) -> MathNode {
        if let derivative = derivative(numerator: numerator, denominator: denominator) { return node(derivative, start) }
        return node(.fraction(numerator: numerator, denominator: denominator), start)
    }

    /// `\frac{\partial L}{\partial w}`, `\frac{d^2 y}{dx^2}`, `\frac{d}{dt}`: a derivative.
    private mutating func derivative(numerator: MathNode, denominator: MathNode) -> MathNode.Kind? {
        if case .derivative(let kind, let order, let variables, let of) = numerator.kind, variables.isEmpty, kind != .gradient {
            var wrt: [MathNode] = []
            for factor in implicitFactors(denominator) {
                guard case .derivative(let k, 1, let v, let x?) = factor.kind, k == kind, v.isEmpty else { return nil }
                wrt += repeatedPowers(x)
            }
            guard !wrt.isEmpty else { return nil }
            return .derivative(kind: kind, order: max(order, wrt.count), variables: wrt, of: of)
        }
        let top = implicitFactors(numerator)
        guard let first = top.first, let order = differentialOrder(first) else { return nil }
        let bottom = implicitFactors(denominator)
        guard bottom.count >= 2, bottom.count % 2 == 0 else { return nil }
        var wrt: [MathNode] = []
        for pair in stride(from: 0, to: bottom.count, by: 2) {
            guard differentialOrder(bottom[pair]) == 1 else { return nil }
            wrt += repeatedPowers(bottom[pair + 1])
        }
        var of: MathNode?
        for factor in top.dropFirst() {
            of = of.map { spanning(.binary(op: .implicit, lhs: $0, rhs: factor), $0, factor) } ?? factor
        }
        return .derivative(kind: .total, order: order, variables: wrt, of: of)
    }

    private func implicitFactors(_ node: MathNode) -> [MathNode] {
        var factors: [MathNode] = []
        var current = node
        while case .binary(.implicit, let lhs, let rhs) = current.kind {
            factors.append(rhs)
            current = lhs
        }
        factors.append(current)
        return factors.reversed()
    }

    /// `d` -> 1, `d^2` -> 2 (also `\mathrm{d}`).
    private func differentialOrder(_ node: MathNode) -> Int? {
        switch node.kind {
        case .symbol(let s) where s.name == "d" && (s.style == .normal || s.style == .roman || s.style == .italic):
            return 1
        case .power(let base, let exponent):
            guard differentialOrder(base) == 1, case .number(let n) = exponent.kind, let value = Int(n) else { return nil }
            return value
        default:
            return nil
        }
    }

    /// `x^2` in a denominator `\partial x^2` means `x` twice.
    private func repeatedPowers(_ node: MathNode) -> [MathNode] {
        if case .power(let base, let exponent) = node.kind, case .number(let n) = exponent.kind, let count = Int(n), count > 1, count <= 8 {
            return Array(repeating: base, count: count)
        }
        return [node]
    }
}

extension String {
    /// `unicodeScalars.count > 1` without walking the string (a scalar is at most 4 bytes):
    /// asked of most symbols the parser reads.
    var hasSeveralScalars: Bool {
        let bytes = utf8.count
        if bytes <= 1 { return false }
        if bytes > 4 { return true }
        var scalars = unicodeScalars.makeIterator()
        _ = scalars.next()
        return scalars.next() != nil
    }

    var trimmingSpaces: String {
        var scalars = Substring(self).unicodeScalars
        while let first = scalars.first, first.properties.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.properties.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }

    var replacingSpaces: String {
        String(String.UnicodeScalarView(unicodeScalars.filter { !$0.properties.isWhitespace }))
    }
}

/// Collects nodes without allocating an array for the common case of one: most lines, phrases
/// and rows hold a single item, and each level of a formula's nesting makes a few of these.
///
/// The first item is a plain `MathNode` (a leaf placeholder while the list is empty), not an
/// optional: destroying an optional node pair went through the runtime's generic tuple
/// destructor, ≈ 6% of a parse.
struct NodeList {
    /// The first item; meaningful only when the list is not empty.
    private(set) var head = MathNode(.empty, range: 0..<0, height: 1)
    private(set) var count = 0
    private var all: [MathNode] = []

    var isEmpty: Bool { count == 0 }

    mutating func append(_ node: __owned MathNode) {
        if count == 0 {
            head = node
        } else {
            if count == 1 { all.append(head) }
            all.append(node)
        }
        count += 1
    }

    var items: [MathNode] {
        if count > 1 { return all }
        return count == 1 ? [head] : []
    }

    /// Moves the first item out and leaves the list empty. A swap, not a copy: returning `head`
    /// retained the node's box and destroying the list released it again, at every level of
    /// every formula (≈ 3% of a parse).
    mutating func takeHead() -> MathNode {
        var node = MathNode(.empty, range: 0..<0, height: 1)
        swap(&node, &head)
        count = 0
        return node
    }
}

extension MathNode {
    /// `kind == .empty` without the synthesized `==` (which compares whole payloads).
    /// Taller nodes are answered by their height: matching on `kind` copies it (a retain and a
    /// release of the node's box), and the climb asks at every implicit product.
    var isEmptyKind: Bool {
        guard height == 1 else { return false }
        if case .empty = kind { return true } else { return false }
    }
}
