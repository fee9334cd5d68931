/// Character references: `&amp;`, `&#916;`, `&#x394;` and the named entities papers use.
/// Unknown or malformed references are kept as written. A no-break space is read as a space.
enum HTMLEntities {
    static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ",
        "ndash": "\u{2013}", "mdash": "\u{2014}", "hellip": "\u{2026}", "minus": "\u{2212}",
        "lsquo": "\u{2018}", "rsquo": "\u{2019}", "ldquo": "\u{201C}", "rdquo": "\u{201D}",
        "sbquo": "\u{201A}", "bdquo": "\u{201E}", "laquo": "\u{AB}", "raquo": "\u{BB}",
        "times": "\u{D7}", "divide": "\u{F7}", "plusmn": "\u{B1}", "middot": "\u{B7}", "bull": "\u{2022}",
        "deg": "\u{B0}", "copy": "\u{A9}", "reg": "\u{AE}", "trade": "\u{2122}", "sect": "\u{A7}", "para": "\u{B6}",
        "dagger": "\u{2020}", "Dagger": "\u{2021}", "prime": "\u{2032}", "Prime": "\u{2033}",
        "thinsp": "\u{2009}", "ensp": "\u{2002}", "emsp": "\u{2003}", "zwj": "\u{200D}", "zwnj": "\u{200C}",
        "shy": "\u{AD}", "micro": "\u{B5}", "euro": "\u{20AC}", "pound": "\u{A3}", "cent": "\u{A2}", "yen": "\u{A5}",
        "le": "\u{2264}", "ge": "\u{2265}", "ne": "\u{2260}", "asymp": "\u{2248}", "infin": "\u{221E}",
        "larr": "\u{2190}", "rarr": "\u{2192}", "harr": "\u{2194}", "uarr": "\u{2191}", "darr": "\u{2193}",
        "rArr": "\u{21D2}", "lArr": "\u{21D0}", "hArr": "\u{21D4}", "sum": "\u{2211}", "prod": "\u{220F}",
        "radic": "\u{221A}", "part": "\u{2202}", "nabla": "\u{2207}", "isin": "\u{2208}", "notin": "\u{2209}",
        "forall": "\u{2200}", "exist": "\u{2203}", "empty": "\u{2205}", "and": "\u{2227}", "or": "\u{2228}",
        "cap": "\u{2229}", "cup": "\u{222A}", "sub": "\u{2282}", "sup": "\u{2283}", "sube": "\u{2286}",
        "supe": "\u{2287}", "int": "\u{222B}", "prop": "\u{221D}", "sim": "\u{223C}", "equiv": "\u{2261}",
        "alpha": "\u{3B1}", "beta": "\u{3B2}", "gamma": "\u{3B3}", "delta": "\u{3B4}", "epsilon": "\u{3B5}",
        "zeta": "\u{3B6}", "eta": "\u{3B7}", "theta": "\u{3B8}", "iota": "\u{3B9}", "kappa": "\u{3BA}",
        "lambda": "\u{3BB}", "mu": "\u{3BC}", "nu": "\u{3BD}", "xi": "\u{3BE}", "pi": "\u{3C0}", "rho": "\u{3C1}",
        "sigma": "\u{3C3}", "tau": "\u{3C4}", "phi": "\u{3C6}", "chi": "\u{3C7}", "psi": "\u{3C8}", "omega": "\u{3C9}",
        "Gamma": "\u{393}", "Delta": "\u{394}", "Theta": "\u{398}", "Lambda": "\u{39B}", "Pi": "\u{3A0}",
        "Sigma": "\u{3A3}", "Phi": "\u{3A6}", "Psi": "\u{3A8}", "Omega": "\u{3A9}",
        "auml": "\u{E4}", "ouml": "\u{F6}", "uuml": "\u{FC}", "Auml": "\u{C4}", "Ouml": "\u{D6}", "Uuml": "\u{DC}",
        "aacute": "\u{E1}", "eacute": "\u{E9}", "iacute": "\u{ED}", "oacute": "\u{F3}", "uacute": "\u{FA}",
        "agrave": "\u{E0}", "egrave": "\u{E8}", "ccedil": "\u{E7}", "ntilde": "\u{F1}", "szlig": "\u{DF}",
        "oslash": "\u{F8}", "aring": "\u{E5}", "Eacute": "\u{C9}",
    ]

    /// Entities that browsers accept without the closing `;`.
    static let legacy: Set<String> = ["amp", "lt", "gt", "quot", "nbsp", "copy", "reg"]

    @inline(__always)
    static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D || c == 0x0C }

    /// Emits the bytes of `range` with character references decoded.
    static func decode(_ b: [UInt8], _ range: Range<Int>, _ emit: (UInt8) -> Void) {
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            let c = b[i]
            if c == 0x26, let (value, length) = reference(b, at: i, end: end) { // &
                for u in value.utf8 { emit(u) }
                i += length
                continue
            }
            // U+00A0 no-break space, written as a character.
            if c == 0xC2, i + 1 < end, b[i + 1] == 0xA0 {
                emit(0x20)
                i += 2
                continue
            }
            emit(c)
            i += 1
        }
    }

    /// The decoded string of `range`.
    static func decodedString(_ b: [UInt8], _ range: Range<Int>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(range.count)
        decode(b, range) { out.append($0) }
        return String(decoding: out, as: UTF8.self)
    }

    /// The character reference starting at `i` (which holds `&`): its value and length in bytes.
    static func reference(_ b: [UInt8], at i: Int, end: Int) -> (String, Int)? {
        var j = i + 1
        guard j < end else { return nil }
        if b[j] == 0x23 { // #
            j += 1
            var hex = false
            if j < end, b[j] == 0x78 || b[j] == 0x58 { hex = true; j += 1 }
            var value: UInt32 = 0
            var digits = 0
            while j < end, digits < 8 {
                let d = b[j]
                let v: UInt32
                if d >= 0x30, d <= 0x39 { v = UInt32(d - 0x30) }
                else if hex, d >= 0x61, d <= 0x66 { v = UInt32(d - 0x61 + 10) }
                else if hex, d >= 0x41, d <= 0x46 { v = UInt32(d - 0x41 + 10) }
                else { break }
                value = value * (hex ? 16 : 10) + v
                digits += 1
                j += 1
            }
            guard digits > 0 else { return nil }
            if j < end, b[j] == 0x3B { j += 1 }
            if value == 0xA0 { return (" ", j - i) }
            let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
            return (value == 0 ? "\u{FFFD}" : String(Character(scalar)), j - i)
        }
        var k = j
        while k < end, k - j < 32, isAlnum(b[k]) { k += 1 }
        guard k > j else { return nil }
        let name = String(decoding: b[j..<k], as: UTF8.self)
        if k < end, b[k] == 0x3B, let v = named[name] { return (v, k + 1 - i) }
        if legacy.contains(name), let v = named[name] { return (v, k - i) }
        return nil
    }

    @inline(__always)
    static func isAlnum(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
    }
}
