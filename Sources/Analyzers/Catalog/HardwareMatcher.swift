/// Finds accelerator set-ups in text, with the device count and memory when stated:
/// "8 NVIDIA P100 GPUs", "eight V100 GPUs", "a single RTX 3090", "TPU v3-512" (512 cores),
/// "4x A100 80GB", "one NVIDIA Tesla K40", "64 TPUv4 chips", "on 16 A100s", "AWS p4d.24xlarge".
///
/// Build once (``shared`` for the bundled catalogue); matching is linear in the text.
public struct HardwareMatcher: Sendable {
    public let catalog: HardwareCatalog
    /// Phrases of accelerators (payload: index in `accelerators`) and of instances
    /// (payload: `instanceOffset` + index in `instances`).
    private let index: PhraseIndex
    private let instanceOffset: Int
    private let prefixWords: Set<String>
    private let deviceWords: Set<String>
    private let cues: ContextCues
    private let entryCues: [Int: ContextCues]
    private let deviceIndexByName: [String: Int]

    /// A matcher over the bundled catalogue.
    public static let shared = HardwareMatcher(catalog: .shared)

    public init(catalog: HardwareCatalog) {
        self.catalog = catalog
        var index = PhraseIndex()
        let cues = ContextCues(catalog.contextWords)
        var entryCues: [Int: ContextCues] = [:]
        for (n, e) in catalog.accelerators.enumerated() {
            for s in e.spellings {
                index.add(s, payload: n, caseSensitive: e.caseSensitive ?? false,
                          needsContext: e.contextAliases.contains(s))
            }
            if !e.contextWords.isEmpty { entryCues[n] = ContextCues(e.contextWords) }
        }
        let offset = catalog.accelerators.count
        for (n, inst) in catalog.instances.enumerated() {
            for s in inst.spellings {
                index.add(s, payload: offset + n, caseSensitive: false, needsContext: false)
            }
        }
        index.finish()
        self.index = index
        self.instanceOffset = offset
        self.prefixWords = Set(catalog.prefixWords.map { $0.lowercased() })
        self.deviceWords = Set(catalog.deviceWords.flatMap { CatalogTokenizer.tokenize($0).map(\.lower) })
        self.cues = cues
        self.entryCues = entryCues
        var byName: [String: Int] = [:]
        for (n, e) in catalog.accelerators.enumerated() { byName[e.name] = n }
        self.deviceIndexByName = byName
    }

    private static let sentenceEnd: Set<String> = [".", ";", ":", "!", "?"]
    private static let memoryUnits: Set<String> = ["gb", "gib", "g"]
    private static let tpuCoreWords: Set<String> = ["core", "cores", "tensorcore", "tensorcores"]
    private static let hostMemoryWords: Set<String> = ["ram", "host", "system", "cpu", "disk", "storage", "ssd", "dram", "ddr"]

    /// Hardware mentions in `text` found with the bundled catalogue (``shared``).
    public static func matches(in text: String) -> [HardwareMention] {
        shared.matches(in: text)
    }

    /// All hardware mentions in `text`, in order, without overlaps.
    public func matches(in text: String) -> [HardwareMention] {
        matches(in: text, tokens: CatalogTokenizer.tokenize(text))
    }

    /// The same, for text already tokenized (``TextUnit`` keeps its tokens for every matcher).
    func matches(in text: String, tokens: [CatalogToken]) -> [HardwareMention] {
        var out: [HardwareMention] = []
        var i = 0
        var floor = 0   // tokens before this belong to an earlier mention
        while i < tokens.count {
            // Most tokens start no phrase: skip them before anything else is looked at.
            guard index.mayStart(tokens[i].digest), canStart(at: i, tokens) else { i += 1; continue }
            var chosen: PhraseHit?
            for hit in index.candidates(in: text, tokens: tokens, at: i) {
                if hit.phrase.needsContext && !hasCue(hit, tokens) { continue }
                chosen = hit
                break
            }
            // A plural "s" glued to a spelling that ends in a digit ("A100s") is not a word boundary.
            if chosen == nil {
                chosen = pluralHit(at: i, text: text, tokens: tokens)
            }
            guard let hit = chosen else { i += 1; continue }
            if let m = mention(for: hit, text: text, tokens: tokens, floor: floor) {
                out.append(m.mention)
                floor = max(m.endToken, hit.end)
                i = max(m.endToken, hit.end)
            } else {
                i = hit.end
            }
        }
        return out
    }

    private func canStart(at i: Int, _ tokens: [CatalogToken]) -> Bool {
        let t = tokens[i]
        if !t.glued { return true }
        // "8xV100": x glued to a number.
        return i >= 2 && tokens[i - 1].lower == "x" && tokens[i - 1].glued && tokens[i - 2].isNumber
    }

    private func pluralHit(at i: Int, text: String, tokens: [CatalogToken]) -> PhraseHit? {
        guard let list = index.phrases(startingWith: tokens[i]) else { return nil }
        for k in list.indices where PhraseIndex.mayMatch(list[k], tokens: tokens, at: i)
                && PhraseIndex.matches(list[k], tokens: tokens, at: i, in: text) {
            let p = list[k]
            let end = i + p.length
            guard end < tokens.count, tokens[end].text == "s", tokens[end].glued,
                  tokens[end - 1].isNumber || tokens[end - 1].text.uppercased() == tokens[end - 1].text,
                  CatalogTokenizer.endsWord(text, at: tokens[end].range.upperBound) else { continue }
            let hit = PhraseHit(phrase: p, start: i, end: end)
            if p.needsContext && !hasCue(hit, tokens) { continue }
            return hit
        }
        return nil
    }

    private func hasCue(_ hit: PhraseHit, _ tokens: [CatalogToken]) -> Bool {
        let c = entryCues[hit.phrase.payload] ?? cues
        let w = catalog.contextWindow
        return c.found(in: tokens, from: hit.start - w, to: hit.end + w, skipping: hit.start..<hit.end)
    }

    private static let machineWords: Set<String> = ["node", "nodes", "machine", "machines", "server", "servers",
                                                    "workstation", "workstations", "host", "hosts"]
    private static let timeWords: Set<String> = ["hour", "hours", "day", "days", "h", "hr", "hrs", "minute", "minutes",
                                                 "week", "weeks", "month", "months", "year", "years", "second", "seconds"]

    private func mention(for hit: PhraseHit, text: String, tokens: [CatalogToken], floor: Int)
        -> (mention: HardwareMention, endToken: Int)? {
        let isInstance = hit.phrase.payload >= instanceOffset
        let instance = isInstance ? catalog.instances[hit.phrase.payload - instanceOffset] : nil
        let deviceIndex: Int?
        if let inst = instance { deviceIndex = deviceIndexByName[inst.device] } else { deviceIndex = hit.phrase.payload }
        guard let di = deviceIndex else { return nil }
        let device = catalog.accelerators[di]

        var end = hit.end
        // Plural "s" ("A100s").
        if end < tokens.count, tokens[end].text == "s", tokens[end].glued,
           CatalogTokenizer.endsWord(text, at: tokens[end].range.upperBound) {
            end += 1
        }
        // TPU slice: "TPU v3-512", "v5litepod-16".
        var slice: Int?
        if device.kind == .tpu, !isInstance, end < tokens.count, tokens[end].isNumber,
           text[tokens[end].gapStart..<tokens[end].range.lowerBound] == "-",
           let (v, after) = NumberReader.integer(at: end, tokens) {
            slice = v
            end = after
        }
        // Variant codes and device words right after: "A100-SXM4", "V100 GPUs", "TPU v3 cores".
        var deviceWord: String?
        while end < tokens.count, !tokens[end].paragraphBreakBefore {
            let t = tokens[end]
            if ["sxm", "pcie", "nvl", "hbm", "tensor", "core"].contains(t.lower) && device.kind != .tpu
                || isVariantCode(t, tokens, end) {
                end += 1
            } else if deviceWords.contains(t.lower) || HardwareMatcher.tpuCoreWords.contains(t.lower) {
                deviceWord = t.lower
                end += 1
                break
            } else {
                break
            }
        }

        // Memory: inside the spelling ("H100-80GB"), right after it ("A100 80GB", "A100 (80GB)"),
        // or a little later in the same sentence ("GPUs with 24GB of memory each").
        var memory: Double?
        var k = hit.start
        let limit = min(tokens.count, end + 10)
        while k < limit {
            let t = tokens[k]
            if k >= end && (HardwareMatcher.sentenceEnd.contains(t.text) || t.paragraphBreakBefore) { break }
            if k > end, canStart(at: k, tokens), !index.candidates(in: text, tokens: tokens, at: k).isEmpty {
                break   // another device starts here
            }
            if t.isNumber, k + 1 < tokens.count, HardwareMatcher.memoryUnits.contains(tokens[k + 1].lower),
               let q = NumberReader.quantity(at: k, tokens) ?? glueQuantity(k, tokens), q.end == k + 1 {
                let after = k + 2 < tokens.count ? tokens[k + 2].lower : ""
                if !HardwareMatcher.hostMemoryWords.contains(after),
                   device.memoryGB.contains(q.value) || (instance != nil && q.value == instance?.memoryGB) {
                    memory = q.value
                    if k == end {
                        end = k + 2
                    } else if k == end + 1, tokens[end].text == "(" {
                        end = k + 2
                        if end < tokens.count, tokens[end].text == ")" { end += 1 }
                    }
                    if deviceWord == nil, end < tokens.count, deviceWords.contains(tokens[end].lower),
                       !tokens[end].paragraphBreakBefore {
                        deviceWord = tokens[end].lower
                        end += 1
                    }
                    break
                }
                k += 2
                continue
            }
            k += 1
        }

        // Count before the device: [count] [x] [memory] [prefix words] DEVICE.
        var start = hit.start
        var j = hit.start - 1
        func skipPrefixes() {
            while j >= floor, prefixWords.contains(tokens[j].lower), !tokens[j + 1].paragraphBreakBefore {
                start = j
                j -= 1
            }
        }
        skipPrefixes()
        if j >= floor + 1, HardwareMatcher.memoryUnits.contains(tokens[j].lower), tokens[j - 1].isNumber,
           let q = NumberReader.quantity(at: j - 1, tokens), q.end == j, device.memoryGB.contains(q.value) {
            if memory == nil { memory = q.value }
            start = j - 1
            j -= 2
            skipPrefixes()
        }
        var times = false
        if j >= floor, tokens[j].lower == "x", !tokens[j + 1].paragraphBreakBefore {
            times = true
            j -= 1
        }
        var count: Int?
        if j >= floor, !tokens[j + 1].paragraphBreakBefore, let c = NumberReader.count(endingAt: j, tokens), c.value > 0,
           c.start >= floor {
            count = c.value
            start = c.start
        } else if !times {
            count = lookBackCount(from: j, floor: floor, tokens)
        }

        // Post-count: "V100 x 8", "A100 ×8".
        if count == nil, end + 1 < tokens.count, tokens[end].lower == "x", !tokens[end].paragraphBreakBefore,
           let (v, after) = NumberReader.integer(at: end + 1, tokens) ?? gluedInteger(end + 1, tokens) {
            count = v
            end = after
        }

        // "8 A100 nodes": the number counts machines, not devices.
        if !isInstance, let w = deviceWord ?? (end < tokens.count ? tokens[end].lower : nil),
           HardwareMatcher.machineWords.contains(w), slice == nil {
            count = nil
        }

        var cores: Int?
        let perChip = max(1, device.coresPerChip ?? 1)
        if let s = slice {
            if device.sliceUnit == .chips {
                count = s
            } else {
                cores = s
                count = s / perChip
            }
        } else if device.kind == .tpu, let c = count, let w = deviceWord, HardwareMatcher.tpuCoreWords.contains(w) {
            cores = c
            count = c / perChip
        }

        if let inst = instance {
            count = inst.count * (count ?? 1)
            if memory == nil { memory = inst.memoryGB }
        }

        let range = tokens[start].range.lowerBound..<tokens[end - 1].range.upperBound
        let m = HardwareMention(device: device, text: String(text[range]), range: range, count: count,
                                memoryGB: memory, cores: cores, instance: instance)
        return (m, end)
    }

    /// "SXM4", "HBM2e": a variant code glued to digits.
    private func isVariantCode(_ t: CatalogToken, _ tokens: [CatalogToken], _ k: Int) -> Bool {
        if t.isNumber, k > 0, ["sxm", "hbm"].contains(tokens[k - 1].lower), t.glued { return true }
        if t.lower == "e", t.glued, k > 0, tokens[k - 1].isNumber { return true }
        return false
    }

    /// A number glued to a letter before it ("x8"): read it anyway.
    private func gluedInteger(_ k: Int, _ tokens: [CatalogToken]) -> (value: Int, end: Int)? {
        guard k < tokens.count, tokens[k].isNumber, let v = Int(tokens[k].text) else { return nil }
        return (v, k + 1)
    }

    private func glueQuantity(_ k: Int, _ tokens: [CatalogToken]) -> (value: Double, end: Int)? {
        guard k < tokens.count, tokens[k].isNumber, let v = Double(tokens[k].text) else { return nil }
        return (v, k + 1)
    }

    /// "8 GPUs (NVIDIA V100)": a count of generic devices shortly before, in the same sentence.
    private func lookBackCount(from j: Int, floor: Int, _ tokens: [CatalogToken]) -> Int? {
        var k = j
        let stop = max(floor + 1, j - 8)
        while k >= stop {
            let t = tokens[k]
            if HardwareMatcher.sentenceEnd.contains(t.text) { return nil }
            if ["gpus", "tpus", "cards", "chips", "accelerators", "devices", "gpu"].contains(t.lower), k >= 1,
               k + 1 >= tokens.count || !HardwareMatcher.timeWords.contains(tokens[k + 1].lower),
               let c = NumberReader.count(endingAt: k - 1, tokens), tokens[k - 1].isNumber || NumberReader.units[tokens[k - 1].lower] != nil
                || NumberReader.tens[tokens[k - 1].lower] != nil {
                return c.value
            }
            if t.paragraphBreakBefore { return nil }
            k -= 1
        }
        return nil
    }
}
