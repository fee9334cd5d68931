import Testing
import MathParsing
import PaperModel
@testable import Analyzers

@Suite struct CoreAuditTests {
    /// The mapping table, pinned: (op, numpy, pytorch, jax, swift).
    @Test(arguments: [
        ("sqrt", "np.sqrt", "torch.sqrt", "jnp.sqrt", ".squareRoot()"),
        ("exp", "np.exp", "torch.exp", "jnp.exp", "Foundation.exp"),
        ("log", "np.log", "torch.log", "jnp.log", "Foundation.log"),
        ("sum", "np.sum", "torch.sum", "jnp.sum", "reduce(0, +)"),
        ("mean", "np.mean", "torch.mean", "jnp.mean", nil),
        ("norm", "np.linalg.norm", "torch.linalg.norm", "jnp.linalg.norm", nil),
        ("matmul", "np.matmul (@)", "torch.matmul (@)", "jnp.matmul (@)", nil),
        ("softmax", "scipy.special.softmax", "torch.softmax", "jax.nn.softmax", nil),
        ("logsumexp", "scipy.special.logsumexp", "torch.logsumexp", "jax.nn.logsumexp", nil),
        ("gradient", nil, "loss.backward() / torch.autograd.grad", "jax.grad", "gradient(at:of:) (import _Differentiation)"),
        ("expectation", "np.mean", "torch.mean", "jnp.mean", nil),
        ("argmin", "np.argmin", "torch.argmin", "jnp.argmin", "indices.min(by:)"),
        ("transpose", ".T", ".T", ".T", nil),
        ("abs", "np.abs", "torch.abs", "jnp.abs", "abs"),
        ("sample_normal", "rng.normal", "torch.randn", "jax.random.normal", nil),
        ("conv", "np.convolve", "torch.nn.functional.conv2d", "jax.lax.conv", nil),
        ("linear", nil, "torch.nn.Linear", "flax.linen.Dense", nil),
        ("cross_entropy", nil, "torch.nn.functional.cross_entropy", "optax.softmax_cross_entropy", nil),
        ("power", "**", "**", "**", "Foundation.pow"),
    ] as [(String, String?, String?, String?, String?)])
    func mappingTable(_ op: String, _ numpy: String?, _ pytorch: String?, _ jax: String?, _ swift: String?) throws {
        let entry = try #require(LibraryMap.shared.operations[op], "\(op) is in library-map.json")
        #expect(entry.numpy == numpy)
        #expect(entry.pytorch == pytorch)
        #expect(entry.jax == jax)
        #expect(entry.swift == swift)
    }

    @Test func everyNameInTheMapPointsToAnOperation() {
        let map = LibraryMap.shared
        let targets = Array(map.functionNames.values) + Array(map.bigOperators.values) + Array(map.distributions.values) + Array(map.words.values)
        for op in targets { #expect(map.operations[op] != nil, "\(op) is mapped but not described") }
        #expect(map.frameworks == ["numpy", "pytorch", "jax", "swift"])
        for (op, e) in map.operations where e.arithmetic {
            #expect(e.numpy != nil && e.pytorch != nil && e.jax != nil && e.swift != nil, "\(op): arithmetic is everywhere")
        }
    }

    @Test(arguments: [
        (#"\sqrt{x}"#, ["sqrt"]),
        (#"e^{x}"#, ["power"]),
        (#"\exp(x) + \log y"#, ["add", "exp", "log"]),
        (#"\sum_{i=1}^N x_i"#, ["sum"]),
        (#"\mathbb{E}_{x \sim p}[f(x)]"#, ["expectation"]),
        (#"\|x\|_2"#, ["norm"]),
        (#"W^\top h"#, ["matmul", "transpose"]),
        (#"\mathrm{softmax}(z)"#, ["softmax"]),
        (#"\nabla_\theta L(\theta)"#, ["gradient"]),
        (#"\arg\min_z C(z)"#, ["argmin"]),
        (#"x \sim \mathcal{N}(0, I)"#, ["sample_normal"]),
        (#"|a| / b"#, ["divide", "abs"]),
        (#"m_{t-1}"#, []),
        (#"g_t^2"#, ["square"]),
        (#"\nabla \nabla L(w)"#, ["hessian"]),
    ])
    func operationsOfAFormula(_ tex: String, _ expected: [String]) {
        let reader = QuantityReader(counters: ["t"])
        let audit = OperationAudit(notation: Notation(reader: reader, constants: [], powerNotes: [], varying: ["g"]))
        #expect(audit.operations(in: MathParser().parse(tex).root) == expected)
    }

    @Test(arguments: [
        ("Backpropagate and update $\\theta$", ["gradient"]),
        ("$a =$ softmax(a, axis=$-1$)", ["softmax"]),
        ("$q =$ Dense(shape=(heads, h_dim))($x$)", ["linear"]),
        ("Compute the critic loss using the TD error", []),
    ])
    func operationsOfProse(_ text: String, _ expected: [String]) {
        let audit = OperationAudit(notation: Notation(reader: QuantityReader(counters: []), constants: [], powerNotes: [], varying: []))
        #expect(audit.words(InlineMath(text).proseOnly) == expected)
    }

    @Test func adamLinesAreCoveredByEveryFrameworkButTheGradient() throws {
        let core = CoreAnalyzer().analyze(try CoreTestSupport.example("adam-algorithm.tex"))
        let ir = try #require(core.algorithms.first)
        let lines = core.audit.filter { $0.algorithm == ir.id }
        let gradient = try #require(lines.first { $0.operations.contains { $0.op == "gradient" } })
        #expect(gradient.covered(by: "pytorch") && gradient.covered(by: "jax"))
        #expect(!gradient.covered(by: "numpy"), "NumPy has no automatic differentiation")
        #expect(gradient.handWritten(in: "numpy") == ["gradient"])
        let update = try #require(lines.first { $0.plain.hasPrefix("theta -=") })
        #expect(update.operations.map(\.op).contains("sqrt"))
        #expect(update.covered(by: "numpy") && update.covered(by: "swift"))
        let momentum = try #require(lines.first { $0.plain.hasPrefix("m = beta1") })
        #expect(momentum.operations.allSatisfy { $0.arithmetic })
        #expect(!lines.contains { $0.prose }, "no line of Adam is prose")
    }

    @Test func proseLinesMustBeWrittenByHand() {
        let paper = CorePaperBuilder.paper([("Method", [.box([(.state, "Compute the critic loss $L_C$ using the TD error", 0)])])])
        let line = CoreAnalyzer().analyze(paper).audit.first
        #expect(line?.prose == true)
        #expect(line?.covered(by: "pytorch") == false)
    }
}
