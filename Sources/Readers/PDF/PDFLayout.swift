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
}

enum PDFLayout {
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
            for w in page.words {
                var t = w.text
                if t.isEmpty { continue }
                let count = t.count
                let h = w.y1 - w.y0, wd = w.x1 - w.x0
                if h <= 0 || wd < 0 { continue }
                // Rotated text (arXiv stamp, rotated table headers): tall, narrow words.
                if count >= 3, h > 2 * wd, h > 1.5 * bodyH { continue }
                var cy0 = w.y0, cy1 = w.y1
                // Big operators of the TeX extension font come out as plain letters.
                if count == 1, h > 2.2 * bodyH, let big = cmexOperators[t] { t = big }
                if h > 1.35 * bodyH, count <= 2 {
                    let first = t.unicodeScalars.first!
                    let symbol = !CharacterSetCache.isLetter(first) && !CharacterSetCache.isDigit(first)
                    if symbol || (h > 2.2 * bodyH && tallLetterGlyphs.contains(t)) {
                        let core = 0.85 * bodyH
                        if t == "√" || t == "p" || t == "q" || t == "r" { cy0 = w.y1 - core } else { cy1 = w.y0 + core }
                    }
                }
                out.append(Word(x0: w.x0, y0: w.y0, x1: w.x1, y1: w.y1, cy0: cy0, cy1: cy1, text: t,
                                line: w.line, count: count))
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
        for (p, words) in pages.enumerated() {
            guard !words.isEmpty else { continue }
            let groups = regions(words, Array(words.indices), bodyH: bodyH, depth: 0)
            var number = 0
            for g in groups {
                guard !g.isEmpty else { continue }
                var rx0 = Double.infinity, rx1 = -Double.infinity
                for i in g { rx0 = min(rx0, words[i].x0); rx1 = max(rx1, words[i].x1) }
                let built = buildLines(words, g, bodyH: bodyH)
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
            if d > 0.8 * bodyH, d < 2.5 * bodyH { pitchHist[Int((d * 4).rounded()), default: 0] += 1 }
        }
        let pitch = pitchHist.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }).map { Double($0.key) / 4 } ?? bodyH * 1.2

        return PDFLayoutResult(lines: lines, pageCount: doc.pages.count, bodyHeight: bodyH, bodyPitch: pitch,
                               pageSizes: doc.pages.map { ($0.width, $0.height) },
                               droppedHeaderLines: droppedHeaders, droppedMarginNumbers: droppedNumbers)
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
            if repeated || isPageNumberText(c.text) { drop[c.page, default: []].insert(c.line) }
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
        let marginIdx = words.indices.filter { i in
            let w = words[i]
            return isNumber(w) && (w.x1 < left - 2 || w.x0 > right + 2)
        }
        guard marginIdx.count >= 8 else { return 0 }
        let set = Set(marginIdx)
        words = words.enumerated().filter { !set.contains($0.offset) }.map(\.element)
        return marginIdx.count
    }

    // MARK: - Regions (columns and bands)

    /// Splits the words of a page (or region) into column regions in reading order.
    static func regions(_ words: [Word], _ idx: [Int], bodyH: Double, depth: Int) -> [[Int]] {
        guard idx.count >= 12, depth < 3 else { return [idx] }
        var L = Double.infinity, R = -Double.infinity
        for i in idx { L = min(L, words[i].x0); R = max(R, words[i].x1) }
        let W = R - L
        guard W > 120 else { return [idx] }
        // Coverage of x by words, in 0.5 pt bins.
        let binCount = Int(W * 2) + 2
        var diff = [Int32](repeating: 0, count: binCount + 1)
        for i in idx {
            let a = max(0, Int(((words[i].x0 - L) * 2).rounded(.down)))
            let b = min(binCount, Int(((words[i].x1 - L) * 2).rounded(.up)))
            if b > a { diff[a] += 1; diff[b] -= 1 }
        }
        var cover = [Int32](repeating: 0, count: binCount)
        var acc: Int32 = 0
        for k in 0..<binCount { acc += diff[k]; cover[k] = acc }
        let lo = Int(W * 0.25 * 2), hi = Int(W * 0.75 * 2)
        guard hi > lo else { return [idx] }
        var minCover = Int32.max
        for k in lo...hi where cover[k] < minCover { minCover = cover[k] }
        // Widest run of bins at the minimum.
        var bestStart = -1, bestLen = 0, runStart = -1
        for k in lo...(hi + 1) {
            if k <= hi, cover[k] == minCover {
                if runStart < 0 { runStart = k }
            } else if runStart >= 0 {
                if k - runStart > bestLen { bestLen = k - runStart; bestStart = runStart }
                runStart = -1
            }
        }
        guard bestStart >= 0, bestLen >= 5 else { return [idx] }  // channel of at least 2.5 pt
        let g0 = L + Double(bestStart) / 2, g1 = L + Double(bestStart + bestLen) / 2
        let gc = (g0 + g1) / 2

        // Spanning rows: y-intervals of words that cross the channel.
        var intervals: [(Double, Double)] = []
        for i in idx where words[i].x0 < gc && words[i].x1 > gc {
            intervals.append((words[i].cy0, words[i].cy1))
        }
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
        for i in idx { bandWords[band(words[i].cy)].append(i) }

        func rows(_ ids: [Int]) -> Int {
            let ys = ids.map { words[$0].cy }.sorted()
            var n = 0
            var last = -Double.infinity
            for y in ys where y - last > 0.5 * bodyH { n += 1; last = y }
            return n
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

        var isSplit = [Bool](repeating: false, count: bandCount)
        var accepted = false
        for k in stride(from: 0, to: bandCount, by: 2) where !bandWords[k].isEmpty {
            let left = bandWords[k].filter { words[$0].cx < gc }
            let right = bandWords[k].filter { words[$0].cx >= gc }
            let rl = rows(left), rr = rows(right)
            if rl >= 2, rr >= 2 {
                isSplit[k] = true
                if rl >= 3, rr >= 3, !hasInnerChannel(left), !hasInnerChannel(right) { accepted = true }
            }
        }
        guard accepted else { return [idx] }

        // Reading order: bands top to bottom; split bands left column then right column.
        var out: [[Int]] = []
        var pending: [Int] = []
        for k in 0..<bandCount where !bandWords[k].isEmpty {
            if isSplit[k] {
                if !pending.isEmpty { out.append(pending); pending = [] }
                let left = bandWords[k].filter { words[$0].cx < gc }
                let right = bandWords[k].filter { words[$0].cx >= gc }
                out.append(contentsOf: regions(words, left, bodyH: bodyH, depth: depth + 1))
                out.append(contentsOf: regions(words, right, bodyH: bodyH, depth: depth + 1))
            } else {
                pending.append(contentsOf: bandWords[k])
            }
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
                if w.ch > accs[best].r1 - accs[best].r0 { accs[best].r0 = w.cy0; accs[best].r1 = w.cy1 }
            } else {
                accs.append(Acc(ids: [i], r0: w.cy0, r1: w.cy1))
            }
        }
        var lines: [PDFLine] = []
        lines.reserveCapacity(accs.count)
        for a in accs {
            let ids = a.ids.sorted { words[$0].x0 < words[$1].x0 }
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

        var x0 = Double.infinity, x1 = -Double.infinity, y0 = Double.infinity, y1 = -Double.infinity
        for t in tokens { x0 = min(x0, t.x0); x1 = max(x1, t.x1) }
        // Vertical extent from base runs of normal height.
        for t in tokens {
            for r in t.runs where r.script == .base {
                y0 = min(y0, r.y0); y1 = max(y1, r.y1)
            }
        }
        if !y0.isFinite { for t in tokens { y0 = min(y0, t.y0); y1 = max(y1, t.y1) } }
        if !x0.isFinite { x0 = 0; x1 = 0; y0 = 0; y1 = 0 }
        let text = tokens.map(\.text).joined(separator: " ")
        return PDFLine(page: 0, region: 0, regionX0: x0, regionX1: x1, tokens: tokens, x0: x0, y0: y0, x1: x1, y1: y1,
                       height: lineH, text: text, number: 0)
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
        var s = ""
        for r in t.runs {
            s += r.text
            if let a = r.accent { s.append(a) }
        }
        t.text = s
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
