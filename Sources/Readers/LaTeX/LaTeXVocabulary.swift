import DataFiles
import Foundation

/// What the LaTeX reader knows about commands and environments, loaded from `latex.json`
/// (rules as data: a user can extend the file without touching code).
struct LaTeXVocabulary: Decodable, Sendable {
    var sectioning: [String: Int]
    var metadata: [String: String]
    var environments: [String: String]
    var environmentArguments: [String: String]
    var theorems: [String: String]
    var theoremCategoriesByName: [String: String]
    var formatting: [String]
    var formattingArguments: [String: String]
    var dropped: [String: String]
    var symbols: [String: String]
    var accents: [String: String]
    var references: [String: String]
    var citations: [String]
    var algorithmic: [String: String]
    var algorithmicArguments: [String: Int]
    var algorithm2e: [String: String]
    var styleFilesNotLoaded: StylePrefixes

    struct StylePrefixes: Decodable, Sendable {
        /// Lower-cased once here, for a case-insensitive prefix match.
        let prefixes: [String]

        private enum CodingKeys: String, CodingKey { case prefixes }

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            prefixes = try container.decode([String].self, forKey: .prefixes).map { $0.lowercased() }
        }
    }

    /// Whether a local style file is a template or standard package rather than the paper's own macros.
    func isTemplateStyle(_ name: String) -> Bool {
        let base = name.hasSuffix(".sty") ? String(name.dropLast(4)) : name
        let leaf = base.split(separator: "/").last.map(String.init) ?? base
        let lowered = leaf.lowercased()
        return styleFilesNotLoaded.prefixes.contains { lowered.hasPrefix($0) }
    }

    /// Loaded once from the module's resources.
    static let shared: LaTeXVocabulary = {
        guard let url = Bundle.module.url(forResource: "latex", withExtension: "json"),
              let data = try? Data(contentsOf: url),
              let vocabulary = try? DataFileDecoder().decode(LaTeXVocabulary.self, from: data)
        else { fatalError("latex.json resource missing or invalid: the build is broken") }
        return vocabulary
    }()

    /// Names whose definitions in a paper or its style files are ignored, because the reader
    /// interprets them itself (a style file redefining `\section` must not hide the structure).
    var protectedNames: Set<String> {
        var s = Set(sectioning.keys).union(metadata.keys).union(references.keys).union(citations)
        s.formUnion(["begin", "end", "caption", "label", "item", "footnote", "input", "include", "appendix",
                     "maketitle", "bibitem", "cite", "frac", "url", "href", "par", "thanks", "abstract",
                     "left", "right", "bgroup", "egroup", "middle"])
        s.formUnion(algorithmic.keys)
        return s
    }
}
