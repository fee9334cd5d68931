import MathParsing

/// Prose with inline math (`objective with parameters $\theta$`) as plain text for comments
/// (`objective with parameters theta`).
enum PlainProse {
    static func text(_ s: String) -> String {
        guard s.contains("$") else { return s }
        var out = ""
        for (k, piece) in s.split(separator: "$", omittingEmptySubsequences: false).enumerated() {
            if k % 2 == 0 {
                out += piece
            } else {
                let r = MathParser().parse(String(piece))
                out += r.complete ? r.root.plainText : String(piece)
            }
        }
        return out.collapsed
    }

    /// A symbol's TeX as plain text: `\beta_{1}` → `beta_1`.
    static func symbol(_ tex: String) -> String {
        let r = MathParser().parse(tex)
        return r.complete ? r.root.plainText : tex
    }
}
