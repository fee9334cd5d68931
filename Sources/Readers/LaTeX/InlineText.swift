import Foundation
import PaperModel

/// Prose being assembled from tokens: the text (inline math kept as `$…$`), where each stretch
/// of it came from, and what it referred to.
struct InlineText {
    private(set) var text = ""
    /// UTF-8 offset in `text` → the location of the token that produced it.
    private(set) var anchors: [(offset: Int, location: TokenLocation)] = []
    private(set) var count = 0
    var labels: [String] = []
    var references: [String] = []
    var citations: [String] = []
    var firstLocation: TokenLocation?
    var lastLocation: TokenLocation?
    /// Set by `\multicolumn` / `\multirow` inside a table cell.
    var columnSpan = 1
    var rowSpan = 1

    mutating func append(_ s: String, at location: TokenLocation) {
        guard !s.isEmpty else { return }
        if firstLocation == nil { firstLocation = location }
        lastLocation = location
        if let last = anchors.last?.location, last.line == location.line, last.file == location.file {
            // Same line as the previous anchor: no new anchor needed.
        } else {
            anchors.append((count, location))
        }
        text += s
        count += s.utf8.count
    }

    /// A single space, never doubled and never leading.
    mutating func appendSpace() {
        guard let last = text.utf8.last, last != 0x20, last != 0x0A else { return }
        text += " "
        count += 1
    }

    mutating func appendNewline() {
        while text.utf8.last == 0x20 { text.removeLast(); count -= 1 }
        guard !text.isEmpty, text.utf8.last != 0x0A else { return }
        text += "\n"
        count += 1
    }

    /// Appends another piece of prose (e.g. a rendered argument), keeping its anchors.
    mutating func append(_ other: InlineText) {
        guard !other.text.isEmpty else { return }
        let base = count
        for a in other.anchors { anchors.append((base + a.offset, a.location)) }
        if firstLocation == nil { firstLocation = other.firstLocation }
        lastLocation = other.lastLocation ?? lastLocation
        text += other.text
        count += other.count
        labels += other.labels
        references += other.references
        citations += other.citations
    }

    var trimmed: String { text.trimmedSpace }
    var isBlank: Bool { text.utf8.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x09 } }

    /// The location of the character at `offset`.
    func location(at offset: Int) -> TokenLocation? {
        var result = anchors.first?.location
        for a in anchors {
            if a.offset > offset { break }
            result = a.location
        }
        return result
    }
}
