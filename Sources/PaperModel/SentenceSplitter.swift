/// Splits prose into sentences. Abbreviations common in papers ("e.g.", "i.e.", "et al.",
/// "Fig.", "Eq.", "vs.") and decimal numbers do not end a sentence; inline math (`$…$`) is
/// never split. Works on UTF-8 bytes: offsets are UTF-8 offsets into the text.
public enum SentenceSplitter {
    static let abbreviations: Set<String> = [
        "e.g", "i.e", "cf", "etc", "vs", "al", "fig", "figs", "eq", "eqs", "sec", "secs", "tab", "alg",
        "thm", "def", "lem", "prop", "cor", "approx", "resp", "viz", "ref", "refs", "no", "nos",
        "mr", "ms", "dr", "prof", "st", "vol", "pp", "ch", "app", "appx", "w.r.t", "a.k.a", "i.i.d", "iid",
        "wrt", "est", "avg", "max", "min", "std", "e.t.c", "ca", "incl", "resp", "sect", "equ",
    ]

    /// UTF-8 offsets where each sentence starts, with the sentences.
    public static func split(_ text: String) -> [(offset: Int, text: String)] {
        let b = Array(text.utf8)
        var out: [(Int, String)] = []
        var start = 0
        var i = 0
        var inMath = false
        func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D }
        func flush(_ end: Int) {
            var s = start
            while s < end, isSpace(b[s]) { s += 1 }
            var e = end
            while e > s, isSpace(b[e - 1]) { e -= 1 }
            if e > s { out.append((s, String(decoding: b[s..<e], as: UTF8.self))) }
            start = end
        }
        while i < b.count {
            let c = b[i]
            if c == 0x24 { // $
                if i == 0 || b[i - 1] != 0x5C { inMath.toggle() }
                i += 1
                continue
            }
            if !inMath, c == 0x2E || c == 0x3F || c == 0x21 { // . ? !
                var j = i + 1
                // Closing quotes and brackets after the punctuation belong to the sentence.
                while j < b.count, b[j] == 0x22 || b[j] == 0x27 || b[j] == 0x29 || b[j] == 0x5D { j += 1 }
                if j + 2 < b.count, b[j] == 0xE2, b[j + 1] == 0x80, b[j + 2] == 0x9D || b[j + 2] == 0x99 { j += 3 }
                let atEnd = j >= b.count
                if atEnd || isSpace(b[j]) {
                    var k = j
                    while k < b.count, isSpace(b[k]) { k += 1 }
                    if c == 0x2E, !atEnd {
                        if isAbbreviation(b, before: i) { i += 1; continue }
                        // A lower-case continuation is not a new sentence ("approx. three").
                        if k < b.count, b[k] >= 0x61, b[k] <= 0x7A { i += 1; continue }
                    }
                    flush(j)
                    i = j
                    continue
                }
            }
            i += 1
        }
        flush(b.count)
        return out
    }

    private static func isAbbreviation(_ b: [UInt8], before dot: Int) -> Bool {
        var s = dot
        while s > 0, isASCIILetter(b[s - 1]) || b[s - 1] == 0x2E { s -= 1 }
        guard s < dot else { return false }
        let word = String(decoding: b[s..<dot], as: UTF8.self).lowercased()
        if abbreviations.contains(word) { return true }
        // Single capital initials ("J. Smith").
        if dot - s == 1, b[s] >= 0x41, b[s] <= 0x5A { return true }
        return false
    }

    private static func isASCIILetter(_ c: UInt8) -> Bool { (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) }
}
