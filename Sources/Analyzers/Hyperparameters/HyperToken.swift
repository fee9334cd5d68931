/// One token of a sentence as the hyperparameter extractor sees it: a word, a number, a written
/// list of numbers, a math symbol, a math relation (`$\alpha = 10^{-3}$`), other math, or punctuation.
struct HyperToken: Sendable {
    enum Kind: UInt8, Sendable {
        case word, number, list, symbol, relation, math, punct

        /// A number or a list. Asked as `tokens[i].kind.isValue`: reading a computed property of
        /// an array's token copied the whole token (its Strings retained and released).
        var isValue: Bool { self == .number || self == .list }
    }

    var kind: Kind
    /// Words: lower-cased as written (not singular).
    var lower: String = ""
    /// Words: lower-cased and singular; symbols: the vocabulary's symbol key; punctuation: itself.
    var norm: String
    /// Scalar offsets in the sentence.
    var start: Int
    var end: Int

    /// Number: its value (a percentage as written, 5 for "5%").
    var value: Double = 0
    /// List written as a set (`{…}`, `\{…\}`); otherwise a bracketed or bare tuple.
    var isSet = false
    var isInteger = false
    var isPercent = false
    /// Written as a word ("two").
    var spelled = false
    /// A suffix multiplied the value ("40K", "1.5B").
    var scaled = false
    /// Joined to the previous token by a hyphen ("5-layer", "mini-batch").
    var hyphenBefore = false
    /// A citation (`[key]`, "(Smith et al., 2020)") was dropped right before this token.
    var citeBefore = false
    /// What the rules say about the word (``HyperLexicon/annotate(_:)``).
    var flags: HyperWordFlags = []
    /// Lists, symbols and relations: kept out of line, so that copying a word stays cheap.
    final class Detail: @unchecked Sendable {
        var raw = ""
        var values: [Double] = []
        var symbols: [String] = []
        var symbolTeX: [String] = []
        var relations: [HyperRelation] = []
    }
    private var detail: Detail?

    /// The text as written, for symbols, formulas and lists (empty for words and numbers: slice
    /// the sentence by `start..<end` instead). Out of line: only symbols read it, and every
    /// `String` field costs a retain and a release each time a token is copied.
    var raw: String {
        get { detail?.raw ?? "" }
        set { ensureDetail().raw = newValue }
    }

    private mutating func ensureDetail() -> Detail {
        if let d = detail { return d }
        let d = Detail()
        detail = d
        return d
    }

    /// List: the values, in order.
    var values: [Double] {
        get { detail?.values ?? [] }
        set { ensureDetail().values = newValue }
    }
    /// Symbol: every symbol of a list (`$\beta_1, \beta_2$`), as keys and as written.
    var symbols: [String] {
        get { detail?.symbols ?? [] }
        set { ensureDetail().symbols = newValue }
    }
    var symbolTeX: [String] {
        get { detail?.symbolTeX ?? [] }
        set { ensureDetail().symbolTeX = newValue }
    }
    /// Relation: what the math states.
    var relations: [HyperRelation] {
        get { detail?.relations ?? [] }
        set { ensureDetail().relations = newValue }
    }

    /// Inlined: called, it built the token in a temporary and copied it out (retaining and
    /// releasing its Strings).
    @inline(__always)
    init(_ kind: Kind, raw: String, norm: String, lower: String = "", start: Int, end: Int, flags: HyperWordFlags = []) {
        self.kind = kind
        self.norm = norm
        self.lower = lower
        self.start = start
        self.end = end
        self.flags = flags
        // Punctuation's text is its `norm`, and nothing reads it as `raw`. The detail is made
        // here rather than through the `raw` setter, which copied the token being built.
        if !raw.isEmpty, kind != .punct {
            let d = Detail()
            d.raw = raw
            detail = d
        }
    }

    var isValue: Bool { kind.isValue }
}

/// What an inline formula states about a symbol: `\alpha = 10^{-3}`, `\lambda \in \{0.1, 1\}`,
/// `n = \lceil 128 / \mathit{NFE} \rceil`.
struct HyperRelation: Sendable, Hashable {
    enum Op: Sendable { case equals, element }

    /// The symbol as written (`\beta_1`).
    var lhs: String
    /// The vocabulary's symbol key (`β1`).
    var key: String
    var op: Op
    var values: [Double]
    /// The right side is written as a set.
    var isSet: Bool
    /// The right side is a bracketed interval or tuple.
    var isBracket: Bool
    /// The right side as TeX when it is a formula rather than numbers.
    var expression: String?
    /// The right side as written.
    var raw: String
    var isPercent: Bool
    var isInteger: Bool
}
