import Foundation
import Testing
import Analyzers
@testable import DeconstructKit

// The card of the bundled example paper, as a compact dump beside its golden file
// (Tests/DeconstructKitTests/Golden/lookahead-momentum.card.txt). Re-record deliberately with
// `DECONSTRUCT_RECORD=1 swift test --filter CardGoldenTests` and review `git diff`.

@Suite struct CardGoldenTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().path + "/Golden"

    static func dump(_ d: Deconstruction) -> String {
        var out: [String] = []
        for h in d.hyperparameters {
            let value: String
            switch h.value {
            case .number(let n): value = "\(n)"
            case .set(let s): value = "{" + s.map { "\($0)" }.joined(separator: ", ") + "}"
            case .range(let a, let b): value = "\(a)..\(b)"
            case .text(let t): value = t
            }
            out.append("hyperparameter \(h.name) [\(h.canonical ?? "-")] \(h.symbol ?? "") = \(value)"
                       + (h.scope.map { " (\($0))" } ?? "") + " @ \(h.evidence.span.short)")
        }
        for ds in d.datasets { out.append("dataset \(ds.name) @ \(ds.evidence.span.short)") }
        for hw in d.hardware {
            out.append("hardware \(hw.count.map(String.init) ?? "?")x \(hw.device) hours=\(hw.hours.map { "\($0)" } ?? "-") @ \(hw.evidence.span.short)")
        }
        for c in d.claims { out.append("claim [\(c.source)] \(c.text.prefix(70)) @ \(c.evidence.span.short)") }
        for p in d.proposals { out.append("proposal \(p.name ?? "-") @ \(p.evidence.span.short)") }
        if let f = d.feasibility {
            out.append("feasibility \(f.verdict.rawValue): \(f.summary)")
            for u in f.unknowns { out.append("unknown \(u)") }
        }
        for a in d.algorithms { out.append("algorithm \(a.number ?? "-") \(a.caption.prefix(40)) steps=\(a.steps.count)") }
        return out.joined(separator: "\n") + "\n"
    }

    @Test func exampleCardMatchesGolden() throws {
        let user = try #require(UserHardware.parse("1x RTX 4090"))
        let d = try Pipeline.deconstruct(path: Self.root + "/Examples/lookahead-momentum", hardware: user)
        let actual = Self.dump(d)
        let path = Self.golden + "/lookahead-momentum.card.txt"
        if ProcessInfo.processInfo.environment["DECONSTRUCT_RECORD"] == "1" {
            try actual.write(toFile: path, atomically: true, encoding: .utf8)
            Issue.record("recorded \(path); review with git diff")
            return
        }
        let expected = try String(contentsOfFile: path, encoding: .utf8)
        if actual != expected {
            let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let i = (0..<min(a.count, e.count)).first { a[$0] != e[$0] } ?? min(a.count, e.count)
            Issue.record("card differs from \(path) at line \(i + 1):\n- \(i < e.count ? e[i] : "<end>")\n+ \(i < a.count ? a[i] : "<end>")\n(re-record with DECONSTRUCT_RECORD=1)")
        }
    }

    /// Facts the example paper states, checked directly (so the golden file cannot drift silently).
    @Test func exampleCardStatesThePapersFacts() throws {
        let d = try Pipeline.deconstruct(path: Self.root + "/Examples/lookahead-momentum")
        func has(_ canonical: String, _ value: Double) -> Bool {
            d.hyperparameters.contains { $0.canonical == canonical && $0.value == .number(value) }
        }
        #expect(has("batch_size", 128))
        #expect(has("epochs", 200))
        #expect(d.datasets.map(\.name).contains("CIFAR-10"))
        #expect(d.hardware.first?.device.contains("3090") == true)
        #expect(d.hardware.first?.hours == 2.5)
        #expect(d.claims.contains { $0.text.contains("93.1") })
        #expect(d.hyperparameters.allSatisfy { !$0.evidence.text.isEmpty && $0.evidence.span.line > 0 })
    }
}
