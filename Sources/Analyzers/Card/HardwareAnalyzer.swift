import PaperModel

/// Finds the accelerators a paper's experiments ran on, with their count, memory and the
/// training time stated in the same sentence, and derives device-hours.
public struct HardwareAnalyzer: Sendable {
    public var matcher: HardwareMatcher

    public init(matcher: HardwareMatcher = .shared) {
        self.matcher = matcher
    }

    public func analyze(_ units: [TextUnit]) -> [HardwareFinding] {
        var out: [HardwareFinding] = []
        var seen: Set<String> = []
        var recent: (index: Int, devices: [HardwareMention])? = nil
        for (index, unit) in units.enumerated() where !unit.inTheory && unit.role != "relatedWork" && unit.kind != .figureText {
            let tokens = unit.catalogTokens
            let mentions = matcher.matches(in: unit.text, tokens: tokens)
            guard !mentions.isEmpty else {
                // "a single GPU of these models": a count without a device name refers to the
                // devices named just before.
                if let recent, index - recent.index <= 3, let (count, kind) = Self.bareDeviceCount(in: unit.text) {
                    // "16 GPUs" after a TPU sentence speaks of other devices.
                    for m in recent.devices where kind == nil || m.device.kind == kind {
                        let key = "\(m.device.name)|\(count)"
                        guard !seen.contains(key) else { continue }
                        seen.insert(key)
                        let duration = DurationFinder.matches(in: unit.text, tokens: tokens).first
                        out.append(HardwareFinding(device: m.device.name, name: m.text, count: count,
                                                   memoryGB: m.memoryGB, duration: duration?.text,
                                                   hours: duration?.hours, evidence: unit.evidence))
                    }
                }
                continue
            }
            recent = (index, mentions)
            let durations = DurationFinder.matches(in: unit.text, tokens: tokens)
            for m in mentions {
                let key = "\(m.device.name)|\(m.count.map(String.init) ?? "-")"
                guard !seen.contains(key) else { continue }
                seen.insert(key)
                let duration = durations.first
                let hours = duration.map { $0.hours }
                let perDevice = duration?.resource == nil
                let deviceHours = hours.flatMap { h in m.count.map { perDevice ? Double($0) * h : h } }
                out.append(HardwareFinding(device: m.device.name, name: m.text, count: m.count,
                                           memoryGB: m.memoryGB,
                                           duration: duration?.text, hours: hours, deviceHours: deviceHours,
                                           evidence: unit.evidence))
            }
        }
        return out
    }

    static let countWords: [String: Int] = ["a single": 1, "single": 1, "one": 1, "a": 1, "two": 2, "three": 3, "four": 4,
                                            "eight": 8, "sixteen": 16]

    /// A cheap byte search that rules out most sentences before splitting them into words.
    private static let deviceWords = PhraseSet(["gpu", "tpu", "accelerator"])

    /// The count in "a single GPU", "one GPU", "8 GPUs" (no device name), and the kind of device
    /// the noun names (nil for "accelerators").
    static func bareDeviceCount(in text: String) -> (Int, HardwareEntry.Kind?)? {
        guard deviceWords.containsAny(in: text) else { return nil }
        let words = text.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber })
        for (i, w) in words.enumerated() where i > 0 {
            let kind: HardwareEntry.Kind?
            switch w {
            case "gpu", "gpus": kind = .gpu
            case "tpu", "tpus": kind = .tpu
            case "accelerator", "accelerators": kind = nil
            default: continue
            }
            let previous = String(words[i - 1])
            if let n = Int(previous), n > 0, n <= 100_000 { return (n, kind) }
            if previous == "single" { return (1, kind) }
            if let n = countWords[previous], previous != "a" { return (n, kind) }
        }
        return nil
    }
}
