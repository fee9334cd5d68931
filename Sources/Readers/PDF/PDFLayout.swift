import Foundation
import PaperModel

/// The geometry stage of the PDF reader: from pdftotext's words to lines in reading order.
///
/// Steps, per page: drop rotated text (the arXiv stamp), margin line numbers (review copies),
/// running headers/footers and page numbers; find column gutters (a vertical channel no word
/// crosses over a run of rows, with text on both sides) and cut the page into bands and
/// columns; group the words of each column into lines by their vertical overlap; merge words
/// that touch (small caps, sub/superscripts, accents) into tokens that keep their glyph runs.

/// A run of glyphs as pdftotext reported it (one `<word>`), inside a token.
struct PDFRun: Sendable {
    enum Script: Sendable { case base, sub, sup }
    var text: String
    var x0: Double, y0: Double, x1: Double, y1: Double
    var script: Script = .base
    /// The glyph box is much taller than the text (a big operator, radical or wide accent).
    var tall = false
    /// A combining accent placed over this run (U+0302 hat, U+0303 tilde, …).
    var accent: Character?
}

/// A word as a reader sees it: runs that touch, joined.
struct PDFToken: Sendable {
    var runs: [PDFRun]
    var x0: Double, y0: Double, x1: Double, y1: Double
    var text: String

    var hasScripts: Bool { runs.contains { $0.script != .base } }
}

/// One visual line of text in reading order.
struct PDFLine: Sendable {
    var page: Int
    /// Global index of the column region the line sits in (reading order).
    var region: Int
    var regionX0: Double
    var regionX1: Double
    var tokens: [PDFToken]
    var x0: Double, y0: Double, x1: Double, y1: Double
    /// The dominant glyph height (a font-size proxy).
    var height: Double
    /// The tallest ordinary glyph run (capitals of a small-caps heading).
    var maxHeight: Double
    var text: String
    /// Running line number within the page, 1-based.
    var number: Int

    var regionWidth: Double { max(1, regionX1 - regionX0) }
    var box: Box { Box(x: x0, y: y0, width: x1 - x0, height: y1 - y0) }
}

struct PDFLayoutResult: Sendable {
    var lines: [PDFLine]
    var pageCount: Int
    /// Body text height and line pitch over the document.
    var bodyHeight: Double
    var bodyPitch: Double
    var pageSizes: [(width: Double, height: Double)]
    var droppedHeaderLines: Int
    var droppedMarginNumbers: Int
    var twoColumn: Bool
}

enum PDFLayout {
    nonisolated(unsafe) static var debug = false
    // MARK: - Word preparation

    struct Word {
        var x0: Double, y0: Double, x1: Double, y1: Double
        /// Box used for grouping into lines (tall symbol boxes trimmed).
        var cy0: Double, cy1: Double
        var text: String
        var line: Int32
        var count: Int

        var cx: Double { (x0 + x1) / 2 }
        var cy: Double { (cy0 + cy1) / 2 }
        var h: Double { y1 - y0 }
        var ch: Double { cy1 - cy0 }
    }

    static let cmexOperators: [String: String] = [
        "P": "∑", "Q": "∏", "R": "∫", "X": "∑", "Y": "∏", "Z": "∫", "p": "√", "q": "√", "r": "√", "s": "√",
    ]
    static let tallLetterGlyphs: Set<String> = ["b", "c", "d", "e", "f", "g", "P", "Q", "R", "p", "q", "r", "X", "Y", "Z", "s", "S"]

    /// The weighted mode of heights (rounded to 0.25 pt) of words, weighted by their length.
    static func modeHeight(_ words: [BBoxWord]) -> Double {
        var hist: [Int: Int] = [:]
        for w in words where w.text.unicodeScalars.first.map({ CharacterSetCache.isLetter($0) }) ?? false {
            let h = Int(((w.y1 - w.y0) * 4).rounded())
            if h > 0 { hist[h, default: 0] += w.text.utf8.count }
        }
        guard let best = hist.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }) else { return 10 }
        return Double(best.key) / 4
    }

    static func build(_ doc: BBoxDocument) -> PDFLayoutResult {
        let allWords = doc.pages.flatMap { $0.words }
        let bodyH = modeHeight(allWords)
        var droppedHeaders = 0
        var droppedNumbers = 0

        // 1. Per page: words with trimmed boxes, rotated text removed.
        var pages: [[Word]] = doc.pages.map { page in
            var out: [Word] = []
            out.reserveCapacity(page.words.count)
            // Vertical lines of text (the arXiv stamp in the margin): a pdftotext line far
            // taller than wide.
            var lineBox: [Int32: (Double, Double, Double, Double)] = [:]
            for w in page.words {
                if let b = lineBox[w.line] { lineBox[w.line] = (min(b.0, w.x0), min(b.1, w.y0), max(b.2, w.x1), max(b.3, w.y1)) } else { lineBox[w.line] = (w.x0, w.y0, w.x1, w.y1) }
            }
            let vertical = Set(lineBox.filter { (_, b) in b.3 - b.1 > 60 && b.3 - b.1 > 4 * (b.2 - b.0) }.keys)
            for (wi, w) in page.words.enumerated() {
                if vertical.contains(w.line) { continue }
                var t = w.text
                if PDFGlyphRepair.needsRepair(t) {
                    let angles = t.utf8.contains { $0 == 0x1C || $0 == 0x1D }
                    let paired = angles && page.words.contains { $0.line == w.line && $0.text.utf8.contains(0x1C) }
                        && page.words.contains { $0.line == w.line && $0.text.utf8.contains(0x1D) }
                    t = PDFGlyphRepair.repair(t, anglesPaired: paired)
                }
                if t.isEmpty { continue }
                let count = t.count
                let h = w.y1 - w.y0, wd = w.x1 - w.x0
                if h <= 0 || wd < 0 { continue }
                // Rotated text (arXiv stamp, rotated table headers): tall, narrow words.
                if count >= 3, h > 2 * wd, h > 1.5 * bodyH { continue }
                var cy0 = w.y0, cy1 = w.y1
                // Big operators of the TeX extension font come out as plain letters.
                if count == 1, h > 1.6 * bodyH, let big = cmexOperators[t] {
                    // Not the large initial of a small-caps word ("P" + "ARALLELIZING").
                    let next = wi + 1 < page.words.count ? page.words[wi + 1] : nil
                    let smallCaps = next.map { $0.line == w.line && $0.x0 - w.x1 < 1.5 && $0.text.count >= 2 && $0.text.first!.isUppercase } ?? false
                    if !smallCaps { t = big }
                }
                if h > 1.3 * bodyH {
                    // Symbol fonts (cmsy, cmex) report boxes far taller than the glyphs: keep
                    // the top part, the size of text, for grouping into lines.
                    let symbol = t.unicodeScalars.contains { !CharacterSetCache.isLetter($0) && !CharacterSetCache.isDigit($0) && $0 != "." && $0 != "," }
                    if t == "∑" || t == "∏" || t == "∫" {
                        // Big operators sit on the math axis: their middle is the line's.
                        let c = (w.y0 + w.y1) / 2
                        cy0 = c - 0.42 * bodyH
                        cy1 = c + 0.42 * bodyH
                    } else if (symbol && count <= 8) || (count <= 2 && h > 2.2 * bodyH && tallLetterGlyphs.contains(t)) {
                        cy1 = w.y0 + 0.85 * bodyH
                    }
                }
                out.append(Word(x0: w.x0, y0: w.y0, x1: w.x1, y1: w.y1, cy0: cy0, cy1: cy1, text: t,
                                line: w.line, count: count))
            }
            // A radical sign belongs to the line of its radicand: the word right after it.
            for k in out.indices where out[k].text == "√" && out[k].h > 1.3 * bodyH {
                let r = out[k]
                var best: Int?
                for j in out.indices where j != k && abs(out[j].x0 - r.x1) < 2.5 && out[j].cy0 >= r.y0 - 1 && out[j].cy1 <= r.y1 + 1 {
                    if best == nil || out[j].cy0 < out[best!].cy0 { best = j }
                }
                if let b = best {
                    out[k].cy0 = out[b].cy0
                    out[k].cy1 = out[b].cy1
                } else {
                    let c = (r.y0 + r.y1) / 2
                    out[k].cy0 = c - 0.42 * bodyH
                    out[k].cy1 = c + 0.42 * bodyH
                }
            }
            return out
        }

        // 2. Running headers/footers and page numbers.
        droppedHeaders = removeHeadersAndFooters(&pages, sizes: doc.pages.map { ($0.width, $0.height) })

        // 3. Line numbers in the margins (review copies).
        for p in pages.indices { droppedNumbers += removeMarginNumbers(&pages[p]) }

        // 4. Regions, lines, tokens.
        var lines: [PDFLine] = []
        var regionCounter = 0
        // Columns: first without tightening splits; a document whose pages are mostly split is
        // two-column, else splits are local (side-by-side boxes) and kept tight. Pages are
        // independent here, so they are laid out in parallel.
        let frozen = pages
        let first: [([[Int]], Double)] = parallelMap(frozen.count) { p in
            let words = frozen[p]
            var split = 0
            let g = regions(words, Array(words.indices), bodyH: bodyH, depth: 0, local: false, splitWords: &split)
            return (g, words.count >= 100 ? Double(split) / Double(words.count) : -1)
        }
        let fractions = first.map(\.1).filter { $0 >= 0 }.sorted()
        let twoColumn = !fractions.isEmpty && fractions[fractions.count / 2] >= 0.5
        let perPage: [[(Double, Double, [PDFLine])]] = parallelMap(frozen.count) { p in
            let words = frozen[p]
            guard !words.isEmpty else { return [] }
            var groups = first[p].0
            if !twoColumn, groups.count > 1 {
                var split = 0
                groups = regions(words, Array(words.indices), bodyH: bodyH, depth: 0, local: true, splitWords: &split)
            }
            return groups.filter { !$0.isEmpty }.map { g in
                var rx0 = Double.infinity, rx1 = -Double.infinity
                for i in g { rx0 = min(rx0, words[i].x0); rx1 = max(rx1, words[i].x1) }
                return (rx0, rx1, buildLines(words, g, bodyH: bodyH))
            }
        }
        for (p, groups) in perPage.enumerated() {
            var number = 0
            for (rx0, rx1, built) in groups {
                for var l in built {
                    number += 1
                    l.page = p + 1
                    l.region = regionCounter
                    l.regionX0 = rx0
                    l.regionX1 = rx1
                    l.number = number
                    lines.append(l)
                }
                regionCounter += 1
            }
        }

        // Body pitch: the most common baseline distance between consecutive lines of body height.
        var pitchHist: [Int: Int] = [:]
        for k in 1..<max(1, lines.count) {
            let a = lines[k - 1], b = lines[k]
            guard a.region == b.region, abs(a.height - bodyH) < 0.15 * bodyH, abs(b.height - bodyH) < 0.15 * bodyH else { continue }
            let d = b.y1 - a.y1
            if d > 0.75 * bodyH, d < 1.45 * bodyH { pitchHist[Int((d * 4).rounded()), default: 0] += 1 }
        }
        let pitch = pitchHist.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }).map { Double($0.key) / 4 } ?? bodyH * 1.2

        return PDFLayoutResult(lines: lines, pageCount: doc.pages.count, bodyHeight: bodyH, bodyPitch: pitch,
                               pageSizes: doc.pages.map { ($0.width, $0.height) },
                               droppedHeaderLines: droppedHeaders, droppedMarginNumbers: droppedNumbers,
                               twoColumn: twoColumn)
    }

    /// `body(i)` for i in 0..<n, run on all cores.
    static func parallelMap<T: Sendable>(_ n: Int, _ body: @Sendable (Int) -> T) -> [T] {
        guard n > 1 else { return (0..<n).map(body) }
        let buffer = UnsafeMutableBufferPointer<T?>.allocate(capacity: n)
        buffer.initialize(repeating: nil)
        nonisolated(unsafe) let out = buffer
        DispatchQueue.concurrentPerform(iterations: n) { i in out[i] = body(i) }
        let result = buffer.map { $0! }
        buffer.deinitialize()
        buffer.deallocate()
        return result
    }

    // MARK: - Headers, footers, page numbers

    static func normalizedKey(_ s: String) -> String {
        var out = ""
        for ch in s.lowercased() where !ch.isWhitespace {
            out.append(ch.isNumber ? "#" : ch)
        }
        return out
    }

    static func isPageNumberText(_ s: String) -> Bool {
        let t = s.trimmingCharacters(in: .whitespaces)
        if t.isEmpty || t.count > 12 { return false }
        if t.allSatisfy({ $0.isASCII && $0.isNumber }) { return true }
        let lower = t.lowercased()
        if lower.allSatisfy({ "ivxlc".contains($0) }) && t.count <= 6 { return true }
        // "Page 3", "3 of 12", "- 3 -"
        let parts = lower.split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "–" })
        if parts.count >= 1, parts.count <= 3, parts.contains(where: { $0.allSatisfy(\.isNumber) }),
           parts.allSatisfy({ $0.allSatisfy(\.isNumber) || $0 == "page" || $0 == "of" }) { return true }
        return false
    }

    /// Removes lines in the top/bottom margin zone that repeat over pages, and page numbers.
    static func removeHeadersAndFooters(_ pages: inout [[Word]], sizes: [(Double, Double)]) -> Int {
        struct Cand { var page: Int; var line: Int32; var key: String; var yBucket: Int; var text: String }
        var cands: [Cand] = []
        for (p, words) in pages.enumerated() {
            let height = sizes[p].1
            var byLine: [Int32: (y0: Double, y1: Double, text: String, x0: Double)] = [:]
            var order: [Int32] = []
            for w in words {
                if var e = byLine[w.line] {
                    e.y0 = min(e.y0, w.y0); e.y1 = max(e.y1, w.y1); e.text += " " + w.text
                    byLine[w.line] = e
                } else {
                    byLine[w.line] = (w.y0, w.y1, w.text, w.x0)
                    order.append(w.line)
                }
            }
            for id in order {
                let e = byLine[id]!
                let top = e.y1 < 0.11 * height
                let bottom = e.y0 > 0.89 * height
                guard top || bottom else { continue }
                let y = top ? e.y0 : e.y1
                cands.append(Cand(page: p, line: id, key: (top ? "T" : "B") + normalizedKey(e.text),
                                  yBucket: Int((y / 6).rounded()), text: e.text))
            }
        }
        var pagesPerKey: [String: Set<Int>] = [:]
        for c in cands { pagesPerKey[c.key, default: []].insert(c.page) }
        let needed = max(2, Int((Double(pages.count) * 0.25).rounded(.up)))
        var drop: [Int: Set<Int32>] = [:]
        for c in cands {
            let repeated = pages.count >= 2 && (pagesPerKey[c.key]?.count ?? 0) >= needed
            var pageNumber = false
            if !repeated, isPageNumberText(c.text) {
                // Only a number standing alone on its row (not "5" of "5 Related Work").
                let mine = pages[c.page].filter { $0.line == c.line }
                if let y0 = mine.map(\.cy0).min(), let y1 = mine.map(\.cy1).max(),
                   let x0 = mine.map(\.x0).min(), let x1 = mine.map(\.x1).max() {
                    let h = y1 - y0
                    pageNumber = !pages[c.page].contains { w in
                        w.line != c.line && w.cy > y0 - 0.3 * h && w.cy < y1 + 0.3 * h && w.x1 > x0 - 60 && w.x0 < x1 + 60
                    }
                }
            }
            if repeated || pageNumber { drop[c.page, default: []].insert(c.line) }
        }
        var dropped = 0
        for (p, ids) in drop {
            dropped += ids.count
            pages[p].removeAll { ids.contains($0.line) }
        }
        return dropped
    }

    /// Removes pure numbers standing in the left/right margin when a page has many of them.
    static func removeMarginNumbers(_ words: inout [Word]) -> Int {
        guard words.count > 20 else { return 0 }
        // Text body edges from pdftotext lines of several words.
        var lineExt: [Int32: (x0: Double, x1: Double, n: Int)] = [:]
        for w in words {
            if var e = lineExt[w.line] { e.x0 = min(e.x0, w.x0); e.x1 = max(e.x1, w.x1); e.n += 1; lineExt[w.line] = e } else { lineExt[w.line] = (w.x0, w.x1, 1) }
        }
        let long = lineExt.values.filter { $0.n >= 5 }
        guard long.count >= 5 else { return 0 }
        let lefts = long.map(\.x0).sorted(), rights = long.map(\.x1).sorted()
        let left = lefts[lefts.count / 10], right = rights[rights.count * 9 / 10]
        func isNumber(_ w: Word) -> Bool { w.count <= 4 && w.text.allSatisfy { $0.isASCII && $0.isNumber } }
        // A line number stands apart: no word close beside it on its row (a subscript or the
        // exponent of "3e − 4" in a table past the text's right edge touches its neighbour).
        func isolated(_ i: Int) -> Bool {
            let w = words[i]
            let reach = 1.2 * w.h
            return !words.indices.contains { j in
                j != i && words[j].cy1 > w.cy0 && words[j].cy0 < w.cy1 && words[j].x1 > w.x0 - reach && words[j].x0 < w.x1 + reach
            }
        }
        let marginIdx = words.indices.filter { i in
            let w = words[i]
            return isNumber(w) && (w.x1 < left - 2 || w.x0 > right + 2) && isolated(i)
        }
        guard marginIdx.count >= 8 else { return 0 }
        let set = Set(marginIdx)
        words = words.enumerated().filter { !set.contains($0.offset) }.map(\.element)
        return marginIdx.count
    }

    // MARK: - Regions (columns and bands)

    /// Splits the words of a page (or region) into column regions in reading order.
    ///
    /// A gutter is an x where, over a run of rows, no word crosses and both sides hold rows of
    /// text. Rows whose words cross it (titles, wide floats, full-width prose) form spanning
    /// bands; the bands between them are read left column first. With `local` (a single-column
    /// document), a split is kept tight: blocks of one side that stand entirely above or below
    /// the other side (a heading over two side-by-side boxes) are read as spanning.
    static func regions(_ words: [Word], _ idx: [Int], bodyH: Double, depth: Int, local: Bool,
                        splitWords: inout Int) -> [[Int]] {
        // Two levels at most (text beside two boxes); a nested split needs text on both sides in
        // rows of similar number, so that an algorithm box is not cut from its comment column.
        guard idx.count >= 12, depth < 2 else { return [idx] }
        var L = Double.infinity, R = -Double.infinity
        for i in idx { L = min(L, words[i].x0); R = max(R, words[i].x1) }
        let W = R - L
        guard W > 120 else { return [idx] }
        let byY = idx.sorted { words[$0].cy < words[$1].cy }

        // Score candidate x positions: the best run of rows, with no word within 2 pt of x,
        // holding rows of text (two words with letters, or a fair width) on both sides.
        let lo = Int((L + 0.2 * W).rounded(.up)), hi = Int((R - 0.2 * W).rounded(.down))
        guard hi > lo else { return [idx] }
        var scores = [Int](repeating: 0, count: hi - lo + 1)
        // Rows closer than this are one row (scripts, and the stacked rows of a display fraction).
        let rowGap = 0.8 * bodyH
        var hasLetter = [Bool](repeating: false, count: words.count)
        for i in idx { hasLetter[i] = words[i].text.unicodeScalars.contains { CharacterSetCache.isLetter($0) } }
        struct SideRow {
            var cy = -Double.infinity, n = 0, x0 = Double.infinity, x1 = -Double.infinity
            var count = 0
            mutating func close(_ minWidth: Double) {
                if n >= 2 || (x1 - x0 >= minWidth && x1 > x0) { count += 1 }
                n = 0; x0 = .infinity; x1 = -.infinity
            }
        }
        let minWidth = 0.25 * W
        // An equation number at the right edge marks a display row: it spans the page.
        var eqNumber = [Bool](repeating: false, count: words.count)
        for i in idx where words[i].x1 > R - 3 {
            let t = words[i].text
            if t.count >= 3, t.count <= 7, t.first == "(", t.last == ")", t.dropFirst().first?.isNumber == true { eqNumber[i] = true }
        }
        // Per x: the best run's rows on the weaker side, then its words on the weaker side
        // (which breaks ties toward the balanced cut, not a cut beside a column of line numbers).
        var balance = [Int](repeating: 0, count: hi - lo + 1)
        // Only x with little word coverage can be a gutter: score the 32 least covered.
        var cover = [Int32](repeating: 0, count: hi - lo + 2)
        for i in idx {
            let a = max(lo, Int((words[i].x0 - 1.5).rounded(.up))), b = min(hi + 1, Int((words[i].x1 + 1.5).rounded(.down)) + 1)
            if b > a { cover[a - lo] += 1; cover[b - lo] -= 1 }
        }
        var acc: Int32 = 0
        var byCover: [(Int32, Int)] = []
        byCover.reserveCapacity(hi - lo + 1)
        for k in 0...(hi - lo) { acc += cover[k]; byCover.append((acc, k + lo)) }
        byCover.sort { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) }
        let candidates = byCover.prefix(32).map(\.1)
        for x in candidates {
            let xd = Double(x)
            var best = 0, bestWords = 0
            var left = SideRow(), right = SideRow()
            var wl = 0, wr = 0
            func closeRun() {
                left.close(minWidth); right.close(minWidth)
                let r = min(left.count, right.count), ww = min(wl, wr)
                if r > best || (r == best && ww > bestWords) { best = r; bestWords = ww }
                left = SideRow(); right = SideRow(); wl = 0; wr = 0
            }
            for i in byY {
                let w = words[i]
                if (w.x0 < xd + 1.5 && w.x1 > xd - 1.5) || eqNumber[i] {
                    closeRun()
                    continue
                }
                if w.x1 <= xd {
                    if w.cy - left.cy > rowGap { left.close(minWidth); left.cy = w.cy }
                    if hasLetter[i] { left.n += 1 }
                    left.x0 = min(left.x0, w.x0); left.x1 = max(left.x1, w.x1)
                    wl += 1
                } else {
                    if w.cy - right.cy > rowGap { right.close(minWidth); right.cy = w.cy }
                    if hasLetter[i] { right.n += 1 }
                    right.x0 = min(right.x0, w.x0); right.x1 = max(right.x1, w.x1)
                    wr += 1
                }
            }
            closeRun()
            scores[x - lo] = best
            balance[x - lo] = bestWords
        }
        if debug { print("scores", (lo...hi).filter { scores[$0 - lo] >= 3 }.map { "\($0):\(scores[$0 - lo])" }.joined(separator: " ")) }
        guard let top = scores.max(), top >= 3 else { return [idx] }
        // Among the x at the best score, the most balanced; the middle of its run.
        var topBalance = 0
        for k in scores.indices where scores[k] == top { topBalance = max(topBalance, balance[k]) }
        var bestStart = 0, bestLen = 0, runStart = -1
        for k in 0...scores.count {
            if k < scores.count, scores[k] == top, balance[k] == topBalance {
                if runStart < 0 { runStart = k }
            } else if runStart >= 0 {
                if k - runStart > bestLen { bestLen = k - runStart; bestStart = runStart }
                runStart = -1
            }
        }
        let gc = Double(lo + bestStart) + Double(bestLen - 1) / 2

        // Spanning rows: y-intervals of words that cross the gutter.
        var intervals: [(Double, Double)] = []
        for i in idx where words[i].x0 < gc + 1.5 && words[i].x1 > gc - 1.5 {
            intervals.append((words[i].cy0, words[i].cy1))
        }
        for i in idx where eqNumber[i] { intervals.append((words[i].cy0 - 0.8 * bodyH, words[i].cy1 + 0.8 * bodyH)) }
        intervals.sort { $0.0 < $1.0 }
        var merged: [(Double, Double)] = []
        for iv in intervals {
            if let last = merged.last, iv.0 <= last.1 + 0.5 { merged[merged.count - 1].1 = max(last.1, iv.1) } else { merged.append(iv) }
        }
        // Assign each word to a band: spanning interval k → band 2k+1, gap before it → band 2k.
        func band(_ y: Double) -> Int {
            var lo = 0, hi = merged.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if merged[mid].1 < y { lo = mid + 1 } else { hi = mid }
            }
            if lo < merged.count, merged[lo].0 <= y { return 2 * lo + 1 }
            return 2 * lo
        }
        let bandCount = 2 * merged.count + 1
        var bandWords = [[Int]](repeating: [], count: bandCount)
        for i in byY { bandWords[band(words[i].cy)].append(i) }

        /// Rows of a set of words (y-sorted input), as lists of word indices.
        func rows(_ ids: [Int]) -> [[Int]] {
            var out: [[Int]] = []
            var last = -Double.infinity
            for i in ids {
                if words[i].cy - last > rowGap || out.isEmpty { out.append([i]); last = words[i].cy } else { out[out.count - 1].append(i) }
            }
            return out
        }
        /// Whether a set of words has a clean vertical channel inside (a table, not text).
        func hasInnerChannel(_ ids: [Int]) -> Bool {
            guard ids.count >= 6 else { return false }
            var a = Double.infinity, b = -Double.infinity
            for i in ids { a = min(a, words[i].x0); b = max(b, words[i].x1) }
            let w = b - a
            guard w > 40 else { return false }
            let n = Int(w) + 2
            var d = [Int32](repeating: 0, count: n + 1)
            for i in ids {
                let s = max(0, Int((words[i].x0 - a).rounded(.down))), e = min(n, Int((words[i].x1 - a).rounded(.up)))
                if e > s { d[s] += 1; d[e] -= 1 }
            }
            var run = 0, c: Int32 = 0
            let from = Int(w * 0.2), to = Int(w * 0.8)
            for k in 0..<n {
                c += d[k]
                if k >= from, k <= to, c == 0 { run += 1; if run >= 6 { return true } } else { run = 0 }
            }
            return false
        }
        /// Text (not table cells): rows of several words spanning a fair width, no inner channel.
        func isText(_ ids: [Int]) -> Bool {
            let rs = rows(ids)
            var text = 0
            for r in rs where r.count >= 3 {
                var a = Double.infinity, b = -Double.infinity
                for i in r { a = min(a, words[i].x0); b = max(b, words[i].x1) }
                if b - a >= 0.2 * W { text += 1 }
            }
            return text >= max(2, rs.count / 3) && !hasInnerChannel(ids)
        }

        var isSplit = [Bool](repeating: false, count: bandCount)
        var accepted = false
        for k in stride(from: 0, to: bandCount, by: 2) where !bandWords[k].isEmpty {
            let left = bandWords[k].filter { words[$0].cx < gc }
            let right = bandWords[k].filter { words[$0].cx >= gc }
            let rl = rows(left).count, rr = rows(right).count
            if rl >= 2, rr >= 2 {
                isSplit[k] = true
                // A short band of mostly math is a display equation, not two columns.
                func mathFraction(_ ids: [Int]) -> Double {
                    let m = ids.filter { words[$0].text.unicodeScalars.contains { PDFMath.isMathScalar($0.value) } }.count
                    return Double(m) / Double(max(1, ids.count))
                }
                // Rows of text stand a line apart; the stacked rows of a fraction are closer.
                func spacing(_ ids: [Int]) -> Double {
                    let starts = rows(ids).map { r in r.map { words[$0].cy }.min()! }
                    guard starts.count >= 2 else { return .infinity }
                    let d = zip(starts.dropFirst(), starts).map { $0 - $1 }.sorted()
                    return d[d.count / 2]
                }
                if debug { print("  band \(k) rows \(rl)/\(rr) text \(isText(left))/\(isText(right)) math \(mathFraction(left))/\(mathFraction(right)) spacing \(spacing(left))/\(spacing(right)) bodyH \(bodyH)") }
                // The channel between the sides: a river of word spaces is narrow.
                let channel = (right.map { words[$0].x0 }.min() ?? 0) - (left.map { words[$0].x1 }.max() ?? 0)
                let nestedOK = depth == 0 || (isText(left) && isText(right) && min(rl, rr) >= 4 && channel >= 8
                                              && Double(min(rl, rr)) >= 0.6 * Double(max(rl, rr)))
                if rl >= 3, rr >= 3, isText(left) || isText(right), nestedOK,
                   min(rl, rr) >= 6 || (mathFraction(left) < 0.5 && mathFraction(right) < 0.5
                                        && spacing(left) >= 0.85 * bodyH && spacing(right) >= 0.85 * bodyH) { accepted = true }
            }
        }
        if debug { print("regions depth \(depth) L\(L) R\(R) gutter \(gc) score \(top) bands \(bandCount) accepted \(accepted)") }
        guard accepted else { return [idx] }

        // Reading order: bands top to bottom; split bands left column then right column.
        var out: [[Int]] = []
        var pending: [Int] = []
        for k in 0..<bandCount where !bandWords[k].isEmpty {
            guard isSplit[k] else { pending.append(contentsOf: bandWords[k]); continue }
            var left = bandWords[k].filter { words[$0].cx < gc }
            var right = bandWords[k].filter { words[$0].cx >= gc }
            var post: [Int] = []
            if local {
                // Blocks (rows separated by a blank line) of one side standing wholly above or
                // below the other side are read as spanning.
                func blocks(_ ids: [Int]) -> [[Int]] {
                    var out: [[Int]] = []
                    var last = -Double.infinity
                    for i in ids {
                        if words[i].cy - last > 1.9 * bodyH || out.isEmpty { out.append([i]) } else { out[out.count - 1].append(i) }
                        last = words[i].cy
                    }
                    return out
                }
                func trim(_ side: inout [Int], _ other: [Int]) -> (pre: [Int], post: [Int]) {
                    guard let oTop = other.first.map({ words[$0].cy }), let oBottom = other.last.map({ words[$0].cy }) else { return ([], []) }
                    var bs = blocks(side)
                    var pre: [Int] = [], post: [Int] = []
                    while bs.count > 1, let f = bs.first, words[f.last!].cy < oTop - 0.5 * bodyH { pre += f; bs.removeFirst() }
                    while bs.count > 1, let l = bs.last, words[l.first!].cy > oBottom + 0.5 * bodyH { post = l + post; bs.removeLast() }
                    side = bs.flatMap { $0 }
                    return (pre, post)
                }
                let (lp, lq) = trim(&left, right)
                let (rp, rq) = trim(&right, left)
                pending += (lp + rp).sorted { words[$0].cy < words[$1].cy }
                post = (lq + rq).sorted { words[$0].cy < words[$1].cy }
            }
            if !pending.isEmpty { out.append(pending); pending = [] }
            splitWords += left.count + right.count
            out.append(contentsOf: regions(words, left, bodyH: bodyH, depth: depth + 1, local: local, splitWords: &splitWords))
            out.append(contentsOf: regions(words, right, bodyH: bodyH, depth: depth + 1, local: local, splitWords: &splitWords))
            pending = post
        }
        if !pending.isEmpty { out.append(pending) }
        return out
    }

    // MARK: - Lines and tokens

    static func buildLines(_ words: [Word], _ idx: [Int], bodyH: Double) -> [PDFLine] {
        let sorted = idx.sorted { words[$0].cy < words[$1].cy }
        struct Acc { var ids: [Int]; var r0: Double; var r1: Double }
        var accs: [Acc] = []
        for i in sorted {
            let w = words[i]
            var best = -1
            var bestOverlap = 0.0
            var k = accs.count - 1
            while k >= 0, k >= accs.count - 6 {
                let a = accs[k]
                let ov = min(a.r1, w.cy1) - max(a.r0, w.cy0)
                let frac = ov / max(0.1, min(a.r1 - a.r0, w.ch))
                if frac > bestOverlap { bestOverlap = frac; best = k }
                k -= 1
            }
            if best >= 0, bestOverlap >= 0.45 {
                accs[best].ids.append(i)
                if w.ch > accs[best].r1 - accs[best].r0, w.ch <= 1.3 * bodyH { accs[best].r0 = w.cy0; accs[best].r1 = w.cy1 }
            } else {
                accs.append(Acc(ids: [i], r0: w.cy0, r1: w.cy1))
            }
        }
        var lines: [PDFLine] = []
        lines.reserveCapacity(accs.count)
        for a in accs {
            // Left to right; glyphs stacked at one x (a subscript under a superscript) lower first.
            let ids = a.ids.sorted {
                let ka = (words[$0].x0 * 2).rounded(), kb = (words[$1].x0 * 2).rounded()
                return ka < kb || (ka == kb && words[$0].cy > words[$1].cy)
            }
            lines.append(makeLine(words, ids, bodyH: bodyH))
        }
        lines.sort { ($0.y0 + $0.y1) < ($1.y0 + $1.y1) }
        return lines
    }

    static func makeLine(_ words: [Word], _ ids: [Int], bodyH: Double) -> PDFLine {
        // Dominant height: weighted mode over words with at least two characters or letters.
        var hist: [Int: Int] = [:]
        for i in ids {
            let w = words[i]
            if w.h > 1.35 * bodyH && w.count <= 2 { continue }
            hist[Int((w.h * 4).rounded()), default: 0] += w.count
        }
        let lineH = hist.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key < $1.key) }).map { Double($0.key) / 4 } ?? bodyH

        var tokens: [PDFToken] = []
        for i in ids {
            let w = words[i]
            let run = PDFRun(text: w.text, x0: w.x0, y0: w.cy0, x1: w.x1, y1: w.cy1, tall: w.h > 1.35 * bodyH && w.count <= 2)
            if var last = tokens.last, w.x0 - last.x1 < 0.12 * lineH {
                last.runs.append(run)
                last.x1 = max(last.x1, w.x1)
                last.y0 = min(last.y0, w.cy0)
                last.y1 = max(last.y1, w.cy1)
                tokens[tokens.count - 1] = last
            } else {
                tokens.append(PDFToken(runs: [run], x0: w.x0, y0: w.cy0, x1: w.x1, y1: w.cy1, text: ""))
            }
        }
        for k in tokens.indices { finishToken(&tokens[k], lineH: lineH) }
        tokens.removeAll { $0.text.isEmpty }
        joinScientific(&tokens, lineH: lineH)

        var x0 = Double.infinity, x1 = -Double.infinity, y0 = Double.infinity, y1 = -Double.infinity
        for t in tokens { x0 = min(x0, t.x0); x1 = max(x1, t.x1) }
        // Vertical extent: medians over base runs of about the line's height (robust to
        // symbols with oversized boxes, scripts and fragments).
        var tops: [Double] = [], bottoms: [Double] = []
        var maxH = 0.0
        for t in tokens {
            for r in t.runs where r.script == .base && !r.tall {
                let h = r.y1 - r.y0
                maxH = max(maxH, h)
                if h >= 0.75 * lineH { tops.append(r.y0); bottoms.append(r.y1) }
            }
        }
        if !tops.isEmpty {
            tops.sort(); bottoms.sort()
            y0 = tops[tops.count / 2]; y1 = bottoms[bottoms.count / 2]
        } else {
            for t in tokens { y0 = min(y0, t.y0); y1 = max(y1, t.y1) }
        }
        if !x0.isFinite || !y0.isFinite { x0 = 0; x1 = 0; y0 = 0; y1 = 0 }
        let text = tokens.map(\.text).joined(separator: " ")
        return PDFLine(page: 0, region: 0, regionX0: x0, regionX1: x1, tokens: tokens, x0: x0, y0: y0, x1: x1, y1: y1,
                       height: lineH, maxHeight: max(maxH, lineH), text: text, number: 0)
    }

    /// `3e − 4` set in math mode (the minus spaced as a binary operator) becomes one token
    /// `3e−4`, as it reads; `65, 536` (a thousands comma in math, followed by a thin space)
    /// becomes `65,536`.
    static func joinScientific(_ tokens: inout [PDFToken], lineH: Double) {
        var j = 0
        while j + 1 < tokens.count {
            let a = tokens[j], b = tokens[j + 1]
            if a.text.count >= 2, a.text.last == ",", a.text.dropLast().allSatisfy({ $0.isASCII && $0.isNumber }),
               b.x0 - a.x1 < 0.25 * lineH, b.text.prefix(3).count == 3, b.text.prefix(3).allSatisfy({ $0.isASCII && $0.isNumber }),
               b.text.dropFirst(3).first.map({ !$0.isNumber }) ?? true {
                var t = a
                t.runs += b.runs
                t.x1 = b.x1
                t.y0 = min(a.y0, b.y0)
                t.y1 = max(a.y1, b.y1)
                t.text = a.text + b.text
                tokens.replaceSubrange(j...(j + 1), with: [t])
                continue
            }
            j += 1
        }
        guard tokens.count >= 3 else { return }
        func mantissa(_ s: String) -> Bool {
            guard s.count >= 2, s.last == "e" || s.last == "E" else { return false }
            let m = s.dropLast()
            return m.first?.isNumber == true && m.allSatisfy { $0.isNumber || $0 == "." }
        }
        var k = 0
        while k + 2 < tokens.count {
            let a = tokens[k], op = tokens[k + 1], e = tokens[k + 2]
            // The exponent may carry the sentence's punctuation: "1e − 4,".
            let digits = e.text.prefix { $0.isASCII && $0.isNumber }
            if mantissa(a.text), op.text == "−" || op.text == "-" || op.text == "+",
               !digits.isEmpty, digits.count <= 3, e.text.dropFirst(digits.count).allSatisfy({ ",.;:)".contains($0) }),
               op.x0 - a.x1 < 0.6 * lineH, e.x0 - op.x1 < 0.6 * lineH {
                var t = a
                t.runs += op.runs + e.runs
                t.x1 = e.x1
                t.y0 = min(a.y0, op.y0, e.y0)
                t.y1 = max(a.y1, op.y1, e.y1)
                t.text = a.text + op.text + e.text
                tokens.replaceSubrange(k...(k + 2), with: [t])
            }
            k += 1
        }
    }

    static let accentGlyphs: [String: Character] = [
        "ˆ": "\u{0302}", "^": "\u{0302}", "˜": "\u{0303}", "~": "\u{0303}", "¯": "\u{0304}", "˙": "\u{0307}",
        "¨": "\u{0308}", "´": "\u{0301}", "`": "\u{0300}", "˘": "\u{0306}", "ˇ": "\u{030C}", "→": "\u{20D7}",
    ]
    static let cmexAccents: [String: Character] = [
        "b": "\u{0302}", "c": "\u{0302}", "d": "\u{0302}", "e": "\u{0303}", "f": "\u{0303}", "g": "\u{0303}",
    ]

    /// Marks accents and sub/superscripts among the runs of a token, and sets its text.
    static func finishToken(_ t: inout PDFToken, lineH: Double) {
        if t.runs.count > 1 {
            // Accents: a glyph that sits over another run.
            var k = 0
            while k < t.runs.count, t.runs.count > 1 {
                let r = t.runs[k]
                var mark: Character?
                if r.text.count == 1 {
                    if let m = accentGlyphs[r.text] {
                        mark = m
                    } else if let m = cmexAccents[r.text], r.tall {
                        mark = m
                    }
                }
                if let mark, let target = overlapTarget(t.runs, k) {
                    t.runs[target].accent = mark
                    t.runs.remove(at: k)
                    continue
                }
                k += 1
            }
            // Scripts relative to the last base run.
            var base = 0
            for k in 1..<t.runs.count {
                let b = t.runs[base], r = t.runs[k]
                let bh = b.y1 - b.y0, rh = r.y1 - r.y0
                let rc = (r.y0 + r.y1) / 2, bc = (b.y0 + b.y1) / 2
                if rh < 0.82 * bh {
                    if rc > bc + 0.1 * bh { t.runs[k].script = .sub; continue }
                    if rc < bc - 0.1 * bh { t.runs[k].script = .sup; continue }
                }
                base = k
            }
        }
        dropFootnoteMark(&t)
        if let power = numericPower(t.runs) {
            t.text = power
            return
        }
        var s = ""
        for r in t.runs {
            s += r.text
            if let a = r.accent { s.append(a) }
        }
        t.text = s
    }

    /// A footnote mark set after a word ("units¹", "network.²", "data∗") is not part of the
    /// text (the LaTeX reader keeps footnotes apart too): superscript digits or marks after a
    /// base run of three or more letters are dropped.
    static func dropFootnoteMark(_ t: inout PDFToken) {
        guard t.runs.count >= 2, let last = t.runs.last, last.script == .sup, last.text.count <= 2,
              last.text.allSatisfy({ ($0.isASCII && $0.isNumber) || "∗*†‡§¶".contains($0) }) else { return }
        let base = t.runs.dropLast()
        guard base.allSatisfy({ $0.script == .base }) else { return }
        let word = base.map(\.text).joined()
        guard word.filter(\.isLetter).count >= 3, word.first?.isLetter == true,
              word.allSatisfy({ $0.isLetter || "-.,;:)’'".contains($0) }) else { return }
        t.runs.removeLast()
        t.x1 = t.runs.last!.x1
    }

    /// A number raised to a number (224², 2¹⁸, 10⁻⁸) as the inline math LaTeX gives it,
    /// `$224^{2}$`, with trailing punctuation after it; nil for anything else.
    static func numericPower(_ runs: [PDFRun]) -> String? {
        guard runs.count >= 2, runs[0].script == .base, runs[1].script == .sup,
              let f = runs[0].text.first, f.isASCII, f.isNumber,
              runs[0].text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) else { return nil }
        var k = 1
        var exponent = ""
        while k < runs.count, runs[k].script == .sup { exponent += runs[k].text; k += 1 }
        var tail = ""
        while k < runs.count, runs[k].script == .base, runs[k].text.allSatisfy({ ",.;:)".contains($0) }) { tail += runs[k].text; k += 1 }
        guard k == runs.count else { return nil }
        exponent = exponent.replacingOccurrences(of: "−", with: "-")
        let digits = exponent.hasPrefix("-") ? exponent.dropFirst() : Substring(exponent)
        guard !digits.isEmpty, digits.count <= 3, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return "$" + runs[0].text + "^{" + exponent + "}$" + tail
    }

    static func overlapTarget(_ runs: [PDFRun], _ k: Int) -> Int? {
        let r = runs[k]
        let w = max(0.1, r.x1 - r.x0)
        var best: Int?
        var bestOv = 0.0
        for j in runs.indices where j != k {
            let ov = min(r.x1, runs[j].x1) - max(r.x0, runs[j].x0)
            if ov / w >= 0.5, ov > bestOv { bestOv = ov; best = j }
        }
        return best
    }
}

/// Fast scalar classification without Foundation's character sets.
enum CharacterSetCache {
    @inline(__always) static func isLetter(_ s: Unicode.Scalar) -> Bool {
        if s.value < 128 { return (s.value >= 65 && s.value <= 90) || (s.value >= 97 && s.value <= 122) }
        return s.properties.isAlphabetic
    }

    @inline(__always) static func isDigit(_ s: Unicode.Scalar) -> Bool { s.value >= 48 && s.value <= 57 }
}
