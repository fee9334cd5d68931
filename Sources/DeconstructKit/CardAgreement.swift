import Analyzers
import PaperModel

/// How far two deconstructions of one paper agree, for instance its PDF against its LaTeX
/// sources: the hyperparameters, the datasets and the numbered sections of the candidate,
/// scored against the reference as precision, recall and F1.
///
/// - A hyperparameter matches one of the reference with the same value (numbers to six
///   significant digits, sets as sets) and the same setting: the same canonical name, or
///   names equal after lower-casing and dropping punctuation (scopes are not compared: they
///   come from section titles and table rows, which readers spell differently).
/// - A dataset matches by its catalogue name, else its name.
/// - A section matches by its title, lower-cased, letters and digits only; only numbered
///   sections (and lettered appendices) count.
///
/// Matching is one to one, greedy in the reference's order.
public struct CardAgreement: Sendable, Hashable {
    /// One field's agreement.
    public struct Score: Sendable, Hashable {
        public var matched: Int
        public var reference: Int
        public var candidate: Int
        public var precision: Double { candidate == 0 ? (reference == 0 ? 1 : 0) : Double(matched) / Double(candidate) }
        public var recall: Double { reference == 0 ? (candidate == 0 ? 1 : 0) : Double(matched) / Double(reference) }
        public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
        /// Reference items the candidate lacks, and candidate items the reference lacks.
        public var missing: [String]
        public var extra: [String]

        /// Micro-average: counts added up.
        public static func + (a: Score, b: Score) -> Score {
            Score(matched: a.matched + b.matched, reference: a.reference + b.reference, candidate: a.candidate + b.candidate,
                  missing: a.missing + b.missing, extra: a.extra + b.extra)
        }

        public static let zero = Score(matched: 0, reference: 0, candidate: 0, missing: [], extra: [])
    }

    public var hyperparameters: Score
    public var datasets: Score
    public var sections: Score

    public init(hyperparameters: Score, datasets: Score, sections: Score) {
        self.hyperparameters = hyperparameters
        self.datasets = datasets
        self.sections = sections
    }

    /// Scores `candidate` against `reference`.
    public static func compare(reference: Deconstruction, candidate: Deconstruction) -> CardAgreement {
        CardAgreement(
            hyperparameters: score(reference.hyperparameters, candidate.hyperparameters, same: sameSetting, show: describe),
            datasets: score(reference.datasets.map(datasetKey), candidate.datasets.map(datasetKey), same: ==, show: { $0 }),
            sections: score(sectionKeys(reference.paper), sectionKeys(candidate.paper), same: ==, show: { $0 }))
    }

    /// Micro-averaged over several papers.
    public static func total(_ all: [CardAgreement]) -> CardAgreement {
        all.reduce(CardAgreement(hyperparameters: .zero, datasets: .zero, sections: .zero)) {
            CardAgreement(hyperparameters: $0.hyperparameters + $1.hyperparameters, datasets: $0.datasets + $1.datasets,
                          sections: $0.sections + $1.sections)
        }
    }

    static func score<T>(_ ref: [T], _ cand: [T], same: (T, T) -> Bool, show: (T) -> String) -> Score {
        var used = [Bool](repeating: false, count: cand.count)
        var missing: [String] = []
        var matched = 0
        for r in ref {
            if let k = cand.indices.first(where: { !used[$0] && same(r, cand[$0]) }) {
                used[k] = true
                matched += 1
            } else {
                missing.append(show(r))
            }
        }
        let extra = cand.indices.filter { !used[$0] }.map { show(cand[$0]) }
        return Score(matched: matched, reference: ref.count, candidate: cand.count, missing: missing, extra: extra)
    }

    /// Lower-cased letters and digits, words separated by one space.
    static func normalize(_ s: String) -> String {
        s.lowercased().split { !$0.isLetter && !$0.isNumber }.joined(separator: " ")
    }

    static func sameSetting(_ a: HyperparameterFinding, _ b: HyperparameterFinding) -> Bool {
        guard sameValue(a.value, b.value) else { return false }
        if let x = a.canonical, let y = b.canonical { return x == y }
        return normalize(a.name) == normalize(b.name)
    }

    static func sameValue(_ a: HyperValue, _ b: HyperValue) -> Bool {
        func close(_ x: Double, _ y: Double) -> Bool { x == y || abs(x - y) <= 1e-6 * max(abs(x), abs(y)) }
        switch (a, b) {
        case (.number(let x), .number(let y)): return close(x, y)
        case (.set(let x), .set(let y)):
            let xs = x.sorted(), ys = y.sorted()
            return xs.count == ys.count && zip(xs, ys).allSatisfy { close($0, $1) }
        case (.range(let x0, let x1), .range(let y0, let y1)): return close(x0, y0) && close(x1, y1)
        case (.text(let x), .text(let y)): return normalize(x) == normalize(y)
        default: return false
        }
    }

    static func describe(_ h: HyperparameterFinding) -> String {
        "\(h.canonical ?? h.name) = \(h.raw)"
    }

    static func datasetKey(_ d: DatasetFinding) -> String { d.canonical ?? normalize(d.name) }

    /// Titles of the numbered sections, normalized.
    static func sectionKeys(_ paper: Paper) -> [String] {
        paper.allSections.filter { $0.number != nil }.map { normalize($0.title) }.filter { !$0.isEmpty }
    }
}

extension CardAgreement {
    /// A table of the three fields, as `deconstruct compare` prints it.
    public var table: String {
        func pad(_ s: String, _ n: Int, left: Bool = false) -> String {
            let fill = String(repeating: " ", count: max(0, n - s.count))
            return left ? s + fill : fill + s
        }
        func f(_ x: Double) -> String {
            let r = (x * 100).rounded() / 100
            let s = "\(r)"
            return s.split(separator: ".").last.map { $0.count == 1 ? s + "0" : s } ?? s
        }
        var out = pad("field", 16, left: true) + pad("matched", 8) + pad("ref", 6) + pad("cand", 6)
            + pad("prec", 7) + pad("recall", 7) + pad("F1", 7) + "\n"
        for (name, s) in [("hyperparameters", hyperparameters), ("datasets", datasets), ("sections", sections)] {
            out += pad(name, 16, left: true) + pad("\(s.matched)", 8) + pad("\(s.reference)", 6) + pad("\(s.candidate)", 6)
                + pad(f(s.precision), 7) + pad(f(s.recall), 7) + pad(f(s.f1), 7) + "\n"
        }
        return out
    }

    /// What one side has and the other lacks, field by field.
    public var differences: String {
        var out = ""
        for (name, s) in [("hyperparameters", hyperparameters), ("datasets", datasets), ("sections", sections)] {
            for m in s.missing { out += "\(name): only in the reference: \(m)\n" }
            for e in s.extra { out += "\(name): only in the candidate: \(e)\n" }
        }
        return out
    }
}
