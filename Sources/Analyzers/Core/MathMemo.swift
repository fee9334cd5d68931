import Foundation
import MathParsing

/// ``MathParser`` with a memory: the core analysis reads the same formulas several times (an
/// equation's role, then its tree; an algorithm line's math, then its display and prose
/// rewrite; the symbols of the box's inputs), and parses each distinct TeX string once per paper.
///
/// A reference type on purpose: one memo is shared by every part of one paper's analysis. The
/// parser is pure, so a memoized result is the one a fresh parse would give.
final class MathMemo: @unchecked Sendable {
    private let parser: MathParser
    private let lock = NSLock()
    private var results: [String: MathParseResult] = [:]

    init(parser: MathParser = MathParser()) {
        self.parser = parser
        // A paper has a few hundred distinct formulas: room for them from the start, not by
        // rehashing as the table grows.
        results.reserveCapacity(512)
    }

    func parse(_ tex: String) -> MathParseResult {
        lock.lock()
        let known = results[tex]
        lock.unlock()
        if let known { return known }
        let result = parser.parse(tex)
        lock.lock()
        results[tex] = result
        lock.unlock()
        return result
    }
}
