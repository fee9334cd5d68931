import Testing
@testable import DeconstructKit

@Suite struct BenchRunnerTests {
    @Test(arguments: [([3.0, 1.0, 2.0], 2.0), ([4.0, 1.0], 2.5), ([7.0], 7.0), ([5.0, 1.0, 9.0, 3.0], 4.0)])
    func median(_ xs: [Double], _ expected: Double) {
        #expect(BenchRunner.median(xs) == expected)
    }

    /// One paper measured in-process: the split leaves the first run out of the medians and
    /// reports it on its own.
    @Test func measureReportsFirstRunApart() throws {
        let line = try BenchRunner.measure(path: CommandPaths.example("lookahead-momentum"), runs: 3)
        let fields = line.split(separator: "\t")
        #expect(fields.count == 3)
        #expect(Double(fields[0]) != nil)
        #expect(fields[2].contains("first run"))
        #expect(fields[2].contains("0 errors"))
    }
}
