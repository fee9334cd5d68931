/// Repairs glyphs that pdftotext could not map to Unicode, and ligatures.
///
/// TeX's Type 1 math fonts name some glyphs outside the Adobe Glyph List (`epsilon1`,
/// `parenleftbig`, `lessmuch`), so pdftotext falls back to the raw character code, a control
/// character. Which font the code came from is not in the output; the codes are read as the
/// font that most often leaves them unmapped: the extension font's delimiters (cmex: sized
/// parentheses, brackets, braces), except 0x0F, the math italic ϵ (cmmi `epsilon1`), and 0x1C
/// and 0x1D, which are angle brackets when both stand on one line and ≪ ≫ (cmsy) alone.
/// Ligature code points (ﬁ, ﬂ, …) are spelled out.
enum PDFGlyphRepair {
    /// Control codes read as the glyph they most likely stand for.
    static let controlCodes: [UInt32: String] = [
        0x00: "(", 0x01: ")", 0x02: "[", 0x03: "]", 0x04: "⌊", 0x05: "⌋", 0x06: "⌈", 0x07: "⌉",
        0x08: "{", 0x09: "}", 0x0A: "⟨", 0x0B: "⟩", 0x0C: "|", 0x0D: "‖", 0x0E: "/", 0x0F: "ϵ",
        0x10: "(", 0x11: ")", 0x12: "(", 0x13: ")", 0x14: "[", 0x15: "]", 0x16: "⌊", 0x17: "⌋",
        0x18: "⌈", 0x19: "⌉", 0x1A: "{", 0x1B: "}", 0x1E: "/", 0x1F: "\\",
    ]
    /// 0x1C / 0x1D: big angle brackets in pairs, much-less / much-greater alone.
    static let pairedAngles: [UInt32: String] = [0x1C: "⟨", 0x1D: "⟩"]
    static let loneAngles: [UInt32: String] = [0x1C: "≪", 0x1D: "≫"]

    static let ligatures: [UInt32: String] = [
        0xFB00: "ff", 0xFB01: "fi", 0xFB02: "fl", 0xFB03: "ffi", 0xFB04: "ffl", 0xFB05: "st", 0xFB06: "st",
    ]

    /// Whether `text` holds anything to repair (fast check on the bytes).
    @inline(__always) static func needsRepair(_ text: String) -> Bool {
        text.utf8.contains { $0 < 0x20 || $0 == 0xEF }
    }

    /// `text` with control codes and ligatures replaced; `anglesPaired` tells whether both 0x1C
    /// and 0x1D occur on the text's line.
    static func repair(_ text: String, anglesPaired: Bool) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for s in text.unicodeScalars {
            let v = s.value
            if v < 0x20 {
                if let r = (anglesPaired ? pairedAngles[v] : loneAngles[v]) ?? controlCodes[v] { out += r }
            } else if let r = ligatures[v] {
                out += r
            } else {
                out.unicodeScalars.append(s)
            }
        }
        return out
    }
}
