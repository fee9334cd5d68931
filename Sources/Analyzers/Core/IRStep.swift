import MathParsing
import PaperModel

/// One line of an algorithm box, read as a statement of a program.
///
/// Every line of the box becomes exactly one step: math is parsed (``assignments``,
/// ``expressions``), prose is kept as prose, and block ends stay as structure, so that a reader
/// can check that nothing was dropped.
public struct IRStep: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        /// Require/Ensure/Input/Output/Parameters.
        case declare
        /// An assignment before any loop, or a line that says "initialize".
        case initialize
        case assign
        /// `x \sim p(x)`: a draw from a distribution.
        case sample
        /// A call written as a function or in words ("Dense(…)(x)", "update θ with Adam").
        case call
        case `return`
        /// for, for all, while, repeat, loop.
        case loop
        /// `until …` closing a repeat loop.
        case until
        case `if`, elseIf, `else`
        /// A block end (end for, end while, end if, …).
        case end
        case procedure
        case `break`
        case comment
        /// A statement in words that is none of the above.
        case prose
    }

    /// How the line was read.
    public enum Form: String, Codable, Sendable, CaseIterable, Comparable {
        /// Math only (beyond a keyword and punctuation), parsed to a complete tree.
        case math
        /// Math only, but some of it could not be parsed (kept as raw TeX inside the tree).
        case partialMath
        /// Prose with math in it; the math is parsed.
        case mixed
        /// Words only.
        case prose
        /// A keyword with no text (`end for`, `else`, `repeat`).
        case structure

        public static func < (a: Form, b: Form) -> Bool {
            allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
        }
    }

    /// Index of the line in the algorithm's lines.
    public var line: Int
    public var depth: Int
    public var kind: Kind
    public var form: Form
    /// The line's kind in the paper model (`state`, `while`, `require`, …).
    public var lineKind: String
    /// The line's text as in the paper (TeX, inline math in dollars).
    public var source: String
    public var comment: String?
    public var assignments: [IRAssignment]
    /// Math that is not an assignment: conditions, returned values, arguments, math in prose.
    public var expressions: [IRMath]
    public var loop: IRLoop?
    /// The prose of a prose or mixed line, with its math as TeX.
    public var prose: String?
    /// The line rewritten with plain names (`m = beta1 * m + (1 - beta1) * g`); empty for
    /// structure lines.
    public var plain: String
    /// The paper's line as readable text: its keyword and its math in plain notation
    /// (`while theta_t not converged`, `m_t <- beta_1 * m_{t-1} + (1 - beta_1) * g_t`).
    public var display: String = ""
    public var span: SourceSpan

    public init(line: Int, depth: Int, kind: Kind, form: Form, lineKind: String, source: String, comment: String?,
                assignments: [IRAssignment] = [], expressions: [IRMath] = [], loop: IRLoop? = nil,
                prose: String? = nil, plain: String = "", span: SourceSpan) {
        self.line = line
        self.depth = depth
        self.kind = kind
        self.form = form
        self.lineKind = lineKind
        self.source = source
        self.comment = comment
        self.assignments = assignments
        self.expressions = expressions
        self.loop = loop
        self.prose = prose
        self.plain = plain
        self.span = span
    }

    /// How a line of this kind reads: the keyword before its text (`while`, `Require`,
    /// `Input:`) and the word after it (`do`, `then`), both empty for plain statements.
    public static func keyword(_ lineKind: String) -> (lead: String, trail: String) {
        (keywords[lineKind] ?? "", ["while", "for", "forAll"].contains(lineKind) ? " do" : lineKind == "if" || lineKind == "elseIf" ? " then" : "")
    }

    private static let keywords: [String: String] = [
        "require": "Require", "ensure": "Ensure", "input": "Input:", "output": "Output:", "parameters": "Parameters:",
        "while": "while", "for": "for", "forAll": "for all", "repeat": "repeat", "until": "until", "loop": "loop",
        "if": "if", "elseIf": "else if", "else": "else", "return": "return", "endIf": "end if", "endFor": "end for",
        "endWhile": "end while", "endLoop": "end loop", "procedure": "procedure", "function": "function", "comment": "//",
    ]

    /// Every parsed formula of the line: assignment targets and values, then expressions.
    public var allMath: [IRMath] {
        assignments.flatMap { [$0.target] + ($0.value.map { [$0] } ?? []) } + expressions
    }
}

/// A piece of math from a line, with its tree.
public struct IRMath: Codable, Hashable, Sendable {
    public var tex: String
    public var tree: MathNode
    /// False when part of the TeX could not be parsed (kept as `.raw` in the tree).
    public var complete: Bool

    public init(tex: String, tree: MathNode, complete: Bool) {
        self.tex = tex
        self.tree = tree
        self.complete = complete
    }
}

/// `target ← value`, `target = value` or `target \sim distribution`.
public struct IRAssignment: Codable, Hashable, Sendable {
    public enum Operation: String, Codable, Sendable {
        case assign, sample
    }

    public var target: IRMath
    /// The quantity assigned (`m` for `m_t`); nil when the target is not a single quantity
    /// (a tuple `\theta_g, \theta_d`, or an expression).
    public var targetKey: String?
    /// Keys of every quantity assigned (several for a tuple target).
    public var targetKeys: [String]
    /// The right-hand side as math, when it is math.
    public var value: IRMath?
    /// The right-hand side in words (`Dense(shape=…)(x)`), when it is not math.
    public var valueProse: String?
    public var operation: Operation
    /// True when the target is one variable updated in place: it is carried by a loop, or the
    /// value reads the previous value (`m_t ← β1 m_{t-1} + …`).
    public var inPlace: Bool
    /// A qualifier written beside it (`i = 1, …, M`).
    public var qualifier: IRMath?

    public init(target: IRMath, targetKey: String?, targetKeys: [String], value: IRMath?, valueProse: String? = nil,
                operation: Operation, inPlace: Bool = false, qualifier: IRMath? = nil) {
        self.target = target
        self.targetKey = targetKey
        self.targetKeys = targetKeys
        self.value = value
        self.valueProse = valueProse
        self.operation = operation
        self.inPlace = inPlace
        self.qualifier = qualifier
    }
}

/// The header of a loop line.
public struct IRLoop: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, Sendable {
        case `for`, forAll, `while`, `repeat`, loop
    }

    public var kind: Kind
    /// The counter (`t`, `l`), when the header names one.
    public var variable: String?
    /// First and last values as plain text (`1`, `T`).
    public var from: String?
    public var to: String?
    /// True for "counting down to", "downto".
    public var descending: Bool
    /// What a `for all` / `for each` ranges over, as plain text.
    public var over: String?
    /// The condition of a while loop or of the `until` that closes a repeat loop, as plain text.
    public var condition: String?
    /// "while not converged", "until convergence".
    public var untilConverged: Bool

    public init(kind: Kind, variable: String? = nil, from: String? = nil, to: String? = nil, descending: Bool = false,
                over: String? = nil, condition: String? = nil, untilConverged: Bool = false) {
        self.kind = kind
        self.variable = variable
        self.from = from
        self.to = to
        self.descending = descending
        self.over = over
        self.condition = condition
        self.untilConverged = untilConverged
    }
}
