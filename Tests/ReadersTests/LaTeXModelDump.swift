import Foundation
import PaperModel
@testable import Readers

/// A compact, deterministic tree dump of a read paper, for golden files: sections, then blocks by
/// type with their key fields and `file:line`. Long prose is cut (the golden file watches
/// structure; the unit tests check text); TeX of equations and algorithm lines is kept whole.
/// Nothing machine-specific (the input path, messages) goes in.
enum LaTeXModelDump {
    static let proseLimit = 72

    static func dump(_ result: ReadResult) -> String {
        var out = Printer()
        let paper = result.paper
        out.line(0, "paper \(quote(paper.metadata.title ?? "-"))\(at(paper.metadata.titleSpan))")
        for a in paper.metadata.authors {
            out.line(1, "author \(quote(a.name))" + (a.affiliation.map { " affiliation=\(quote($0))" } ?? ""))
        }
        out.line(1, "source \(paper.source.kind.rawValue) main=\(paper.source.mainFile) files=\(paper.source.files.joined(separator: ","))")
        if !paper.abstract.isEmpty {
            out.line(0, "abstract")
            paper.abstract.forEach { paragraph($0, 1, &out) }
        }
        if !paper.front.isEmpty {
            out.line(0, "front")
            blocks(paper.front, 1, &out)
        }
        paper.sections.forEach { section($0, 0, &out) }
        if !paper.footnotes.isEmpty {
            out.line(0, "footnotes")
            for f in paper.footnotes { out.line(1, "\(f.id) \(prose(f.text))\(at(f.span))") }
        }
        if !paper.bibliography.isEmpty {
            out.line(0, "bibliography")
            for b in paper.bibliography { out.line(1, "\(b.key) \(prose(b.text))\(at(b.span))") }
        }
        if !paper.labels.isEmpty {
            out.line(0, "labels")
            for (label, ref) in paper.labels.sorted(by: { $0.key < $1.key }) {
                out.line(1, "\(label) -> \(ref.kind.rawValue) \(ref.id)" + (ref.number.map { " (\($0))" } ?? ""))
            }
        }
        if !result.diagnostics.isEmpty {
            out.line(0, "diagnostics")
            for d in result.diagnostics {
                out.line(1, "\(d.severity.rawValue) \(d.id)" + (d.location.map { " @\($0.file):\($0.line)" } ?? ""))
            }
        }
        return out.text
    }

    private static func section(_ s: Section, _ depth: Int, _ out: inout Printer) {
        var head = "section"
        if let n = s.number { head += " \(n)" }
        head += " \(quote(s.title)) level=\(s.level)"
        if s.starred { head += " starred" }
        if s.appendix { head += " appendix" }
        if let l = s.label { head += " label=\(l)" }
        out.line(depth, head + at(s.span))
        blocks(s.blocks, depth + 1, &out)
        s.subsections.forEach { section($0, depth + 1, &out) }
    }

    private static func blocks(_ blocks: [Block], _ depth: Int, _ out: inout Printer) {
        for b in blocks { block(b, depth, &out) }
    }

    private static func block(_ b: Block, _ depth: Int, _ out: inout Printer) {
        switch b {
        case .paragraph(let p):
            paragraph(p, depth, &out)
        case .equation(let e):
            var head = "equation \(e.environment)"
            if !e.numbers.isEmpty { head += " (\(e.numbers.joined(separator: ",")))" }
            if !e.labels.isEmpty { head += " labels=\(e.labels.joined(separator: ","))" }
            out.line(depth, head + at(e.span))
            if e.rows.isEmpty {
                out.line(depth + 1, "tex \(quote(oneLine(e.tex)))")
            } else {
                for r in e.rows {
                    var row = "row \(quote(oneLine(r.tex)))"
                    if let n = r.number { row += " (\(n))" }
                    if let l = r.label { row += " label=\(l)" }
                    out.line(depth + 1, row)
                }
            }
        case .algorithm(let a):
            var head = "algorithm"
            if let n = a.number { head += " \(n)" }
            head += " syntax=\(a.syntax)"
            if let l = a.label { head += " label=\(l)" }
            head += " lines=\(a.lines.count) steps=\(a.steps.count)"
            out.line(depth, head + at(a.span))
            out.line(depth + 1, "caption \(prose(a.caption))")
            for l in a.lines {
                var line = String(repeating: "  ", count: l.depth) + l.kind.rawValue
                if !l.text.isEmpty { line += " \(quote(oneLine(l.text)))" }
                if let c = l.comment { line += " # \(quote(oneLine(c)))" }
                if let label = l.label { line += " label=\(label)" }
                line += l.span.file == a.span.file ? " @\(l.span.line)" : at(l.span)
                out.line(depth + 1, line)
            }
        case .table(let t):
            var head = "table"
            if let n = t.number { head += " \(n)" }
            if let l = t.label { head += " label=\(l)" }
            head += " \(t.rows.count)x\(t.columnCount)"
            out.line(depth, head + at(t.span))
            out.line(depth + 1, "caption \(prose(t.caption))")
            for row in t.grid { out.line(depth + 1, "| " + row.map(oneLine).joined(separator: " | ") + " |") }
            let spans = t.rows.enumerated().flatMap { r, row in
                row.cells.filter { $0.columnSpan > 1 || $0.rowSpan > 1 }
                    .map { "r\(r)c\($0.column) \($0.rowSpan)x\($0.columnSpan)" }
            }
            if !spans.isEmpty { out.line(depth + 1, "spans " + spans.joined(separator: ", ")) }
        case .figure(let f):
            var head = "figure"
            if let n = f.number { head += " \(n)" }
            if let l = f.label { head += " label=\(l)" }
            out.line(depth, head + " \(prose(f.caption))" + at(f.span))
        case .theorem(let t):
            var head = "theorem \(t.kind) category=\(t.category)"
            if let n = t.number { head += " \(n)" }
            if let title = t.title { head += " \(quote(title))" }
            if let l = t.label { head += " label=\(l)" }
            out.line(depth, head + at(t.span))
            blocks(t.blocks, depth + 1, &out)
        case .list(let l):
            out.line(depth, "list \(l.ordered ? "ordered" : "unordered") items=\(l.items.count)" + at(l.span))
            for item in l.items {
                out.line(depth + 1, "item" + (item.label.map { " \(quote($0))" } ?? "") + at(item.span))
                blocks(item.blocks, depth + 2, &out)
            }
        case .raw(let r):
            out.line(depth, "raw \(r.name) \(prose(r.tex))" + at(r.span))
        }
    }

    private static func paragraph(_ p: Paragraph, _ depth: Int, _ out: inout Printer) {
        var line = "paragraph \(prose(p.text)) sentences=\(p.sentences.count)"
        if !p.references.isEmpty { line += " refs=\(p.references.joined(separator: ","))" }
        if !p.citations.isEmpty { line += " cites=\(p.citations.joined(separator: ","))" }
        out.line(depth, line + at(p.span))
    }

    private static func at(_ span: SourceSpan?) -> String {
        guard let span else { return "" }
        return " @\(span.file):\(span.line)"
    }

    private static func oneLine(_ s: String) -> String {
        s.split(whereSeparator: { $0 == "\n" || $0 == " " || $0 == "\t" }).joined(separator: " ")
    }

    /// Prose cut to `proseLimit` characters, with its full length when cut.
    private static func prose(_ s: String) -> String {
        let flat = oneLine(s)
        if flat.count <= proseLimit { return quote(flat) }
        return quote(String(flat.prefix(proseLimit)) + "…") + "(\(flat.count))"
    }

    private static func quote(_ s: String) -> String { "\"" + s.replacingOccurrences(of: "\"", with: "\\\"") + "\"" }

    private struct Printer {
        var text = ""
        mutating func line(_ depth: Int, _ s: String) {
            text += String(repeating: "  ", count: depth) + s + "\n"
        }
    }
}

/// Golden files: the expected output lies beside the tests in `Golden/NAME.txt`, read and written
/// through this file's path (not the bundle), so that recording updates the checked-in file.
/// `DECONSTRUCT_RECORD=1 swift test --filter Golden` rewrites them; review with `git diff`.
enum LaTeXGolden {
    static var recording: Bool { ProcessInfo.processInfo.environment["DECONSTRUCT_RECORD"] == "1" }

    /// Compares `actual` with the golden file, or records it. Returns a failure message, or nil.
    static func check(_ actual: String, name: String) -> String? {
        let path = LaTeXTestPaths.goldenFolder + "/" + name + ".txt"
        let relative = "Tests/ReadersTests/Golden/\(name).txt"
        if recording {
            do {
                try FileManager.default.createDirectory(atPath: LaTeXTestPaths.goldenFolder, withIntermediateDirectories: true)
                try actual.write(toFile: path, atomically: true, encoding: .utf8)
            } catch {
                return "could not record \(relative): \(error)"
            }
            return "recorded \(relative) (DECONSTRUCT_RECORD=1); review it with git diff, then run the tests without DECONSTRUCT_RECORD"
        }
        guard let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
            return "\(relative) is missing; record it with DECONSTRUCT_RECORD=1 swift test --filter Golden"
        }
        if expected == actual { return nil }
        return "\(relative) differs (re-record with DECONSTRUCT_RECORD=1 if the change is intended):\n"
            + diff(expected: expected, actual: actual)
    }

    /// One hunk around the first difference: the common prefix and suffix are dropped, two lines of
    /// context are kept, and at most `limit` lines of each side are shown.
    static func diff(expected: String, actual: String, context: Int = 2, limit: Int = 12) -> String {
        let e = expected.components(separatedBy: "\n")
        let a = actual.components(separatedBy: "\n")
        var prefix = 0
        while prefix < e.count, prefix < a.count, e[prefix] == a[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < e.count - prefix, suffix < a.count - prefix, e[e.count - 1 - suffix] == a[a.count - 1 - suffix] {
            suffix += 1
        }
        let start = max(0, prefix - context)
        var out = "@@ -\(prefix + 1),\(e.count - prefix - suffix) +\(prefix + 1),\(a.count - prefix - suffix) @@\n"
        for line in e[start..<prefix] { out += "  \(line)\n" }
        let removed = e[prefix..<(e.count - suffix)]
        let added = a[prefix..<(a.count - suffix)]
        for line in removed.prefix(limit) { out += "- \(line)\n" }
        if removed.count > limit { out += "- … \(removed.count - limit) more\n" }
        for line in added.prefix(limit) { out += "+ \(line)\n" }
        if added.count > limit { out += "+ … \(added.count - limit) more\n" }
        for line in e[(e.count - suffix)..<min(e.count, e.count - suffix + context)] { out += "  \(line)\n" }
        return out
    }
}
