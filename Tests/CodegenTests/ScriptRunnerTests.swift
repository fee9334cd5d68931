import Codegen
import Foundation
import Testing

/// The subprocess every run of generated code goes through: output, status, and the time limit.
@Suite struct ScriptRunnerTests {
    @Test func capturesOutputAndStatus() throws {
        let run = try ScriptRunner(timeout: 30).run(["sh", "-c", "echo out; echo err >&2; exit 7"])
        #expect(run.stdout == "out\n" && run.stderr == "err\n")
        #expect(run.status == 7 && !run.timedOut && !run.succeeded)
    }

    @Test func stopsARunThatOverstays() throws {
        let start = Date()
        let run = try ScriptRunner(timeout: 1).run(["python3", "-c", "import time; time.sleep(30)"])
        #expect(run.timedOut && !run.succeeded)
        #expect(Date().timeIntervalSince(start) < 15, "stopped near the limit, not after the 30 s")
    }

    @Test func aMissingProgramIsAFailedRunNotACrash() throws {
        let run = try ScriptRunner(timeout: 10).run(["no-such-program-deconstruct"])
        #expect(!run.succeeded)
        #expect(!ScriptRunner.available(["no-such-program-deconstruct"]))
    }
}
