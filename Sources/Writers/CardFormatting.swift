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

    static func number(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e9 { return String(Int(x)) }
        if abs(x) < 1e-3 || abs(x) >= 1e9 {
            let s = String(format: "%.3g", x)
            return s.replacingOccurrences(of: "e-0", with: "e-").replacingOccurrences(of: "e+0", with: "e")
        }
        var s = String(format: "%.6f", x)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
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
