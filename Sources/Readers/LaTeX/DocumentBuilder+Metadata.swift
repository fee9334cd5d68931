import Foundation
import PaperModel

extension DocumentBuilder {
    /// `\title`, `\author`, `\icmlauthor`, `\date`, `\affiliation`, … (roles from `latex.json`).
    mutating func handleMetadata(role: String, command: String, at loc: TokenLocation) {
        switch role {
        case "title":
            _ = ex.readOptionalRaw()
            let text = readMetadataText()
            let title = text.replacingOccurrences(of: "\n", with: " ").split(separator: " ").joined(separator: " ")
            if metadata.title == nil, !title.isEmpty {
                metadata.title = title
                metadata.titleSpan = span(loc)
            }
        case "author":
            if command == "icmlauthor" {
                let name = readMetadataText()
                let keys = readPlainArgument().split(separator: ",").map { $0.trimmedSpace }
                if !name.isEmpty {
                    metadata.authors.append(Author(name: name))
                    authorAffiliationKeys[name] = keys
                }
                return
            }
            _ = ex.readOptionalRaw()
            let text = readMetadataText()
            for chunk in text.split(separator: "\u{1}") {
                let lines = chunk.split(separator: "\n").map { $0.trimmedSpace }
                    .filter { !$0.isEmpty }
                guard let first = lines.first else { continue }
                // Several names on one line separated by commas share the affiliation that follows.
                let affiliation = lines.dropFirst().filter { !$0.contains("@") }.joined(separator: ", ")
                let names = first.contains(",") && !first.contains("University")
                    ? first.split(separator: ",").map { $0.trimmedSpace } : [first]
                for n in names where !n.isEmpty {
                    metadata.authors.append(Author(name: Self.cleanAuthorName(n),
                                                   affiliation: affiliation.isEmpty ? nil : affiliation))
                }
            }
        case "affiliation":
            if command == "icmlaffiliation" {
                let key = readPlainArgument()
                affiliationKeys[key] = readMetadataText()
            } else {
                _ = ex.readOptionalRaw()
                let text = readMetadataText()
                if var last = metadata.authors.popLast() {
                    if last.affiliation == nil { last.affiliation = text }
                    metadata.authors.append(last)
                }
            }
        case "date":
            _ = ex.readOptionalRaw()
            let text = readMetadataText()
            if !text.isEmpty, text != "\\today" { metadata.date = text }
        case "arxiv":
            metadata.arxivID = readPlainArgument()
        default:
            // "drop": consume the arguments.
            _ = ex.readOptionalRaw()
            _ = ex.readArgumentRaw()
        }
    }

    /// A metadata argument as text: `\\` a line break, `\and` a separator, footnotes dropped.
    mutating func readMetadataText() -> String {
        var acc = InlineText()
        guard let peek = ex.peekNonSpaceRaw() else { return "" }
        if peek.kind == .beginGroup {
            _ = ex.nextRaw()
            _ = readInline(.metadata, into: &acc)
        } else if let single = ex.readArgumentRaw() {
            return Self.plain(single)
        }
        return acc.trimmed
    }

    static func cleanAuthorName(_ s: String) -> String {
        // Drop footnote marks and symbols like `$^{1}$`, `*`, `†`: each `$…$` pair goes (an
        // unpaired `$` stays), then the mark characters.
        var name = ""
        var rest = Substring(s)
        while let open = rest.firstIndex(of: "$") {
            let after = rest.index(after: open)
            guard let close = rest[after...].firstIndex(of: "$") else { break }
            name += rest[..<open]
            rest = rest[rest.index(after: close)...]
        }
        name += rest
        name = name.filter { !"*†‡§".contains($0) }
        return name.split(separator: " ").joined(separator: " ").trimmingCharacters(in: CharacterSet(charactersIn: " ,;"))
    }

    mutating func finishMetadata() {
        if !affiliationKeys.isEmpty {
            for i in metadata.authors.indices where metadata.authors[i].affiliation == nil {
                let keys = authorAffiliationKeys[metadata.authors[i].name] ?? []
                let affs = keys.compactMap { affiliationKeys[$0] }
                if !affs.isEmpty { metadata.authors[i].affiliation = affs.joined(separator: "; ") }
            }
        }
    }
}
