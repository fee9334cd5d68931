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

    @inline(__always) static func isMathScalar(_ v: UInt32) -> Bool {
        switch v {
        case 0x3D, 0x3C, 0x3E, 0x2B, 0x7C, 0x5E, 0x5F: return true       // = < > + | ^ _
        case 0xD7, 0xF7, 0xB1, 0xB7, 0xAC: return true                    // × ÷ ± · ¬
        case 0x391...0x3C9, 0x3D0...0x3F6, 0x2206: return true            // Greek, ∆
        case 0x2190...0x21FF, 0x2200...0x22FF, 0x27E8, 0x27E9, 0x2016, 0x2308...0x230B: return true
        case 0x2100...0x214F: return true                                  // ℓ ℝ ℕ …
        case 0x0300...0x036F, 0x20D7: return true                          // combining accents
        case 0x1D400...0x1D7FF: return true                                // math alphanumerics
        default: return false
        }
    }

    static func classify(_ t: PDFToken) -> Class {
        if t.hasScripts { return .math }
        var letters = 0
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(16)
        for sc in t.text.unicodeScalars {
            let v = sc.value
            if isMathScalar(v) { return .math }
            if v < 128 {
                if (v >= 65 && v <= 90) || (v >= 97 && v <= 122) { letters += 1 }
            } else if sc.properties.isAlphabetic {
                letters += 1
            }
            scalars.append(sc)
        }
        if letters == 0 { return .neutral }
        if scalars.count <= 4, mergedScript(t.text) != nil { return .math }  // "mt", "xt−1"
        // The core without surrounding punctuation: "(x)," → "x".
        func isPunct(_ c: Unicode.Scalar) -> Bool {
            let v = c.value
            return (v >= 33 && v <= 47 && v != 0x2B) || (v >= 58 && v <= 64) || (v >= 91 && v <= 96) || (v >= 123 && v <= 126)
                || v == 0x2019 || v == 0x2018 || v == 0x201C || v == 0x201D || v == 0x2013 || v == 0x2014
        }
        var s = 0, e = scalars.count
        while s < e, isPunct(scalars[s]) { s += 1 }
        while e > s, isPunct(scalars[e - 1]) { e -= 1 }
        if e - s == 1 {
            let c = scalars[s]
            if CharacterSetCache.isLetter(c), c != "a", c != "A", c != "I" { return .math }
        }
        // f(x), g(a): a single letter applied to something.
        if e - s >= 3, CharacterSetCache.isLetter(scalars[s]), scalars[s + 1] == "(" { return .math }
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
            out.script("_", fragment(sub))
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
        // Cheap rejection: 2–5 scalars, a letter then t/i/j/k/T/0/1/2.
        let u = s.unicodeScalars
        var it = u.makeIterator()
        guard let c0 = it.next(), CharacterSetCache.isLetter(c0), let c1 = it.next(),
              "tijkT012".unicodeScalars.contains(c1) else { return nil }
        var n = 2
        while it.next() != nil { n += 1; if n > 5 { return nil } }
        let chars = Array(s)
        guard chars.count >= 2, chars.count <= 4, chars[0].isLetter else { return nil }
        let rest = String(chars[1...])
        let subs: Set<String> = ["t", "t−1", "t-1", "t+1", "i", "j", "k", "0", "1", "2", "T"]
        guard subs.contains(rest) else { return nil }
        // A plain English word ("it", "at") is not a variable with a subscript.
        let lower = s.lowercased()
        if ["at", "it", "is", "in", "ik", "hi", "pi", "ok", "xi", "mi", "ai"].contains(lower) { return nil }
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
