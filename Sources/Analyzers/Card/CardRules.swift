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

    private enum CodingKeys: String, CodingKey {
        case roleOrder, sectionRoles, claimCues, proposalCues, datasetWeights, datasetThreshold
    }

    /// Claim and proposal cues, ready for fast matching.
    public var claimPhrases: PhraseSet { PhraseSet(claimCues) }
    public var proposalPhrases: PhraseSet { PhraseSet(proposalCues) }

    /// The role of a section from its title (`4 Experiments` → experiments).
    public func role(ofTitle title: String) -> String? {
        for role in roleOrder where PhraseSet(sectionRoles[role] ?? []).containsAny(in: title) { return role }
        return nil
    }
}
