/// Analyzers read the ``Paper`` model and produce findings with evidence.
public enum Analyzers {}

extension Analyzers {
    /// Loads the bundled catalogues and rule files and builds their indexes — what the analyzers
    /// otherwise do on first use. Safe from any thread: each is a `static let`, built once, and a
    /// thread that needs one being built waits for it.
    public static func loadResources() {
        _ = CardRules.shared
        _ = MetricCatalog.shared
        _ = ClaimMeasurementReader.shared
        _ = DatasetMatcher.shared
        _ = HardwareMatcher.shared
        _ = HyperparameterRules.shared
        _ = HyperparameterVocabulary.shared
        _ = ChoiceRules.shared
        _ = HyperparameterExtractor()   // its shared name index (≈ 11 M instructions)
        _ = CoreRules.shared
        _ = CoreNaming.shared
        _ = LibraryMap.shared
    }
}
