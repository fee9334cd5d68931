/// LaTeX math to expression trees.
///
/// ```swift
/// let result = MathParser().parse(#"m_t \leftarrow \beta_1 \cdot m_{t-1} + (1-\beta_1) \cdot g_t"#)
/// result.root.plainText  // "m_t <- beta_1 * m_{t-1} + (1 - beta_1) * g_t"
/// ```
///
/// The parser never fails: what it cannot read becomes a ``MathNode/Kind/raw(_:)`` node with a
/// diagnostic, and the rest of the formula still parses. Input is read as UTF-8 bytes; Unicode
/// math characters (`α`, `≤`, `←`, `√`, `∑`, `ℝ`, `x²`) read like their TeX commands.
///
/// Reading rules worth knowing:
/// - **Function or product.** `name(…)` is a function application when `name` is a known function
///   (`\log`, `\exp`, `\sin`, …, `\operatorname{…}`, upright words such as `\mathrm{softmax}`), one
///   of `f g h p q P \pi \phi \varphi \psi \sigma \ell`, a calligraphic letter (`\mathcal{L}(\theta)`),
///   an unknown command, one of the caller's `functions`, or a decorated or indexed form of these
///   (`f_t`, `\hat f`, `f'`); and whenever the parentheses hold a top-level `,`, `;`, `|` or `\mid`
///   (`Q(s, a)`, `p(x \mid y)`). Anything else is implicit multiplication: `a(b + c)`.
///   Known functions also apply without parentheses to the following factors: `\log 2\pi\sigma^2`
///   is `log(2 pi sigma^2)`, `\log \pi(a|s) Q(s,a)` is `log(pi(a|s)) Q(s,a)`.
/// - **Big operators** (`\sum`, `\max_x`, `\mathbb{E}_x`) govern the following product: the body of
///   `\sum_i a_i b_i + c` is `a_i b_i`. `\mathbb{E}[…]` takes the bracket's content as its body.
///   `\max(a, b)` and `\max\{a, b\}` without limits are function applications.
/// - **Superscripts** are powers, except `^\top`/`^\intercal`/`^{\mathsf T}` (transpose), `^T`
///   (transpose, marked ambiguous), `^*`, `^\dagger`, `^\prime` (postfix marks) and `^{(i)}`
///   (superscript index).
/// - **Subscripts** read letter runs as one name: `V_{AB}` is `V` indexed by the symbol `AB`;
///   `x_{t-1}` keeps `t - 1` as an expression.
/// - **Constants**: `\infty` always; `\pi` unless it is indexed, applied, starred, primed or
///   decorated (then it is a symbol, as for a policy `\pi_\theta(a|s)`) or sits in a script (`V^\pi`);
///   `e` only as the base of a power (`e^{x}`).
/// - **Lines**: `\\` separates lines and `&` is ignored, except in `cases` and matrix-like
///   environments, whose cells are kept. A line that begins with an operator continues the line
///   before it (`L &= a \\ &= b` is one chain).
public struct MathParser: Sendable {
    /// Deepest recursion before falling back to `.raw` (hostile input such as 100 000 braces).
    /// The parser also stops early when the current thread's stack runs low, so it is safe on
    /// small secondary threads.
    public static let maxNesting = 256
    /// Tallest tree the parser builds; taller parts become `.raw`. Real papers stay below 25;
    /// the bound keeps recursive walks, printing and JSON cheap in stack.
    public static let maxTreeHeight = 64

    /// The caller's argument-free macros, `name` (with or without the backslash) to TeX.
    public let macros: [String: String]
    /// Extra names that are functions when followed by `(` (e.g. `"F"`, `"\\Phi"`).
    public let functions: Set<String>

    private let macroTokens: [String: MacroBody]
    private let functionNames: FunctionNameSet

    public init(macros: [String: String] = [:], functions: Set<String> = []) {
        self.macros = macros
        self.functions = functions
        var tokens: [String: MacroBody] = [:]
        for (name, body) in macros {
            let key = name.hasPrefix("\\") ? String(name.dropFirst()) : name
            guard !key.isEmpty else { continue }
            var lexed = MacroBody()
            var invalid: [Int] = []
            Lexer.tokenize(Array(body.utf8), into: &lexed.tokens, names: &lexed.names, invalid: &invalid)
            tokens[key] = lexed
        }
        self.macroTokens = tokens
        self.functionNames = FunctionNameSet(MathTables.defaultFunctionNames.union(functions.map { $0.hasPrefix("\\") ? String($0.dropFirst()) : $0 }))
    }

    /// Parses one formula (the body of an `equation`, `align`, `\[…\]`, `$…$`, …).
    public func parse(_ tex: String) -> MathParseResult {
        let input = Array(tex.utf8)
        var diagnostics: [MathDiagnostic] = []
        var tokens: [Token] = []
        tokens.reserveCapacity(input.count)
        var invalid: [Int] = []
        var names = CommandNames()
        let needsCleaning = Lexer.tokenize(input, into: &tokens, names: &names, invalid: &invalid)
        for offset in invalid.prefix(8) {
            diagnostics.append(MathDiagnostic(.invalidUTF8, .warning, "invalid UTF-8 byte read as U+FFFD", at: offset))
        }
        var expander = MacroExpander(macros: macroTokens, inputCount: tokens.count)
        tokens = expander.expand(tokens, names: &names)
        if expander.limitHit {
            diagnostics.append(MathDiagnostic(.macroLimit, .warning, "macro expansion stopped at its limit (recursive macro?)", at: 0))
        }
        var cleaner = TokenCleaner()
        // Macros may bring commands of their own to clean; otherwise the lexer knows.
        if needsCleaning || !macroTokens.isEmpty {
            tokens = cleaner.clean(tokens, input: input, names: names)
        }
        var parser = Parser(input: input, tokens: tokens, names: names, functionNames: functionNames)
        let root = parser.parseTop()
        if diagnostics.isEmpty { diagnostics = parser.diagnostics } else { diagnostics += parser.diagnostics }
        return MathParseResult(root: root, diagnostics: diagnostics, complete: !parser.madeRaw || !root.containsRaw,
                               labels: cleaner.labels, tags: cleaner.tags)
    }
}

/// What ``MathParser/parse(_:)`` returns.
public struct MathParseResult: Sendable, Codable, Hashable {
    public var root: MathNode
    /// Problems found, in source order; empty for clean input.
    public var diagnostics: [MathDiagnostic]
    /// True when no part of the input fell back to `.raw`.
    public var complete: Bool
    /// `\label{…}` arguments, which the tree itself omits.
    public var labels: [String]
    /// `\tag{…}` arguments, which the tree itself omits.
    public var tags: [String]

    public init(root: MathNode, diagnostics: [MathDiagnostic], complete: Bool, labels: [String] = [], tags: [String] = []) {
        self.root = root
        self.diagnostics = diagnostics
        self.complete = complete
        self.labels = labels
        self.tags = tags
    }
}

/// A problem found while parsing, at a UTF-8 offset into the input.
public struct MathDiagnostic: Sendable, Codable, Hashable, CustomStringConvertible {
    /// Stable identifiers; tests and callers can rely on these.
    public enum ID: String, Sendable, Codable, CaseIterable {
        /// A `{`, `(`, `\left`, `|` without its closing partner, or a closer without an opener.
        case unbalanced = "math.unbalanced"
        /// A token that fits nowhere; kept as `.raw`.
        case unexpected = "math.unexpected"
        /// Nesting or tree height beyond the parser's limits; the deep part is kept as `.raw`.
        case tooDeep = "math.too-deep"
        /// `a^b^c` or `a_b_c` (TeX rejects these); read as `a^{b^c}`.
        case doubleScript = "math.double-script"
        /// A command without its argument (`\frac{a}` at the end).
        case missingArgument = "math.missing-argument"
        /// `\begin{…}` without its `\end{…}`, or with a different one.
        case environment = "math.environment"
        /// Macro expansion stopped at its limits.
        case macroLimit = "math.macro-limit"
        case invalidUTF8 = "math.invalid-utf8"
        /// Something was dropped on purpose (the label of `\underbrace{…}_{label}`).
        case dropped = "math.dropped"
    }

    public enum Severity: String, Sendable, Codable {
        case note, warning, error
    }

    public var id: ID
    public var severity: Severity
    public var message: String
    /// UTF-8 offset into the parsed string.
    public var offset: Int

    public init(_ id: ID, _ severity: Severity, _ message: String, at offset: Int) {
        self.id = id
        self.severity = severity
        self.message = message
        self.offset = offset
    }

    public var description: String { "\(offset): \(severity.rawValue): \(message) [\(id.rawValue)]" }
}
