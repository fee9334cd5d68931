import Foundation

/// Rules of the core-algorithm analysis (`core-rules.json`): statement verbs, what makes math
/// theory or background, and the phrases that state element-wise or per-step conventions.
public struct CoreRules: Decodable, Sendable {
    /// Leading word of an algorithm line → the step kind it makes (`initialize`, `assign`, …).
    public var statementVerbs: [String: String]
    public var theoryCategories: [String]
    public var theorySectionWords: [String]
    public var backgroundSectionWords: [String]
    public var methodSectionWords: [String]
    public var elementwiseCues: [String]
    public var powerCues: [String]
    public var eachStepCues: [String]
    public var convergenceWords: [String]

    public static let shared: CoreRules = CatalogResources.bundled(CoreRules.self, named: "core-rules")

    func mentionsElementwise(_ text: String) -> Bool {
        mentionsElementwise(lowercased: text.lowercased())
    }

    /// ``mentionsElementwise(_:)`` for text already lower-cased.
    func mentionsElementwise(lowercased t: String) -> Bool {
        elementwiseCues.contains { t.contains($0) }
    }

    func mentionsConvergence(_ text: String) -> Bool {
        let t = text.lowercased()
        return convergenceWords.contains { t.contains($0) }
    }

    static func titleMatches(_ title: String, _ words: [String]) -> Bool {
        let t = " " + title.lowercased() + " "
        return words.contains { t.contains($0) }
    }
}
