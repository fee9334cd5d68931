import Analyzers
import Codegen
import Foundation
import Writers

extension Pipeline {
    /// Generates NumPy code for one algorithm and runs it on problems the harness builds (see
    /// ``Codegen/Verifier``), in a subprocess with a time limit.
    public static func verify(_ d: Deconstruction, algorithm selector: String? = nil, timeout: TimeInterval = 120) throws(CodegenError) -> Verification {
        let code = try code(d, algorithm: selector, target: .numpy)
        return Verifier(timeout: timeout).verify(code)
    }

    /// The claims on the card against a user's measured results (JSON or CSV of metric, value,
    /// dataset): a table of claim, paper value, yours, difference, and the results that match no
    /// claim (reported, never dropped). A malformed file throws with its file and line.
    public static func compareResults(_ d: Deconstruction, file: String) throws(ResultsFileError) -> ResultsReport {
        try ResultsCheck().check(file: file, claims: d.claims)
    }

    /// ``compareResults(_:file:)`` as the table `verify --results` prints.
    public static func resultsTable(_ d: Deconstruction, file: String, style: TextStyle = .plain) throws(ResultsFileError) -> String {
        ResultsTable.render(try compareResults(d, file: file), style: style)
    }
}
