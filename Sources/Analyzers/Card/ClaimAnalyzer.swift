import Foundation
import PaperModel

/// Finds the paper's headline claims: sentences of the abstract, the contribution list, the
/// results and the conclusion that state an achievement or a comparison, with the number,
/// metric, dataset and baseline pulled out where the sentence states them.
public struct ClaimAnalyzer: Sendable {
    public var rules: CardRules
    public var datasets: DatasetMatcher

    public init(rules: CardRules = .shared, datasets: DatasetMatcher = .shared) {
        self.rules = rules
        self.datasets = datasets
    }

    static let metricWords = ["accuracy", "error", "bleu", "perplexity", "f1", "auc", "fid", "inception score",
                              "reward", "return", "score", "loss", "top-1", "top-5", "map", "rouge", "win rate",
                              "success rate", "speedup", "throughput", "memory", "wall-clock", "log-likelihood",
                              "elbo", "nll", "bits/dim", "psnr", "ssim", "mse", "rmse", "mae", "iou"]

    static let metricPhrases = PhraseSet(metricWords)

    public func analyze(_ units: [TextUnit]) -> [ClaimFinding] {
        var out: [ClaimFinding] = []
        var seen: Set<String> = []
        let claimPhrases = rules.claimPhrases
        let proposalPhrases = rules.proposalPhrases
        let ownPhrases = PhraseSet(["we ", "our ", "this paper", "this work"])
        for unit in units where unit.kind == .sentence && !unit.inTheory {
            let source: String
            switch unit.role {
            case "abstract": source = "abstract"
            case "conclusion": source = "conclusion"
            case "introduction": source = "contributions"
            case "results": source = "results"
            default: continue
            }
            let cues = claimPhrases.matches(in: unit.text)
            let own = ownPhrases.containsAny(in: unit.text) || proposalPhrases.containsAny(in: unit.text)
            // In the abstract every sentence in which the paper speaks of its own work is a claim;
            // elsewhere a claim needs a cue word.
            guard !cues.isEmpty || (source == "abstract" && own) else { continue }
            // Introduction and results sentences need a first-person or a number to be the paper's own claim.
            if source == "contributions" || source == "results" {
                guard own else { continue }
            }
            let lower = unit.text.lowercased()
            let key = lower.filter { $0.isLetter }
            guard !seen.contains(key) else { continue }
            seen.insert(key)
            var claim = ClaimFinding(text: unit.text, source: source, evidence: unit.evidence,
                                     confidence: min(1, 0.4 + 0.15 * Double(cues.count) + (source == "abstract" ? 0.2 : 0)))
            claim.metric = Self.metricPhrases.matches(in: lower).first
            if let (value, unitText) = Self.firstNumber(in: unit.text) {
                claim.value = value
                claim.unit = unitText
            }
            claim.dataset = datasets.matches(in: unit.text).first?.entry.name
            claim.baseline = Self.baseline(in: unit.text)
            out.append(claim)
        }
        return out
    }

    /// The first number with a unit-ish suffix (`28.4 BLEU`, `93.1%`, `2x`).
    static func firstNumber(in text: String) -> (Double, String?)? {
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            if CharacterSet.decimalDigits.contains(scalars[i]) {
                var j = i
                while j < scalars.count, CharacterSet.decimalDigits.contains(scalars[j]) || scalars[j] == "." { j += 1 }
                let number = String(String.UnicodeScalarView(scalars[i..<j]))
                // Skip years, section and equation numbers.
                if let v = Double(number), !(number.count == 4 && v >= 1900 && v <= 2100), !(i > 0 && scalars[i - 1] == "(") {
                    var k = j
                    while k < scalars.count, scalars[k] == " " { k += 1 }
                    var unitEnd = k
                    while unitEnd < scalars.count, scalars[unitEnd].properties.isAlphabetic || scalars[unitEnd] == "%" || scalars[unitEnd] == "×" {
                        unitEnd += 1
                    }
                    let unit = unitEnd > k ? String(String.UnicodeScalarView(scalars[k..<unitEnd])) : nil
                    return (v, unit)
                }
                i = j
                continue
            }
            i += 1
        }
        return nil
    }

    /// What the claim compares against ("than Adam", "over SGD").
    static func baseline(in text: String) -> String? {
        for cue in [" than ", " over ", " compared to ", " compared with ", " relative to ", " versus ", " vs. "] {
            guard let r = text.range(of: cue) else { continue }
            let rest = text[r.upperBound...].split(separator: " ").prefix(4).joined(separator: " ")
            let cleaned = rest.trimmingCharacters(in: CharacterSet(charactersIn: " ,.;:"))
            if !cleaned.isEmpty { return cleaned }
        }
        return nil
    }
}
