/// Splits prose into sentences. Abbreviations common in papers ("e.g.", "i.e.", "et al.",
/// "Fig.", "Eq.", "vs.") and decimal numbers do not end a sentence; inline math (`$…$`) is
/// never split.
public enum SentenceSplitter {
    static let abbreviations: Set<String> = [
        "e.g", "i.e", "cf", "etc", "vs", "al", "fig", "figs", "eq", "eqs", "sec", "secs", "tab", "alg",
        "thm", "def", "lem", "prop", "cor", "approx", "resp", "viz", "resp", "ref", "refs", "no",
        "mr", "ms", "dr", "prof", "st", "vol", "pp", "ch", "app", "appx", "w.r.t", "a.k.a", "i.i.d", "iid",
        "wrt", "est", "avg", "max", "min", "std",
    ]

    /// Character offsets (into `text`'s `Character`s) where each sentence starts, with the sentences.
    public static func split(_ text: String) -> [(offset: Int, text: String)] {
        let chars = Array(text)
        var out: [(Int, String)] = []
        var start = 0
        var i = 0
        var inMath = false
        func flush(_ end: Int) {
            var s = start
            while s < end, chars[s].isWhitespace { s += 1 }
            var e = end
            while e > s, chars[e - 1].isWhitespace { e -= 1 }
            if e > s { out.append((s, String(chars[s..<e]))) }
            start = end
        }
        while i < chars.count {
            let c = chars[i]
            if c == "$" { inMath.toggle(); i += 1; continue }
            if !inMath, c == "." || c == "?" || c == "!" {
                // Swallow closing quotes/brackets after the punctuation.
                var j = i + 1
                while j < chars.count, "\"')]”’".contains(chars[j]) { j += 1 }
                let atEnd = j >= chars.count
                let followedBySpace = !atEnd && chars[j].isWhitespace
                if atEnd || followedBySpace {
                    var k = j
                    while k < chars.count, chars[k].isWhitespace { k += 1 }
                    let next = k < chars.count ? chars[k] : nil
                    if c == "." && !atEnd && isAbbreviation(chars, before: i) {
                        i += 1
                        continue
                    }
                    // A lower-case continuation is not a new sentence ("approx. three").
                    if let n = next, n.isLowercase, c == "." {
                        i += 1
                        continue
                    }
                    flush(j)
                    i = j
                    continue
                }
            }
            i += 1
        }
        flush(chars.count)
        return out
    }

    private static func isAbbreviation(_ chars: [Character], before dot: Int) -> Bool {
        var s = dot
        while s > 0, chars[s - 1].isLetter || chars[s - 1] == "." { s -= 1 }
        let word = String(chars[s..<dot]).lowercased()
        if word.isEmpty { return false }
        if abbreviations.contains(word) { return true }
        // Single capital initials ("J. Smith").
        if word.count == 1, chars[s].isUppercase { return true }
        return false
    }
}
