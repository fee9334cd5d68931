import Analyzers
import PaperModel

/// The plain-text table of ``ResultsCheck``: for each of the user's results, the claim it was
/// compared with, the paper's value, the user's, the difference and the verdict; then the
/// results compared with nothing (and why), and the claims no result checks.
///
/// ```
/// claim                                metric    dataset   paper  yours  difference     verdict
/// Foo reaches 93.1% test accuracy …    accuracy  CIFAR-10  93.1%  92.8%  -0.3 (-0.3%)   matches (±0.5)
/// ```
public enum ResultsTable {
    public static func render(_ report: ResultsReport, style: TextStyle = .plain, claimWidth: Int = 44) -> String {
        var out = ""
        if report.comparisons.isEmpty {
            out += "No result could be compared with a claim.\n"
        } else {
            var rows: [[String]] = [["claim", "metric", "dataset", "paper", "yours", "difference", "verdict", "where"]]
            for c in report.comparisons {
                rows.append([
                    clip(c.measurement.claim.text, claimWidth),
                    c.metric + (c.better == .higher ? " ↑" : " ↓"),
                    c.dataset ?? "-",
                    value(c.paperValue, percent: c.isPercent),
                    value(c.userValue, percent: c.isPercent),
                    difference(c),
                    verdict(c),
                    c.measurement.claim.evidence.span.short,
                ])
            }
            out += table(rows, style: style)
            out += style.dim("↑ higher is better, ↓ lower is better; differences are yours minus the paper's.") + "\n"
        }
        if !report.unmatched.isEmpty {
            out += "\n" + style.bold("Not compared") + "\n"
            for u in report.unmatched {
                let r = u.result
                let what = "\"\(r.metric)\" = \(CardFormatting.number(r.value))\(r.isPercent ? "%" : "")"
                    + (r.dataset.map { " on \($0)" } ?? "")
                let why: String
                switch u.reason {
                case .unknownMetric: why = "unknown metric"
                case .noClaim:
                    why = "no claim states \(u.metric ?? r.metric)" + (u.dataset.map { " on \($0)" } ?? "")
                }
                out += "  \(r.location)  \(what): \(why)\n"
            }
        }
        if !report.unchecked.isEmpty {
            out += "\n" + style.bold("Unchecked claims (no result of yours)") + "\n"
            for u in report.unchecked {
                let numbers = u.measurements.map { m in
                    "\(m.metricText) \(value(m.value, percent: m.isPercent))" + (m.dataset.map { " on \($0)" } ?? "")
                }.joined(separator: ", ")
                out += "  \(u.claim.evidence.span.short)  \(numbers): \(clip(u.claim.text, claimWidth + 20))\n"
            }
        }
        if !report.qualitative.isEmpty {
            out += style.dim("\(report.qualitative.count) other claim\(report.qualitative.count == 1 ? "" : "s") state no number to check.") + "\n"
        }
        return out
    }

    static func value(_ v: Double, percent: Bool) -> String {
        CardFormatting.number(v) + (percent ? "%" : "")
    }

    static func difference(_ c: ResultsComparison) -> String {
        let sign = c.difference > 0 ? "+" : ""
        var s = sign + CardFormatting.number(c.difference) + (c.isPercent ? " pt" : "")
        if let r = c.relativeDifference {
            let pct = (r * 1000).rounded() / 10
            s += " (\(pct > 0 ? "+" : "")\(CardFormatting.number(pct))%)"
        }
        return s
    }

    static func verdict(_ c: ResultsComparison) -> String {
        let tol = "±" + CardFormatting.number((c.tolerance * 1000).rounded() / 1000) + (c.isPercent ? " pt" : "")
        switch c.verdict {
        case .matches: return "matches (\(tol))"
        case .below, .above:
            let better = c.isBetter == true ? "better" : "worse"
            return "\(c.verdict.rawValue), \(better) (\(tol))"
        }
    }

    /// At most `width` characters, with an ellipsis.
    static func clip(_ s: String, _ width: Int) -> String {
        s.count <= width ? s : String(s.prefix(max(1, width - 1))) + "…"
    }

    /// Columns padded to their widest cell; the first row is the header.
    static func table(_ rows: [[String]], style: TextStyle) -> String {
        let columns = rows.map(\.count).max() ?? 0
        let widths = (0..<columns).map { c in rows.map { c < $0.count ? $0[c].count : 0 }.max() ?? 0 }
        var out = ""
        for (n, row) in rows.enumerated() {
            let cells = row.enumerated().map { c, cell in
                c == row.count - 1 ? cell : cell + String(repeating: " ", count: widths[c] - cell.count)
            }
            let line = cells.joined(separator: "  ")
            out += (n == 0 ? style.bold(line) : line) + "\n"
        }
        return out
    }
}
