import Foundation

/// The card analyzers' rules (`card-rules.json`): section roles, claim and proposal cue
/// phrases, and how much a dataset mention counts where it stands.
public struct CardRules: Decodable, Sendable {
    public var roleOrder: [String]
    public var sectionRoles: [String: [String]]
    public var claimCues: [String]
    public var proposalCues: [String]
    public var datasetWeights: [String: Double]
    public var datasetThreshold: Double

    public static let shared: CardRules = CatalogResources.bundled(CardRules.self, named: "card-rules")

    /// The role of a section from its title (`4 Experiments` → experiments).
    public func role(ofTitle title: String) -> String? {
        let t = title.lowercased()
        for role in roleOrder {
            for word in sectionRoles[role] ?? [] where t.contains(word) { return role }
        }
        return nil
    }
}
