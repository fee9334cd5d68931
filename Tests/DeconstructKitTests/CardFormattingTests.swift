import Testing
import Analyzers
@testable import Writers

@Suite struct CardFormattingTests {
    /// Values print as the shortest decimal that reads back as the same number, never rounded.
    @Test(arguments: [
        (0.0003, "0.0003"), (3e-5, "3e-5"), (1e-8, "1e-8"), (0.00015, "0.00015"), (1.234e-4, "0.0001234"),
        (0.9995, "0.9995"), (0.12345678, "0.12345678"), (128, "128"), (1.3e11, "1.3e11"), (4e9, "4e9"),
        (-2.5e-7, "-2.5e-7"), (2.5, "2.5"),
    ])
    func numbersPrintAsWritten(value: Double, text: String) {
        #expect(CardFormatting.number(value) == text)
    }

    @Test func setsAndRangesUseTheSameNumbers() {
        #expect(CardFormatting.value(.set([0.0001, 0.0003, 0.001])) == "{0.0001, 0.0003, 0.001}")
        #expect(CardFormatting.value(.range(3e-5, 1e-3)) == "3e-5–0.001")
    }
}
