/// Best-effort TeX for math extracted from a PDF: Unicode symbols become TeX commands and
/// sub/superscripts come from the glyph runs' positions (smaller glyphs set lower or higher
/// than their base). Where pdftotext merged a script into its base word (`mt−1`), a
/// heuristic applies in math context: a trailing `t`, `t−1`, `t+1`, `i`, `j`, `k` or digit
/// after a single letter is a subscript.
enum PDFMath {
    static let commands: [Character: String] = [
        // Greek
        "α": "\\alpha", "β": "\\beta", "γ": "\\gamma", "δ": "\\delta", "ϵ": "\\epsilon", "ε": "\\varepsilon",
        "ζ": "\\zeta", "η": "\\eta", "θ": "\\theta", "ϑ": "\\vartheta", "ι": "\\iota", "κ": "\\kappa",
        "λ": "\\lambda", "µ": "\\mu", "μ": "\\mu", "ν": "\\nu", "ξ": "\\xi", "π": "\\pi", "ϖ": "\\varpi",
        "ρ": "\\rho", "ϱ": "\\varrho", "σ": "\\sigma", "ς": "\\varsigma", "τ": "\\tau", "υ": "\\upsilon",
        "ϕ": "\\phi", "φ": "\\varphi", "χ": "\\chi", "ψ": "\\psi", "ω": "\\omega",
        "Γ": "\\Gamma", "∆": "\\Delta", "Δ": "\\Delta", "Θ": "\\Theta", "Λ": "\\Lambda", "Ξ": "\\Xi",
        "Π": "\\Pi", "Σ": "\\Sigma", "Υ": "\\Upsilon", "Φ": "\\Phi", "Ψ": "\\Psi", "Ω": "\\Omega",
        // Operators and relations
        "←": "\\gets", "→": "\\to", "↔": "\\leftrightarrow", "⇐": "\\Leftarrow", "⇒": "\\Rightarrow",
        "⇔": "\\Leftrightarrow", "↦": "\\mapsto", "∇": "\\nabla", "∂": "\\partial", "·": "\\cdot", "⋅": "\\cdot",
        "×": "\\times", "÷": "\\div", "±": "\\pm", "∓": "\\mp", "≤": "\\leq", "≥": "\\geq", "≦": "\\leq",
        "≧": "\\geq", "≠": "\\neq", "≈": "\\approx", "≃": "\\simeq", "≅": "\\cong", "≡": "\\equiv",
        "∼": "\\sim", "∝": "\\propto", "≪": "\\ll", "≫": "\\gg", "∈": "\\in", "∉": "\\notin", "∋": "\\ni",
        "⊂": "\\subset", "⊃": "\\supset", "⊆": "\\subseteq", "⊇": "\\supseteq", "∪": "\\cup", "∩": "\\cap",
        "∅": "\\emptyset", "∀": "\\forall", "∃": "\\exists", "¬": "\\neg", "∧": "\\wedge", "∨": "\\vee",
        "∑": "\\sum", "∏": "\\prod", "∫": "\\int", "∮": "\\oint", "√": "\\sqrt", "∞": "\\infty",
        "⊙": "\\odot", "⊗": "\\otimes", "⊕": "\\oplus", "⊖": "\\ominus", "∘": "\\circ", "◦": "\\circ",
        "⋆": "\\star", "∗": "*", "†": "\\dagger", "‡": "\\ddagger", "…": "\\ldots", "⋯": "\\cdots",
        "⋮": "\\vdots", "⋱": "\\ddots", "⟨": "\\langle", "⟩": "\\rangle", "〈": "\\langle", "〉": "\\rangle",
        "‖": "\\|", "∥": "\\|", "⌊": "\\lfloor", "⌋": "\\rfloor", "⌈": "\\lceil", "⌉": "\\rceil",
        "ℓ": "\\ell", "ℝ": "\\mathbb{R}", "ℕ": "\\mathbb{N}", "ℤ": "\\mathbb{Z}", "ℚ": "\\mathbb{Q}",
        "ℂ": "\\mathbb{C}", "𝔼": "\\mathbb{E}", "ℙ": "\\mathbb{P}", "ℏ": "\\hbar", "ı": "\\imath",
        "⊤": "\\top", "⊥": "\\perp", "′": "'", "″": "''", "▷": "\\triangleright", "⊳": "\\triangleright",
        "∖": "\\setminus", "⊘": "\\oslash", "⋄": "\\diamond", "∠": "\\angle", "≺": "\\prec", "≻": "\\succ",
        "⪯": "\\preceq", "⪰": "\\succeq", "⊢": "\\vdash", "⊨": "\\models", "∣": "\\mid", "⊎": "\\uplus",
    ]

    /// Plain replacements (not commands).
    static let plain: [Character: String] = [
        "−": "-", "–": "-", "—": "-", "∗": "*", "’": "'", "‘": "'", "“": "``", "”": "''", "\u{00A0}": " ",
        "ﬁ": "fi", "ﬂ": "fl", "ﬀ": "ff", "ﬃ": "ffi", "ﬄ": "ffl", "{": "\\{", "}": "\\}", "%": "\\%",
        "#": "\\#", "&": "\\&", "_": "\\_",
    ]

    static let accents: [Unicode.Scalar: String] = [
        "\u{0302}": "\\hat", "\u{0303}": "\\tilde", "\u{0304}": "\\bar", "\u{0305}": "\\bar", "\u{0307}": "\\dot",
        "\u{0308}": "\\ddot", "\u{0301}": "\\acute", "\u{0300}": "\\grave", "\u{0306}": "\\breve",
        "\u{030C}": "\\check", "\u{20D7}": "\\vec",
    ]

    /// Multi-letter names that TeX has operators for.
    static let operators: Set<String> = [
        "log", "ln", "exp", "max", "min", "sin", "cos", "tan", "tanh", "sinh", "cosh", "arg", "lim", "sup",
        "inf", "det", "dim", "ker", "Pr", "deg", "gcd", "limsup", "liminf", "argmax", "argmin",
    ]

    /// Characters that make a token mathematical.
    static let mathSymbols: Set<Character> = Set("=<>+×÷±∓≤≥≠≈≃≅≡∼∝≪≫∈∉∋⊂⊃⊆⊇∪∩∅∀∃¬∧∨∑∏∫√∞∇∂·⋅←→↔⇐⇒⇔↦⊙⊗⊕⊖∘⋆⟨⟩‖∥⌊⌋⌈⌉ℓℝℕℤℚℂ𝔼ℙ|^_−")

    enum Class { case math, prose, neutral }

    static func isGreek(_ s: Unicode.Scalar) -> Bool { (s.value >= 0x391 && s.value <= 0x3C9) || (s.value >= 0x3D0 && s.value <= 0x3F6) || s == "∆" }

    static func classify(_ t: PDFToken) -> Class {
        if t.hasScripts { return .math }
        let text = t.text
        var letters = 0, others = 0
        for ch in text {
            if mathSymbols.contains(ch) { return .math }
            for s in ch.unicodeScalars {
                if isGreek(s) { return .math }
                if s.value >= 0x2200 && s.value <= 0x22FF { return .math }
                if accents[s] != nil { return .math }
            }
            if ch.isLetter { letters += 1 } else { others += 1 }
        }
        if letters == 0 { return .neutral }
        let core = text.trimmingPunctuation()
        if core.count == 1, let c = core.first, c.isLetter, !"aAI".contains(c) { return .math }
        // f(x), g(a): a single letter applied to something.
        if core.count >= 3, let f = core.first, f.isLetter, core.dropFirst().first == "(" { return .math }
        return letters >= 2 ? .prose : .neutral
    }

    /// TeX for a sequence of math tokens.
    static func tex(_ tokens: [PDFToken], guessScripts: Bool = true) -> String {
        var out = TeXBuilder()
        for (k, t) in tokens.enumerated() {
            if k > 0 { out.space() }
            appendToken(t, to: &out, guessScripts: guessScripts)
        }
        return out.text
    }

    /// Prose with the math segments wrapped in `$…$`.
    static func inlineTeX(_ tokens: [PDFToken]) -> String {
        let classes = tokens.map(classify)
        var out = ""
        var k = 0
        while k < tokens.count {
            if classes[k] == .prose {
                if !out.isEmpty { out += " " }
                out += tokens[k].text
                k += 1
                continue
            }
            // A math segment: math and neutral tokens; neutral-only segments stay text.
            var e = k
            var hasMath = false
            while e < tokens.count, classes[e] != .prose { if classes[e] == .math { hasMath = true }; e += 1 }
            if !out.isEmpty { out += " " }
            if hasMath {
                // Keep trailing sentence punctuation outside the math.
                var seg = Array(tokens[k..<e])
                var trailing = ""
                if var last = seg.last, let ch = last.text.last, ",.;:".contains(ch), last.text.count > 1,
                   last.runs.last?.text.last == ch {
                    last.runs[last.runs.count - 1].text.removeLast()
                    if last.runs[last.runs.count - 1].text.isEmpty { last.runs.removeLast() }
                    last.text.removeLast()
                    seg[seg.count - 1] = last
                    trailing = String(ch)
                }
                out += "$" + tex(seg) + "$" + trailing
            } else {
                out += tokens[k..<e].map(\.text).joined(separator: " ")
            }
            k = e
        }
        return out
    }

    static func appendToken(_ t: PDFToken, to out: inout TeXBuilder, guessScripts: Bool) {
        if t.runs.count == 1, guessScripts, let (base, sub) = mergedScript(t.runs[0].text) {
            out.append(text: base)
            out.script("_", sub)
            return
        }
        var i = 0
        let runs = t.runs
        while i < runs.count {
            let r = runs[i]
            if r.script == .base || i == 0 {
                out.append(text: r.text, accent: r.accent)
                i += 1
                continue
            }
            var sub: [PDFRun] = [], sup: [PDFRun] = []
            while i < runs.count, runs[i].script != .base {
                if runs[i].script == .sub { sub.append(runs[i]) } else { sup.append(runs[i]) }
                i += 1
            }
            if !sub.isEmpty { out.script("_", sub.map { fragment($0.text, $0.accent) }.joined()) }
            if !sup.isEmpty { out.script("^", sup.map { fragment($0.text, $0.accent) }.joined()) }
        }
    }

    /// `mt−1` → (`m`, `t-1`); nil unless the pattern is unambiguous.
    static func mergedScript(_ s: String) -> (String, String)? {
        let chars = Array(s)
        guard chars.count >= 2, chars.count <= 4, chars[0].isLetter else { return nil }
        let rest = String(chars[1...])
        let subs: Set<String> = ["t", "t−1", "t-1", "t+1", "i", "j", "k", "0", "1", "2", "T"]
        guard subs.contains(rest) else { return nil }
        // A plain English word ("it", "at") is not a variable with a subscript.
        let lower = s.lowercased()
        if ["at", "it", "is", "in", "ik"].contains(lower) { return nil }
        if chars.count == 2, chars[0].isASCII, chars[1].isLetter, !isGreek(chars[0].unicodeScalars.first!) {
            // Two Latin letters ("xt") only when the first is a typical variable name.
            guard "abcdfghmnpqrsuvwxyzBCDFGHLMNPQRSUVWXYZ".contains(chars[0]) else { return nil }
        }
        return (String(chars[0]), rest)
    }

    /// TeX of a piece of text without spacing decisions (used inside scripts).
    static func fragment(_ text: String, _ accent: Character? = nil) -> String {
        var b = TeXBuilder()
        b.append(text: text, accent: accent)
        return b.text
    }
}

/// Accumulates TeX, inserting a space after a control word when a letter follows.
struct TeXBuilder {
    var text = ""
    private var afterCommand = false

    mutating func space() {
        if !text.isEmpty, text.last != " " { text += " " }
        afterCommand = false
    }

    mutating func raw(_ s: String, command: Bool = false) {
        guard let f = s.first else { return }
        if afterCommand, f.isLetter { text += " " }
        text += s
        afterCommand = command
    }

    mutating func script(_ kind: String, _ body: String) {
        let b = body.trimmingCharacters(in: .whitespaces)
        guard !b.isEmpty else { return }
        let single = b.count == 1 && (b.first!.isLetter || b.first!.isNumber)
        text += single ? kind + b : kind + "{" + b + "}"
        afterCommand = false
    }

    mutating func append(text s: String, accent: Character? = nil) {
        if let accent, let cmd = PDFMath.accents[accent.unicodeScalars.first!] {
            var inner = TeXBuilder()
            inner.append(text: s)
            raw(cmd + "{" + inner.text + "}")
            return
        }
        let chars = Array(s)
        var k = 0
        while k < chars.count {
            let ch = chars[k]
            // Letter runs: operator names become \log, other words \mathrm{…}.
            if ch.isASCII, ch.isLetter {
                var e = k
                while e < chars.count, chars[e].isASCII, chars[e].isLetter { e += 1 }
                let word = String(chars[k..<e])
                if word.count >= 2, PDFMath.operators.contains(word) {
                    raw("\\" + (word == "argmax" ? "arg\\max" : word == "argmin" ? "arg\\min" : word), command: true)
                } else if word.count >= 3 {
                    raw("\\mathrm{" + word + "}")
                } else {
                    raw(word)
                }
                k = e
                continue
            }
            let scalars = Array(ch.unicodeScalars)
            if scalars.count > 1, let cmd = PDFMath.accents[scalars[1]] {
                var inner = TeXBuilder()
                inner.append(text: String(Character(scalars[0])))
                raw(cmd + "{" + inner.text + "}")
                k += 1
                continue
            }
            if let c = PDFMath.commands[ch] {
                raw(c, command: c.last?.isLetter ?? false)
            } else if let p = PDFMath.plain[ch] {
                raw(p)
            } else {
                raw(String(ch))
            }
            k += 1
        }
    }
}

import Foundation

extension String {
    /// The string without leading/trailing punctuation (`(x),` → `x`).
    func trimmingPunctuation() -> Substring {
        var s = Substring(self)
        while let f = s.first, f.isPunctuation || f == "(" || f == "[" { s = s.dropFirst() }
        while let l = s.last, l.isPunctuation || l == ")" || l == "]" { s = s.dropLast() }
        return s
    }
}
