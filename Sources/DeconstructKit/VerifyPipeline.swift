import Analyzers
import Codegen
import Foundation

/// Why the user's results could not be compared with the paper's claims.
public enum ResultsComparisonError: Error, CustomStringConvertible, Equatable {
    /// The comparison is not part of this build yet.
    case notAvailable(String)

    public var description: String {
        switch self {
        case .notAvailable(let file):
            "--results \(file): comparing your results with the paper's claims is not available in this build yet "
                + "(it comes with the claims check, ResultsCheck); the file was not read"
        }
    }
}

extension Pipeline {
    /// Generates NumPy code for one algorithm and runs it on problems the harness builds (see
    /// ``Codegen/Verifier``), in a subprocess with a time limit.
    public static func verify(_ d: Deconstruction, algorithm selector: String? = nil, timeout: TimeInterval = 120) throws(CodegenError) -> Verification {
        let code = try code(d, algorithm: selector, target: .numpy)
        return Verifier(timeout: timeout).verify(code)
    }

    /// The claims on the card against a user's measured results (JSON or CSV of metric, value,
    /// dataset): a table of claim, paper value, yours, difference.
    ///
    /// The seam for the claims-vs-results comparison (`ResultsCheck` in Analyzers, in progress):
    /// until it lands this throws, so that a results file is never silently ignored.
    public static func compareResults(_ d: Deconstruction, file: String) throws(ResultsComparisonError) -> String {
        throw .notAvailable(file)
    }
}
