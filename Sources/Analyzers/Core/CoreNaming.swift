import Foundation

/// Naming rules for the plain-name rewrite (`core-naming.json`): how Greek letters and other
/// symbols are spelled in code, which words make a meaning into an identifier, and which
/// symbols keep their conventional spelling whatever the paper calls them.
public struct CoreNaming: Decodable, Sendable {
    /// Symbol name to code spelling where it differs from the name: `epsilon` → `eps`,
    /// `lambda` → `lam` (a Python keyword).
    public var spellings: [String: String]
    /// Accent to suffix: `hat` → `hat` (`m_hat`); an empty suffix drops the accent (`vec`).
    public var accentSuffixes: [String: String]
    /// Symbols whose spelling is already the name a programmer uses (`theta`, `x`, `t`, `f`).
    public var keepSpelling: [String]
    /// Words a meaning is cut at (`rate for the moments` → `rate`).
    public var cutWords: [String]
    /// Words dropped from the front of a meaning (`the`, `small`, `stochastic`).
    public var leadingDropWords: [String]
    /// Words too generic to name a quantity on their own (`constant`, `vector`, `value`).
    public var genericWords: [String]
    /// Names that clash with a language keyword or builtin, and their replacement.
    public var reservedNames: [String: String]
    /// Longest meaning (in words, after trimming) that becomes an identifier.
    public var maxNameWords: Int
    /// Words that cannot be part of a noun phrase standing before a symbol ("the step size $\alpha$").
    public var appositionStopWords: [String]

    public static let shared: CoreNaming = CatalogResources.bundled(CoreNaming.self, named: "core-naming")

    /// `beta` → `beta`, `epsilon` → `eps`, `Cache` → `cache` (multi-letter names in lower case).
    func spell(_ name: String) -> String {
        if let s = spellings[name] { return s }
        // Names are nearly always ASCII: test the capital-then-lower-case rule on bytes (the
        // Character properties cost far more, and the analysis spells thousands of symbols).
        let bytes = name.utf8
        if bytes.allSatisfy({ $0 < 0x80 }) {
            if bytes.count > 1, let first = bytes.first, first &- 0x41 < 26, bytes.dropFirst().contains(where: { $0 &- 0x61 < 26 }) {
                return CatalogTokenizer.asciiLowercased(name)
            }
            // Already an identifier, and not in `spellings` (looked up above): `identifierPart`
            // would return it unchanged.
            if !bytes.isEmpty, bytes.allSatisfy(Self.isIdentifierByte) { return name }
        } else if name.count > 1, name.first?.isUppercase == true, name.dropFirst().contains(where: \.isLowercase) {
            return name.lowercased()
        }
        return identifierPart(name)
    }

    /// `m` + hat → `m_hat`.
    func decorate(_ base: String, accent: String) -> String {
        let suffix = accentSuffixes[accent] ?? accent
        return suffix.isEmpty ? base : base + "_" + suffix
    }

    /// A script's text made safe for an identifier: `t-1` → `tm1`, `1:L` → `1_L`, `\phi` → `phi`.
    func identifierPart(_ text: String) -> String {
        // Bytes, not Unicode scalars: only ASCII letters and digits are kept, and every other
        // scalar (one or several bytes) becomes at most one `_`, so the result is the same.
        // Most scripts are already identifiers (`t`, `1`, `beta`): they are returned as they are.
        let bytes = text.utf8
        let out: String
        if !bytes.isEmpty, bytes.allSatisfy(Self.isIdentifierByte) {
            out = text
        } else {
            var kept: [UInt8] = []
            kept.reserveCapacity(bytes.count)
            for b in bytes {
                if Self.isIdentifierByte(b) {
                    kept.append(b)
                } else if b == UInt8(ascii: "-") {
                    kept.append(UInt8(ascii: "m"))
                } else if b == UInt8(ascii: "+") {
                    kept.append(UInt8(ascii: "p"))
                } else if let last = kept.last, last != UInt8(ascii: "_") {
                    kept.append(UInt8(ascii: "_"))
                }
            }
            while kept.last == UInt8(ascii: "_") { kept.removeLast() }
            out = String(decoding: kept, as: UTF8.self)
        }
        if let s = spellings[out] { return s }
        return out
    }

    /// ASCII letters and digits (what `CharacterSet.alphanumerics` holds below 0x80).
    private static func isIdentifierByte(_ b: UInt8) -> Bool {
        b &- 0x30 < 10 || b &- 0x41 < 26 || b &- 0x61 < 26
    }

    /// A code identifier from a meaning in the paper's words, or nil when the meaning does not
    /// make a good one: "step size" → `step_size`; "small constant that keeps …" → nil
    /// (only a generic word is left); "decay rates for the moment estimates" → `decay_rates`.
    public func identifier(fromMeaning meaning: String) -> String? {
        var words: [String] = []
        for word in meaning.words {
            if cutWords.contains(word) { break }
            words.append(word)
        }
        while let first = words.first, leadingDropWords.contains(first) { words.removeFirst() }
        while words.count > 1, let last = words.last, genericWords.contains(last) { words.removeLast() }
        guard !words.isEmpty, words.count <= maxNameWords else { return nil }
        if words.count == 1 && genericWords.contains(words[0]) { return nil }
        guard words.allSatisfy({ $0.first?.isLetter == true }) else { return nil }
        var name = words.joined(separator: "_").replacingOccurrences(of: "-", with: "_")
            .replacingOccurrences(of: "'", with: "")
        if let replacement = reservedNames[name] { name = replacement }
        return name
    }
}
