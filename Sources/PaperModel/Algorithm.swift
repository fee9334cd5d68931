/// An algorithm box (`algorithm` + `algorithmic`/`algpseudocode`, or `algorithm2e`, or a
/// captioned listing in a PDF) with its statement lines as a flat list carrying nesting depth.
public struct Algorithm: Codable, Hashable, Sendable {
    public var id: String
    public var caption: String
    public var label: String?
    public var number: String?
    /// `algorithmic`, `algpseudocode`, `algorithm2e`, `pdf`, `html`.
    public var syntax: String
    public var lines: [AlgorithmLine]
    public var span: SourceSpan

    public init(id: String, caption: String, label: String? = nil, number: String? = nil, syntax: String,
                lines: [AlgorithmLine], span: SourceSpan) {
        self.id = id
        self.caption = caption
        self.label = label
        self.number = number
        self.syntax = syntax
        self.lines = lines
        self.span = span
    }

    /// Lines that are statements (what a reader counts as the algorithm's steps): everything
    /// but declarations (Require/Ensure/Input/Output…), block ends and stand-alone comments.
    public var steps: [AlgorithmLine] { lines.filter { $0.kind.isStep } }
}

/// One statement line of an algorithm.
public struct AlgorithmLine: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, Sendable, CaseIterable {
        case require, ensure, input, output, parameters, initialize
        case state, assign, call, `return`, print
        case `if`, elseIf, `else`, endIf
        case `for`, forAll, endFor, `while`, endWhile, `repeat`, until, loop, endLoop
        case procedure, endProcedure, function, endFunction
        case comment, text

        /// Whether this kind counts as a step of the algorithm.
        public var isStep: Bool {
            switch self {
            case .require, .ensure, .input, .output, .parameters, .comment,
                 .endIf, .endFor, .endWhile, .endLoop, .endProcedure, .endFunction:
                false
            default: true
            }
        }

        /// Whether this kind opens a block that later lines are nested in.
        public var opensBlock: Bool {
            switch self {
            case .if, .elseIf, .else, .for, .forAll, .while, .repeat, .loop, .procedure, .function: true
            default: false
            }
        }
    }

    public var kind: Kind
    /// The statement's TeX with the keyword removed (for `if`/`while`/`for`: the condition).
    public var text: String
    /// A trailing comment (`\Comment{…}`, `\tcp{…}`), if any.
    public var comment: String?
    /// Nesting depth, 0 at the top.
    public var depth: Int
    /// The line's label (`\label` inside the line), for references to single lines.
    public var label: String?
    public var span: SourceSpan

    public init(kind: Kind, text: String, comment: String? = nil, depth: Int, label: String? = nil,
                span: SourceSpan) {
        self.kind = kind
        self.text = text
        self.comment = comment
        self.depth = depth
        self.label = label
        self.span = span
    }
}
