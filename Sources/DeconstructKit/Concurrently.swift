import Dispatch
import Foundation

/// Runs a fixed list of independent jobs on every core, the calling thread included, and
/// returns once all are done. Workers take jobs in index order, each the next one not yet
/// taken, so the long jobs go first and the short ones fill the gaps.
///
/// The analyzers are pure functions of the paper, so running them at once gives the same
/// result as running them one after another; only the wall time changes.
enum Concurrently {
    static func perform(_ jobs: Int, _ body: @Sendable (Int) -> Void) {
        DispatchQueue.concurrentPerform(iterations: jobs, execute: body)
    }
}

/// One value handed from the job that makes it to the jobs that need it: `take` waits until
/// `put` has run. The maker must be a job with a lower index than its takers, so that it has
/// started (workers take jobs in index order) before anyone waits for it.
final class Handoff<Value: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private var value: Value?

    func put(_ newValue: Value) {
        condition.lock()
        value = newValue
        condition.broadcast()
        condition.unlock()
    }

    func take() -> Value {
        condition.lock()
        defer { condition.unlock() }
        while value == nil { condition.wait() }
        return value!
    }
}

/// One result per job, each written by its job and read once `Concurrently.perform` returns.
final class JobResults<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Value?]

    init(count: Int) {
        values = Array(repeating: nil, count: count)
    }

    subscript(job: Int) -> Value? {
        get { lock.withLock { values[job] } }
        set { lock.withLock { values[job] = newValue } }
    }
}
