/// What a sentence says around its numbers that makes them no settings: counts of devices
/// ("4 A100 GPUs", "8 TPU v3 cores", "on 2 machines") and clauses about special cases or limits
/// ("setting $\lambda = 0$ gives Adam", "with $\beta = 0$ this reduces to SGD"). The cue words
/// are data (`deviceNouns`, `specialCases` in `hyperparameter-rules.json`).
struct HyperClauses {
    /// Tokens that count devices.
    private(set) var deviceCounts: Set<Int> = []
    /// Token ranges of the clauses about a special case.
    private(set) var specialCases: [Range<Int>] = []

    /// - Parameters:
    ///   - tokens: annotated (``HyperLexicon/annotate(_:)``).
    ///   - scalars: the sentence, to see which words are capitalised (method names).
    ///   - nameStarts: tokens where a setting's name starts ("8 hidden layers" counts no devices).
    ///   - cues: the rules' special-case cues (``HyperSpecialCues``).
    init(_ tokens: [HyperToken], scalars: [Unicode.Scalar], cues: HyperSpecialCues, nameStarts: Set<Int>) {
        for i in tokens.indices where tokens[i].kind == .number && tokens[i].isInteger && !tokens[i].isPercent {
            if Self.countsDevices(tokens, after: i, scalars: scalars, nameStarts: nameStarts) {
                deviceCounts.insert(i)
            }
        }
        var start = 0
        for k in 0...tokens.count {
            let ends = k == tokens.count || tokens[k].kind == .punct && tokens[k].norm == ";"
                || (tokens[k].kind == .punct && tokens[k].norm == "," && k + 1 < tokens.count
                    && tokens[k + 1].kind == .word && tokens[k + 1].flags.contains(.clauseStart))
            guard ends else { continue }
            for j in start..<k where Self.isSpecialCaseCue(tokens, at: j, scalars: scalars, cues: cues) {
                specialCases.append(start..<k)
                break
            }
            start = k + 1
        }
    }

    func isDeviceCount(_ i: Int) -> Bool { deviceCounts.contains(i) }

    func isSpecialCase(_ i: Int) -> Bool { specialCases.contains { $0.contains(i) } }

    /// "4 A100 GPUs", "8 NVIDIA RTX 3090 GPUs", "2 machines", "a 4-GPU node": the words after the
    /// count name a device (capitalised or with digits) and end in a device noun.
    static func countsDevices(_ tokens: [HyperToken], after i: Int, scalars: [Unicode.Scalar], nameStarts: Set<Int>) -> Bool {
        var k = i + 1
        var between = 0
        while k < tokens.count, between <= 3 {
            let t = tokens[k]
            if t.kind == .word, t.flags.contains(.deviceNoun) { return true }
            if nameStarts.contains(k) { return false }
            if t.kind == .word, (t.norm == "x" && between == 0) || looksLikeModelName(t, scalars) {
                between += 1
            } else if t.kind == .number, !t.spelled, between > 0 {
                between += 1   // "RTX 3090 GPUs"
            } else {
                return false
            }
            k += 1
        }
        return false
    }

    /// A word with a capital or a digit: "NVIDIA", "A100", "Tesla", "v3".
    static func looksLikeModelName(_ t: HyperToken, _ scalars: [Unicode.Scalar]) -> Bool {
        guard t.start < t.end, t.end <= scalars.count else { return false }
        return scalars[t.start..<t.end].contains { ($0.value >= 0x41 && $0.value <= 0x5A) || ($0.value >= 0x30 && $0.value <= 0x39) }
    }

    static func isCapitalised(_ t: HyperToken, _ scalars: [Unicode.Scalar]) -> Bool {
        guard t.kind == .word, t.start < t.end, t.end <= scalars.count else { return false }
        return scalars[t.start].properties.isUppercase
    }

    /// A special-case cue starts at token `k`: a phrase not followed by a number ("reduces to
    /// SGD", not "reduces to 0.001"), or a verb followed by a method's name ("gives Adam").
    static func isSpecialCaseCue(_ tokens: [HyperToken], at k: Int, scalars: [Unicode.Scalar],
                                 cues: HyperSpecialCues) -> Bool {
        guard tokens[k].kind == .word, tokens[k].flags.contains(.specialCueStart),
              let starting = cues.starting[tokens[k].norm] else { return false }
        for p in starting.phrases {
            guard let end = match(p, tokens, at: k) else { continue }
            if end == tokens.count || !(tokens[end].kind.isValue || tokens[end].kind == .relation) { return true }
        }
        for p in starting.verbs {
            guard var j = match(p, tokens, at: k) else { continue }
            while j < tokens.count, tokens[j].kind == .word, tokens[j].flags.contains(.specialSkip),
                  !isCapitalised(tokens[j], scalars) {
                j += 1
            }
            if j < tokens.count, isCapitalised(tokens[j], scalars) { return true }
        }
        return false
    }

    /// The index after phrase `p` when its words stand at `k`.
    private static func match(_ p: [String], _ tokens: [HyperToken], at k: Int) -> Int? {
        guard k + p.count <= tokens.count else { return nil }
        for (n, w) in p.enumerated() where tokens[k + n].kind != .word || tokens[k + n].norm != w { return nil }
        return k + p.count
    }
}

/// The rules' special-case phrases and verbs (``HyperparameterRules/specialCasePhrases``,
/// ``HyperparameterRules/specialCaseVerbs``) by their first word, in the rules' order: a cue
/// word is checked against its own phrases, not against every phrase with a string comparison
/// each. Built once per rules, with the name index.
struct HyperSpecialCues: Sendable {
    struct Starting: Sendable {
        var phrases: [[String]] = []
        var verbs: [[String]] = []
    }

    let starting: [String: Starting]

    init(rules: HyperparameterRules) {
        var starting: [String: Starting] = [:]
        for p in rules.specialCasePhrases { starting[p[0], default: Starting()].phrases.append(p) }
        for p in rules.specialCaseVerbs { starting[p[0], default: Starting()].verbs.append(p) }
        self.starting = starting
    }
}
