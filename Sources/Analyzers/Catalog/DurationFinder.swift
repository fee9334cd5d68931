/// Finds stated durations ("for 3.5 days", "12 hours", "took 2 weeks", "200 GPU hours") in text.
public enum DurationFinder {
    static let units: [String: DurationMention.Unit] = [
        "second": .second, "seconds": .second, "sec": .second, "secs": .second,
        "minute": .minute, "minutes": .minute, "min": .minute, "mins": .minute,
        "hour": .hour, "hours": .hour, "hr": .hour, "hrs": .hour, "h": .hour,
        "day": .day, "days": .day,
        "week": .week, "weeks": .week,
        "month": .month, "months": .month,
    ]
    /// Units that are single letters and count only when glued to the number ("72h").
    static let gluedOnly: Set<String> = ["h"]
    static let resources: Set<String> = ["gpu", "gpus", "tpu", "tpus", "cpu", "cpus", "node", "nodes", "core", "cores",
                                         "chip", "chips", "accelerator", "device", "machine", "v100", "a100", "h100"]
    static let approximate: Set<String> = ["about", "around", "approximately", "approx", "roughly", "nearly", "almost",
                                           "~", "≈", "circa", "ca", "over", "under", "some"]
    static let perTargets: Set<String> = ["run", "runs", "epoch", "epochs", "step", "steps", "iteration", "iterations",
                                          "seed", "seeds", "experiment", "experiments", "model", "models", "task", "tasks",
                                          "trial", "trials", "configuration", "game", "games", "environment", "update",
                                          "batch", "image", "images", "sample", "samples", "gpu", "dataset", "fold"]

    /// All durations in `text`, in order.
    public static func matches(in text: String) -> [DurationMention] {
        matches(in: text, tokens: CatalogTokenizer.tokenize(text))
    }

    /// The same, for text already tokenized (``TextUnit`` keeps its tokens for every matcher).
    static func matches(in text: String, tokens: [CatalogToken]) -> [DurationMention] {
        var out: [DurationMention] = []
        var i = 0
        while i < tokens.count {
            if let (m, next) = duration(at: i, text: text, tokens: tokens) {
                out.append(m)
                i = next
            } else {
                i += 1
            }
        }
        return out
    }

    private static func duration(at i: Int, text: String, tokens: [CatalogToken]) -> (DurationMention, Int)? {
        guard let (value, afterValue) = NumberReader.quantity(at: i, tokens) else { return nil }
        // "a"/"an"/"one" only with a singular unit right after ("a day", "an hour").
        let isArticle = ["a", "an"].contains(tokens[i].lower)
        var j = afterValue
        var upper: Double?
        // Range: "72-100 hours", "2–3 days", "20 to 200 minutes".
        if !isArticle, j < tokens.count {
            let gap = text[tokens[j].gapStart..<tokens[j].range.lowerBound]
            if tokens[j].isNumber, gap.contains("-") || gap.contains("\u{2013}") || gap.contains("\u{2012}"),
               let (u, after) = NumberReader.quantity(at: j, tokens) ?? gluedQuantity(j, tokens) {
                upper = u
                j = after
            } else if tokens[j].lower == "to", let (u, after) = NumberReader.quantity(at: j + 1, tokens), j + 1 < tokens.count,
                      tokens[j + 1].isNumber {
                upper = u
                j = after
            }
        }
        // Resource: "GPU hours", "GPU-days", "TPU V2 days", "node-hours".
        var resource: String?
        if j < tokens.count, resources.contains(tokens[j].lower), !isArticle {
            var r = tokens[j].text
            var k = j + 1
            // A version after the resource ("TPU V2", "TPU v3").
            if k + 1 < tokens.count, tokens[k].lower == "v", tokens[k + 1].isNumber {
                r += " " + tokens[k].text + tokens[k + 1].text
                k += 2
            }
            resource = r
            j = k
        }
        guard j < tokens.count, let unit = units[tokens[j].lower], !tokens[j].paragraphBreakBefore else { return nil }
        let unitToken = tokens[j]
        if gluedOnly.contains(unitToken.lower), !NumberReader.isAdjacent(tokens, j) { return nil }
        // "a day", "one hour": singular units only; "a second" is an ordinal, not a duration.
        if isArticle || tokens[i].lower == "one" {
            if unitToken.lower.hasSuffix("s") || unit == .second { return nil }
        }
        if unit == .second, !tokens[i].isNumber { return nil }
        // "(2017) Sec. 4": a year before a section reference is not a duration.
        if unit == .second || unit == .minute, value >= 1900, value <= 2100, value == value.rounded(), upper == nil {
            return nil
        }
        // The unit must end a word: "3 days" yes, "3 dayside" cannot happen as tokens are whole words.
        guard CatalogTokenizer.endsWord(text, at: unitToken.range.upperBound) else { return nil }
        var end = j + 1
        // "per run", "per epoch", "each run".
        var per: String?
        if end + 1 < tokens.count, ["per", "each", "a", "an"].contains(tokens[end].lower),
           perTargets.contains(tokens[end + 1].lower) {
            per = tokens[end + 1].lower
            end += 2
        }
        var startToken = i
        var approx = false
        if i >= 1, approximate.contains(tokens[i - 1].lower) {
            approx = true
            startToken = i - 1
        } else {
            let gap = text[tokens[i].gapStart..<tokens[i].range.lowerBound]
            if gap.contains("~") { approx = true }
        }
        let range = tokens[startToken].range.lowerBound..<tokens[end - 1].range.upperBound
        let m = DurationMention(text: String(text[range]), range: range, value: value, upperValue: upper, unit: unit,
                                resource: resource, isApproximate: approx, per: per)
        return (m, end)
    }

    private static func gluedQuantity(_ k: Int, _ tokens: [CatalogToken]) -> (value: Double, end: Int)? {
        guard k < tokens.count, tokens[k].isNumber, let v = Double(tokens[k].text) else { return nil }
        return (v, k + 1)
    }
}
