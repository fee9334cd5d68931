import Dispatch

/// Runs independent pieces of work at the same time — one per core, the calling thread
/// included — and returns their results once all are done.
///
/// The analyzers are pure functions of the paper, so running them at once gives the same
/// result as running them one after another; only the wall time changes.
enum Concurrently {
    static func run<A: Sendable, B: Sendable, C: Sendable>(
        _ a: @Sendable () -> A, _ b: @Sendable () -> B, _ c: @Sendable () -> C
    ) -> (A, B, C) {
        let first = Slot<A>(), second = Slot<B>(), third = Slot<C>()
        // `concurrentPerform` returns after every iteration has finished, so reading the slots
        // afterwards is ordered after the writes.
        DispatchQueue.concurrentPerform(iterations: 3) { index in
            switch index {
            case 0: first.value = a()
            case 1: second.value = b()
            default: third.value = c()
            }
        }
        return (first.value!, second.value!, third.value!)
    }
}

/// One result, written by one thread and read after the join.
private final class Slot<Value>: @unchecked Sendable {
    var value: Value?
}
