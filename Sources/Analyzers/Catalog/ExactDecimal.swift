/// Turns numbers written in decimal ("3e-4", "1.5K", "$5 \times 10^{-4}$", "0.5%") into the
/// `Double` nearest to what is written, with one rounding only.
///
/// Multiplying by a power of ten rounds twice: `3 * 1e-4` is 0.00030000000000000003 and
/// `1.1 * 1000` is 1100.0000000000002. Here the decimal text is shifted instead and parsed once
/// (`Double("3e-4")` is 0.0003), so values print as the paper wrote them.
enum ExactDecimal {
    /// `mantissa` × 10^`exponent`, where `mantissa` is decimal text ("3", "-1.5", ".25").
    static func value(_ mantissa: Substring, exponent: Int = 0) -> Double? {
        guard !mantissa.isEmpty else { return nil }
        var text = String(mantissa)
        if text.hasPrefix("-.") {
            text = "-0" + text.dropFirst()
        } else if text.hasPrefix(".") {
            text = "0" + text
        }
        if exponent != 0 { text += "e\(exponent)" }
        return Double(text)
    }

    static func value(_ mantissa: String, exponent: Int = 0) -> Double? {
        value(Substring(mantissa), exponent: exponent)
    }

    /// `v` × 10^`k` rounded once: the shortest decimal that reads back as `v`, shifted by `k`
    /// places (so `scaled(1.1, by: 3)` is 1100 and `scaled(5, by: -2)` is 0.05).
    static func scaled(_ v: Double, by k: Int) -> Double {
        guard k != 0, v.isFinite, v != 0 else { return v }
        let text = v.description
        guard let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) else {
            return Double(text + "e\(k)") ?? v
        }
        guard let exponent = Int(text[text.index(after: e)...]) else { return v }
        return Double(text[..<e] + "e\(exponent + k)") ?? v
    }

    /// A percentage as a fraction: 5 → 0.05, 0.1 → 0.001.
    static func fraction(percent v: Double) -> Double { scaled(v, by: -2) }
}
