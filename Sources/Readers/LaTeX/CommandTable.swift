/// Everything the reader knows about one command name, gathered from `latex.json` into a
/// single table so that each control word costs one lookup.
struct CommandInfo: Sendable {
    /// Handled by a dedicated case of the inline reader.
    var special = false
    var sectioning: Int?
    var metadata: String?
    var reference: String?
    var citation = false
    var accent: String?
    var symbol: String?
    var formatting = false
    var formattingSpec: String?
    var dropped: String?
    var algorithmic: String?
    var algorithm2e: String?
}

enum CommandTable {
    /// Commands with a case of their own in the inline reader.
    static let specialNames: Set<String> = ["captionof", "cmidrule", "(", ";", "AND", "And", "Call", "SetKw", "SetKwBlock", "SetKwComment", "SetKwData", "SetKwFor", "SetKwFunction", "SetKwIF", "SetKwInOut", "SetKwInput", "SetKwProg", "SetKwRepeat", "SetKwSwitch", "[", "\\", "abstract", "and", "appendix", "begin", "bibitem", "bibliography", "caption", "cr", "end", "footnote", "footnotetext", "href", "item", "label", "makecell", "maketitle", "multicolumn", "multirow", "multirowcell", "newline", "nolinkurl", "par", "path", "printbibliography", "shortstack", "tabularnewline", "thanks", "thead", "url"]

    static let shared: [String: CommandInfo] = build(.shared)

    /// The sectioning commands of `shared`, for skipping most lookups inside math.
    static let sectioningNames = NameFilter(shared.compactMap { $0.value.sectioning != nil ? $0.key : nil })

    static func build(_ v: LaTeXVocabulary) -> [String: CommandInfo] {
        var t: [String: CommandInfo] = [:]
        for n in specialNames { t[n, default: CommandInfo()].special = true }
        for (n, l) in v.sectioning { t[n, default: CommandInfo()].sectioning = l }
        for (n, r) in v.metadata { t[n, default: CommandInfo()].metadata = r }
        for (n, r) in v.references { t[n, default: CommandInfo()].reference = r }
        for n in v.citations { t[n, default: CommandInfo()].citation = true }
        for (n, a) in v.accents { t[n, default: CommandInfo()].accent = a }
        for (n, s) in v.symbols { t[n, default: CommandInfo()].symbol = s }
        for n in v.formatting { t[n, default: CommandInfo()].formatting = true }
        for (n, s) in v.formattingArguments { t[n, default: CommandInfo()].formattingSpec = s }
        for (n, s) in v.dropped { t[n, default: CommandInfo()].dropped = s }
        for (n, k) in v.algorithmic { t[n, default: CommandInfo()].algorithmic = k }
        for (n, k) in v.algorithm2e { t[n, default: CommandInfo()].algorithm2e = k }
        for n in v.environments.keys where t[n] == nil { t[n] = CommandInfo() }
        return t
    }
}
