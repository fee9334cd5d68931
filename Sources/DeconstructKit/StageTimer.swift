/// Collects the wall time of each analysis stage, for `deconstruct bench --stages`.
///
/// A reference type on purpose: the pipeline records into it while it runs.
public final class StageTimer {
    /// Stage names in the order they ran, with their durations in milliseconds.
    public private(set) var stages: [(name: String, milliseconds: Double)] = []
    private let clock = ContinuousClock()

    public init() {}

    /// Runs `body`, records its time under `name`, and returns its value.
    public func measure<T>(_ name: String, _ body: () -> T) -> T {
        var value: T? = nil
        let elapsed = clock.measure { value = body() }
        stages.append((name, StageTimer.milliseconds(elapsed)))
        return value!
    }

    /// A duration in milliseconds.
    public static func milliseconds(_ d: Duration) -> Double {
        Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) / 1e15
    }
}
