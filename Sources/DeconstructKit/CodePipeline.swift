import Analyzers
import Codegen
import Foundation

/// Why code could not be generated for a paper.
public enum CodegenError: Error, CustomStringConvertible, Equatable {
    /// The paper has no algorithm box.
    case noAlgorithm
    /// `--algorithm` names no box; the boxes there are.
    case unknownAlgorithm(String, available: [String])

    public var description: String {
        switch self {
        case .noAlgorithm:
            "the paper has no algorithm box to generate code from (its core equations are listed by `deconstruct PAPER`)"
        case .unknownAlgorithm(let s, let available):
            "no algorithm \"\(s)\" in the paper; it has " + (available.isEmpty ? "none" : available.joined(separator: ", "))
        }
    }
}

extension Pipeline {
    /// The index of the algorithm a user asked for: its number (`1`), label (`alg:adam`), id
    /// (`alg1`) or title (`Algorithm 1`); the first box when `selector` is nil.
    public static func algorithmIndex(_ d: Deconstruction, selector: String?) throws(CodegenError) -> Int {
        guard !d.algorithms.isEmpty else { throw .noAlgorithm }
        guard let selector, !selector.isEmpty else { return 0 }
        let s = selector.lowercased()
        if let i = d.algorithms.firstIndex(where: { a in
            [a.number, a.label, a.id, a.title].compactMap { $0?.lowercased() }.contains(s)
        }) { return i }
        throw .unknownAlgorithm(selector, available: d.algorithms.map { a in
            a.title + (a.label.map { " (\($0))" } ?? "")
        })
    }

    /// Code for one algorithm of an analysed paper.
    public static func code(_ d: Deconstruction, algorithm selector: String? = nil, target: CodeTarget) throws(CodegenError) -> GeneratedCode {
        let index = try algorithmIndex(d, selector: selector)
        return CodeGenerator(target: target).generate(CodegenSource(d, algorithm: index))
    }

    /// A starting project for one algorithm of an analysed paper (see ``Codegen/Scaffold``).
    public static func scaffold(_ d: Deconstruction, algorithm selector: String? = nil, target: CodeTarget = .numpy) throws(CodegenError) -> Scaffold {
        Scaffold(d, algorithm: try algorithmIndex(d, selector: selector), target: target)
    }
}
