/// One node of a parsed formula: what it is (``kind``) and where it came from (``range``).
///
/// Trees are plain values (`Sendable`, `Codable`, `Hashable`). The parser keeps them at most
/// ``MathParser/maxTreeHeight`` levels deep, so recursive walks (and JSON, one level per node:
/// `{"kind": "binary", "op": "add", "lhs": {…}, "rhs": {…}, "range": [0, 5]}`) are safe.
public struct MathNode: Sendable, Hashable, Codable {
    /// What the node denotes.
    public var kind: Kind { didSet { height = kind.childHeight + 1 } }
    /// UTF-8 byte offsets into the parsed string. Text that came from a macro or a Unicode
    /// character spelled as TeX points at that macro call or character.
    public var range: Range<Int>
    /// Levels below and including this node (a leaf has height 1).
    public private(set) var height: Int

    public init(_ kind: Kind, range: Range<Int>) {
        self.kind = kind
        self.range = range
        self.height = kind.childHeight + 1
    }

    /// For the parser, which has already measured the children.
    init(_ kind: Kind, range: Range<Int>, height: Int) {
        self.kind = kind
        self.range = range
        self.height = height
    }


    /// The node kinds. Operators, styles and names are small closed enums where the set is closed
    /// (``BinaryOperator``, ``MathStyle``) and strings where papers keep inventing new ones (big
    /// operator names, environment names, unknown commands).
    ///
    /// Only the cases that hold a node directly are `indirect` (boxed): leaves (symbols,
    /// numbers) are most nodes and stay inline, without an allocation each.
    public enum Kind: Sendable, Hashable {
        // Leaves
        /// A numeral as written: `2`, `0.9`, `.5`, `1e-8`.
        case number(String)
        /// A variable or function name: `x`, `beta` (`\beta`, `β`), `softmax` (`\mathrm{softmax}`).
        case symbol(MathSymbol)
        /// `\pi`, `e`, `\infty`, `\emptyset` where they are unambiguous (see ``MathParser``).
        case constant(MathConstant)
        /// `\text{…}`, `\mbox{…}`, `\textrm{…}`: prose inside math, kept verbatim.
        case text(String)
        /// `\dots`, `\cdots`, `\ldots`, `\vdots`, `\ddots`.
        case ellipsis
        /// An empty group `{}` or a missing operand (`= b` at the start of an aligned row).
        case empty
        /// Source the parser could not read, kept verbatim; the result has a diagnostic for it.
        case raw(String)

        // Operators
        /// `-x`, `+x`, `\pm x`, `\neg p`, `\forall x`, `\exists x`.
        indirect case unary(op: UnaryOperator, operand: MathNode)
        /// Infix operators, relations and assignments, and implicit multiplication (`2x`).
        /// Chains nest to the left: `a - b - c` is `(a - b) - c`, `0 < x < 1` is `(0 < x) < 1`.
        indirect case binary(op: BinaryOperator, lhs: MathNode, rhs: MathNode)
        /// `x'`, `x^\prime`, `x^*`, `x^\dagger`, `n!`.
        indirect case postfix(op: PostfixOperator, operand: MathNode)
        /// `\frac`, `\dfrac`, `\tfrac`, `\cfrac`, `{a \over b}`.
        indirect case fraction(numerator: MathNode, denominator: MathNode)
        /// `\sqrt{x}` (degree nil) and `\sqrt[n]{x}`.
        indirect case root(radicand: MathNode, degree: MathNode?)

        // Scripts
        /// `x^2`, `\beta_1^t`, `e^{-x}`, `x^{-1}`: every superscript that is not one of the marks
        /// below. Whether it is really a power (and not, say, an index written as superscript)
        /// is for a later pass; ``MathNode/isInverse`` spots `x^{-1}`.
        indirect case power(base: MathNode, exponent: MathNode)
        /// `x_t`, `V_{AB}` (one symbol `AB`), `m_{t-1}` (an expression), `x_{i,j}` (a tuple).
        indirect case index(base: MathNode, index: MathNode)
        /// `x^{(i)}`: a parenthesised superscript, conventionally an index (sample, layer).
        indirect case superscriptIndex(base: MathNode, index: MathNode)
        /// `x^\top`, `x^\intercal`, `x^{\mathsf T}` (`ambiguous == false`) and `x^T`
        /// (`ambiguous == true`: a power of a variable `T` is possible, e.g. `\gamma^T`).
        indirect case transpose(base: MathNode, ambiguous: Bool)

        // Decorations
        /// `\hat x`, `\widehat{x}`, `\bar x`, `\overline{x}`, `\tilde x`, `\vec x`, `\dot x`, ….
        indirect case accent(Accent, base: MathNode)

        // Structure
        /// `f(\theta)`, `\log x`, `\mathrm{softmax}(z)`, `\max(a, b)`: a function applied to its
        /// arguments (split at top-level commas).
        indirect case apply(function: MathNode, arguments: [MathNode])
        /// `\sum`, `\prod`, `\int`, `\max`, `\min`, `\arg\max`, `\sup`, `\inf`, `\lim`,
        /// `\mathbb{E}` (name `E`), `\operatorname*{name}`, with limits and the body they govern.
        /// The body of `\sum_i a_i b_i + c` is `a_i b_i`; of `\mathbb{E}_x[f(x)]`, `f(x)`.
        indirect case bigOperator(name: String, lower: MathNode?, upper: MathNode?, body: MathNode?)
        /// `\nabla_\theta f`, `\partial_x f`, `\frac{\partial L}{\partial w}`, `\frac{d}{dx} f`.
        /// `variables` lists the variables, repeated for higher orders (`\partial x^2` gives
        /// `[x, x]`); `order` is the order the operator states; `of` is nil for a bare operator.
        indirect case derivative(kind: DerivativeKind, order: Int, variables: [MathNode], of: MathNode?)
        /// `(…)`, `[…]`, `\{…\}`, `|x|`, `\|x\|`, `\langle…\rangle`, `\lfloor…\rfloor`, and
        /// mismatched pairs such as the interval `[0, 1)`.
        indirect case fence(open: Delimiter, close: Delimiter, body: MathNode)
        /// Comma-separated items: `a, b, c` (inside a fence: a tuple, set, interval or list).
        case tuple([MathNode])
        /// `\{x : p(x)\}` and `\{x \mid p(x)\}`.
        indirect case setBuilder(element: MathNode, condition: MathNode)
        /// Expressions separated by prose or wide spaces (`x = 1 \quad \text{if } y > 0`).
        case sequence([MathNode])
        /// `\begin{cases}`: rows of cells (value, condition).
        case cases(rows: [[MathNode]])
        /// `pmatrix`, `bmatrix`, `array`, `matrix`, … and unknown environments: rows of cells.
        case table(environment: String, rows: [[MathNode]])
        /// Several lines (`aligned`, `split`, `gather`, or `\\` at top level). `&` is ignored and
        /// a line that starts with an operator (`&= …`, `+ …`) continues the line before it.
        case lines([MathNode])
        /// A command the parser does not know, with its brace arguments: `\foo{x}`.
        case command(name: String, arguments: [MathNode])
    }
}

/// A named variable or function, with the font it was set in.
public struct MathSymbol: Sendable, Hashable, Codable {
    /// `x`, `V`, `beta`, `varepsilon`, `softmax`, `AB` (a letter run in a subscript), `ell`.
    public var name: String
    public var style: MathStyle

    public init(_ name: String, style: MathStyle = .normal) {
        self.name = name
        self.style = style
    }
}

/// The font of a symbol. `\mathbf`, `\boldsymbol` and `\bm` all give ``bold``.
public enum MathStyle: String, Sendable, Hashable, Codable, CaseIterable {
    case normal, roman, italic, bold, blackboard, calligraphic, script, fraktur, sansSerif, typewriter
}

public enum MathConstant: String, Sendable, Hashable, Codable, CaseIterable {
    case pi, e, infinity, emptySet
}

public enum UnaryOperator: String, Sendable, Hashable, Codable, CaseIterable {
    case negate, plus, plusMinus, minusPlus, not, forAll, exists
}

public enum PostfixOperator: String, Sendable, Hashable, Codable, CaseIterable {
    case prime, star, dagger, factorial
}

/// Infix operators. Precedence and spellings live in `MathTables`.
public enum BinaryOperator: String, Sendable, Hashable, Codable, CaseIterable {
    // Separators (lowest): p(x \mid y), \{x : p\}, f(x; \theta), D(p \| q)
    case given, colon, semicolon, parallel
    // Logic
    case implies, iff, or, and
    // Assignments and definitions
    case assign, define, equivalent
    // Relations
    case equal, notEqual, less, greater, lessEqual, greaterEqual, muchLess, muchGreater
    case approx, similar, similarEqual, congruent, proportional
    case element, notElement, subset, subsetEqual, superset, supersetEqual
    case to, mapsTo
    // Additive
    case add, subtract, plusMinus, minusPlus, directSum, union, setMinus
    // Multiplicative
    case multiply, dot, cross, divide, hadamard, tensor, compose, intersection, star, convolve
    /// Juxtaposition: `2x`, `W x`, `a(b + c)`.
    case implicit

    /// Binding strength: higher binds tighter (see `MathTables.precedence(of:)`).
    public var precedence: Int { MathTables.precedence(of: self) }
    /// `<-`, `:=`, `\triangleq`, `\equiv`: the statement defines or updates its left side.
    public var isAssignment: Bool { self == .assign || self == .define || self == .equivalent }
    /// Relations and assignments (`=`, `\le`, `\in`, `\sim`, `\to`, `\leftarrow`, …).
    public var isRelation: Bool { precedence == MathTables.Precedence.relation }
}

public enum Accent: String, Sendable, Hashable, Codable, CaseIterable {
    case hat, bar, tilde, vec, dot, ddot, check, breve, acute, grave, ring, underline
}

public enum DerivativeKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// `d`: `\frac{d}{dx}`, `\frac{dy}{dx}`.
    case total
    /// `\partial`.
    case partial
    /// `\nabla`.
    case gradient
}

/// Fence delimiters, by their printed form. `none` is the invisible `\left.`/`\right.`.
public enum Delimiter: String, Sendable, Hashable, Codable, CaseIterable {
    case leftParen = "(", rightParen = ")", leftBracket = "[", rightBracket = "]"
    case leftBrace = "{", rightBrace = "}", bar = "|", doubleBar = "‖"
    case leftAngle = "⟨", rightAngle = "⟩", leftFloor = "⌊", rightFloor = "⌋"
    case leftCeil = "⌈", rightCeil = "⌉", none = "."
}

extension MathNode.Kind {
    /// Height of the tallest child (0 for leaves). A switch rather than ``forEachChild(_:)``:
    /// the parser asks for every node it makes.
    var childHeight: Int {
        switch self {
        case .number, .symbol, .constant, .text, .ellipsis, .empty, .raw:
            return 0
        case .unary(_, let a), .postfix(_, let a), .transpose(let a, _), .accent(_, let a), .fence(_, _, let a):
            return a.height
        case .binary(_, let a, let b), .fraction(let a, let b), .power(let a, let b),
             .index(let a, let b), .superscriptIndex(let a, let b), .setBuilder(let a, let b):
            return max(a.height, b.height)
        case .root(let a, let degree):
            return max(a.height, degree?.height ?? 0)
        case .apply(let f, let args):
            return max(f.height, Self.tallest(args))
        case .bigOperator(_, let lower, let upper, let content):
            return max(lower?.height ?? 0, upper?.height ?? 0, content?.height ?? 0)
        case .derivative(_, _, let variables, let of):
            return max(of?.height ?? 0, Self.tallest(variables))
        case .tuple(let items), .sequence(let items), .lines(let items), .command(_, let items):
            return Self.tallest(items)
        case .cases(let rows), .table(_, let rows):
            var tallest = 0
            for row in rows { tallest = max(tallest, Self.tallest(row)) }
            return tallest
        }
    }

    private static func tallest(_ nodes: [MathNode]) -> Int {
        var tallest = 0
        for node in nodes { tallest = max(tallest, node.height) }
        return tallest
    }

    /// Calls `body` on each direct child, in source order.
    public func forEachChild(_ body: (MathNode) -> Void) {
        switch self {
        case .number, .symbol, .constant, .text, .ellipsis, .empty, .raw:
            break
        case .unary(_, let a), .postfix(_, let a), .transpose(let a, _), .accent(_, let a):
            body(a)
        case .binary(_, let a, let b), .fraction(let a, let b), .power(let a, let b),
             .index(let a, let b), .superscriptIndex(let a, let b), .setBuilder(let a, let b):
            body(a); body(b)
        case .root(let a, let degree):
            if let degree { body(degree) }
            body(a)
        case .apply(let f, let args):
            body(f); args.forEach(body)
        case .bigOperator(_, let lower, let upper, let content):
            if let lower { body(lower) }
            if let upper { body(upper) }
            if let content { body(content) }
        case .derivative(_, _, let variables, let of):
            if let of { body(of) }
            variables.forEach(body)
        case .fence(_, _, let a):
            body(a)
        case .tuple(let items), .sequence(let items), .lines(let items), .command(_, let items):
            items.forEach(body)
        case .cases(let rows), .table(_, let rows):
            for row in rows { row.forEach(body) }
        }
    }
}

// MARK: - Walking

extension MathNode {
    /// Direct children in source order.
    public var children: [MathNode] {
        var result: [MathNode] = []
        kind.forEachChild { result.append($0) }
        return result
    }

    /// Visits this node and every node below it, parents before children, in source order.
    public func forEach(_ body: (MathNode) -> Void) {
        var stack: [MathNode] = [self]
        while let node = stack.popLast() {
            body(node)
            let before = stack.count
            node.kind.forEachChild { stack.append($0) }
            stack[before...].reverse()
        }
    }

    /// Whether this node or any node below satisfies `predicate`.
    public func contains(where predicate: (MathNode) -> Bool) -> Bool {
        var found = false
        forEach { if !found && predicate($0) { found = true } }
        return found
    }

    /// The distinct symbols used (leaves only: `m_t` gives `m` and `t`), in order of appearance.
    public var symbols: [MathSymbol] {
        var seen = Set<MathSymbol>()
        var result: [MathSymbol] = []
        forEach { node in
            if case .symbol(let symbol) = node.kind, seen.insert(symbol).inserted { result.append(symbol) }
        }
        return result
    }

    /// True when a `.raw` fallback occurs anywhere in the tree.
    public var containsRaw: Bool {
        if case .raw = kind { return true }
        var found = false
        kind.forEachChild { child in
            if !found && child.containsRaw { found = true }
        }
        return found
    }

    /// `x^{-1}`: a power whose exponent is `-1` (an inverse or a reciprocal).
    public var isInverse: Bool {
        guard case .power(_, let exponent) = kind,
              case .unary(.negate, let one) = exponent.kind,
              case .number("1") = one.kind else { return false }
        return true
    }
}

// MARK: - JSON

extension MathNode {
    private enum Key: String, CodingKey {
        case kind, range, value, name, style, op, operand, lhs, rhs, numerator, denominator, radicand, degree
        case base, exponent, index, ambiguous, accent, function, arguments, lower, upper, body, derivative
        case order, variables, of, open, close, items, element, condition, rows, environment
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        try c.encode([range.lowerBound, range.upperBound], forKey: .range)
        switch kind {
        case .number(let v): try c.encode("number", forKey: .kind); try c.encode(v, forKey: .value)
        case .symbol(let s):
            try c.encode("symbol", forKey: .kind)
            try c.encode(s.name, forKey: .name)
            if s.style != .normal { try c.encode(s.style, forKey: .style) }
        case .constant(let v): try c.encode("constant", forKey: .kind); try c.encode(v, forKey: .value)
        case .text(let v): try c.encode("text", forKey: .kind); try c.encode(v, forKey: .value)
        case .ellipsis: try c.encode("ellipsis", forKey: .kind)
        case .empty: try c.encode("empty", forKey: .kind)
        case .raw(let v): try c.encode("raw", forKey: .kind); try c.encode(v, forKey: .value)
        case .unary(let op, let operand):
            try c.encode("unary", forKey: .kind); try c.encode(op, forKey: .op); try c.encode(operand, forKey: .operand)
        case .binary(let op, let lhs, let rhs):
            try c.encode("binary", forKey: .kind); try c.encode(op, forKey: .op)
            try c.encode(lhs, forKey: .lhs); try c.encode(rhs, forKey: .rhs)
        case .postfix(let op, let operand):
            try c.encode("postfix", forKey: .kind); try c.encode(op, forKey: .op); try c.encode(operand, forKey: .operand)
        case .fraction(let a, let b):
            try c.encode("fraction", forKey: .kind); try c.encode(a, forKey: .numerator); try c.encode(b, forKey: .denominator)
        case .root(let radicand, let degree):
            try c.encode("root", forKey: .kind); try c.encode(radicand, forKey: .radicand)
            try c.encodeIfPresent(degree, forKey: .degree)
        case .power(let base, let exponent):
            try c.encode("power", forKey: .kind); try c.encode(base, forKey: .base); try c.encode(exponent, forKey: .exponent)
        case .index(let base, let index):
            try c.encode("index", forKey: .kind); try c.encode(base, forKey: .base); try c.encode(index, forKey: .index)
        case .superscriptIndex(let base, let index):
            try c.encode("superscriptIndex", forKey: .kind); try c.encode(base, forKey: .base); try c.encode(index, forKey: .index)
        case .transpose(let base, let ambiguous):
            try c.encode("transpose", forKey: .kind); try c.encode(base, forKey: .base); try c.encode(ambiguous, forKey: .ambiguous)
        case .accent(let accent, let base):
            try c.encode("accent", forKey: .kind); try c.encode(accent, forKey: .accent); try c.encode(base, forKey: .base)
        case .apply(let function, let arguments):
            try c.encode("apply", forKey: .kind); try c.encode(function, forKey: .function); try c.encode(arguments, forKey: .arguments)
        case .bigOperator(let name, let lower, let upper, let body):
            try c.encode("bigOperator", forKey: .kind); try c.encode(name, forKey: .name)
            try c.encodeIfPresent(lower, forKey: .lower); try c.encodeIfPresent(upper, forKey: .upper)
            try c.encodeIfPresent(body, forKey: .body)
        case .derivative(let kind, let order, let variables, let of):
            try c.encode("derivative", forKey: .kind); try c.encode(kind, forKey: .derivative)
            try c.encode(order, forKey: .order); try c.encode(variables, forKey: .variables); try c.encodeIfPresent(of, forKey: .of)
        case .fence(let open, let close, let body):
            try c.encode("fence", forKey: .kind); try c.encode(open, forKey: .open); try c.encode(close, forKey: .close)
            try c.encode(body, forKey: .body)
        case .tuple(let items): try c.encode("tuple", forKey: .kind); try c.encode(items, forKey: .items)
        case .setBuilder(let element, let condition):
            try c.encode("setBuilder", forKey: .kind); try c.encode(element, forKey: .element); try c.encode(condition, forKey: .condition)
        case .sequence(let items): try c.encode("sequence", forKey: .kind); try c.encode(items, forKey: .items)
        case .cases(let rows): try c.encode("cases", forKey: .kind); try c.encode(rows, forKey: .rows)
        case .table(let environment, let rows):
            try c.encode("table", forKey: .kind); try c.encode(environment, forKey: .environment); try c.encode(rows, forKey: .rows)
        case .lines(let items): try c.encode("lines", forKey: .kind); try c.encode(items, forKey: .items)
        case .command(let name, let arguments):
            try c.encode("command", forKey: .kind); try c.encode(name, forKey: .name); try c.encode(arguments, forKey: .arguments)
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Key.self)
        let bounds = try c.decode([Int].self, forKey: .range)
        guard bounds.count == 2, bounds[0] <= bounds[1] else {
            throw DecodingError.dataCorruptedError(forKey: .range, in: c, debugDescription: "range must be [lower, upper]")
        }
        func node(_ key: Key) throws -> MathNode { try c.decode(MathNode.self, forKey: key) }
        func optional(_ key: Key) throws -> MathNode? { try c.decodeIfPresent(MathNode.self, forKey: key) }
        func nodes(_ key: Key) throws -> [MathNode] { try c.decode([MathNode].self, forKey: key) }
        func string(_ key: Key) throws -> String { try c.decode(String.self, forKey: key) }
        let kind: Kind
        switch try string(.kind) {
        case "number": kind = .number(try string(.value))
        case "symbol": kind = .symbol(MathSymbol(try string(.name), style: try c.decodeIfPresent(MathStyle.self, forKey: .style) ?? .normal))
        case "constant": kind = .constant(try c.decode(MathConstant.self, forKey: .value))
        case "text": kind = .text(try string(.value))
        case "ellipsis": kind = .ellipsis
        case "empty": kind = .empty
        case "raw": kind = .raw(try string(.value))
        case "unary": kind = .unary(op: try c.decode(UnaryOperator.self, forKey: .op), operand: try node(.operand))
        case "binary": kind = .binary(op: try c.decode(BinaryOperator.self, forKey: .op), lhs: try node(.lhs), rhs: try node(.rhs))
        case "postfix": kind = .postfix(op: try c.decode(PostfixOperator.self, forKey: .op), operand: try node(.operand))
        case "fraction": kind = .fraction(numerator: try node(.numerator), denominator: try node(.denominator))
        case "root": kind = .root(radicand: try node(.radicand), degree: try optional(.degree))
        case "power": kind = .power(base: try node(.base), exponent: try node(.exponent))
        case "index": kind = .index(base: try node(.base), index: try node(.index))
        case "superscriptIndex": kind = .superscriptIndex(base: try node(.base), index: try node(.index))
        case "transpose": kind = .transpose(base: try node(.base), ambiguous: try c.decode(Bool.self, forKey: .ambiguous))
        case "accent": kind = .accent(try c.decode(Accent.self, forKey: .accent), base: try node(.base))
        case "apply": kind = .apply(function: try node(.function), arguments: try nodes(.arguments))
        case "bigOperator":
            kind = .bigOperator(name: try string(.name), lower: try optional(.lower), upper: try optional(.upper), body: try optional(.body))
        case "derivative":
            kind = .derivative(kind: try c.decode(DerivativeKind.self, forKey: .derivative), order: try c.decode(Int.self, forKey: .order),
                               variables: try nodes(.variables), of: try optional(.of))
        case "fence":
            kind = .fence(open: try c.decode(Delimiter.self, forKey: .open), close: try c.decode(Delimiter.self, forKey: .close), body: try node(.body))
        case "tuple": kind = .tuple(try nodes(.items))
        case "setBuilder": kind = .setBuilder(element: try node(.element), condition: try node(.condition))
        case "sequence": kind = .sequence(try nodes(.items))
        case "cases": kind = .cases(rows: try c.decode([[MathNode]].self, forKey: .rows))
        case "table": kind = .table(environment: try string(.environment), rows: try c.decode([[MathNode]].self, forKey: .rows))
        case "lines": kind = .lines(try nodes(.items))
        case "command": kind = .command(name: try string(.name), arguments: try nodes(.arguments))
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .kind, in: c, debugDescription: "unknown node kind \(other)")
        }
        self.init(kind, range: bounds[0]..<bounds[1])
    }
}
