import Foundation

/// The card analyzers' rules (`card-rules.json`): section roles, claim and proposal cue
/// phrases, and how much a dataset mention counts where it stands.
public struct CardRules: Decodable, Sendable {
    public let roleOrder: [String]
    public let sectionRoles: [String: [String]]
    public let claimCues: [String]
    public let proposalCues: [String]
    /// Proposal cues that count only in the paper's own voice ("rather than", "instead of").
    public let contrastCues: [String]
    /// How the paper speaks of its own work ("we ", "our ", "this paper").
    public let ownVoiceCues: [String]
    /// First header cells of tables whose first column names methods, not data.
    public let methodColumnHeaders: Set<String>
    public var datasetWeights: [String: Double]
    public var datasetThreshold: Double
    /// Title words that make the paper's method a setting of its own experiments, by canonical
    /// setting ("optimizer": a paper titled "... Optimizer" trains with its own optimizer).
    public let methodKinds: [String: PhraseSet]

    public static let shared: CardRules = CatalogResources.bundled(CardRules.self, named: "card-rules")

    /// Claim and proposal cues, ready for fast matching (compiled once, when the rules load).
    public let claimPhrases: PhraseSet
    public let proposalPhrases: PhraseSet
    public let ownVoicePhrases: PhraseSet
    /// Each role's title words, in `roleOrder`.
    private let rolePhrases: [(role: String, phrases: PhraseSet)]

    private enum CodingKeys: String, CodingKey {
        case roleOrder, sectionRoles, claimCues, proposalCues, contrastCues, ownVoiceCues, methodColumnHeaders, datasetWeights, datasetThreshold
        case methodKinds
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let order = try c.decode([String].self, forKey: .roleOrder)
        let roles = try c.decode([String: [String]].self, forKey: .sectionRoles)
        roleOrder = order
        sectionRoles = roles
        claimCues = try c.decode([String].self, forKey: .claimCues)
        proposalCues = try c.decode([String].self, forKey: .proposalCues)
        contrastCues = try c.decode([String].self, forKey: .contrastCues)
        ownVoiceCues = try c.decode([String].self, forKey: .ownVoiceCues)
        methodColumnHeaders = try c.decode(Set<String>.self, forKey: .methodColumnHeaders)
        datasetWeights = try c.decode([String: Double].self, forKey: .datasetWeights)
        datasetThreshold = try c.decode(Double.self, forKey: .datasetThreshold)
        methodKinds = try (c.decodeIfPresent([String: [String]].self, forKey: .methodKinds) ?? [:]).mapValues { PhraseSet($0) }
        claimPhrases = PhraseSet(claimCues)
        proposalPhrases = PhraseSet(proposalCues)
        ownVoicePhrases = PhraseSet(ownVoiceCues)
        rolePhrases = order.map { ($0, PhraseSet(roles[$0] ?? [])) }
    }

    /// The canonical settings the paper's own method supplies, from its title.
    public func settingsSupplied(byTitle title: String) -> Set<String> {
        Set(methodKinds.filter { $0.value.containsAny(in: title) }.keys)
    }

    /// The role of a section from its title (`4 Experiments` → experiments).
    public func role(ofTitle title: String) -> String? {
        rolePhrases.first { $0.phrases.containsAny(in: title) }?.role
    }
}
