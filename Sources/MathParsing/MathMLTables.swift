/// Characters the MathML printer draws: operator glyphs, accents, big operators, and the
/// Unicode letters of TeX symbol names and math fonts.
enum MathMLTables {
    static let binary: [BinaryOperator: String] = [
        .given: "∣", .colon: ":", .semicolon: ";", .parallel: "∥", .implies: "⟹", .iff: "⟺", .or: "∨",
        .and: "∧", .assign: "←", .define: "≔", .equivalent: "≡", .equal: "=", .notEqual: "≠", .less: "<",
        .greater: ">", .lessEqual: "≤", .greaterEqual: "≥", .muchLess: "≪", .muchGreater: "≫", .approx: "≈",
        .similar: "∼", .similarEqual: "≃", .congruent: "≅", .proportional: "∝", .element: "∈",
        .notElement: "∉", .subset: "⊂", .subsetEqual: "⊆", .superset: "⊃", .supersetEqual: "⊇", .to: "→",
        .mapsTo: "↦", .add: "+", .subtract: "−", .plusMinus: "±", .minusPlus: "∓", .directSum: "⊕",
        .union: "∪", .setMinus: "∖", .multiply: "∗", .dot: "⋅", .cross: "×", .divide: "/", .hadamard: "⊙",
        .tensor: "⊗", .compose: "∘", .intersection: "∩", .star: "⋆", .convolve: "∗",
        // Juxtaposition: the invisible times, so screen readers say "times".
        .implicit: "\u{2062}",
    ]

    static let unary: [UnaryOperator: String] = [
        .negate: "−", .plus: "+", .plusMinus: "±", .minusPlus: "∓", .not: "¬", .forAll: "∀", .exists: "∃",
    ]

    static let constants: [MathConstant: String] = [.pi: "π", .e: "e", .infinity: "∞", .emptySet: "∅"]

    static let accents: [Accent: String] = [
        .hat: "^", .bar: "‾", .tilde: "~", .vec: "→", .dot: "˙", .ddot: "¨", .check: "ˇ", .breve: "˘",
        .acute: "´", .grave: "`", .ring: "˚", .underline: "_",
    ]

    /// Operators drawn large; the others (`max`, `lim`, `argmin`, …) are words.
    static let largeOperators: [String: String] = [
        "sum": "∑", "prod": "∏", "coprod": "∐", "int": "∫", "iint": "∬", "iiint": "∭", "oint": "∮",
        "bigcup": "⋃", "bigcap": "⋂", "bigoplus": "⨁", "bigotimes": "⨂", "bigvee": "⋁", "bigwedge": "⋀",
    ]

    /// Matrix environments and the fences they draw.
    static let matrixFences: [String: (String, String)] = [
        "pmatrix": ("(", ")"), "bmatrix": ("[", "]"), "Bmatrix": ("{", "}"), "vmatrix": ("|", "|"),
        "Vmatrix": ("‖", "‖"), "smallmatrix": ("(", ")"),
    ]

    /// `beta` → `β`, `le` → `≤`: the reader's Unicode-to-TeX table read backwards. Where several
    /// characters spell the same command, the lowest code point wins (so the table is the same
    /// at every run).
    static let glyphs: [String: String] = {
        var table: [String: (scalar: Unicode.Scalar, glyph: String)] = [:]
        for (scalar, tex) in MathTables.unicode where tex.hasPrefix("\\") {
            let name = String(tex.dropFirst())
            guard !name.isEmpty, name.unicodeScalars.allSatisfy({ $0.properties.isAlphabetic }) else { continue }
            if let old = table[name], old.scalar.value < scalar.value { continue }
            table[name] = (scalar, String(Character(scalar)))
        }
        var glyphs = table.mapValues(\.glyph)
        for (name, glyph) in ["epsilon": "ϵ", "infty": "∞", "nabla": "∇", "partial": "∂", "top": "⊤", "bot": "⊥",
                              "hbar": "ℏ", "ell": "ℓ", "emptyset": "∅", "varnothing": "∅", "prime": "′",
                              "dagger": "†", "star": "⋆", "cdot": "⋅", "bullet": "∙", "perp": "⊥",
                              "Re": "ℜ", "Im": "ℑ", "aleph": "ℵ", "square": "□", "triangle": "△"] {
            glyphs[name] = glyph
        }
        return glyphs
    }()

    /// A one-letter symbol in a math font, as the Mathematical Alphanumeric Symbols character
    /// (MathML Core draws fonts that way); nil when the font needs no change or has no such letter.
    static func styled(_ text: String, _ style: MathStyle) -> String? {
        guard text.unicodeScalars.count == 1, let scalar = text.unicodeScalars.first else { return nil }
        let v = scalar.value
        let isUpper = (0x41...0x5A).contains(v), isLower = (0x61...0x7A).contains(v)
        guard isUpper || isLower else { return nil }
        let offset = isUpper ? v - 0x41 : v - 0x41 - 6  // a..z follow A..Z in each font's block
        let base: UInt32
        switch style {
        case .bold: base = 0x1D400
        case .blackboard: base = 0x1D538
        case .calligraphic, .script: base = 0x1D49C
        case .fraktur: base = 0x1D504
        case .sansSerif: base = 0x1D5A0
        case .typewriter: base = 0x1D670
        case .normal, .roman, .italic: return nil
        }
        let letter = Character(scalar)
        if let hole = holes[style]?[letter] { return hole }
        return Unicode.Scalar(base + offset).map { String(Character($0)) }
    }

    /// Letters that Unicode placed in the Letterlike Symbols block instead of the font's block.
    private static let holes: [MathStyle: [Character: String]] = [
        .blackboard: ["C": "ℂ", "H": "ℍ", "N": "ℕ", "P": "ℙ", "Q": "ℚ", "R": "ℝ", "Z": "ℤ"],
        .calligraphic: ["B": "ℬ", "E": "ℰ", "F": "ℱ", "H": "ℋ", "I": "ℐ", "L": "ℒ", "M": "ℳ", "R": "ℛ",
                        "e": "ℯ", "g": "ℊ", "o": "ℴ"],
        .script: ["B": "ℬ", "E": "ℰ", "F": "ℱ", "H": "ℋ", "I": "ℐ", "L": "ℒ", "M": "ℳ", "R": "ℛ",
                  "e": "ℯ", "g": "ℊ", "o": "ℴ"],
        .fraktur: ["C": "ℭ", "H": "ℌ", "I": "ℑ", "R": "ℜ", "Z": "ℨ"],
    ]
}
