import Foundation
import PaperModel

/// The accelerators a user has, parsed from text such as `1x RTX 4090`, `2 A100 80GB`, `M2 Max`.
public struct UserHardware: Codable, Hashable, Sendable {
    public var device: String
    public var count: Int
    public var memoryGB: Double?
    public var fp16TFLOPS: Double?
    public var fp32TFLOPS: Double?

    /// Parses a description; nil when no catalogue device is named.
    public static func parse(_ text: String, matcher: HardwareMatcher = .shared) -> UserHardware? {
        // The matcher reads prose; give it a sentence it recognizes.
        let normalized = text.replacingOccurrences(of: "x ", with: " ").replacingOccurrences(of: "×", with: " ")
        guard let m = matcher.matches(in: normalized).first ?? matcher.matches(in: "on " + normalized + " GPUs").first
        else { return nil }
        let count = m.count ?? Int(normalized.split(separator: " ").first ?? "") ?? 1
        return UserHardware(device: m.device.name, count: max(1, count), memoryGB: m.memoryGB ?? m.device.maxMemoryGB,
                            fp16TFLOPS: m.device.bf16TFLOPS ?? m.device.fp16TFLOPS, fp32TFLOPS: m.device.fp32TFLOPS)
    }

    public var description: String { "\(count)× \(device)" + (memoryGB.map { " (\(Int($0)) GB)" } ?? "") }
}

/// Can this user reproduce the paper's main experiment with their hardware, at what cost, and
/// if not, how to scale it down — with what is unknown because the paper does not say.
public struct Feasibility: Codable, Hashable, Sendable {
    public enum Verdict: String, Codable, Sendable {
        /// Fits and runs in a reasonable time as stated.
        case asStated = "as-stated"
        /// Possible as stated but slow (days to weeks).
        case slow
        /// Needs scaling down to fit the user's hardware or time.
        case scaleDown = "scale-down"
        /// The paper does not state enough to judge.
        case unknown
    }

    public var verdict: Verdict
    public var summary: String
    public var userHardware: UserHardware?
    /// The paper's compute as stated ("8× NVIDIA V100 for 3.5 days = 672 GPU-hours").
    public var paperCompute: String?
    /// Estimated hours on the user's hardware, when the paper states enough to estimate.
    public var estimatedHours: Double?
    public var reasons: [String]
    public var plan: [String]
    /// Settings a reproduction needs that the paper does not state.
    public var unknowns: [String]
}

/// Derives the feasibility verdict from the card.
public struct FeasibilityAnalyzer: Sendable {
    /// Canonical settings every reproduction needs; those not found are listed as unknown.
    public static let essentials: [(canonical: [String], label: String)] = [
        (["learning_rate"], "learning rate"),
        (["batch_size"], "batch size"),
        (["epochs", "training_steps", "training_iterations"], "training length (epochs or steps)"),
        (["optimizer"], "optimizer"),
        (["seeds"], "number of seeds"),
    ]

    public init() {}

    /// The configurations the paper reports side by side: scopes of table cells that give one
    /// setting different values (the columns of a size table: "ResNet-18", "ResNet-50"), not
    /// the section a sentence stands in.
    static func configurations(_ hyperparameters: [HyperparameterFinding]) -> [String] {
        var scopesBySetting: [String: Set<String>] = [:]
        for h in hyperparameters where h.evidence.context?.hasPrefix("Table") == true {
            guard let canonical = h.canonical, let scope = h.scope else { continue }
            scopesBySetting[canonical, default: []].insert(scope)
        }
        return Set(scopesBySetting.values.filter { $0.count > 1 }.flatMap { $0 }).sorted()
    }

    /// `title` is the paper's: a method that is itself a setting (an optimizer) is not unstated.
    public func analyze(hardware: [HardwareFinding], hyperparameters: [HyperparameterFinding],
                        datasets: [DatasetFinding], user: UserHardware?, title: String = "") -> Feasibility {
        var reasons: [String] = []
        var plan: [String] = []
        var unknowns: [String] = []
        let found = Set(hyperparameters.compactMap(\.canonical)).union(CardRules.shared.settingsSupplied(byTitle: title))
        for e in Self.essentials where !e.canonical.contains(where: found.contains) {
            unknowns.append(e.label)
        }
        // The largest stated setup is the main experiment's.
        let main = hardware.max { ($0.deviceHours ?? Double($0.count ?? 1)) < ($1.deviceHours ?? Double($1.count ?? 1)) }
        var paperCompute: String? = nil
        var estimate: Double? = nil
        var memoryShort = false
        if let main {
            let count = main.count ?? 1
            paperCompute = "\(main.count.map { "\($0)× " } ?? "")\(main.device)"
                + (main.duration.map { " for \($0)" } ?? "")
                + (main.deviceHours.map { " = \(Self.format(($0 * 10).rounded() / 10)) device-hours" } ?? "")
            if main.count == nil { unknowns.append("how many \(main.device) devices") }
            if main.hours == nil { unknowns.append("training time") }
            if let user, let paperHours = main.deviceHours ?? main.hours.map({ $0 * Double(count) }) {
                let paperDevice = HardwareCatalog.shared.entry(named: main.device)
                let paperSpeed = paperDevice?.bf16TFLOPS ?? paperDevice?.fp16TFLOPS ?? paperDevice?.fp32TFLOPS
                let userSpeed = user.fp16TFLOPS ?? user.fp32TFLOPS
                if let paperSpeed, let userSpeed, userSpeed > 0 {
                    estimate = paperHours * paperSpeed / userSpeed / Double(user.count)
                    reasons.append(String(format: "%@ device-hours on %@ ≈ %.1f h on %@ (peak-FLOP/s ratio %.2f)",
                                          Self.format((paperHours * 10).rounded() / 10), main.device, estimate!,
                                          user.description, paperSpeed / userSpeed))
                }
            }
            // Memory per device: as stated, else the catalogue's smallest variant (said to be assumed).
            let catalogMemory = HardwareCatalog.shared.entry(named: main.device)?.memoryGB.min()
            if main.memoryGB == nil, catalogMemory != nil {
                unknowns.append("memory per \(main.device) (assumed \(Self.format(catalogMemory!)) GB, the smallest variant)")
            }
            if let user, let paperMemory = main.memoryGB ?? catalogMemory, let userMemory = user.memoryGB {
                let paperTotal = paperMemory * Double(count)
                let userTotal = userMemory * Double(user.count)
                if paperMemory > userMemory * 1.05 {
                    memoryShort = true
                    reasons.append(String(format: "the paper's devices have %.0f GB each, yours %.0f GB", paperMemory, userMemory))
                    plan.append("Halve the per-device batch and use gradient accumulation (and bf16/fp16) to fit \(Int(userMemory)) GB")
                }
                if paperTotal > userTotal * 1.05, count > user.count {
                    reasons.append(String(format: "the paper used %.0f GB over %d devices; you have %.0f GB", paperTotal, count, userTotal))
                }
            }
        } else {
            unknowns.append("hardware and training time")
        }
        // A scale-down plan from the paper's own settings.
        let sizes = Self.configurations(hyperparameters)
        if sizes.count > 1 { plan.append("Start with the smallest configuration the paper reports (\(sizes.prefix(4).joined(separator: ", ")))") }
        if let steps = hyperparameters.first(where: { ["training_steps", "epochs", "training_iterations"].contains($0.canonical ?? "") }),
           case .number(let n) = steps.value {
            plan.append("Run 10% of the \(steps.name) first (\(Self.format(n)) → \(Self.format(max(1, (n / 10).rounded())))) to check the curve")
        }
        if let batch = hyperparameters.first(where: { $0.canonical == "batch_size" }), case .number(let b) = batch.value, b >= 16 {
            plan.append("Keep the effective batch of \(Self.format(b)) with gradient accumulation (e.g. \(Self.format(b / 4)) × 4 steps) if it does not fit")
        }
        if let big = datasets.first(where: { Self.isLarge($0.size ?? "") }) {
            plan.append("Try a subset of \(big.name) (\(big.size ?? "large")) before the full run")
        }
        let verdict: Feasibility.Verdict
        let summary: String
        switch (user, estimate) {
        case (nil, _):
            verdict = .unknown
            summary = paperCompute.map { "The paper used \($0). Give --hardware (e.g. \"1x RTX 4090\") for a verdict." }
                ?? "The paper states no hardware or training time; give --hardware for what can be judged."
        case (let user?, let hours?):
            if hours <= 24 {
                verdict = .asStated
                summary = String(format: "Reproducible as stated on %@: about %.1f hours.", user.description, hours)
            } else if hours <= 24 * 7 {
                verdict = .slow
                summary = String(format: "Reproducible on %@, but it takes about %.1f days.", user.description, hours / 24)
            } else {
                verdict = .scaleDown
                summary = String(format: "Scale down: as stated it would take about %.0f days on %@.", hours / 24, user.description)
            }
        case (let user?, nil):
            if main == nil {
                verdict = .unknown
                summary = "The paper states no hardware or training time; \(user.description) cannot be compared."
            } else {
                verdict = plan.isEmpty ? .unknown : .scaleDown
                summary = "The paper used \(paperCompute!) but does not say for how long; the time on \(user.description) is unknown."
            }
        }
        if memoryShort, verdict == .asStated || verdict == .slow {
            return Feasibility(verdict: .scaleDown, summary: summary + " Memory is tighter than the paper's: see the plan.",
                               userHardware: user, paperCompute: paperCompute, estimatedHours: estimate, reasons: reasons,
                               plan: plan, unknowns: unknowns)
        }
        return Feasibility(verdict: verdict, summary: summary, userHardware: user, paperCompute: paperCompute,
                           estimatedHours: estimate, reasons: reasons, plan: plan, unknowns: unknowns)
    }

    /// Whether a catalogue size mentions millions or billions ("1.28M images", "2B tokens").
    /// (A scan of the bytes: a regular expression here cost more than the rest of the verdict.)
    static func isLarge(_ size: String) -> Bool {
        let b = Array(size.utf8)
        func isWordByte(_ k: Int) -> Bool {
            k < b.count && (b[k] >= 0x80 || b[k].asciiLowercased >= UInt8(ascii: "a") && b[k].asciiLowercased <= UInt8(ascii: "z")
                || b[k] >= UInt8(ascii: "0") && b[k] <= UInt8(ascii: "9") || b[k] == UInt8(ascii: "_"))
        }
        for i in b.indices where b[i] >= UInt8(ascii: "0") && b[i] <= UInt8(ascii: "9") {
            var k = i + 1
            while k < b.count, b[k] == 0x20 || (0x09...0x0D).contains(b[k]) { k += 1 }
            for word in Self.largeWords where b.count - k >= word.count && b[k..<(k + word.count)].elementsEqual(word) {
                if !isWordByte(k + word.count) { return true }
            }
        }
        return false
    }

    private static let largeWords: [[UInt8]] = ["M", "B", "million", "billion"].map { Array($0.utf8) }

    static func format(_ x: Double) -> String {
        x == x.rounded() && abs(x) < 1e15 ? String(Int(x)) : String(x)
    }
}
