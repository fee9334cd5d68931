/// Reads counts and quantities written in digits or words from a token stream:
/// "8", "1,024", "3.5", "3K", "eight", "sixty-four", "twenty four", "a single", "an", "half a".
enum NumberReader {
    static let units: [String: Int] = [
        "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
        "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
        "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    ]
    static let tens: [String: Int] = [
        "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    ]
    /// Words that mean one device when they stand right before it.
    static let singular: Set<String> = ["a", "an", "single", "one"]

    /// The value of a number word or compound ("sixty-four") starting at `i`, and the index after it.
    static func word(at i: Int, _ tokens: [CatalogToken]) -> (value: Int, end: Int)? {
        guard i < tokens.count else { return nil }
        let w = tokens[i].lower
        if let u = units[w] { return hundreds(u, after: i + 1, tokens) }
        if let t = tens[w] {
            if i + 1 < tokens.count, let u = units[tokens[i + 1].lower], u > 0, u < 10, !tokens[i + 1].paragraphBreakBefore {
                return hundreds(t + u, after: i + 2, tokens)
            }
            return hundreds(t, after: i + 1, tokens)
        }
        if w == "hundred" { return (100, i + 1) }
        if w == "dozen" { return (12, i + 1) }
        return nil
    }

    private static func hundreds(_ v: Int, after j: Int, _ tokens: [CatalogToken]) -> (value: Int, end: Int) {
        if j < tokens.count, tokens[j].lower == "hundred", v < 10 { return (v * 100, j + 1) }
        return (v, j)
    }

    /// A whole number written with digits (optionally with thousands commas) starting at `i`.
    /// Returns nil for decimals ("1.5") and numbers glued to letters before them ("v3").
    static func integer(at i: Int, _ tokens: [CatalogToken]) -> (value: Int, end: Int)? {
        guard i < tokens.count, tokens[i].isNumber, !tokens[i].glued else { return nil }
        var digits = tokens[i].text
        var j = i + 1
        while j + 1 < tokens.count, tokens[j].text == ",", isAdjacent(tokens, j), tokens[j + 1].isNumber,
              tokens[j + 1].text.count == 3, isAdjacent(tokens, j + 1) {
            digits += tokens[j + 1].text
            j += 2
        }
        if j + 1 < tokens.count, tokens[j].text == ".", isAdjacent(tokens, j), tokens[j + 1].isNumber,
           isAdjacent(tokens, j + 1) {
            return nil
        }
        guard let v = Int(digits) else { return nil }
        return (v, j)
    }

    /// A count ending at token `j` (inclusive), read backwards: digits, number words, "a single".
    static func count(endingAt j: Int, _ tokens: [CatalogToken]) -> (value: Int, start: Int)? {
        guard j >= 0 else { return nil }
        let t = tokens[j]
        if t.isNumber {
            // Walk back over thousands groups: "1,024".
            var start = j
            while start >= 2, tokens[start - 1].text == ",", isAdjacent(tokens, start - 1), isAdjacent(tokens, start),
                  tokens[start - 2].isNumber {
                start -= 2
            }
            if start >= 1, tokens[start - 1].text == ".", isAdjacent(tokens, start) { return nil }
            guard let (v, end) = integer(at: start, tokens), end == j + 1 else { return nil }
            return (v, start)
        }
        let w = t.lower
        if w == "single" {
            if j >= 1, tokens[j - 1].lower == "a" { return (1, j - 1) }
            return (1, j)
        }
        if w == "a" || w == "an" { return (1, j) }
        if w == "dual" { return (2, j) }
        if let u = units[w] {
            if j >= 1, let t10 = tens[tokens[j - 1].lower], u > 0, u < 10 { return (t10 + u, j - 1) }
            return (u, j)
        }
        if let t10 = tens[w] { return (t10, j) }
        if w == "hundred", j >= 1, let u = units[tokens[j - 1].lower], u < 10 { return (u * 100, j - 1) }
        return nil
    }

    /// A quantity starting at `i`: digits with decimals and a "K" suffix, number words, "a"/"an"
    /// (= 1), "half" (= 0.5, with an optional "a" after it).
    static func quantity(at i: Int, _ tokens: [CatalogToken]) -> (value: Double, end: Int)? {
        guard i < tokens.count else { return nil }
        let t = tokens[i]
        if t.isNumber {
            if t.glued { return nil }
            var text = t.text
            var j = i + 1
            while j + 1 < tokens.count, tokens[j].text == ",", isAdjacent(tokens, j), tokens[j + 1].isNumber,
                  tokens[j + 1].text.count == 3, isAdjacent(tokens, j + 1) {
                text += tokens[j + 1].text
                j += 2
            }
            if j + 1 < tokens.count, tokens[j].text == ".", isAdjacent(tokens, j), tokens[j + 1].isNumber,
               isAdjacent(tokens, j + 1) {
                text += "." + tokens[j + 1].text
                j += 2
            }
            guard var v = Double(text) else { return nil }
            if j < tokens.count, tokens[j].text == "K" || tokens[j].text == "k", isAdjacent(tokens, j) {
                v = ExactDecimal.scaled(v, by: 3)
                j += 1
            }
            return (v, j)
        }
        let w = t.lower
        if w == "a" || w == "an" { return (1, i + 1) }
        if w == "half" {
            if i + 1 < tokens.count, tokens[i + 1].lower == "a" || tokens[i + 1].lower == "an" { return (0.5, i + 2) }
            return (0.5, i + 1)
        }
        if let (v, end) = word(at: i, tokens) { return (Double(v), end) }
        return nil
    }

    /// Token `j` directly follows the previous token (no gap at all).
    static func isAdjacent(_ tokens: [CatalogToken], _ j: Int) -> Bool {
        j > 0 && tokens[j].gapStart == tokens[j].range.lowerBound
    }
}
