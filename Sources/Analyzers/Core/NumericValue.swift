import Foundation
import MathParsing

/// Reads a formula that is a plain number: `0.9`, `10^{-8}`, `5 \times 10^{-4}`, `-1`, `1/2`,
/// `1e-8`. Used for the values a paper states (`\alpha = 0.001`).
public enum NumericValue {
    static func value(_ node: MathNode) -> Double? {
        switch node.kind {
        case .number(let s): return Double(s)
        case .unary(.negate, let x): return value(x).map { -$0 }
        case .unary(.plus, let x): return value(x)
        case .fence(.leftParen, .rightParen, let x): return value(x)
        case .power(let base, let exponent):
            guard let b = value(base), let e = value(exponent) else { return nil }
            return pow(b, e)
        case .binary(let op, let a, let b):
            guard let x = value(a), let y = value(b) else { return nil }
            switch op {
            case .multiply, .cross, .dot, .implicit: return x * y
            case .divide: return y == 0 ? nil : x / y
            case .add: return x + y
            case .subtract: return x - y
            default: return nil
            }
        case .fraction(let a, let b):
            guard let x = value(a), let y = value(b), y != 0 else { return nil }
            return x / y
        default: return nil
        }
    }

    /// The value as code would write it: `0.001`, `1e-08` → `1e-8`, `0.999`, `128`.
    static func text(_ node: MathNode) -> String? {
        if case .number(let s) = node.kind { return s }
        if case .unary(.negate, let inner) = node.kind, case .number(let s) = inner.kind { return "-" + s }
        guard let v = value(node) else { return nil }
        return format(v)
    }

    /// A number as code would write it: `0.001`, `1e-8`, `128`.
    public static func format(_ x: Double) -> String {
        if x == x.rounded(), abs(x) < 1e9 { return String(Int(x)) }
        if abs(x) < 1e-3 || abs(x) >= 1e9 {
            let exponent = Int(floor(log10(abs(x))))
            let mantissa = x / pow(10, Double(exponent))
            let m = (mantissa * 1000).rounded() / 1000
            let mText = m == m.rounded() ? String(Int(m)) : String(m)
            return "\(mText)e\(exponent)"
        }
        var s = String(format: "%.6f", x)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }
}
