import Foundation
import MathParsing
import PaperModel

/// ``MathParser`` with a memory: the core analysis reads the same formulas several times (an
/// equation's role, then its tree; an algorithm line's math, then its display and prose
/// rewrite; the symbols of the box's inputs), and parses each distinct TeX string once per paper.
///
/// A reference type on purpose: one memo is shared by every part of one paper's analysis, and
/// may be filled from another thread while the core runs (``parseEquations(of:)``). The parser
/// is pure, so a memoized result is the one a fresh parse would give.
public final class MathMemo: @unchecked Sendable {
    private let parser: MathParser
    private let lock = NSLock()
    private var results: [String: MathParseResult] = [:]

    public convenience init() {
        self.init(parser: MathParser())
    }

    init(parser: MathParser) {
        self.parser = parser
    }

    /// Parses the paper's display equations, last first. Run on another thread while
    /// ``CoreAnalyzer/analyze(_:memo:)`` runs with the same memo, it takes the longest parses off
    /// the core's path: the core reads the equations first to last, after the algorithm boxes,
    /// so the two meet once at most.
    public func parseEquations(of paper: Paper) {
        for eq in paper.equations.reversed() { _ = parse(eq.tex) }
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
