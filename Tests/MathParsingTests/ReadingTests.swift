import MathParsing
import Testing

/// Whole formulas as a reader sees them: the Adam update, sympy's known failures, and the
/// printers.
@Suite("Readings")
struct ReadingTests {
    @Test("Adam's update rules", arguments: [
        Case(#"m_t \leftarrow \beta_1 \cdot m_{t-1} + (1-\beta_1) \cdot g_t"#,
             "m_t <- beta_1 * m_{t-1} + (1 - beta_1) * g_t"),
        Case(#"v_t \leftarrow \beta_2 \cdot v_{t-1} + (1-\beta_2) \cdot g_t^2"#,
             "v_t <- beta_2 * v_{t-1} + (1 - beta_2) * g_t^2"),
        Case(#"\hat{m}_t \leftarrow m_t/(1-\beta_1^t)"#,
             "hat(m)_t <- m_t / (1 - beta_1^t)"),
        Case(#"\theta_t \leftarrow \theta_{t-1} - \alpha \cdot \hat{m}_t/(\sqrt{\hat{v}_t}+\epsilon)"#,
             "theta_t <- theta_{t-1} - alpha * hat(m)_t / (sqrt(hat(v)_t) + epsilon)"),
        Case(#"g_t \leftarrow \nabla_\theta f_t(\theta_{t-1})"#,
             "g_t <- grad_{theta} f_t(theta_{t-1})"),
    ])
    func adam(_ c: Case) {
        let result = parse(c.tex)
        #expect(result.root.plainText == c.expected)
        #expect(result.complete)
        #expect(result.diagnostics.isEmpty)
    }

    @Test("Adam's shapes: assignment, power of an indexed symbol, gradient of an application")
    func adamShapes() {
        #expect(shape(#"\hat{m}_t \leftarrow m_t/(1-\beta_1^t)"#)
            == "(<- (_ (hat m) t) (/ (_ m t) (paren (- 1 (^ (_ beta 1) t)))))")
        #expect(shape(#"g_t \leftarrow \nabla_\theta f_t(\theta_{t-1})"#)
            == "(<- (_ g t) (grad (apply (_ f t) (_ theta (- t 1))) theta))")
        guard case .binary(let op, _, _) = parse(#"m_t \leftarrow m"#).root.kind else {
            Issue.record("not a binary node")
            return
        }
        #expect(op.isAssignment)
        #expect(op.isRelation)
    }

    /// Cases sympy's `parse_latex` gets wrong.
    @Test("sympy's known failures", arguments: [
        Case("V_{AB}", "(_ V AB)"),                          // one symbol V indexed by AB, not V*A*B
        Case("\\exp(x)", "(apply rm:exp x)"),                // a function, not a symbol times x
        Case("\\exp x", "(apply rm:exp x)"),
        Case("\\pi r^2", "(* #pi (^ r 2))"),                 // the constant
        Case("\\frac{d}{dx} x^2", "(d (^ x 2) x)"),          // a derivative, not d/(d x)
        Case("x_{t-1}", "(_ x (- t 1))"),                    // an expression index
        Case("\\log_{2} x", "(apply (_ rm:log 2) x)"),
    ])
    func sympy(_ c: Case) { #expect(shape(c.tex) == c.expected) }

    @Test("a^b^c is reported, not crashed")
    func doubleSuperscript() {
        let result = parse("a^b^c")
        #expect(result.root.sExpression == "(^ a (^ b c))")
        #expect(result.diagnostics.map(\.id) == [.doubleScript])
        #expect(parse("a_b_c").diagnostics.map(\.id) == [.doubleScript])
    }

    @Test("plain text", arguments: [
        Case("\\frac{a+b}{c+d}", "(a + b) / (c + d)"),
        Case("\\frac{1}{N}\\sum_{i=1}^N x_i", "(1 / N) sum_{i=1}^N x_i"),
        Case("(\\sum_i x_i) y", "(sum_i x_i) y"),
        Case("a(b+c)", "a (b + c)"),
        Case("f(x, y)", "f(x, y)"),
        Case("\\|x\\|_2^2", "||x||_2^2"),
        Case("\\mathbb{E}_{x \\sim p}[f(x)]", "E_{x~p}[f(x)]"),
        Case("\\frac{\\partial L}{\\partial w}", "partial(L, w)"),
        Case("x \\in [0, 1)", "x in [0, 1)"),
        Case("\\begin{cases} 1 & x > 0 \\\\ 0 & \\text{else} \\end{cases}", "cases(1, x > 0; 0, else)"),
        Case("\\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix}", "pmatrix[a, b; c, d]"),
        Case("a = b \\\\ c = d", "a = b\nc = d"),
        Case("\\lfloor x \\rfloor", "floor(x)"),
        Case("x^{(i)}", "x^{(i)}"),
        Case("-(a + b)", "-(a + b)"),
    ])
    func plainText(_ c: Case) { #expect(parse(c.tex).root.plainText == c.expected) }

    /// Printing as TeX and parsing again gives the same tree.
    @Test("TeX printing round-trips", arguments: [
        #"m_t \leftarrow \beta_1 \cdot m_{t-1} + (1-\beta_1) \cdot g_t"#,
        #"\theta_t \leftarrow \theta_{t-1} - \alpha \cdot \hat{m}_t/(\sqrt{\hat{v}_t}+\epsilon)"#,
        #"g_t \leftarrow \nabla_\theta f_t(\theta_{t-1})"#,
        #"\mathcal{L}(\theta) = -\frac{1}{N}\sum_{i=1}^{N} \log p_\theta(y_i \mid x_i)"#,
        #"\mathbb{E}_{x\sim p}[\log D(x)] + \|W\|_F^2"#,
        #"\hat{\theta} = \arg\min_\theta \frac{\partial L}{\partial \theta}"#,
        #"f(x) = \begin{cases} x & x > 0 \\ 0 & \text{otherwise} \end{cases}"#,
        #"A = \begin{pmatrix} a & b \\ c & d \end{pmatrix}^\top x^{(i)}"#,
        #"\mathrm{softmax}(QK^T/\sqrt{d_k})V"#,
        #"\{x \in \mathbb{R} : x > 0\} \cup [0, 1)"#,
        #"\sqrt[3]{x} + y' + n! + \sin^2 x"#,
    ])
    func texRoundTrip(_ tex: String) {
        let first = parse(tex)
        let again = parse(first.root.tex)
        #expect(again.root.sExpression == first.root.sExpression, "\(first.root.tex)")
        #expect(again.complete)
    }

    @Test("labels, tags and \\nonumber are kept aside")
    func labels() {
        let result = parse(#"E = mc^2 \tag{3} \label{eq:e} \nonumber"#)
        #expect(result.root.sExpression == "(= E (* m (^ c 2)))")
        #expect(result.labels == ["eq:e"])
        #expect(result.tags == ["3"])
        #expect(result.diagnostics.isEmpty)
    }

    @Test("the caller's macros expand before parsing")
    func macros() {
        let macros = ["\\R": "\\mathbb{R}", "E": "\\mathbb{E}", "\\loss": "\\mathcal{L}"]
        #expect(parse(#"x \in \R^n"#, macros: macros).root.sExpression == "(in x (^ bb:R n))")
        #expect(parse(#"\E_x[\loss(x)]"#, macros: macros).root.sExpression == "(E x _ (apply cal:L x))")
        // A recursive macro stops at the limit instead of hanging.
        let result = parse(#"\a + 1"#, macros: ["a": "\\a\\a"])
        #expect(result.diagnostics.contains { $0.id == .macroLimit })
    }
}
