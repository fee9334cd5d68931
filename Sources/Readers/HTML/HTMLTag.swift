/// The HTML elements the reader knows, so that tag names are compared as numbers.
enum HTMLTag: UInt8, CaseIterable, Sendable {
    /// Any other element (its name is kept in the node), the synthetic root, and text.
    case other, root, text
    case a, abbr, address, area, article, aside, audio, b, base, basefont, bdi, bdo, big, blockquote, body, br, button, canvas, caption, center, cite, code, col, colgroup, data, dd, del, details, dfn, div, dl, dt, em, embed, fieldset, figcaption, figure, font, footer, form, frame, h1, h2, h3, h4, h5, h6, head, header, hr, html, i, iframe, img, input, ins, kbd, keygen, label, legend, li, link, main, mark, math, menu, meta, nav, nobr, noembed, noframes, noscript, object, ol, optgroup, option, p, param, pre, q, rp, rt, s, samp, script, section, select, small, source, span, strike, strong, style, sub, summary, sup, svg, table, tbody, td, template, textarea, tfoot, th, thead, time, title, tr, track, tt, u, ul, `var`, video, wbr, xmp

    /// Known tags by lower-case name.
    static let byName: [Substring: HTMLTag] = {
        var d: [Substring: HTMLTag] = [:]
        for t in allCases where t.rawValue > HTMLTag.text.rawValue { d[Substring("\(t)")] = t }
        return d
    }()

    /// `h1`…`h6` as 1…6.
    var headingLevel: Int? {
        switch self {
        case .h1: 1
        case .h2: 2
        case .h3: 3
        case .h4: 4
        case .h5: 5
        case .h6: 6
        default: nil
        }
    }
}

/// A set of tags: two words of bits.
struct TagSet: Sendable {
    var lo: UInt64 = 0
    var hi: UInt64 = 0

    init(_ tags: [HTMLTag]) {
        for t in tags {
            let b = Int(t.rawValue)
            if b < 64 { lo |= 1 << UInt64(b) } else { hi |= 1 << UInt64(b - 64) }
        }
    }

    @inline(__always)
    func contains(_ t: HTMLTag) -> Bool {
        let b = Int(t.rawValue)
        return b < 64 ? lo & (1 << UInt64(b)) != 0 : hi & (1 << UInt64(b - 64)) != 0
    }

    func union(_ o: TagSet) -> TagSet {
        var s = self
        s.lo |= o.lo
        s.hi |= o.hi
        return s
    }
}
