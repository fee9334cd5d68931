import Testing
import PaperModel
@testable import Readers

@Suite struct ReadResultTests {
    @Test func errorsAreDetected() {
        let paper = Paper(source: SourceInfo(kind: .text, input: "x", mainFile: "x"))
        var r = ReadResult(paper: paper, diagnostics: [Diagnostic(.includeMissing, .warning, "m")])
        #expect(!r.hasErrors)
        r.diagnostics.append(Diagnostic(.noDocument, .error, "e"))
        #expect(r.hasErrors)
    }
}
