import Analyzers
import PaperModel

/// Shared wording of card entries, so that text and Markdown say the same things.
enum CardFormatting {
    static func value(_ v: HyperValue) -> String {
        switch v {
        case .number(let n): return number(n)
        case .set(let a): return "{" + a.map(number).joined(separator: ", ") + "}"
        case .range(let a, let b): return "\(number(a))–\(number(b))"
        case .text(let s): return s
        }
    }

    /// A number as the paper would write it: whole numbers in digits, others as the shortest
    /// decimal that reads back as the same value (0.0003, 3e-5, 1.3e11), never rounded.
    static func number(_ x: Double) -> String {
        guard x.isFinite else { return x.description }
        if x == x.rounded(), abs(x) < 1e9 { return String(Int(x)) }
        let text = x.description
        let sign = text.hasPrefix("-") ? "-" : ""
        let body = text.hasPrefix("-") ? String(text.dropFirst()) : text
        if let e = body.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            // "3e-05" → "3e-5", "1.5e+20" → "1.5e20".
            let exponent = Int(body[body.index(after: e)...]) ?? 0
            return sign + body[..<e] + "e\(exponent)"
        }
        guard abs(x) >= 1e9, body.hasSuffix(".0") else { return text }
        // A large whole number: "130000000000.0" → "1.3e11".
        let digits = body.dropLast(2)
        var rest = String(digits.dropFirst())
        while rest.hasSuffix("0") { rest.removeLast() }
        return sign + String(digits.prefix(1)) + (rest.isEmpty ? "" : "." + rest) + "e\(digits.count - 1)"
    }

    static func hardware(_ h: HardwareFinding) -> String {
        var s = "\(h.count.map { "\($0)× " } ?? "")\(h.device)"
        if let m = h.memoryGB { s += " (\(number(m)) GB)" }
        if let d = h.duration { s += ", \(d)" }
        if let dh = h.deviceHours { s += " = \(number((dh * 10).rounded() / 10)) device-hours" }
        return s
    }

    static func where_(_ e: Evidence) -> String { e.span.short }
}
