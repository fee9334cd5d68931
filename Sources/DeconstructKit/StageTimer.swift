/// The wall time of each analysis stage, for `deconstruct bench --stages`.
///
/// A value: each analysis job, which may run on any thread, keeps its own timer, and the
/// pipeline appends them in a fixed order once the jobs are done.
public struct StageTimer: Sendable {
    /// Stage names in their fixed order, with their durations in milliseconds.
    public private(set) var stages: [(name: String, milliseconds: Double)] = []
    /// Off, `measure` only runs the body.
    public let enabled: Bool

    public init(enabled: Bool = true) {
        self.enabled = enabled
    }

    /// Runs `body`, records its time under `name`, and returns its value.
    public mutating func measure<T>(_ name: String, _ body: () -> T) -> T {
        guard enabled else { return body() }
        var value: T? = nil
        let elapsed = ContinuousClock().measure { value = body() }
        stages.append((name, StageTimer.milliseconds(elapsed)))
        return value!
    }

    /// Appends another timer's stages after this one's.
    public mutating func append(_ other: StageTimer) {
        stages += other.stages
    }

    /// A duration in milliseconds.
    public static func milliseconds(_ d: Duration) -> Double {
        Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
    }
}
