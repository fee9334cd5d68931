/// The data the parser and printers run on: which commands are symbols, functions, operators,
/// accents, fonts; how tight operators bind; how Unicode math characters are spelled in TeX.
/// Change behaviour here rather than in the parser's code.
enum MathTables {
    // MARK: Precedence

    /// Binding strength of infix operators; higher binds tighter.
    enum Precedence {
        static let separator = 1      // \mid  :  ;  \|
        static let implication = 2    // \implies \iff
        static let or = 3             // \lor
        static let and = 4            // \land
        static let relation = 5       // = < \le \in \sim \to \leftarrow :=
        static let additive = 6       // + - \pm \oplus \cup
        static let multiplicative = 7 // \cdot \times / \odot \otimes \circ \cap
        static let implicit = 8       // juxtaposition: 2x, W x
    }

    /// Binding strength of `op`. A switch, not a dictionary: the parser asks for every operator
    /// it meets, several times (once per precedence level it climbs through).
    static func precedence(of op: BinaryOperator) -> Int {
        switch op {
        case .given, .colon, .semicolon, .parallel: Precedence.separator
        case .implies, .iff: Precedence.implication
        case .or: Precedence.or
        case .and: Precedence.and
        case .assign, .define, .equivalent, .equal, .notEqual, .less, .greater, .lessEqual, .greaterEqual,
             .muchLess, .muchGreater, .approx, .similar, .similarEqual, .congruent, .proportional, .element,
             .notElement, .subset, .subsetEqual, .superset, .supersetEqual, .to, .mapsTo:
            Precedence.relation
        case .add, .subtract, .plusMinus, .minusPlus, .directSum, .union, .setMinus: Precedence.additive
        case .multiply, .dot, .cross, .divide, .hadamard, .tensor, .compose, .intersection, .star, .convolve:
            Precedence.multiplicative
        case .implicit: Precedence.implicit
        }
    }

    /// Operators where `a op (b op c)` differs from `(a op b) op c`; printers keep the parentheses.
    static let nonAssociative: Set<BinaryOperator> = [.subtract, .divide, .setMinus, .plusMinus, .minusPlus, .colon]

    /// How operators print: readable ASCII, and TeX.
    static let spelling: [BinaryOperator: (plain: String, tex: String)] = [
        .given: ("|", "\\mid"), .colon: (":", ":"), .semicolon: (";", ";"), .parallel: ("||", "\\|"),
        .implies: ("=>", "\\implies"), .iff: ("<=>", "\\iff"), .or: ("or", "\\lor"), .and: ("and", "\\land"),
        .assign: ("<-", "\\leftarrow"), .define: (":=", "\\coloneqq"), .equivalent: ("==", "\\equiv"),
        .equal: ("=", "="), .notEqual: ("!=", "\\neq"), .less: ("<", "<"), .greater: (">", ">"),
        .lessEqual: ("<=", "\\le"), .greaterEqual: (">=", "\\ge"), .muchLess: ("<<", "\\ll"),
        .muchGreater: (">>", "\\gg"), .approx: ("~=", "\\approx"), .similar: ("~", "\\sim"),
        .similarEqual: ("~=", "\\simeq"), .congruent: ("~=", "\\cong"), .proportional: ("propto", "\\propto"),
        .element: ("in", "\\in"), .notElement: ("not in", "\\notin"), .subset: ("subset", "\\subset"),
        .subsetEqual: ("subseteq", "\\subseteq"), .superset: ("supset", "\\supset"),
        .supersetEqual: ("supseteq", "\\supseteq"), .to: ("->", "\\to"), .mapsTo: ("|->", "\\mapsto"),
        .add: ("+", "+"), .subtract: ("-", "-"), .plusMinus: ("+-", "\\pm"), .minusPlus: ("-+", "\\mp"),
        .directSum: ("(+)", "\\oplus"), .union: ("union", "\\cup"), .setMinus: ("\\", "\\setminus"),
        .multiply: ("*", "*"), .dot: ("*", "\\cdot"), .cross: ("x", "\\times"), .divide: ("/", "/"),
        .hadamard: ("(.)", "\\odot"), .tensor: ("(x)", "\\otimes"), .compose: ("o", "\\circ"),
        .intersection: ("intersect", "\\cap"), .star: ("*", "\\star"), .convolve: ("*", "\\ast"),
        .implicit: (" ", " "),
    ]

    /// Short names for s-expression dumps.
    static let sexpName: [BinaryOperator: String] = [
        .given: "|", .colon: ":", .semicolon: ";", .parallel: "||", .implies: "=>", .iff: "<=>",
        .or: "or", .and: "and", .assign: "<-", .define: ":=", .equivalent: "equiv", .equal: "=",
        .notEqual: "!=", .less: "<", .greater: ">", .lessEqual: "<=", .greaterEqual: ">=", .muchLess: "<<",
        .muchGreater: ">>", .approx: "approx", .similar: "~", .similarEqual: "simeq", .congruent: "cong",
        .proportional: "propto", .element: "in", .notElement: "notin", .subset: "subset",
        .subsetEqual: "subseteq", .superset: "supset", .supersetEqual: "supseteq", .to: "->",
        .mapsTo: "|->", .add: "+", .subtract: "-", .plusMinus: "+-", .minusPlus: "-+", .directSum: "oplus",
        .union: "cup", .setMinus: "setminus", .multiply: "*", .dot: "cdot", .cross: "times", .divide: "/",
        .hadamard: "odot", .tensor: "otimes", .compose: "circ", .intersection: "cap", .star: "star",
        .convolve: "ast", .implicit: "*",
    ]

    // MARK: Operators by spelling

    /// Commands that are infix operators.
    static let operatorCommands: [String: BinaryOperator] = [
        "mid": .given, "colon": .colon, "vcentcolon": .colon, "ordinarycolon": .colon, "parallel": .parallel,
        "implies": .implies, "Rightarrow": .implies, "Longrightarrow": .implies, "impliedby": .implies,
        "iff": .iff, "Leftrightarrow": .iff, "Longleftrightarrow": .iff,
        "lor": .or, "vee": .or, "land": .and, "wedge": .and,
        "leftarrow": .assign, "gets": .assign, "longleftarrow": .assign, "Leftarrow": .assign,
        "coloneqq": .define, "coloneq": .define, "defeq": .define, "triangleq": .define, "doteq": .define,
        "eqqcolon": .define, "stackreldef": .define, "equiv": .equivalent,
        "neq": .notEqual, "ne": .notEqual, "le": .lessEqual, "leq": .lessEqual, "leqslant": .lessEqual,
        "ge": .greaterEqual, "geq": .greaterEqual, "geqslant": .greaterEqual, "lt": .less, "gt": .greater,
        "ll": .muchLess, "gg": .muchGreater, "approx": .approx, "sim": .similar, "simeq": .similarEqual,
        "cong": .congruent, "propto": .proportional, "in": .element, "notin": .notElement,
        "subset": .subset, "subseteq": .subsetEqual, "supset": .superset, "supseteq": .supersetEqual,
        "to": .to, "rightarrow": .to, "longrightarrow": .to, "mapsto": .mapsTo, "longmapsto": .mapsTo,
        "pm": .plusMinus, "mp": .minusPlus, "oplus": .directSum, "cup": .union, "setminus": .setMinus,
        "backslash": .setMinus,
        "cdot": .dot, "times": .cross, "div": .divide, "odot": .hadamard, "otimes": .tensor,
        "circ": .compose, "cap": .intersection, "star": .star, "ast": .convolve, "bullet": .dot,
    ]

    /// Relations `\not` turns into their negation.
    static let negated: [BinaryOperator: BinaryOperator] = [
        .equal: .notEqual, .element: .notElement, .similar: .notEqual, .equivalent: .notEqual,
    ]

    /// Single characters that are infix operators (`|` and `:` need context; see the parser).
    static let operatorCharacters: [Unicode.Scalar: BinaryOperator] = [
        "+": .add, "-": .subtract, "*": .multiply, "/": .divide, "=": .equal, "<": .less, ">": .greater,
        ":": .colon, ";": .semicolon,
    ]

    /// Two adjacent characters read as one operator.
    static let operatorPairs: [String: BinaryOperator] = [
        ":=": .define, "<=": .lessEqual, ">=": .greaterEqual, "!=": .notEqual, "<-": .assign, "->": .to,
        "=:": .define,
    ]

    /// ``operatorCharacters`` as an array indexed by ASCII code (the parser's hottest lookup).
    static let asciiOperators: [BinaryOperator?] = (0..<128).map { operatorCharacters[Unicode.Scalar(UInt8($0))] }

    /// The infix operator a single character spells, if any.
    @inline(__always)
    static func operatorCharacter(_ c: Unicode.Scalar) -> BinaryOperator? {
        c.value < 128 ? asciiOperators[Int(c.value)] : nil
    }

    /// ``operatorPairs`` as scalar pairs, scanned linearly: seven entries, no String to build.
    static let operatorPairScalars: [(Unicode.Scalar, Unicode.Scalar, BinaryOperator)] = operatorPairs.map { key, op in
        let scalars = Array(key.unicodeScalars)
        return (scalars[0], scalars[1], op)
    }

    static func operatorPair(_ first: Unicode.Scalar, _ second: Unicode.Scalar) -> BinaryOperator? {
        for (a, b, op) in operatorPairScalars where a == first && b == second { return op }
        return nil
    }

    /// Closers the parser reads itself (`\\`, `\end`, `\over`, …), never stray.
    static let structuralClosers: Set<String> = ["end", "\\", "cr", "over", "atop", "choose", "above"]

    /// Old-style fraction and stacking infixes inside a group: `{a \over b}`.
    static let groupInfixes: Set<String> = ["over", "atop", "choose", "above"]

    /// Commands that spell an infix operator in their arguments: `\overset{def}{=}`, `\mathrel{:=}`.
    static let operatorInGroupsCommands: Set<String> = ["overset", "stackrel", "underset", "mathrel", "mathbin", "xleftarrow", "xrightarrow"]

    /// Commands that, in operand position, are prefix operators.
    static let prefixCommands: [String: UnaryOperator] = [
        "pm": .plusMinus, "mp": .minusPlus, "neg": .not, "lnot": .not, "forall": .forAll, "exists": .exists,
        "nexists": .exists,
    ]

    // MARK: Names

    static let greek: Set<String> = [
        "alpha", "beta", "gamma", "delta", "epsilon", "varepsilon", "zeta", "eta", "theta", "vartheta",
        "iota", "kappa", "varkappa", "lambda", "mu", "nu", "xi", "pi", "varpi", "rho", "varrho", "sigma",
        "varsigma", "tau", "upsilon", "phi", "varphi", "chi", "psi", "omega", "digamma",
        "Gamma", "Delta", "Theta", "Lambda", "Xi", "Pi", "Sigma", "Upsilon", "Phi", "Psi", "Omega",
        "varGamma", "varDelta", "varTheta", "varLambda", "varXi", "varPi", "varSigma", "varUpsilon",
        "varPhi", "varPsi", "varOmega",
    ]

    /// Other commands that name a symbol.
    static let namedSymbols: Set<String> = [
        "ell", "hbar", "imath", "jmath", "aleph", "beth", "wp", "Re", "Im", "top", "bot", "perp", "prime",
        "dagger", "ddagger", "natural", "flat", "sharp", "clubsuit", "diamondsuit", "heartsuit",
        "spadesuit", "triangle", "square", "Box", "Diamond", "blacksquare", "checkmark", "angle",
        "circledast", "diamond", "bigstar", "S", "P", "eth", "mho", "Bbbk", "complement", "backprime",
        "varkappa", "intercal", "cdot", "bullet", "cdotp", "colon", "infty", "emptyset", "varnothing",
    ]

    static let constants: [String: MathConstant] = [
        "infty": .infinity, "emptyset": .emptySet, "varnothing": .emptySet,
    ]

    /// Commands that are functions: `\log x`, `\exp(x)` (the standard LaTeX operator names and a few
    /// that papers commonly define).
    static let functionCommands: Set<String> = [
        "log", "ln", "lg", "exp", "sin", "cos", "tan", "cot", "sec", "csc", "arcsin", "arccos", "arctan",
        "sinh", "cosh", "tanh", "coth", "det", "dim", "ker", "deg", "gcd", "hom", "arg", "Pr", "tr", "Tr",
        "trace", "diag", "rank", "sgn", "sign", "softmax", "sigmoid", "relu", "ReLU", "KL", "Var", "Cov",
        "erf", "logit", "vec", "Span", "span", "supp", "conv", "cov", "var", "mod", "bmod", "poly",
        "polylog", "dist", "proj", "prox", "Exp", "Log", "lcm",
    ]

    /// Commands that take limits and govern a body: `\sum_{i=1}^n x_i`.
    static let bigOperatorCommands: [String: String] = [
        "sum": "sum", "prod": "prod", "coprod": "coprod", "int": "int", "iint": "iint", "iiint": "iiint",
        "oint": "oint", "bigcup": "bigcup", "bigcap": "bigcap", "bigoplus": "bigoplus",
        "bigotimes": "bigotimes", "bigodot": "bigodot", "bigvee": "bigvee", "bigwedge": "bigwedge",
        "bigsqcup": "bigsqcup", "biguplus": "biguplus", "argmax": "argmax", "argmin": "argmin",
        "arginf": "arginf", "argsup": "argsup",
    ]

    /// Commands that take limits when written with a script (`\max_x f`) and are functions
    /// otherwise (`\max(a, b)`).
    static let limitFunctionCommands: Set<String> = [
        "max", "min", "sup", "inf", "lim", "limsup", "liminf", "esssup", "essinf", "injlim", "projlim",
    ]

    /// Words (from `\operatorname{…}`, `\mathrm{…}`, letters) that name a big operator.
    static let bigOperatorWords: Set<String> = [
        "argmax", "argmin", "arginf", "argsup", "max", "min", "sup", "inf", "lim", "limsup", "liminf",
        "maximize", "minimize", "esssup", "essinf", "sum", "prod",
    ]

    /// Letter runs in ordinary math that are read as one function name: `softmax(x)`.
    static let functionWords: Set<String> = [
        "softmax", "sigmoid", "relu", "ReLU", "tanh", "log", "exp", "sin", "cos", "sign", "sgn", "diag",
        "Var", "Cov", "argmax", "argmin", "max", "min", "logit", "erf", "trace",
    ]

    /// Length of the longest of ``functionWords`` and ``bigOperatorWords``.
    static let longestWord = functionWords.union(bigOperatorWords).map(\.utf8.count).max() ?? 0

    /// Each ASCII character as a String: the parser names most symbols by one character, and
    /// copying a small string from here is free where `String(scalar)` costs ≈ 100 instructions.
    static let asciiStrings: [String] = (0..<128).map { String(UnicodeScalar(UInt8($0))) }

    /// Single-letter (and Greek) names that are functions when followed by `(`. `a(b + c)` stays a
    /// product; callers add their own names through ``MathParser/init(macros:functions:)``.
    static let defaultFunctionNames: Set<String> = [
        "f", "g", "h", "p", "q", "P", "pi", "phi", "varphi", "psi", "sigma", "ell",
    ]

    // MARK: Fonts and decorations

    /// Font commands with an argument.
    static let styleCommands: [String: MathStyle] = [
        "mathbf": .bold, "boldsymbol": .bold, "bm": .bold, "pmb": .bold, "mathbold": .bold,
        "textbf": .bold, "mathbb": .blackboard, "mathds": .blackboard, "mathbbm": .blackboard,
        "Bbb": .blackboard, "mathcal": .calligraphic, "mathscr": .script, "mathfrak": .fraktur,
        "mathsf": .sansSerif, "mathtt": .typewriter, "mathit": .italic, "mathrm": .roman,
        "mathnormal": .normal, "mathup": .roman, "mathbfit": .bold, "mathsfit": .sansSerif,
        "mathbfcal": .calligraphic, "bmcal": .calligraphic, "mathpzc": .script, "EuScript": .script,
    ]

    /// Old-style font switches: `{\bf x}`, `{\rm d}`.
    static let styleDeclarations: [String: MathStyle] = [
        "bf": .bold, "rm": .roman, "cal": .calligraphic, "it": .italic, "sf": .sansSerif, "tt": .typewriter,
        "mit": .italic, "boldmath": .bold,
    ]

    /// Fonts in which a run of letters is one name (`\mathrm{softmax}`, `W_{hh}`). A switch, not a
    /// set: asked for every letter the parser reads.
    static func isWordStyle(_ style: MathStyle) -> Bool {
        switch style {
        case .roman, .italic, .sansSerif, .typewriter: true
        default: false
        }
    }

    static let accents: [String: Accent] = [
        "hat": .hat, "widehat": .hat, "bar": .bar, "overline": .bar, "tilde": .tilde, "widetilde": .tilde,
        "vec": .vec, "overrightarrow": .vec, "overleftrightarrow": .vec, "dot": .dot, "ddot": .ddot,
        "check": .check, "widecheck": .check, "breve": .breve, "acute": .acute, "grave": .grave,
        "mathring": .ring, "underline": .underline, "wideparen": .bar, "overarc": .bar,
    ]

    /// How each accent prints in TeX.
    static let accentCommand: [Accent: String] = [
        .hat: "hat", .bar: "bar", .tilde: "tilde", .vec: "vec", .dot: "dot", .ddot: "ddot",
        .check: "check", .breve: "breve", .acute: "acute", .grave: "grave", .ring: "mathring",
        .underline: "underline",
    ]

    /// Commands whose argument is prose.
    static let textCommands: Set<String> = [
        "text", "textrm", "textnormal", "mbox", "hbox", "textit", "textsf", "texttt", "textsc", "textup",
        "emph", "textmd", "textsl", "mathtext", "intertext", "shortintertext", "fbox",
    ]

    // MARK: Delimiters

    static let openDelimiters: [String: Delimiter] = [
        "(": .leftParen, "[": .leftBracket, "{": .leftBrace, "lbrace": .leftBrace, "lbrack": .leftBracket,
        "langle": .leftAngle, "lfloor": .leftFloor, "lceil": .leftCeil, "lvert": .bar, "lVert": .doubleBar,
        "<": .leftAngle, ".": .none, "ulcorner": .leftBracket, "llbracket": .leftBracket,
        "lgroup": .leftParen, "lparen": .leftParen,
    ]

    static let closeDelimiters: [String: Delimiter] = [
        ")": .rightParen, "]": .rightBracket, "}": .rightBrace, "rbrace": .rightBrace,
        "rbrack": .rightBracket, "rangle": .rightAngle, "rfloor": .rightFloor, "rceil": .rightCeil,
        "rvert": .bar, "rVert": .doubleBar, ">": .rightAngle, ".": .none, "urcorner": .rightBracket,
        "rrbracket": .rightBracket, "rgroup": .rightParen, "rparen": .rightParen,
    ]

    /// Commands for delimiters that open or close depending on position (the character `|` too).
    static let barCommands: [String: Delimiter] = [
        "vert": .bar, "arrowvert": .bar, "|": .doubleBar, "Vert": .doubleBar, "Arrowvert": .doubleBar,
    ]

    static let closing: [Delimiter: Delimiter] = [
        .leftParen: .rightParen, .leftBracket: .rightBracket, .leftBrace: .rightBrace, .bar: .bar,
        .doubleBar: .doubleBar, .leftAngle: .rightAngle, .leftFloor: .rightFloor, .leftCeil: .rightCeil,
        .none: .none,
    ]

    static let delimiterTeX: [Delimiter: String] = [
        .leftParen: "(", .rightParen: ")", .leftBracket: "[", .rightBracket: "]", .leftBrace: "\\{",
        .rightBrace: "\\}", .bar: "|", .doubleBar: "\\|", .leftAngle: "\\langle", .rightAngle: "\\rangle",
        .leftFloor: "\\lfloor", .rightFloor: "\\rfloor", .leftCeil: "\\lceil", .rightCeil: "\\rceil",
        .none: ".",
    ]

    static let delimiterPlain: [Delimiter: String] = [
        .leftParen: "(", .rightParen: ")", .leftBracket: "[", .rightBracket: "]", .leftBrace: "{",
        .rightBrace: "}", .bar: "|", .doubleBar: "||", .leftAngle: "<", .rightAngle: ">",
        .leftFloor: "floor(", .rightFloor: ")", .leftCeil: "ceil(", .rightCeil: ")", .none: "",
    ]

    // MARK: Commands the parser drops or looks through

    /// Dropped without a trace: spacing, math styles, size and limit placement.
    static let ignored: Set<String> = [
        ",", ";", ":", "!", ">", " ", "\n", "\t", "\r", "thinspace", "medspace", "thickspace",
        "negthinspace", "negmedspace", "negthickspace", "enspace", "displaystyle", "textstyle",
        "scriptstyle", "scriptscriptstyle", "limits", "nolimits", "displaylimits", "nonumber", "notag",
        "left.", "relax", "protect", "allowbreak", "nobreak", "mathstrut", "strut", "hline", "hdashline",
        "noindent", "centering", "small", "footnotesize", "scriptsize", "tiny", "normalsize", "large",
        "Large", "LARGE", "huge", "Huge", "break", "linebreak", "newline", "nolinebreak", "selectfont",
        "mathopen", "mathclose", "mathpunct", "mathord", "mathinner", "vcenter", "expandafter", "null",
        "ignorespaces", "unskip", "crcr", "bgroup", "egroup", "aftergroup", "noalign", "par", "leavevmode", "xspace", "@", "/",
    ]

    /// Size prefixes of delimiters (`\bigl(`): dropped, the delimiter stays.
    static let sizeCommands: Set<String> = [
        "big", "Big", "bigg", "Bigg", "bigl", "Bigl", "biggl", "Biggl", "bigr", "Bigr", "biggr", "Biggr",
        "bigm", "Bigm", "biggm", "Biggm",
    ]

    /// Dropped together with their brace argument.
    static let ignoredWithArgument: Set<String> = [
        "color", "phantom", "hphantom", "vphantom", "vspace", "vspace*", "label", "tag", "tag*",
        "pagecolor", "rule", "raisebox", "setlength", "addtolength", "hyperlink", "index",
        "nomenclature", "mathversion", "footnote", "marginpar",
    ]

    /// Dropped, keeping their argument: `\boxed{x}` reads as `x`.
    static let transparent: Set<String> = [
        "boxed", "mathclap", "mathllap", "mathrlap", "clap", "llap", "rlap", "smash", "ensuremath",
        "cancel", "bcancel", "xcancel", "cancelto", "displaybreak", "mathchoice", "hbox", "vbox",
        "mathpunct", "mathord", "mathopen", "mathclose", "mathinner", "lefteqn",
        "underbracket", "overbracket",
    ]

    /// Wide spaces between parts of a display (`x = 1 \quad y = 2`).
    static let separators: Set<String> = ["quad", "qquad", "hfill", "hspace", "hspace*", "hskip", "enskip", "quad*"]

    static let ellipses: Set<String> = [
        "dots", "ldots", "cdots", "vdots", "ddots", "dotsc", "dotsb", "dotsm", "dotsi", "dotso", "hdots",
        "iddots", "adots",
    ]

    static let derivativeCommands: [String: DerivativeKind] = ["nabla": .gradient, "partial": .partial]

    // MARK: Command classes

    /// What the tables say about a command, computed once per token (one dictionary lookup
    /// instead of a dozen set lookups in the parser's hot paths).
    struct CommandClass: OptionSet, Sendable {
        let rawValue: UInt32
        static let closer = CommandClass(rawValue: 1 << 0)
        static let infixOperator = CommandClass(rawValue: 1 << 1)
        static let prefixOperator = CommandClass(rawValue: 1 << 2)
        static let separator = CommandClass(rawValue: 1 << 3)
        static let bar = CommandClass(rawValue: 1 << 4)
        static let openDelimiter = CommandClass(rawValue: 1 << 5)
        static let closeDelimiter = CommandClass(rawValue: 1 << 6)
        static let text = CommandClass(rawValue: 1 << 7)
        static let function = CommandClass(rawValue: 1 << 8)
        static let limitFunction = CommandClass(rawValue: 1 << 9)
        static let bigOperator = CommandClass(rawValue: 1 << 10)
        static let derivative = CommandClass(rawValue: 1 << 11)
        static let name = CommandClass(rawValue: 1 << 12)          // Greek letters and named symbols
        static let accent = CommandClass(rawValue: 1 << 13)
        static let style = CommandClass(rawValue: 1 << 14)
        static let styleDeclaration = CommandClass(rawValue: 1 << 15)
        static let ellipsis = CommandClass(rawValue: 1 << 16)
        static let constant = CommandClass(rawValue: 1 << 17)
        static let ignored = CommandClass(rawValue: 1 << 18)
        static let ignoredWithArgument = CommandClass(rawValue: 1 << 19)
        static let transparent = CommandClass(rawValue: 1 << 20)
        static let special = CommandClass(rawValue: 1 << 21)       // handled by name in the parser
        static let notOperand = CommandClass(rawValue: 1 << 22)    // \not, \middle
        static let startsOperator = CommandClass(rawValue: 1 << 23) // \left, \arg, \operatorname, …
        /// Removed or rewritten by `TokenCleaner` (ignored, transparent, spacing, colours).
        static let cleaned = CommandClass(rawValue: 1 << 24)

        // Unions used in hot paths (an array literal would be built at run time).
        static let cannotStartOperand = CommandClass(rawValue: closer.rawValue | infixOperator.rawValue | separator.rawValue
            | bar.rawValue | prefixOperator.rawValue | closeDelimiter.rawValue | notOperand.rawValue)
        static let operatorHead = CommandClass(rawValue: function.rawValue | limitFunction.rawValue | bigOperator.rawValue
            | derivative.rawValue | text.rawValue | startsOperator.rawValue)
        static let skippedBeforeOperand = CommandClass(rawValue: styleDeclaration.rawValue | separator.rawValue)
        static let anyOperator = CommandClass(rawValue: infixOperator.rawValue | prefixOperator.rawValue)
    }

    /// Commands the parser handles one by one: those of ``specialKinds`` (see
    /// `Parser.parseCommand`), the token cleaner's (`TokenCleaner.clean`) and the operators written
    /// with groups (`Parser.infixOperator`).
    static let specialCommands: Set<String> = Set(specialKinds.keys).union(cleanedSpecialCommands).union([
        "mathrel", "mathbin", "xleftarrow", "xrightarrow",
    ])

    /// The special commands `TokenCleaner` handles by name (spacing and colours).
    static let cleanedSpecialCommands: Set<String> = ["mkern", "kern", "mskip", "hskip", "mspace", "hspace", "textcolor", "colorbox"]

    static let closingCommands: Set<String> = [
        "\\", "cr", "right", "end", "over", "atop", "choose", "above", "rangle", "rbrace", "}", "rfloor",
        "rceil", "rvert", "rVert", "rbrack", "rrbracket", "urcorner", "rgroup", "rparen",
    ]

    /// The commands the parser compares by name in its hot paths (lookahead scans, line breaks,
    /// `\left`): read from ``CommandInfo/word`` instead of comparing Strings.
    enum StructuralWord: UInt8, Sendable {
        case left, right, begin, end, newline, cr, mid, middle, not, vert, lvert, lVert, rvert, rVert, doubleBar
    }

    static let structuralWords: [String: StructuralWord] = [
        "left": .left, "right": .right, "begin": .begin, "end": .end, "\\": .newline, "cr": .cr, "mid": .mid,
        "middle": .middle, "not": .not, "vert": .vert, "lvert": .lvert, "lVert": .lVert, "rvert": .rvert, "rVert": .rVert,
        "|": .doubleBar,
    ]

    /// How `Parser.parseCommand` reads a special command.
    enum SpecialCommand: UInt8, Sendable {
        case fraction, sqrt, binomial, left, begin, operatorName, mathop, arg, brace, stack, substack, reference
        case not, escapedCharacter, pi, middle
    }

    static let specialKinds: [String: SpecialCommand] = {
        var table: [String: SpecialCommand] = [:]
        let groups: [(SpecialCommand, [String])] = [
            (.fraction, ["frac", "dfrac", "tfrac", "cfrac", "nicefrac", "sfrac", "flatfrac"]),
            (.sqrt, ["sqrt"]), (.binomial, ["binom", "dbinom", "tbinom"]), (.left, ["left"]), (.begin, ["begin"]),
            (.operatorName, ["operatorname", "DeclareMathOperator"]), (.mathop, ["mathop"]), (.arg, ["arg"]),
            (.brace, ["underbrace", "overbrace", "underbracket", "overbracket"]),
            (.stack, ["underset", "overset", "stackrel"]), (.substack, ["substack"]),
            (.reference, ["ref", "eqref", "cite", "citep", "citet", "autoref", "cref", "Cref", "pageref", "url"]),
            (.not, ["not"]), (.escapedCharacter, ["%", "#", "&", "_", "$"]), (.pi, ["pi"]), (.middle, ["middle"]),
        ]
        for (kind, names) in groups {
            for name in names { table[name] = kind }
        }
        return table
    }()

    /// Everything the tables say about one command, gathered once so that the parser reads an
    /// array element instead of hashing the name into a dozen dictionaries and sets.
    struct CommandInfo: Sendable {
        var flags = CommandClass(rawValue: 0)
        var binary: BinaryOperator?
        var prefix: UnaryOperator?
        /// The bar a command opens or closes (`\vert`, `\|`, `\lvert`, `\rVert`, …).
        var bar: Delimiter?
        var open: Delimiter?
        var close: Delimiter?
        var style: MathStyle?
        var declaration: MathStyle?
        var accent: Accent?
        var derivative: DerivativeKind?
        var constant: MathConstant?
        var word: StructuralWord?
        /// For commands with the `special` class that the parser reads by kind.
        var special: SpecialCommand?
    }

    /// Index into ``commandInfo`` of each known command; unknown commands have index 0.
    static let commandIndex: [String: UInt16] = {
        var index: [String: UInt16] = [:]
        for (i, name) in knownCommandNames.enumerated() { index[name] = UInt16(i + 1) }
        return index
    }()

    /// What the tables say about each command of ``commandIndex``; element 0 is empty.
    static let commandInfo: [CommandInfo] = {
        var table = [CommandInfo()]
        for name in knownCommandNames {
            var info = CommandInfo()
            info.flags = commandClasses[name] ?? []
            if !info.flags.isDisjoint(with: [.ignored, .ignoredWithArgument, .transparent]) || cleanedSpecialCommands.contains(name) {
                info.flags.insert(.cleaned)
            }
            info.binary = operatorCommands[name]
            info.prefix = prefixCommands[name]
            info.bar = barCommands[name] ?? (name == "rvert" || name == "lvert" ? .bar : name == "rVert" || name == "lVert" ? .doubleBar : nil)
            info.open = openDelimiters[name]
            info.close = closeDelimiters[name]
            info.style = styleCommands[name]
            info.declaration = styleDeclarations[name]
            info.accent = accents[name]
            info.derivative = derivativeCommands[name]
            info.constant = constants[name]
            info.word = structuralWords[name]
            info.special = specialKinds[name]
            table.append(info)
        }
        return table
    }()

    /// ``knownCommandNames`` by their bytes, for the lexer.
    static let commandLookup = CommandLookup(names: knownCommandNames)

    /// Every name the tables know, in the order of their ``CommandID``s (from 1).
    static let knownCommandNames: [String] = Array(Set(commandClasses.keys).union(structuralWords.keys)).sorted()

    private static let commandClasses: [String: CommandClass] = {
        var table: [String: CommandClass] = [:]
        func add<S: Sequence>(_ names: S, _ c: CommandClass) where S.Element == String {
            for name in names { table[name, default: []].insert(c) }
        }
        add(closingCommands, .closer)
        add(operatorCommands.keys, .infixOperator)
        add(prefixCommands.keys, .prefixOperator)
        add(separators, .separator)
        add(barCommands.keys, .bar)
        add(openDelimiters.keys, .openDelimiter)
        add(closeDelimiters.keys, .closeDelimiter)
        add(textCommands, .text)
        add(functionCommands, .function)
        add(limitFunctionCommands, .limitFunction)
        add(bigOperatorCommands.keys, .bigOperator)
        add(derivativeCommands.keys, .derivative)
        add(greek.union(namedSymbols), .name)
        add(accents.keys, .accent)
        add(styleCommands.keys, .style)
        add(styleDeclarations.keys, .styleDeclaration)
        add(ellipses, .ellipsis)
        add(constants.keys, .constant)
        add(ignored.union(sizeCommands), .ignored)
        add(ignoredWithArgument, .ignoredWithArgument)
        add(transparent, .transparent)
        add(specialCommands, .special)
        add(["not", "middle"], .notOperand)
        add(["left", "arg", "operatorname", "mathop", "lim"], .startsOperator)
        return table
    }()

    // MARK: Environments

    static let linesEnvironments: Set<String> = [
        "aligned", "align", "align*", "split", "gather", "gather*", "gathered", "eqnarray", "eqnarray*",
        "multline", "multline*", "alignat", "alignat*", "alignedat", "flalign", "flalign*", "equation",
        "equation*", "displaymath", "math", "subequations", "dmath", "dmath*", "IEEEeqnarray",
        "IEEEeqnarray*", "empheq", "subarray", "lgathered", "rgathered", "multlined",
    ]

    static let casesEnvironments: Set<String> = ["cases", "cases*", "dcases", "dcases*", "rcases", "numcases", "subnumcases"]

    static let tableEnvironments: Set<String> = [
        "matrix", "pmatrix", "bmatrix", "Bmatrix", "vmatrix", "Vmatrix", "smallmatrix", "array", "tabular",
        "matrix*", "pmatrix*", "bmatrix*", "psmallmatrix", "bsmallmatrix", "CD",
    ]

    /// Environments whose `\begin{…}` takes one brace argument (a column spec or a count).
    static let environmentsWithArgument: Set<String> = [
        "array", "tabular", "alignat", "alignat*", "alignedat", "subarray", "numcases", "subnumcases",
        "IEEEeqnarray", "IEEEeqnarray*", "empheq",
    ]

    // MARK: Unicode

    /// Unicode math characters and their TeX spelling, so `α ≤ β` parses like `\alpha \le \beta`.
    static let unicode: [Unicode.Scalar: String] = {
        var table: [Unicode.Scalar: String] = [
            "ε": "\\varepsilon", "ϵ": "\\epsilon", "ϕ": "\\phi", "φ": "\\varphi", "ϑ": "\\vartheta",
            "ϱ": "\\varrho", "ς": "\\varsigma", "ϖ": "\\varpi", "ϰ": "\\varkappa",
            "≤": "\\le", "≥": "\\ge", "≠": "\\ne", "≈": "\\approx", "∼": "\\sim", "≃": "\\simeq",
            "≅": "\\cong", "∝": "\\propto", "≡": "\\equiv", "≜": "\\triangleq", "≔": "\\coloneqq",
            "≝": "\\triangleq", "≪": "\\ll", "≫": "\\gg", "⩽": "\\le", "⩾": "\\ge",
            "∈": "\\in", "∉": "\\notin", "⊂": "\\subset", "⊆": "\\subseteq", "⊃": "\\supset",
            "⊇": "\\supseteq", "∪": "\\cup", "∩": "\\cap", "∖": "\\setminus", "∅": "\\emptyset",
            "→": "\\to", "⟶": "\\to", "←": "\\leftarrow", "⟵": "\\leftarrow", "↦": "\\mapsto",
            "⇒": "\\Rightarrow", "⟹": "\\implies", "⇔": "\\iff", "⟺": "\\iff", "∧": "\\land",
            "∨": "\\lor", "¬": "\\neg", "∀": "\\forall", "∃": "\\exists",
            "·": "\\cdot", "⋅": "\\cdot", "∙": "\\cdot", "×": "\\times", "÷": "\\div", "±": "\\pm",
            "∓": "\\mp", "⊙": "\\odot", "⊗": "\\otimes", "⊕": "\\oplus", "∘": "\\circ", "∗": "\\ast",
            "⋆": "\\star", "−": "-", "–": "-", "∣": "\\mid", "∥": "\\|", "‖": "\\|",
            "∇": "\\nabla", "∂": "\\partial", "∑": "\\sum", "∏": "\\prod", "∫": "\\int", "∮": "\\oint",
            "⋃": "\\bigcup", "⋂": "\\bigcap", "√": "\\sqrt", "∞": "\\infty",
            "…": "\\dots", "⋯": "\\cdots", "⋮": "\\vdots", "⋱": "\\ddots",
            "⟨": "\\langle", "⟩": "\\rangle", "⌊": "\\lfloor", "⌋": "\\rfloor", "⌈": "\\lceil",
            "⌉": "\\rceil", "⊤": "\\top", "⊥": "\\bot", "†": "\\dagger", "′": "'", "″": "''", "‴": "'''",
            "ℓ": "\\ell", "ℏ": "\\hbar", "ℵ": "\\aleph",
            "ℝ": "\\mathbb{R}", "ℕ": "\\mathbb{N}", "ℤ": "\\mathbb{Z}", "ℚ": "\\mathbb{Q}",
            "ℂ": "\\mathbb{C}", "ℙ": "\\mathbb{P}", "ℍ": "\\mathbb{H}", "𝔼": "\\mathbb{E}",
            "ℒ": "\\mathcal{L}", "ℰ": "\\mathcal{E}", "ℱ": "\\mathcal{F}", "ℋ": "\\mathcal{H}",
            "ℐ": "\\mathcal{I}", "ℳ": "\\mathcal{M}", "ℛ": "\\mathcal{R}", "ℬ": "\\mathcal{B}",
            "ᵀ": "^{T}", "ᵗ": "^{t}", "ⁱ": "^{i}", "ⁿ": "^{n}", "⁺": "^{+}", "⁻": "^{-}",
            "\u{00A0}": " ", "\u{2009}": " ", "\u{200A}": " ", "\u{2002}": " ", "\u{2003}": " ",
            "\u{202F}": " ", "\u{2061}": "", "\u{2062}": "", "\u{2063}": "", "\u{200B}": "",
            "\u{FEFF}": "",
        ]
        let lower = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta", "iota", "kappa",
                     "lambda", "mu", "nu", "xi", "omicron", "pi", "rho", "varsigma", "sigma", "tau",
                     "upsilon", "varphi", "chi", "psi", "omega"]
        for (offset, name) in lower.enumerated() where name != "epsilon" && name != "varphi" && name != "varsigma" {
            table[Unicode.Scalar(0x03B1 + UInt32(offset))!] = name == "omicron" ? "o" : "\\" + name
        }
        let upper: [String?] = ["A", "B", "\\Gamma", "\\Delta", "E", "Z", "H", "\\Theta", "I", "K", "\\Lambda",
                                "M", "N", "\\Xi", "O", "\\Pi", "P", nil, "\\Sigma", "T", "\\Upsilon", "\\Phi",
                                "X", "\\Psi", "\\Omega"]  // U+0391…U+03A9; U+03A2 is unassigned
        for (offset, spelling) in upper.enumerated() {
            if let spelling { table[Unicode.Scalar(0x0391 + UInt32(offset))!] = spelling }
        }
        for (digit, scalar) in [0x2070, 0x00B9, 0x00B2, 0x00B3, 0x2074, 0x2075, 0x2076, 0x2077, 0x2078, 0x2079].enumerated() {
            table[Unicode.Scalar(UInt32(scalar))!] = "^{\(digit)}"
        }
        for digit in 0...9 { table[Unicode.Scalar(UInt32(0x2080 + digit))!] = "_{\(digit)}" }
        return table
    }()

    /// Fonts of the Mathematical Alphanumeric Symbols block (U+1D400…), 52 letters each.
    static let alphanumericStyles: [String] = [
        "mathbf", "mathit", "boldsymbol", "mathcal", "mathcal", "mathfrak", "mathbb", "mathfrak",
        "mathsf", "mathsf", "mathsf", "mathsf", "mathtt",
    ]
}
