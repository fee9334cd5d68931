import Testing
import MathParsing
import PaperModel
@testable import Analyzers

@Suite struct CoreGlossaryTests {
    @Test(arguments: [
        ("step size", "step_size"),
        ("Stepsize", "stepsize"),
        ("the learning rate", "learning_rate"),
        ("first moment estimate", "first_moment"),
        ("damping coefficient", "damping"),
        ("exponential decay rates for the moment estimates", "exponential_decay_rates"),
        ("small constant that keeps the denominator positive", nil),
        ("initial parameter vector", nil),
        ("stochastic objective function with parameters $\\theta$", "objective"),
        ("scaling factor applied uniformly everywhere", nil),
    ] as [(String, String?)])
    func identifierFromMeaning(_ meaning: String, _ expected: String?) {
        #expect(CoreNaming.shared.identifier(fromMeaning: meaning) == expected)
    }

    @Test(arguments: [
        (#"\hat{m}_t"#, "hat(m)", "m_hat"),
        (#"m_{t-1}"#, "m", "m"),
        (#"\theta_{t+1}"#, "theta", "theta"),
        (#"\beta_1"#, "beta_{1}", "beta1"),
        (#"\epsilon"#, "epsilon", "eps"),
        (#"\lambda"#, "lambda", "lam"),
        (#"\mathbf{g}_t"#, "g", "g"),
        (#"\mathcal{L}_d"#, "cal:L_{d}", "L_d"),
        (#"\tilde{x}^{(i)}"#, "tilde(x)^(i)", "x_tilde_i"),
        (#"g^{(t)}"#, "g", "g"),
        (#"\Delta t"#, "Delta t", "delta_t"),
        (#"x_k"#, "x", "x"),
    ])
    func quantityKeysAndSpellings(_ tex: String, _ key: String, _ readable: String) throws {
        let reader = QuantityReader(counters: ["t", "k"])
        let q = try #require(reader.quantity(MathParser().parse(tex).root))
        #expect(q.key == key)
        #expect(q.readable == readable)
    }

    @Test(arguments: [
        // (TeX, constants, varying, expected reading)
        (#"\beta_1^t"#, ["beta_{1}"], [String](), Notation.Reading.powerOfCounter),
        (#"g_t^2"#, [], ["g"], .elementwiseSquare),
        (#"x^t"#, [], ["x"], .index),
        (#"z^{k,l}"#, [], ["z"], .index),
        (#"\phi^1"#, [], [], .index),
        (#"x^2"#, [], [], .power),
    ])
    func powerOrIndex(_ tex: String, _ constants: [String], _ varying: [String], _ expected: Notation.Reading) throws {
        let reader = QuantityReader(counters: ["t", "k"])
        let notation = Notation(reader: reader, constants: Set(constants), powerNotes: [], varying: Set(varying))
        guard case .power(let base, let exponent) = MathParser().parse(tex).root.kind else {
            Issue.record("\(tex) should parse as a superscript")
            return
        }
        #expect(notation.reading(base: base, exponent: exponent) == expected)
    }

    @Test(arguments: [
        (#"m_t \gets \beta_1 m_{t-1} + (1-\beta_1) g_t"#, "m = beta1 * m + (1 - beta1) * g"),
        (#"\theta_t \gets \theta_{t-1} - \alpha \hat{m}_t / (\sqrt{\hat{v}_t} + \epsilon)"#, "theta -= step_size * m_hat / (sqrt(v_hat) + eps)"),
        (#"\hat{m}_t = \frac{m_t}{1 - \beta_1^t}"#, "m_hat = m / (1 - beta1 ** t)"),
        (#"v_t = \beta_2 v_{t-1} + (1 - \beta_2) g_t^2"#, "v = beta2 * v + (1 - beta2) * g ** 2"),
        (#"g_t = \nabla_\theta f_t(\theta_{t-1})"#, "g = grad(f)(theta)"),
        (#"L = \frac{1}{N}\sum_{i=1}^N \|x_i - y_i\|^2"#, "L = 1 / N * sum(norm(x_i - y_i) ** 2 for i in 1..N)"),
        (#"p = \mathrm{softmax}(W^\top h)"#, "p = softmax(W.T @ h)"),
        (#"t \gets t + 1"#, "t += 1"),
    ])
    func plainRewrite(_ tex: String, _ expected: String) {
        let reader = QuantityReader(counters: ["t"])
        let notation = Notation(reader: reader, constants: ["beta_{1}", "beta_{2}"], powerNotes: [], varying: ["m", "v", "g", "theta"])
        let printer = CodePrinter(names: ["alpha": "step_size"], notation: notation)
        #expect(printer.statement(MathParser().parse(tex).root) == expected)
    }

    @Test(arguments: [
        ("where $\\eta$ is the learning rate.", "eta", "learning_rate", GlossaryEntry.Source.definition),
        ("Let $m_t$ denote the first moment estimate.", "m", "first_moment", .definition),
        ("We denote by $\\rho$ the target sparsity of the code.", "rho", "target_sparsity", .definition),
        ("We use the step size $\\gamma$ throughout.", "gamma", "step_size", .apposition),
        ("with decay rates $\\beta_1$ and $\\beta_2$.", "beta_{1}", "beta1", .apposition),
    ])
    func meaningsFromTheText(_ sentence: String, _ key: String, _ name: String, _ source: GlossaryEntry.Source) throws {
        let paper = CorePaperBuilder.paper([
            ("Method", [
                .text(sentence),
                .equation(#"x_{t+1} = x_t - \eta \gamma \rho m_t + \beta_1 \beta_2"#, label: "eq:x", number: "1"),
            ]),
        ])
        let core = CoreAnalyzer().analyze(paper)
        let entry = try #require(core.entry(key))
        #expect(entry.name == name)
        #expect(entry.source == source)
        #expect(entry.evidence?.line != nil)
    }

    @Test func valuesAreFoundAndSharedDescriptionsDoNotName() throws {
        let paper = CorePaperBuilder.paper([
            ("Method", [
                .box([(.require, "$\\beta_1, \\beta_2 \\in [0, 1)$: decay rates", 0),
                      (.require, "$\\kappa$: temperature", 0),
                      (.state, "$x \\gets \\beta_1 x + \\beta_2 \\kappa$", 0)],
                     caption: "Defaults: $\\beta_1, \\beta_2 = 0.9, 0.999$."),
            ]),
        ])
        let core = CoreAnalyzer().analyze(paper)
        #expect(core.entry("beta_{1}")?.value == "0.9")
        #expect(core.entry("beta_{2}")?.value == "0.999")
        #expect(core.entry("beta_{1}")?.name == "beta1", "two symbols share 'decay rates': no name from it")
        #expect(core.entry("beta_{1}")?.shared == true)
        #expect(core.entry("kappa")?.name == "temperature")
        #expect(core.algorithms[0].inputs.first { $0.key == "beta_{1}" }?.constraint == "in [0, 1)")
        #expect(core.traps.contains { $0.kind == .unstatedValue && $0.symbol == "\\kappa" })
        #expect(!core.traps.contains { $0.kind == .unstatedValue && $0.symbol == "\\beta_1" })
    }

    @Test func undefinedSymbolsAreFlagged() {
        let paper = CorePaperBuilder.paper([
            ("Method", [.box([(.require, "$\\alpha$: step size", 0),
                              (.for, "$t = 1$ to $T$", 0),
                              (.state, "$w_{t+1} \\gets w_t - \\alpha \\zeta g_t$", 1),
                              (.endFor, "", 0)])]),
        ])
        let traps = CoreAnalyzer().analyze(paper).traps.filter { $0.kind == .undefinedSymbol }.compactMap(\.symbol)
        #expect(traps.contains("zeta"))
        #expect(traps.contains("g"))
        #expect(!traps.contains("alpha"))
        #expect(!traps.contains("w"), "w is assigned by the loop")
    }
}
