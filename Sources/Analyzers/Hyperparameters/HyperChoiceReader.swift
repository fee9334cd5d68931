import PaperModel

/// The rules of ``HyperChoiceReader`` as data (`choice-rules.json`).
struct ChoiceRules: Decodable, Sendable {
    /// A setting whose value is a name: its canonical key, its name, the names it takes, and the
    /// nouns that may follow a value ("the AdamW *optimizer*").
    struct Setting: Decodable, Sendable {
        let canonical: String
        let name: String
        let values: [String]
        let nouns: [String]
    }

    let settings: [Setting]
    /// Words right before a value that make it the paper's choice ("using", "with").
    let useCues: Set<String>
    /// How many words may stand between a use cue and the value ("with *the 8-bit* AdamW").
    let maxGap: Int
    /// Words that may stand in that gap; so may capitalized words and words with a digit.
    let gapWords: Set<String>
    /// A sentence must hold one of these (lower case) to speak of the paper's own training.
    let ownCues: PhraseSet
    /// A sentence holding one of these (lower case) names other methods ("such as Adam").
    let contrastCues: PhraseSet

    /// Lower-cased value → (setting index, the catalogue's spelling).
    let valueIndex: [String: (setting: Int, spelling: String)]
    /// Lower-cased nouns of each setting.
    let nounSets: [Set<String>]
    /// For each lower-case first byte, the lengths of the values that start with it (a bit per
    /// length up to 63): a word whose first byte and length fit no value is passed over without
    /// building a String for it.
    let lengthsByFirstByte: [UInt64]

    static let shared: ChoiceRules = CatalogResources.bundled(ChoiceRules.self, named: "choice-rules")

    private enum CodingKeys: String, CodingKey { case settings, useCues, maxGap, gapWords, ownCues, contrastCues }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        settings = try c.decode([Setting].self, forKey: .settings)
        useCues = try c.decode(Set<String>.self, forKey: .useCues)
        maxGap = try c.decode(Int.self, forKey: .maxGap)
        gapWords = try c.decode(Set<String>.self, forKey: .gapWords)
        ownCues = PhraseSet(try c.decode([String].self, forKey: .ownCues))
        contrastCues = PhraseSet(try c.decode([String].self, forKey: .contrastCues))
        var index: [String: (Int, String)] = [:]
        var lengths = [UInt64](repeating: 0, count: 256)
        for (n, s) in settings.enumerated() {
            for v in s.values {
                let key = CatalogTokenizer.asciiLowercased(v)
                if index[key] == nil { index[key] = (n, v) }
                if let first = key.utf8.first, key.utf8.count < 64 { lengths[Int(first)] |= 1 << UInt64(key.utf8.count) }
            }
        }
        valueIndex = index
        nounSets = settings.map { Set($0.nouns.map(CatalogTokenizer.asciiLowercased)) }
        lengthsByFirstByte = lengths
    }
}

/// Reads settings whose value is a name from a sentence: "we use the AdamW optimizer",
/// "all models were trained using Adam". Numbers are for ``HyperSentenceReader``; this reader
/// only names the choice, so a card can say which optimizer the paper trains with.
struct HyperChoiceReader: Sendable {
    var rules: ChoiceRules = .shared
    /// Settings not read: those the paper's own method is (see ``CardRules/settingsSupplied(byTitle:)``).
    var skipped: Set<String> = []

    func read(_ text: String, site: HyperSite) -> [HyperCandidate] {
        // Proofs use a method's name for the method, not for a choice.
        guard site.kind != .theory else { return [] }
        var contiguous = text
        return contiguous.withUTF8 { read(bytes: $0, of: text, site: site) }
    }

    private func read(bytes: UnsafeBufferPointer<UInt8>, of text: String, site: HyperSite) -> [HyperCandidate] {
        // A question asks what to choose; it states no choice.
        var last = bytes.count - 1
        while last >= 0, bytes[last] == UInt8(ascii: " ") { last -= 1 }
        guard last < 0 || bytes[last] != UInt8(ascii: "?") else { return [] }
        var found: [HyperCandidate] = []
        var voice: Bool? = nil
        var i = 0
        let n = bytes.count
        while i < n {
            guard Self.isWordByte(bytes[i]) else { i += 1; continue }
            var j = i
            // Most words start with a letter no value starts with: skip them whole.
            let lengths = rules.lengthsByFirstByte[Int(bytes[i] | 0x20)]
            while j < n, Self.isWordByte(bytes[j]) || (bytes[j] == UInt8(ascii: "-") && j + 1 < n && Self.isWordByte(bytes[j + 1])) {
                j += 1
            }
            defer { i = j }
            let length = j - i
            guard lengths != 0, length < 64, lengths & (1 << UInt64(length)) != 0,
                  let hit = rules.valueIndex[Self.lowered(bytes, i, j)] else { continue }
            let nounAfter = Self.word(after: j, in: bytes).map { rules.nounSets[hit.setting].contains($0) } ?? false
            guard nounAfter || cueBefore(i, in: bytes) else { continue }
            if voice == nil { voice = ownVoice(text) }
            guard voice == true else { continue }
            let setting = rules.settings[hit.setting]
            guard !skipped.contains(setting.canonical) else { continue }
            // A named variant keeps its name: "Schedule-Free SGD".
            let modifier = variantStart(before: i, in: bytes)
            let raw = String(decoding: UnsafeBufferPointer(rebasing: bytes[(modifier ?? i)..<j]), as: UTF8.self)
            let value = modifier.map { String(decoding: UnsafeBufferPointer(rebasing: bytes[$0..<i]), as: UTF8.self) + hit.spelling }
                ?? hit.spelling
            let confidence = (nounAfter ? 0.8 : 0.75) + site.weight
            found.append(HyperCandidate(name: setting.name, canonical: setting.canonical, symbol: nil,
                                        value: .text(value), raw: raw, unit: nil, scope: site.sectionTitle,
                                        confidence: min(confidence, 0.95)))
        }
        return found
    }

    /// Where a capitalized word right before the value starts ("*Schedule-Free* SGD"), unless it
    /// opens the sentence or is a use cue.
    private func variantStart(before start: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var k = start - 1
        guard k > 0, bytes[k] == UInt8(ascii: " ") else { return nil }
        k -= 1
        let wordEnd = k + 1
        while k >= 0, Self.isWordByte(bytes[k]) || bytes[k] == UInt8(ascii: "-") { k -= 1 }
        let wordStart = k + 1
        guard wordStart < wordEnd, k > 0, bytes[wordStart] >= UInt8(ascii: "A"), bytes[wordStart] <= UInt8(ascii: "Z"),
              !rules.useCues.contains(Self.lowered(bytes, wordStart, wordEnd)) else { return nil }
        return wordStart
    }

    /// A use cue among the few words before `start`, with no punctuation in between.
    private func cueBefore(_ start: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var end = start
        for _ in 0...rules.maxGap {
            var k = end - 1
            while k >= 0, bytes[k] == UInt8(ascii: " ") || bytes[k] == UInt8(ascii: "~") { k -= 1 }
            guard k >= 0, Self.isWordByte(bytes[k]) else { return false }
            let wordEnd = k + 1
            while k >= 0, Self.isWordByte(bytes[k]) || bytes[k] == UInt8(ascii: "-") { k -= 1 }
            let word = Self.lowered(bytes, k + 1, wordEnd)
            if rules.useCues.contains(word) { return true }
            let capitalized = bytes[k + 1] >= UInt8(ascii: "A") && bytes[k + 1] <= UInt8(ascii: "Z")
            let digit = bytes[(k + 1)..<wordEnd].contains { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
            guard rules.gapWords.contains(word) || capitalized || digit else { return false }
            end = k + 1
        }
        return false
    }

    /// The sentence speaks of the paper's own training and names no other method to compare.
    /// (Padded with spaces so that cues such as " we " match at either end.)
    private func ownVoice(_ text: String) -> Bool {
        let padded = " " + text + " "
        return rules.ownCues.containsAny(in: padded) && !rules.contrastCues.containsAny(in: padded)
    }

    /// The next word after `end`, lower-cased, when only spaces (or a citation) stand between.
    private static func word(after end: Int, in bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var k = end
        func spaces() { while k < bytes.count, bytes[k] == UInt8(ascii: " ") || bytes[k] == UInt8(ascii: "~") { k += 1 } }
        spaces()
        // A citation between the name and its noun: "AdamW [32] optimizer".
        if k < bytes.count, bytes[k] == UInt8(ascii: "[") {
            while k < bytes.count, bytes[k] != UInt8(ascii: "]") { k += 1 }
            k += 1
            spaces()
        }
        let start = k
        while k < bytes.count, isWordByte(bytes[k]) { k += 1 }
        return k > start ? lowered(bytes, start, k) : nil
    }

    /// An ASCII letter or digit: two range checks (every byte of every sentence goes through here).
    @inline(__always)
    private static func isWordByte(_ b: UInt8) -> Bool {
        (b | 0x20) &- UInt8(ascii: "a") < 26 || b &- UInt8(ascii: "0") < 10
    }

    private static func lowered(_ bytes: UnsafeBufferPointer<UInt8>, _ lower: Int, _ upper: Int) -> String {
        CatalogTokenizer.asciiLowercased(UnsafeBufferPointer(rebasing: bytes[lower..<upper]))
    }
}
