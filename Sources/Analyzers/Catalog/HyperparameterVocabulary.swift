import Foundation

/// The hyperparameter vocabulary (`hyperparameters.json`): canonical names, the phrases and
/// symbols papers use for them, and plausible value ranges.
///
/// Name lookups ignore case, plural, articles, and the difference between spaces, hyphens and
/// underscores ("Mini-batch sizes" = "minibatch size" = "mini batch size"). Symbol lookups accept
/// TeX or Unicode ("\\beta_{1}" = "β1" = "β₁").
public struct HyperparameterVocabulary: Codable, Sendable {
    public let version: Int
    public let notes: String?
    public let hyperparameters: [HyperparameterEntry]

    private let byKey: [String: Int]
    private let bySymbol: [String: [Int]]
    /// Each canonical name's first entry (``entry(named:)`` searched the entries one by one).
    private let byName: [String: Int]
    /// The lookup keys of every entry's name and aliases, in file order (``key(_:)``; empty ones
    /// left out), for indexes built on the vocabulary.
    let phraseKeys: [(key: String, entry: Int)]

    /// The vocabulary bundled with deconstruct.
    public static let shared: HyperparameterVocabulary =
        CatalogResources.bundled(HyperparameterVocabulary.self, named: "hyperparameters")

    /// Decodes a vocabulary file (same format as the bundled `hyperparameters.json`).
    public static func load(contentsOf url: URL) throws -> HyperparameterVocabulary {
        try CatalogResources.decode(HyperparameterVocabulary.self, from: Data(contentsOf: url), file: url.path)
    }

    /// Decodes a vocabulary from JSON data.
    public static func load(data: Data) throws -> HyperparameterVocabulary {
        try CatalogResources.decode(HyperparameterVocabulary.self, from: data, file: "<data>")
    }

    public init(version: Int = 1, notes: String? = nil, hyperparameters: [HyperparameterEntry]) {
        self.version = version
        self.notes = notes
        self.hyperparameters = hyperparameters
        var byKey: [String: Int] = [:]
        var bySymbol: [String: [Int]] = [:]
        var byName: [String: Int] = [:]
        var phraseKeys: [(key: String, entry: Int)] = []
        // Entries are indexed in file order: the first entry to claim a key keeps it.
        for (n, e) in hyperparameters.enumerated() {
            if byName[e.name] == nil { byName[e.name] = n }
            for phrase in [e.name] + e.aliases {
                let k = Self.key(phrase)
                guard !k.isEmpty else { continue }
                if byKey[k] == nil { byKey[k] = n }
                phraseKeys.append((k, n))
            }
        }
        self.phraseKeys = phraseKeys
        // Symbols: entries that list the symbol first come first.
        for pass in 0..<2 {
            for (n, e) in hyperparameters.enumerated() {
                for (pos, s) in e.symbols.enumerated() where (pos == 0) == (pass == 0) {
                    let k = Self.symbolKey(s)
                    if !k.isEmpty, !(bySymbol[k]?.contains(n) ?? false) { bySymbol[k, default: []].append(n) }
                }
            }
        }
        self.byKey = byKey
        self.bySymbol = bySymbol
        self.byName = byName
    }

    enum CodingKeys: String, CodingKey {
        case version, notes, hyperparameters
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(version: try c.decodeIfPresent(Int.self, forKey: .version) ?? 1,
                  notes: try c.decodeIfPresent(String.self, forKey: .notes),
                  hyperparameters: try c.decode([HyperparameterEntry].self, forKey: .hyperparameters))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(version, forKey: .version)
        try c.encodeIfPresent(notes, forKey: .notes)
        try c.encode(hyperparameters, forKey: .hyperparameters)
    }

    /// ``canonical(forName:)`` in the bundled vocabulary.
    public static func canonical(forName phrase: String) -> HyperparameterEntry? {
        shared.canonical(forName: phrase)
    }

    /// ``canonical(forSymbol:)`` in the bundled vocabulary.
    public static func canonical(forSymbol symbol: String) -> [HyperparameterEntry] {
        shared.canonical(forSymbol: symbol)
    }

    /// The entry with this canonical name ("learning_rate").
    public func entry(named name: String) -> HyperparameterEntry? {
        byName[name].map { hyperparameters[$0] }
    }

    /// The entry a phrase names exactly (after normalisation): "step size" → learning_rate,
    /// "Mini-batch sizes" → batch_size. Nil when the phrase is not in the vocabulary.
    public func canonical(forName phrase: String) -> HyperparameterEntry? {
        let k = Self.key(phrase)
        return byKey[k].map { hyperparameters[$0] }
    }

    /// Like ``canonical(forName:)``, but also tries the phrase without leading qualifiers
    /// ("Sophia-G peak learning rate" → learning_rate, "reward discount factor" →
    /// discount_factor) and then without trailing ones, keeping at least two words
    /// ("batch size per GPU" → batch_size, but "Schedule-Free decay" is not a schedule).
    public func canonical(forPhrase phrase: String) -> HyperparameterEntry? {
        if let e = canonical(forName: phrase) { return e }
        let words = Self.words(phrase)
        guard words.count > 1 else { return nil }
        for drop in 1..<words.count {
            if let n = byKey[words[drop...].joined()] { return hyperparameters[n] }
        }
        for keep in stride(from: words.count - 1, through: 2, by: -1) {
            if let n = byKey[words[..<keep].joined()] { return hyperparameters[n] }
        }
        return nil
    }

    /// Entries commonly written with this symbol ("\\eta", "η", "\\beta_1", "β₁"), most usual
    /// first. Symbols are ambiguous: confirm with the words around them.
    public func canonical(forSymbol symbol: String) -> [HyperparameterEntry] {
        (bySymbol[Self.symbolKey(symbol)] ?? []).map { hyperparameters[$0] }
    }

    // MARK: - Normalisation

    /// Lower-cased, singular words, without articles; "#" and "number of" read as "num".
    static func words(_ phrase: String) -> [String] {
        var raw: [String] = []
        if let ascii = asciiWords(phrase) {
            raw = ascii
        } else {
            var cur = ""
            for ch in phrase.lowercased() {
                if ch.isLetter || ch.isNumber {
                    cur.append(ch)
                } else {
                    if !cur.isEmpty { raw.append(cur); cur = "" }
                    if ch == "#" { raw.append("num") }
                }
            }
            if !cur.isEmpty { raw.append(cur) }
        }
        var out: [String] = []
        var i = 0
        while i < raw.count {
            let w = raw[i]
            if (w == "number" || w == "no" || w == "num") && i + 1 < raw.count && raw[i + 1] == "of" {
                out.append("num")
                i += 2
                continue
            }
            if out.isEmpty && (w == "the" || w == "a" || w == "an") && raw.count > 1 {
                i += 1
                continue
            }
            out.append(singular(w))
            i += 1
        }
        return out
    }

    /// Lower-cased runs of letters and digits of an ASCII phrase ("#" reads "num"); nil when the
    /// phrase is not ASCII.
    static func asciiWords(_ phrase: String) -> [String]? {
        var phrase = phrase
        phrase.makeContiguousUTF8()
        return phrase.utf8.withContiguousStorageIfAvailable { b -> [String]? in
            var out: [String] = []
            var start = -1
            var lowered = [UInt8](repeating: 0, count: b.count)
            func flush(_ end: Int) {
                if start >= 0 {
                    out.append(String(decoding: lowered[start..<end], as: UTF8.self))
                    start = -1
                }
            }
            for (k, c) in b.enumerated() {
                guard c < 0x80 else { return nil }
                let isUpper = c >= 0x41 && c <= 0x5A
                if isUpper || (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) {
                    lowered[k] = isUpper ? c + 0x20 : c
                    if start < 0 { start = k }
                } else {
                    flush(k)
                    if c == 0x23 { out.append("num") }
                }
            }
            flush(b.count)
            return out
        } ?? nil
    }

    /// The lookup key of a phrase: its normalised words run together, so that
    /// "mini-batch", "mini batch" and "minibatch" agree.
    static func key(_ phrase: String) -> String {
        var phrase = phrase
        phrase.makeContiguousUTF8()
        if let fast = phrase.utf8.withContiguousStorageIfAvailable(asciiKey), let key = fast { return key }
        return words(phrase).joined()
    }

    /// ``key(_:)`` of an ASCII phrase (its UTF-8 in `b`), built in one byte buffer: the same
    /// rules as ``words(_:)`` without a String per word (the vocabulary keys some 1,200 phrases
    /// when it loads, and every name a paper defines is keyed); nil when the phrase is not ASCII.
    private static func asciiKey(_ b: UnsafeBufferPointer<UInt8>) -> String? {
        // The words, lower-cased, one after another in `text`; "#" reads "num".
        var text: [UInt8] = []
        text.reserveCapacity(b.count + 8)
        var bounds: [(start: Int, end: Int)] = []
        var start = -1
        for c in b {
            guard c < 0x80 else { return nil }
            let isUpper = c >= 0x41 && c <= 0x5A
            if isUpper || (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) {
                if start < 0 { start = text.count }
                text.append(isUpper ? c + 0x20 : c)
            } else {
                if start >= 0 { bounds.append((start, text.count)); start = -1 }
                if c == 0x23 {
                    bounds.append((text.count, text.count + 3))
                    text.append(contentsOf: [0x6E, 0x75, 0x6D])
                }
            }
        }
        if start >= 0 { bounds.append((start, text.count)) }
        func equals(_ w: (start: Int, end: Int), _ literal: StaticString) -> Bool {
            let m = literal.utf8CodeUnitCount
            guard w.end - w.start == m else { return false }
            let p = literal.utf8Start
            for k in 0..<m where text[w.start + k] != p[k] { return false }
            return true
        }
        var out: [UInt8] = []
        out.reserveCapacity(text.count)
        var emitted = 0
        var i = 0
        while i < bounds.count {
            let w = bounds[i]
            if equals(w, "number") || equals(w, "no") || equals(w, "num"), i + 1 < bounds.count, equals(bounds[i + 1], "of") {
                out.append(contentsOf: [0x6E, 0x75, 0x6D])
                emitted += 1
                i += 2
                continue
            }
            if emitted == 0, equals(w, "the") || equals(w, "a") || equals(w, "an"), bounds.count > 1 {
                i += 1
                continue
            }
            // ``singular(_:)`` on the word's bytes.
            var end = w.end
            var tail: UInt8 = 0
            let n = w.end - w.start
            var letters = true
            for k in w.start..<w.end where !(text[k] >= 0x61 && text[k] <= 0x7A) { letters = false; break }
            if n > 3, text[w.end - 1] == 0x73, letters {
                func ends(_ suffix: StaticString) -> Bool {
                    let m = suffix.utf8CodeUnitCount
                    guard n >= m else { return false }
                    let p = suffix.utf8Start
                    for k in 0..<m where text[w.end - m + k] != p[k] { return false }
                    return true
                }
                if ends("ies") {
                    end -= 3
                    tail = 0x79
                } else if ends("sses") || ends("xes") || ends("ches") || ends("shes") {
                    end -= 2
                } else if !(ends("ss") || ends("us") || ends("is")) {
                    end -= 1
                }
            }
            out.append(contentsOf: text[w.start..<end])
            if tail != 0 { out.append(tail) }
            emitted += 1
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func singular(_ w: String) -> String {
        // ASCII words (nearly all): on bytes, without Character and Unicode property look-ups.
        if let fast = w.utf8.withContiguousStorageIfAvailable({ asciiSingular($0, of: w) }), let result = fast {
            return result
        }
        guard w.count > 3, w.last == "s", w.allSatisfy({ $0.isLetter }) else { return w }
        if w.hasSuffix("ies") { return String(w.dropLast(3)) + "y" }
        if w.hasSuffix("sses") || w.hasSuffix("xes") || w.hasSuffix("ches") || w.hasSuffix("shes") {
            return String(w.dropLast(2))
        }
        if w.hasSuffix("ss") || w.hasSuffix("us") || w.hasSuffix("is") { return w }
        return String(w.dropLast())
    }

    /// ``singular(_:)`` of an ASCII word given by its bytes, lower-cased: one String built, where
    /// making the word and then its singular built two.
    static func singular(asciiLowered b: UnsafeBufferPointer<UInt8>) -> String {
        asciiSingular(b, of: nil) ?? String(decoding: b, as: UTF8.self)
    }

    /// ``singular(_:)`` of the ASCII word `w` (its UTF-8 in `b`; without `w`, made from `b` when
    /// it is its own singular); nil when it is not ASCII.
    private static func asciiSingular(_ b: UnsafeBufferPointer<UInt8>, of w: String?) -> String? {
        let n = b.count
        var ascii = true
        var letters = true
        for c in b {
            if c >= 0x80 { ascii = false; break }
            if !((c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)) { letters = false }
        }
        guard ascii else { return nil }
        guard n > 3, b[n - 1] == 0x73, letters else { return w ?? prefix(n) }
        func ends(_ suffix: StaticString) -> Bool {
            let m = suffix.utf8CodeUnitCount
            guard n >= m else { return false }
            let p = suffix.utf8Start
            for k in 0..<m where b[n - m + k] != p[k] { return false }
            return true
        }
        func prefix(_ k: Int, _ tail: StaticString = "") -> String {
            var s = String(decoding: UnsafeBufferPointer(rebasing: b[0..<k]), as: UTF8.self)
            if tail.utf8CodeUnitCount > 0 { s += tail.description }
            return s
        }
        if ends("ies") { return prefix(n - 3, "y") }
        if ends("sses") || ends("xes") || ends("ches") || ends("shes") { return prefix(n - 2) }
        if ends("ss") || ends("us") || ends("is") { return w ?? prefix(n) }
        return prefix(n - 1)
    }

    static let greek: [String: String] = [
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε", "zeta": "ζ",
        "eta": "η", "theta": "θ", "vartheta": "θ", "iota": "ι", "kappa": "κ", "lambda": "λ", "mu": "μ", "nu": "ν",
        "xi": "ξ", "pi": "π", "rho": "ρ", "varrho": "ρ", "sigma": "σ", "tau": "τ", "upsilon": "υ", "phi": "φ",
        "varphi": "φ", "chi": "χ", "psi": "ψ", "omega": "ω", "Gamma": "Γ", "Delta": "Δ", "Theta": "Θ",
        "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ", "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
    ]
    static let fontCommands: Set<String> = ["mathit", "mathrm", "text", "textrm", "mathbf", "boldsymbol", "bm",
                                            "operatorname", "mathsf", "texttt", "textit", "mathcal", "mathbb", "textbf"]
    static let accents: [String: Character] = ["tilde": "\u{0303}", "hat": "\u{0302}", "bar": "\u{0304}", "widetilde": "\u{0303}",
                                               "widehat": "\u{0302}", "overline": "\u{0304}"]
    static let subscripts: [Character: Character] = [
        "₀": "0", "₁": "1", "₂": "2", "₃": "3", "₄": "4", "₅": "5", "₆": "6", "₇": "7", "₈": "8", "₉": "9",
        "ϵ": "ε", "ϕ": "φ", "ϑ": "θ", "ϱ": "ρ",
    ]

    /// The lookup key of a symbol: TeX Greek as Unicode, font commands and braces, `_`, `$` and
    /// spaces removed, subscript digits as digits; a bare Greek name ("beta1") as its letter.
    static func symbolKey(_ symbol: String) -> String {
        let padded = symbol.utf8.first == 0x20 || symbol.utf8.last == 0x20 || symbol.utf8.first == 0x09 || symbol.utf8.last == 0x09
        let text = padded ? symbol.trimmingCharacters(in: .whitespaces) : symbol
        let scalars = ScalarText.scalars(text)
        if scalars.allSatisfy(isWholeCharacter) { return scalarSymbolKey(scalars, text: text) }
        return characterSymbolKey(text)
    }

    /// ``symbolKey(_:)`` read Character by Character: for symbols whose scalars join into one
    /// Character (combining accents), and to check the scalar reading against.
    static func characterSymbolKey(_ symbol: String) -> String {
        let padded = symbol.utf8.first == 0x20 || symbol.utf8.last == 0x20 || symbol.utf8.first == 0x09 || symbol.utf8.last == 0x09
        var out = expand(Array(padded ? symbol.trimmingCharacters(in: .whitespaces) : symbol),
                         isLetter: { $0.isLetter }, mapped: { subscripts[$0] })
        // A bare Greek name spelled out: "beta1", "beta_1", "lambda".
        let letters = out.prefix { $0.isASCII && $0.isLetter }
        if let g = greek[String(letters)] ?? greek[String(letters).lowercased()], !letters.isEmpty {
            out = g + out.dropFirst(letters.count)
        }
        return out
    }

    /// A scalar that is a Character by itself and never joins its neighbours into one: ASCII
    /// (but CR), Latin letters, Greek, sub- and superscripts, letter-like symbols, arrows and
    /// mathematical operators. Symbols made only of these are read scalar by scalar, which gives
    /// the Character reading's result at a fraction of its cost (Character iteration and
    /// comparison go through grapheme breaking and string comparison).
    private static func isWholeCharacter(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if v < 0x80 { return v != 0x0D }
        return (v >= 0xA0 && v < 0x300) || (v >= 0x370 && v < 0x400) || (v >= 0x2070 && v < 0x20A0)
            || (v >= 0x2100 && v < 0x2300)
    }

    /// ``subscripts`` by scalar.
    private static let subscriptScalars: [Unicode.Scalar: Unicode.Scalar] = Dictionary(uniqueKeysWithValues:
        subscripts.map { ($0.key.unicodeScalars.first!, $0.value.unicodeScalars.first!) })

    /// ``symbolKey(_:)`` of scalars that are each a whole Character (``isWholeCharacter(_:)``);
    /// `text` is their text.
    private static func scalarSymbolKey(_ scalars: [Unicode.Scalar], text: String) -> String {
        // Most symbols ("K", "lr", "β1") have nothing to expand: no command, brace, `_`, `$`,
        // space or "~", and no scalar mapped (subscript digits): their text is the expansion.
        let plain = !scalars.contains { c in
            c == "\\" || c == "$" || c == "_" || c == "{" || c == "}" || c == " " || c == "~"
                || (c.value >= 0x80 && subscriptScalars[c] != nil)
        }
        let out = plain ? text : expand(scalars, isLetter: isLetter, mapped: { subscriptScalars[$0] })
        // A bare Greek name spelled out: "beta1", "beta_1", "lambda". An accent's combining mark
        // joins the letter before it into a Character that is not ASCII.
        let u = plain ? scalars : ScalarText.scalars(out)
        var n = 0
        while n < u.count, u[n].isASCII, isLetter(u[n]) { n += 1 }
        if n > 0, n < u.count, u[n].value >= 0x300, u[n].value < 0x370 { n -= 1 }
        if n > 0 {
            let letters = ScalarText.string(u, 0, n)
            if let g = greek[letters] ?? greek[letters.lowercased()] {
                return g + ScalarText.string(u, n, u.count)
            }
        }
        return out
    }

    /// `Character.isLetter` of a scalar that is a whole Character.
    private static func isLetter(_ c: Unicode.Scalar) -> Bool {
        if c.value < 0x80 { return (c.value >= 0x41 && c.value <= 0x5A) || (c.value >= 0x61 && c.value <= 0x7A) }
        return c.properties.isAlphabetic
    }

    /// TeX Greek as Unicode, font commands and braces, `_`, `$` and spaces removed, accents as
    /// combining marks: read by Characters or by scalars (``isWholeCharacter(_:)``).
    private static func expand<C: Equatable & ExpressibleByUnicodeScalarLiteral & TextOutputStreamable>(
        _ chars: [C], isLetter: (C) -> Bool, mapped: (C) -> C?
    ) -> String {
        var out = ""
        var i = 0
        func group() -> [C] {
            // A braced group or a single character after a command.
            while i < chars.count, chars[i] == " " { i += 1 }
            guard i < chars.count else { return [] }
            if chars[i] == "{" {
                var depth = 0
                var j = i
                var body: [C] = []
                while j < chars.count {
                    if chars[j] == "{" { depth += 1; if depth == 1 { j += 1; continue } }
                    if chars[j] == "}" { depth -= 1; if depth == 0 { break } }
                    body.append(chars[j])
                    j += 1
                }
                i = min(chars.count, j + 1)
                return body
            }
            if chars[i] == "\\" {
                var j = i + 1
                while j < chars.count, isLetter(chars[j]) { j += 1 }
                let cmd = Array(chars[i..<j])
                i = j
                return cmd
            }
            defer { i += 1 }
            return [chars[i]]
        }
        while i < chars.count {
            let c = chars[i]
            if c == "\\" {
                var j = i + 1
                while j < chars.count, isLetter(chars[j]) { j += 1 }
                var name = ""
                for k in (i + 1)..<j { chars[k].write(to: &name) }
                i = j
                if let g = greek[name] {
                    out += g
                } else if fontCommands.contains(name) {
                    out += expand(group(), isLetter: isLetter, mapped: mapped)
                } else if let mark = accents[name] {
                    out += expand(group(), isLetter: isLetter, mapped: mapped)
                    out.append(mark)
                } else if name.isEmpty {
                    if i < chars.count { i += 1 }   // "\," and friends
                } else {
                    out += name
                }
                continue
            }
            if c == "$" || c == "_" || c == "{" || c == "}" || c == " " || c == "~" {
                i += 1
                continue
            }
            (mapped(c) ?? c).write(to: &out)
            i += 1
        }
        return out
    }
}
