import PaperModel
import Analyzers

/// The terminal summary: header, abstract, outline, algorithm boxes line by line, tables, and
/// where each comes from.
public enum TextWriter {
    public static func write(_ d: Deconstruction, style: TextStyle = .plain, width: Int = 100) -> String {
        let paper = d.paper
        var out = OutlineWriter.write(paper, style: style)
        if !paper.abstract.isEmpty {
            out += "\n" + style.bold("ABSTRACT") + "\n"
            out += wrap(paper.abstract.map(\.text).joined(separator: " "), width: width, indent: "  ") + "\n"
        }
        let algorithms = paper.algorithms
        if !algorithms.isEmpty {
            out += "\n" + style.bold("ALGORITHMS") + "\n"
            for a in algorithms {
                let title = [a.number.map { "Algorithm \($0)" }, a.caption.isEmpty ? nil : a.caption]
                    .compactMap { $0 }.joined(separator: ": ")
                out += "  " + style.bold(title.isEmpty ? "(uncaptioned algorithm)" : title)
                    + style.dim("  \(a.span.short), \(a.steps.count) steps") + "\n"
                for line in a.lines {
                    let pad = String(repeating: "  ", count: line.depth + 2)
                    let keyword = line.kind == .state || line.kind == .text ? "" : "\(line.kind.rawValue) "
                    let comment = line.comment.map { style.dim("  ▷ \($0)") } ?? ""
                    out += "\(pad)\(keyword)\(line.text)\(comment)\n"
                }
            }
        }
        let tables = paper.tables.filter { !$0.caption.isEmpty }
        if !tables.isEmpty {
            out += "\n" + style.bold("TABLES") + "\n"
            for t in tables {
                out += "  " + (t.number.map { "Table \($0): " } ?? "") + t.caption
                    + style.dim("  \(t.rows.count)×\(t.columnCount), \(t.span.short)") + "\n"
            }
        }
        let problems = d.diagnostics.filter { $0.severity != .note }
        if !problems.isEmpty {
            out += "\n" + style.dim("\(problems.count) warning(s)/error(s) while reading; see stderr") + "\n"
        }
        return out
    }

    /// Greedy word wrap.
    public static func wrap(_ text: String, width: Int, indent: String) -> String {
        var lines: [String] = []
        var line = indent
        for word in text.split(separator: " ") {
            if line.count + word.count + 1 > width, line.count > indent.count {
                lines.append(line)
                line = indent
            }
            line += (line.count > indent.count ? " " : "") + word
        }
        if line.count > indent.count { lines.append(line) }
        return lines.joined(separator: "\n")
    }
}
