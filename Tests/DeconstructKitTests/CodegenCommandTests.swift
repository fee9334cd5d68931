import Foundation
import Testing

// `deconstruct code`, `verify` and `scaffold`, run as a user would.

/// Boxes written for these tests.
enum CodegenFixtures {
    /// Gradient *ascent*: a box that runs but cannot converge, so verify must fail.
    static let ascent = #"""
    \documentclass{article}
    \usepackage{algorithm,algorithmic}
    \begin{document}
    \begin{algorithm}
    \caption{Gradient ascent. A good default is $\alpha = 0.1$.}
    \begin{algorithmic}[1]
    \REQUIRE $\alpha$: step size
    \REQUIRE $\theta_0$: initial parameter vector
    \WHILE{$\theta_t$ not converged}
      \STATE $g_t \leftarrow \nabla_\theta f(\theta_{t-1})$
      \STATE $\theta_t \leftarrow \theta_{t-1} + \alpha g_t$
    \ENDWHILE
    \RETURN $\theta_t$
    \end{algorithmic}
    \end{algorithm}
    \end{document}
    """#

    /// Every step in words.
    static let prose = #"""
    \documentclass{article}
    \usepackage{algorithm,algorithmic}
    \begin{document}
    \begin{algorithm}
    \caption{Train the model}
    \begin{algorithmic}[1]
    \REQUIRE a dataset and a model
    \STATE Initialize the model weights randomly
    \FOR{each epoch}
      \STATE Shuffle the data and split it into batches
      \STATE Update the weights with the optimizer
    \ENDFOR
    \RETURN the trained model
    \end{algorithmic}
    \end{algorithm}
    \end{document}
    """#

    static var pythonAvailable: Bool {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", "import numpy"]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }
}

@Suite(.serialized) struct CodegenCommandTests {
    @Test func codeWritesNumPyToStandardOutputWithCitations() throws {
        let run = try deconstruct(["code", CommandPaths.example("adam-algorithm.tex")])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("def step(params, grads, state, *, step_size=0.001, beta1=0.9, beta2=0.999, eps=1e-8):"))
        #expect(run.stdout.contains("m[...] = beta1 * m + (1 - beta1) * g  # line 7: m_t <- beta_1 * m_{t-1} + (1 - beta_1) * g_t"))
        #expect(run.stderr.contains("every line of the box became numpy code"))
    }

    @Test func codeWritesIntoAFolderForEachTarget() throws {
        let scratch = try CommandScratch()
        defer { scratch.remove() }
        for (target, file) in [("numpy", "damped_adaptive_momentum.py"), ("pytorch", "damped_adaptive_momentum.py"), ("swift", "DampedAdaptiveMomentum.swift")] {
            let dir = scratch.path + "/" + target
            let run = try deconstruct(["code", CommandPaths.example("lookahead-momentum"), "--target", target, "-o", dir])
            #expect(run.status == 0, "\(run)")
            #expect(run.stdout.isEmpty)
            let text = try String(contentsOfFile: dir + "/" + file, encoding: .utf8)
            #expect(text.contains("(eq. 2)"), "the update cites the paper's equation (2)")
        }
    }

    @Test func unknownAlgorithmAndBoxlessPaperAreErrors() throws {
        let unknown = try deconstruct(["code", CommandPaths.example("adam-algorithm.tex"), "--algorithm", "7"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("no algorithm \"7\"") && unknown.stderr.contains("Algorithm 1"))
        let none = try deconstruct(["code", CommandPaths.example("plain-paragraph.txt")])
        #expect(none.status == 1)
        #expect(none.stderr.contains("no algorithm box"))
    }

    @Test func proseOnlyBoxGivesASkeletonWithTODOs() throws {
        let scratch = try CommandScratch()
        defer { scratch.remove() }
        let paper = try scratch.write("prose.tex", CodegenFixtures.prose)
        let run = try deconstruct(["code", paper])
        #expect(run.status == 0, "\(run)")
        #expect(run.stdout.contains("def train_model("))
        for line in ["line 1", "line 3", "line 4"] { #expect(run.stdout.contains("# TODO(\(line)): a step in words"), "\(line)") }
        #expect(run.stderr.contains("need your hand"))
    }

    @Test func verifyPassesAdamAndFailsGradientAscent() throws {
        guard CodegenFixtures.pythonAvailable else { print("skipped: python3 with NumPy is not available"); return }
        let adam = try deconstruct(["verify", CommandPaths.example("adam-algorithm.tex")], timeout: 300)
        #expect(adam.status == 0, "\(adam)")
        #expect(adam.stdout.contains("converges: Rosenbrock") && adam.stdout.contains("verdict: PASS"))
        let scratch = try CommandScratch()
        defer { scratch.remove() }
        let paper = try scratch.write("ascent.tex", CodegenFixtures.ascent)
        let ascent = try deconstruct(["verify", paper], timeout: 300)
        #expect(ascent.status == 3, "\(ascent)")
        #expect(ascent.stdout.contains("converges: convex quadratic  FAILED"))
        #expect(ascent.stdout.contains("verdict: FAIL"))
    }

    @Test func resultsAreComparedWithTheClaimsAndUnknownMetricsReported() throws {
        guard CodegenFixtures.pythonAvailable else { print("skipped: python3 with NumPy is not available"); return }
        let scratch = try CommandScratch()
        defer { scratch.remove() }
        let results = try scratch.write("results.json",
                                        #"[{"metric": "accuracy", "value": 91.0, "dataset": "CIFAR-10"}, {"metric": "made-up score", "value": 1}]"#)
        let run = try deconstruct(["verify", CommandPaths.example("lookahead-momentum"), "--results", results], timeout: 300)
        #expect(run.status == 0, "\(run)")
        // The example paper claims a CIFAR-10 accuracy; 91 is compared with it, below.
        #expect(run.stdout.contains("CIFAR-10") && run.stdout.contains("91%") && run.stdout.contains("below"))
        #expect(run.stdout.contains("\"made-up score\" = 1: unknown metric"))
    }

    @Test func malformedResultsFileNamesFileAndLine() throws {
        guard CodegenFixtures.pythonAvailable else { print("skipped: python3 with NumPy is not available"); return }
        let scratch = try CommandScratch()
        defer { scratch.remove() }
        let results = try scratch.write("results.csv", "metric,value,dataset\naccuracy,ninety,CIFAR-10\n")
        let run = try deconstruct(["verify", CommandPaths.example("adam-algorithm.tex"), "--results", results], timeout: 300)
        #expect(run.status == 1, "\(run)")
        #expect(run.stderr.contains("results.csv:2"))
    }

    @Test func scaffoldWritesAProjectAndNeverOverwritesWithoutForce() throws {
        let scratch = try CommandScratch()
        defer { scratch.remove() }
        let dir = scratch.path + "/project"
        let first = try deconstruct(["scaffold", CommandPaths.example("lookahead-momentum"), "-o", dir])
        #expect(first.status == 0, "\(first)")
        for file in ["config.yaml", "damped_adaptive_momentum.py", "train.py", "test_algorithm.py"] {
            #expect(FileManager.default.fileExists(atPath: dir + "/" + file), "\(file)")
        }
        try "my notes".write(toFile: dir + "/notes.txt", atomically: true, encoding: .utf8)
        let again = try deconstruct(["scaffold", CommandPaths.example("lookahead-momentum"), "-o", dir])
        #expect(again.status == 1)
        #expect(again.stderr.contains("not empty") && again.stderr.contains("--force"))
        let forced = try deconstruct(["scaffold", CommandPaths.example("lookahead-momentum"), "-o", dir, "--force"])
        #expect(forced.status == 0)
        #expect((try? String(contentsOfFile: dir + "/notes.txt", encoding: .utf8)) == "my notes", "--force replaces only the scaffold's files")
    }
}
