import Testing
@testable import Analyzers

@Suite struct DurationFinderTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let text: String
        let value: Double
        let unit: DurationMention.Unit
        var upper: Double? = nil
        var resource: String? = nil
        var approximate = false
        var per: String? = nil
        var testDescription: String { text }
    }

    @Test(arguments: [
        Case(text: "training runs for 3.5 days on 8 GPUs", value: 3.5, unit: .day),
        Case(text: "it takes 12 hours", value: 12, unit: .hour),
        Case(text: "the whole search took 2 weeks", value: 2, unit: .week),
        Case(text: "a budget of 200 GPU hours", value: 200, unit: .hour, resource: "GPU"),
        Case(text: "around 24 GPU hours to reproduce", value: 24, unit: .hour, resource: "GPU", approximate: true),
        Case(text: "around 10 GPU days", value: 10, unit: .day, resource: "GPU", approximate: true),
        Case(text: "a total cost of ∼3K TPU V2 days", value: 3000, unit: .day, resource: "TPU V2", approximate: true),
        Case(text: "runs for ∼72h", value: 72, unit: .hour, approximate: true),
        Case(text: "within 20min on one chip", value: 20, unit: .minute),
        Case(text: "a complete run taking 72-100 hours", value: 72, unit: .hour, upper: 100),
        Case(text: "takes around 2–3 minutes per run", value: 2, unit: .minute, upper: 3, approximate: true, per: "run"),
        Case(text: "which takes a day on a GPU", value: 1, unit: .day),
        Case(text: "converges in three hours", value: 3, unit: .hour),
        Case(text: "run in 30 minutes in a nvidia A100 gpu", value: 30, unit: .minute),
        Case(text: "last 24 hours on an nvidia L40s gpu", value: 24, unit: .hour),
        Case(text: "trained for 1.5 months", value: 1.5, unit: .month),
        Case(text: "20 to 200 minutes per run", value: 20, unit: .minute, upper: 200, per: "run"),
        Case(text: "about 5 GPU-days", value: 5, unit: .day, resource: "GPU", approximate: true),
    ])
    func findsDurations(c: Case) throws {
        let found = DurationFinder.matches(in: c.text)
        let m = try #require(found.first)
        #expect(found.count == 1, "\(found.map(\.text))")
        #expect(m.value == c.value)
        #expect(m.unit == c.unit)
        #expect(m.upperValue == c.upper)
        #expect(m.resource == c.resource)
        #expect(m.isApproximate == c.approximate)
        #expect(m.per == c.per)
    }

    @Test(arguments: [
        "in a second step we refine",
        "the 3D model has 12 layers",
        "We use 8 h heads",
        "Figure 2 shows days of data",
        "trained with 12 hidden units",
        "as in (Smith et al., 2017) sec. 4",
    ])
    func ignoresNonDurations(text: String) {
        #expect(DurationFinder.matches(in: text).isEmpty, "\(DurationFinder.matches(in: text).map(\.text))")
    }

    @Test func convertsToHours() throws {
        let m = try #require(DurationFinder.matches(in: "for 2 weeks").first)
        #expect(m.hours == 336)
        let r = try #require(DurationFinder.matches(in: "90-120 minutes").first)
        #expect(r.hours == 1.5 && r.upperHours == 2)
    }

    @Test func textAndRangeCoverTheMention() throws {
        let text = "Training took about 3.5 days per run overall."
        let m = try #require(DurationFinder.matches(in: text).first)
        #expect(m.text == "about 3.5 days per run")
        #expect(String(text[m.range]) == m.text)
    }
}
