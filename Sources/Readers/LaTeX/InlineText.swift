import Foundation
import PaperModel

/// Prose being assembled from tokens: the text (inline math kept as `$…$`), where each stretch
/// of it came from, and what it referred to.
struct InlineText {
    /// The text as UTF-8 bytes: appending bytes costs a fraction of appending Strings, and the
    /// builder appends once per token.
    private(set) var bytes: [UInt8] = []
    /// The text assembled so far.
    var text: String { String(decoding: bytes, as: UTF8.self) }
    /// UTF-8 offset in `text` → the location of the token that produced it.
    private(set) var anchors: [(offset: Int, location: TokenLocation)] = []
    /// The length in UTF-8 bytes.
    var count: Int { bytes.count }
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
        bytes.appendUTF8(s)
    }

    /// A single space, never doubled and never leading.
    mutating func appendSpace() {
        guard let last = bytes.last, last != 0x20, last != 0x0A else { return }
        bytes.append(0x20)
    }

    mutating func appendNewline() {
        while bytes.last == 0x20 { bytes.removeLast() }
        guard let last = bytes.last, last != 0x0A else { return }
        bytes.append(0x0A)
    }

    /// Appends another piece of prose (e.g. a rendered argument), keeping its anchors.
    mutating func append(_ other: InlineText) {
        guard !other.bytes.isEmpty else { return }
        let base = count
        for a in other.anchors { anchors.append((base + a.offset, a.location)) }
        if firstLocation == nil { firstLocation = other.firstLocation }
        lastLocation = other.lastLocation ?? lastLocation
        bytes += other.bytes
        labels += other.labels
        references += other.references
        citations += other.citations
    }

    var trimmed: String { text.trimmedSpace }
    var isBlank: Bool { bytes.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x09 } }

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
