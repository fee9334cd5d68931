/// Memoized work for one extraction: papers repeat the same symbols, phrases and inline
/// formulas many times.
final class HyperMemo {
    private var symbolKeys: [String: String] = [:]
    private var phrases: [String: HyperparameterEntry?] = [:]
    private var names: [String: HyperparameterEntry?] = [:]
    let vocabulary: HyperparameterVocabulary

    init(vocabulary: HyperparameterVocabulary) {
        self.vocabulary = vocabulary
        // Papers read a few hundred distinct formulas and symbols: room for them up front
        // rather than growing (and rehashing) the tables while reading.
        formulas.reserveCapacity(256)
        symbolKeys.reserveCapacity(128)
    }

    /// The words of the extraction, each read once.
    private var words = HyperWordCache()

    /// The word cache, lent to the tokenizer for one sentence (one exclusive access to the
    /// property instead of one per word); ``restoreWords(_:)`` gives it back.
    func lendWords() -> HyperWordCache {
        var lent = HyperWordCache()
        swap(&lent, &words)
        return lent
    }

    func restoreWords(_ lent: HyperWordCache) {
        words = lent
    }

    private var symbolEntries: [String: [HyperparameterEntry]] = [:]

    /// ``HyperparameterVocabulary/canonical(forSymbol:)``: each call keys the symbol again and
    /// copies its entries.
    func canonical(forSymbol symbol: String) -> [HyperparameterEntry] {
        if let e = symbolEntries[symbol] { return e }
        let e = vocabulary.canonical(forSymbol: symbol)
        symbolEntries[symbol] = e
        return e
    }

    func symbolKey(_ tex: String) -> String {
        if let k = symbolKeys[tex] { return k }
        let k = HyperparameterVocabulary.symbolKey(tex)
        symbolKeys[tex] = k
        return k
    }

    /// The inline formulas read, by their scalars (no String is built to look one up), and
    /// their tokens, by the formula's id.
    private var formulaKeys = ScalarInterner()
    private var formulas: [(HyperToken, equals: Bool)] = []

    /// ``HyperTokenizer/formulaToken(_:)`` of the ``HyperMathReader/read(_:memo:)`` of the
    /// inline formula of scalars `a..<b` of `s`: papers write the same formulas (`$t$`,
    /// `$\lambda$`, `$x_t$`) many times.
    func formula(_ s: [Unicode.Scalar], _ a: Int, _ b: Int) -> (HyperToken, equals: Bool) {
        let key = formulaKeys.find(s, a, b)
        if let n = key.id { return formulas[n] }
        let f = HyperTokenizer.formulaToken(HyperMathReader.read(Array(s[a..<b]), memo: self))
        formulaKeys.insert(s, a, b, at: key)
        formulas.append(f)
        return f
    }

    func canonical(forPhrase p: String) -> HyperparameterEntry? {
        if let e = phrases[p] { return e }
        let e = vocabulary.canonical(forPhrase: p)
        phrases[p] = e
        return e
    }

    func canonical(forName p: String) -> HyperparameterEntry? {
        if let e = names[p] { return e }
        let e = vocabulary.canonical(forName: p)
        names[p] = e
        return e
    }
}
