import Foundation
import PaperModel

/// Reads plain text or Markdown with LaTeX math: blank lines separate paragraphs, `#` lines are
/// headings, `$$…$$` and `\[…\]` are display equations, `$…$` and `\(…\)` inline math.
public struct PlainTextReader: Sendable {
    public init() {}

    public func read(name: String, text: String) -> ReadResult {
        var diagnostics: [Diagnostic] = []
        var items: [(heading: Section?, block: Block?)] = []
        var metadata = Metadata()
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
            .map(String.init)
        var paragraph: [(line: Int, text: String)] = []
        var counters: [String: Int] = [:]
        func nextID(_ p: String) -> String {
            counters[p, default: 0] += 1
            return "\(p)\(counters[p]!)"
        }
        func flushParagraph() {
            defer { paragraph = [] }
            guard !paragraph.isEmpty else { return }
            var joined = ""
            var anchors: [(Int, Int)] = []
            for (line, t) in paragraph {
                if !joined.isEmpty { joined += " " }
                anchors.append((joined.utf8.count, line))
                joined += t.trimmedSpace
            }
            let normalized = Self.normalizeInlineMath(joined)
            let sentences = SentenceSplitter.split(normalized).map { part -> Sentence in
                let line = anchors.last(where: { $0.0 <= part.offset })?.1 ?? paragraph[0].line
                return Sentence(text: part.text, span: SourceSpan(file: name, line: line, column: 1))
            }
            let first = paragraph[0].line, last = paragraph[paragraph.count - 1].line
            let p = Paragraph(id: nextID("p"), text: normalized.trimmedSpace, sentences: sentences,
                              span: SourceSpan(file: name, line: first, column: 1, endLine: last))
            items.append((nil, .paragraph(p)))
        }
        var i = 0
        while i < lines.count {
            let line = lines[i]
            let trimmed = line.trimmedSpace
            if trimmed.isEmpty {
                flushParagraph()
                i += 1
                continue
            }
            // Markdown heading.
            if trimmed.hasPrefix("#"), paragraph.isEmpty {
                let level = trimmed.prefix { $0 == "#" }.count
                let title = trimmed.dropFirst(level).trimmedSpace
                if level <= 6, !title.isEmpty {
                    if level == 1, metadata.title == nil, items.isEmpty {
                        metadata.title = title
                        metadata.titleSpan = SourceSpan(file: name, line: i + 1, column: 1)
                    } else {
                        items.append((Section(id: nextID("sec"), title: title, number: nil, level: max(1, level - 1),
                                              starred: true, appendix: false,
                                              span: SourceSpan(file: name, line: i + 1, column: 1)), nil))
                    }
                    i += 1
                    continue
                }
            }
            // Display math on lines of its own.
            for (open, close) in [("$$", "$$"), ("\\[", "\\]")] where trimmed.hasPrefix(open) {
                flushParagraph()
                var body = String(trimmed.dropFirst(open.count))
                let start = i
                var closed = false
                while true {
                    if let r = body.range(of: close) {
                        body = String(body[..<r.lowerBound])
                        closed = true
                        break
                    }
                    i += 1
                    if i >= lines.count { break }
                    body += "\n" + lines[i]
                }
                if !closed {
                    diagnostics.append(Diagnostic(.unclosedMath, .warning, "display math opened with \(open) is not closed",
                                                  at: SourceSpan(file: name, line: start + 1, column: 1)))
                }
                let tex = body.trimmedSpace
                if !tex.isEmpty {
                    items.append((nil, .equation(Equation(id: nextID("eq"), tex: tex, environment: open,
                                                          span: SourceSpan(file: name, line: start + 1, column: 1,
                                                                           endLine: i + 1)))))
                }
                i += 1
                break
            }
            if i < lines.count, lines[i] == line, !(trimmed.hasPrefix("$$") || trimmed.hasPrefix("\\[")) {
                paragraph.append((i + 1, line))
                i += 1
            }
        }
        flushParagraph()
        var front: [Block] = []
        var sections: [Section] = []
        for item in items {
            if let h = item.heading { sections.append(h); continue }
            guard let b = item.block else { continue }
            if sections.isEmpty { front.append(b) } else { sections[sections.count - 1].blocks.append(b) }
        }
        metadata.arxivID = ArxivID.find(in: name)
        let paper = Paper(metadata: metadata, front: front, sections: sections,
                          source: SourceInfo(kind: .text, input: name, mainFile: name, files: [name]))
        return ReadResult(paper: paper, diagnostics: diagnostics)
    }

    /// `\(…\)` becomes `$…$`, so that inline math has one form everywhere.
    static func normalizeInlineMath(_ s: String) -> String {
        guard s.contains("\\(") else { return s }
        return s.replacingOccurrences(of: "\\(", with: "$").replacingOccurrences(of: "\\)", with: "$")
    }
}
