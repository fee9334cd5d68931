import MathParsing
import Testing

/// Tree shapes, one table per family of constructs. Each row is TeX and the expected
/// s-expression (`(op args…)`, fonts as `bold:x`, constants as `#pi`, `_` for nothing).
@Suite("Shapes")
struct ShapeTests {
    @Test("operator precedence and implicit multiplication", arguments: [
        Case("a + b c", "(+ a (* b c))"),
        Case("a + b \\cdot c", "(+ a (cdot b c))"),
        Case("a - b - c", "(- (- a b) c)"),
        Case("2x", "(* 2 x)"),
        Case("a/bc", "(/ a (* b c))"),
        Case("-x^2", "(neg (^ x 2))"),
        Case("-a b", "(neg (* a b))"),
        Case("a \\cdot -b", "(cdot a (neg b))"),
        Case("\\pm \\sqrt{b^2 - 4ac}", "(pm (sqrt (- (^ b 2) (* (* 4 a) c))))"),
        Case("a \\odot b \\otimes c \\oplus d", "(oplus (otimes (odot a b) c) d)"),
        Case("a \\times b \\circ c / d", "(/ (circ (times a b) c) d)"),
        Case("a \\ast b \\star c", "(star (ast a b) c)"),
        Case("\\neg p \\land q \\lor r", "(or (and (not p) q) r)"),
        Case("a = b \\implies c", "(=> (= a b) c)"),
    ])
    func precedence(_ c: Case) { #expect(shape(c.tex) == c.expected) }

    @Test("scripts: powers, indices, transposes, primes", arguments: [
        Case("x^2", "(^ x 2)"),
        Case("x_t", "(_ x t)"),
        Case("\\beta_1^t", "(^ (_ beta 1) t)"),
        Case("x^2_i", "(^ (_ x i) 2)"),
        Case("V_{AB}", "(_ V AB)"),
        Case("W_{hh}", "(_ W hh)"),
        Case("x_{t-1}", "(_ x (- t 1))"),
        Case("x_{i,j}", "(_ x (tuple i j))"),
        Case("x_12", "(* (_ x 1) 2)"),
        Case("\\theta_{\\text{old}}", "(_ theta \"old\")"),
        Case("x^\\top y", "(* (T x) y)"),
        Case("x^{\\intercal}", "(T x)"),
        Case("x^{\\mathsf{T}}", "(T x)"),
        Case("x^T", "(T? x)"),
        Case("\\gamma^T", "(T? gamma)"),
        Case("x^*", "(star x)"),
        Case("x^{*}", "(star x)"),
        Case("x^\\dagger", "(dagger x)"),
        Case("x'", "(prime x)"),
        Case("x''", "(prime (prime x))"),
        Case("x^\\prime", "(prime x)"),
        Case("x^{(i)}", "(^() x i)"),
        Case("W^{(l)} h^{(l-1)}", "(* (^() W l) (^() h (- l 1)))"),
        Case("A^{-1}", "(^ A (neg 1))"),
        Case("10^{-8}", "(^ 10 (neg 8))"),
        Case("{}^{T}", "(T? _)"),
        Case("x^{ab}", "(^ x (* a b))"),
        Case("x^{enc}", "(^ x enc)"),
        Case("e^{ax}", "(^ #e (* a x))"),
        Case("n!", "(! n)"),
    ])
    func scripts(_ c: Case) { #expect(shape(c.tex) == c.expected) }

    @Test("fractions, roots, binomials", arguments: [
        Case("\\frac{a}{b}", "(frac a b)"),
        Case("\\dfrac{a}{b} + \\tfrac12", "(+ (frac a b) (frac 1 2))"),
        Case("\\frac\\alpha\\beta", "(frac alpha beta)"),
        Case("{a \\over b}", "(frac a b)"),
        Case("\\sqrt{x}", "(sqrt x)"),
        Case("\\sqrt[3]{x}", "(root x 3)"),
        Case("\\sqrt x", "(sqrt x)"),
        Case("\\binom{n}{k}", "(apply rm:binom n k)"),
        Case("{n \\choose k}", "(apply rm:binom n k)"),
    ])
    func fractions(_ c: Case) { #expect(shape(c.tex) == c.expected) }

    @Test("derivatives and gradients", arguments: [
        Case("\\frac{\\partial L}{\\partial w}", "(partial L w)"),
        Case("\\frac{\\partial^2 L}{\\partial w \\partial v}", "(partial^2 L w v)"),
        Case("\\frac{\\partial^2 L}{\\partial w^2}", "(partial^2 L w w)"),
        Case("\\frac{d}{dx} f(x)", "(d (apply f x) x)"),
        Case("\\frac{dy}{dx}", "(d y x)"),
        Case("\\frac{d^2 y}{dx^2}", "(d^2 y x x)"),
        Case("\\frac{\\mathrm{d}}{\\mathrm{d}t} x", "(d x t)"),
        Case("\\frac{\\partial}{\\partial \\theta} \\log p(x)", "(partial (apply rm:log (apply p x)) theta)"),
        Case("\\partial L / \\partial w", "(partial L w)"),
        Case("\\nabla_\\theta f(\\theta)", "(grad (apply f theta) theta)"),
        Case("\\nabla f", "(grad f)"),
        Case("\\nabla^2 f", "(grad^2 f)"),
        Case("\\partial_t u", "(partial u t)"),
        Case("\\nabla_\\theta \\log \\pi_\\theta(a|s) Q(s,a)",
             "(* (grad (apply rm:log (apply (_ pi theta) (| a s))) theta) (apply Q s a))"),
        Case("\\frac{d}{2}", "(frac d 2)"),
    ])
    func derivatives(_ c: Case) { #expect(shape(c.tex) == c.expected) }

    @Test("big operators with limits", arguments: [
        Case("\\sum_{i=1}^{n} x_i", "(sum (= i 1) n (_ x i))"),
        Case("\\sum_{i=1}^n x_i^2 + 1", "(+ (sum (= i 1) n (^ (_ x i) 2)) 1)"),
        Case("\\sum_i a_i b_i", "(sum i _ (* (_ a i) (_ b i)))"),
        Case("\\sum_i \\sum_j a_{ij}", "(sum i _ (sum j _ (_ a ij)))"),
        Case("\\prod_{j} p_j", "(prod j _ (_ p j))"),
        Case("\\max_{a'} Q(s', a')", "(max (prime a) _ (apply Q (prime s) (prime a)))"),
        Case("\\min_{G}\\max_{D} V(D, G)", "(min G _ (max D _ (apply V D G)))"),
        Case("\\max(a, b)", "(apply rm:max a b)"),
        Case("\\max\\{0, x\\}", "(apply rm:max 0 x)"),
        Case("\\arg\\min_\\theta L(\\theta)", "(argmin theta _ (apply L theta))"),
        Case("\\arg\\max_a Q(s,a)", "(argmax a _ (apply Q s a))"),
        Case("\\argmax_a Q(s,a)", "(argmax a _ (apply Q s a))"),
        Case("\\operatorname*{argmin}_{x \\in X} f(x)", "(argmin (in x X) _ (apply f x))"),
        Case("\\operatorname*{arg\\,max}_y E(y)", "(argmax y _ (apply E y))"),
        Case("\\mathop{\\mathrm{argmin}}_x f", "(argmin x _ f)"),
        Case("\\underset{x}{\\arg\\min} f(x)", "(argmin x _ (apply f x))"),
        Case("\\lim_{n \\to \\infty} a_n", "(lim (-> n #inf) _ (_ a n))"),
        Case("\\lim\\limits_{x \\to 0} \\frac{\\sin x}{x}", "(lim (-> x 0) _ (frac (apply rm:sin x) x))"),
        Case("\\sup_{x} |f(x)|", "(sup x _ (abs (apply f x)))"),
        Case("\\inf_x f(x)", "(inf x _ (apply f x))"),
        Case("\\displaystyle\\sum\\limits_{i}\\nolimits x", "(sum i _ x)"),
        Case("\\int_0^1 f(x)\\, dx", "(int 0 1 (* (* (apply f x) d) x))"),
    ])
    func bigOperators(_ c: Case) { #expect(shape(c.tex) == c.expected) }

    @Test("expectations", arguments: [
        Case("\\mathbb{E}_{x\\sim p}[\\log D(x)]", "(E (~ x p) _ (apply rm:log (apply D x)))"),
        Case("\\mathbb{E}[X \\mid Y]", "(E _ _ (| X Y))"),
        Case("\\mathbb{E}_{x}\\left[f(x)\\right]", "(E x _ (apply f x))"),
        Case("\\mathbb{E}[\\cdot]", "(E _ _ cdot)"),
        Case("E_{x}[f(x)]", "(E x _ (apply f x))"),
        Case("\\mathop{\\mathbb{E}}_{x}[f]", "(E x _ f)"),
        Case("{\\mathbb{E}}_{x}[f]", "(E x _ f)"),
        Case("\\operatorname{\\mathbb{E}}[f]", "(E _ _ f)"),
        Case("\\mathbb{E}_{x} f(x) + 1", "(+ (E x _ (apply f x)) 1)"),
    ])
    func expectations(_ c: Case) { #expect(shape(c.tex) == c.expected) }

    @Test("function application versus multiplication", arguments: [
        Case("f(\\theta)", "(apply f theta)"),
        Case("a(b+c)", "(* a (paren (+ b c)))"),
        Case("g(x) h(y)", "(* (apply g x) (apply h y))"),
        Case("\\sigma(Wx + b)", "(apply sigma (+ (* W x) b))"),
        Case("\\mathrm{softmax}(z)", "(apply rm:softmax z)"),
        Case("\\operatorname{softmax}(z)_i", "(_ (apply rm:softmax z) i)"),
        Case("\\text{softmax}(z)", "(apply rm:softmax z)"),
        Case("softmax(z)", "(apply rm:softmax z)"),
        Case("\\log x", "(apply rm:log x)"),
        Case("\\exp(x) + \\exp x", "(+ (apply rm:exp x) (apply rm:exp x))"),
        Case("\\log 2\\pi\\sigma^2", "(apply rm:log (* (* 2 #pi) (^ sigma 2)))"),
        Case("\\log \\det \\Sigma", "(apply rm:log (apply rm:det Sigma))"),
        Case("\\sin x \\cos y", "(* (apply rm:sin x) (apply rm:cos y))"),
        Case("\\sin^2 x", "(^ (apply rm:sin x) 2)"),
        Case("\\log_2 n", "(apply (_ rm:log 2) n)"),
        Case("f^{-1}(x)", "(apply (^ f (neg 1)) x)"),
        Case("f_t(\\theta_{t-1})", "(apply (_ f t) (_ theta (- t 1)))"),
        Case("\\hat{f}(x)", "(apply (hat f) x)"),
        Case("f'(x)", "(apply (prime f) x)"),
        Case("Q(s, a)", "(apply Q s a)"),
        Case("J(\\theta)", "(apply J theta)"),
        Case("x(t + 1)", "(* x (paren (+ t 1)))"),
        Case("A(\\eta(z))", "(apply A (apply eta z))"),
        Case("p(x \\mid y)", "(apply p (| x y))"),
        Case("p(x|y)", "(apply p (| x y))"),
        Case("p(x; \\theta)", "(apply p (; x theta))"),
        Case("\\mathcal{L}(\\theta)", "(apply cal:L theta)"),
        Case("\\mathcal{N}(\\mu, \\sigma^2 I)", "(apply cal:N mu (* (^ sigma 2) I))"),
        Case("D_{KL}(p \\| q)", "(apply (_ D KL) (|| p q))"),
        Case("D(p || q)", "(apply D (|| p q))"),
        Case("\\mathrm{Var}[X]", "(apply rm:Var X)"),
        Case("\\mathbb{1}[x > 0]", "(apply bb:1 (> x 0))"),
        Case("\\Pr(A \\mid B)", "(apply rm:Pr (| A B))"),
        Case("\\pi(a|s)", "(apply pi (| a s))"),
        Case("\\foo(x)", "(apply (\\foo) x)"),
    ])
    func application(_ c: Case) { #expect(shape(c.tex) == c.expected) }

    @Test("caller-declared functions")
    func declaredFunctions() {
        #expect(parse("F(x + 1)").root.sExpression == "(* F (paren (+ x 1)))")
        #expect(parse("F(x + 1)", functions: ["F"]).root.sExpression == "(apply F (+ x 1))")
        #expect(parse("\\Phi(x + 1)", functions: ["\\Phi"]).root.sExpression == "(apply Phi (+ x 1))")
    }

    @Test("fences, norms, sets, intervals, tuples", arguments: [
        Case("\\left( a + b \\right)^2", "(^ (paren (+ a b)) 2)"),
        Case("\\bigl( a + b \\bigr)", "(paren (+ a b))"),
        Case("\\Bigg[ x \\Bigg]", "(bracket x)"),
        Case("|x - y|", "(abs (- x y))"),
        Case("\\lvert x \\rvert", "(abs x)"),
        Case("\\|x\\|_2", "(_ (norm x) 2)"),
        Case("\\|x\\|_2^2 + \\lambda \\lVert w \\rVert", "(+ (^ (_ (norm x) 2) 2) (* lambda (norm w)))"),
        Case("\\left\\lVert x \\right\\rVert_2", "(_ (norm x) 2)"),
        Case("||x||", "(norm x)"),
        Case("\\lambda |x|", "(* lambda (abs x))"),
        Case("|x| + |y|", "(+ (abs x) (abs y))"),
        Case("\\lfloor x \\rfloor + \\lceil y \\rceil", "(+ (floor x) (ceil y))"),
        Case("\\langle x, y \\rangle", "(angle (tuple x y))"),
        Case("\\{1, 2, 3\\}", "(set (tuple 1 2 3))"),
        Case("\\{x : p(x) > 0\\}", "(setof x (> (apply p x) 0))"),
        Case("\\{ x \\in \\mathbb{R} \\mid x > 0 \\}", "(setof (in x bb:R) (> x 0))"),
        Case("\\left\\{ x \\,\\middle|\\, x > 0 \\right\\}", "(setof x (> x 0))"),
        Case("x \\in [0, 1)", "(in x (fence [ ) (tuple 0 1)))"),
        Case("(0, 1]", "(fence ( ] (tuple 0 1))"),
        Case("(a, b)", "(paren (tuple a b))"),
        Case("[a, b]", "(bracket (tuple a b))"),
        Case("a, b, \\ldots, z", "(tuple a b ... z)"),
        Case("x_1 + \\cdots + x_n", "(+ (+ (_ x 1) ...) (_ x n))"),
        Case("\\forall i=2...d", "(forall (= i (* (* 2 ...) d)))"),
    ])
    func fences(_ c: Case) { #expect(shape(c.tex) == c.expected) }

    @Test("relations and assignments", arguments: [
        Case("m \\leftarrow b", "(<- m b)"),
        Case("m \\gets b", "(<- m b)"),
        Case("q {\\gets} \\log x", "(<- q (apply rm:log x))"),
        Case("a {=} b {+} c", "(= a (+ b c))"),
        Case("a {b} c", "(* (* a b) c)"),
        Case("y := f(x)", "(:= y (apply f x))"),
        Case("y \\coloneqq x", "(:= y x)"),
        Case("y \\vcentcolon= x", "(:= y x)"),
        Case("a \\triangleq b", "(:= a b)"),
        Case("a \\overset{\\text{def}}{=} b", "(:= a b)"),
        Case("a \\equiv b", "(equiv a b)"),
        Case("a = b", "(= a b)"),
        Case("a < b \\le c \\leq d", "(<= (<= (< a b) c) d)"),
        Case("a \\ge b \\geq c", "(>= (>= a b) c)"),
        Case("a \\neq b", "(!= a b)"),
        Case("a \\not= b", "(!= a b)"),
        Case("a \\approx b \\sim c \\propto d", "(propto (~ (approx a b) c) d)"),
        Case("x \\in A \\notin B", "(notin (in x A) B)"),
        Case("x \\not\\in A", "(notin x A)"),
        Case("A \\subset B \\subseteq C", "(subseteq (subset A B) C)"),
        Case("f: \\mathbb{R}^n \\to \\mathbb{R}", "(: f (-> (^ bb:R n) bb:R))"),
        Case("x \\mapsto x^2", "(|-> x (^ x 2))"),
        Case("x \\sim \\mathcal{N}(0, I)", "(~ x (apply cal:N 0 I))"),
        Case("\\forall x \\in X, x > 0", "(tuple (forall (in x X)) (> x 0))"),
    ])
    func relations(_ c: Case) { #expect(shape(c.tex) == c.expected) }

    @Test("environments and lines", arguments: [
        Case("f(x) = \\begin{cases} x & \\text{if } x > 0 \\\\ 0 & \\text{otherwise} \\end{cases}",
             "(= (apply f x) (cases (x (seq \"if \" (> x 0))) (0 \"otherwise\")))"),
        Case("\\begin{cases} 1 & \\textrm{if $j\\leq d$}\\\\ 0 & \\textrm{otherwise} \\end{cases}",
             "(cases (1 (seq \"if \" (<= j d))) (0 \"otherwise\"))"),
        Case("\\begin{pmatrix} a & b \\\\ c & d \\end{pmatrix}", "(pmatrix (a b) (c d))"),
        Case("\\begin{bmatrix} 1 & 0 \\\\ 0 & 1 \\\\ \\end{bmatrix}", "(bmatrix (1 0) (0 1))"),
        Case("\\begin{array}{cc} a & b \\\\ c & d \\end{array}", "(array (a b) (c d))"),
        Case("\\begin{aligned} L &= a + b \\\\ &= c \\end{aligned}", "(= (= L (+ a b)) c)"),
        Case("\\begin{split} a &= b \\\\ &\\quad + c \\end{split}", "(= a (+ b c))"),
        Case("a = b \\\\ c = d", "(lines (= a b) (= c d))"),
        Case("m_t &= a \\\\ v_t &= b", "(lines (= (_ m t) a) (= (_ v t) b))"),
        Case("x = 1 & y = 2", "(seq (= x 1) (= y 2))"),
        Case("a &=& b \\\\ c &=& d", "(lines (= a b) (= c d))"),
        Case("L = \\Big( a \\\\ b \\Big)", "(= L (paren (* a b)))"),
        Case("\\begin{myenv} a & b \\end{myenv}", "(myenv (a b))"),
        Case("\\sum_{\\substack{i \\\\ j}} x", "(sum (lines i j) _ x)"),
    ])
    func environments(_ c: Case) { #expect(shape(c.tex) == c.expected) }

    @Test("prose, spacing, decorations, fonts", arguments: [
        Case("\\text{if } x > 0", "(seq \"if \" (> x 0))"),
        Case("\\textrm{lr} = 0.001", "(= \"lr\" 0.001)"),
        Case("\\mbox{for all } i", "(seq \"for all \" i)"),
        Case("x = 1 \\quad y = 2", "(seq (= x 1) (= y 2))"),
        Case("a \\, b \\; c \\! d ~ e \\ f", "(* (* (* (* (* a b) c) d) e) f)"),
        Case("a = b,", "(= a b)"),
        Case("a = b.", "(= a b)"),
        Case("\\hat{x} + \\widehat{xy}", "(+ (hat x) (hat (* x y)))"),
        Case("\\bar{x} + \\overline{x} + \\tilde{x} + \\widetilde{W}", "(+ (+ (+ (bar x) (bar x)) (tilde x)) (tilde W))"),
        Case("\\vec{v} \\cdot \\dot{x}", "(cdot (vec v) (dot x))"),
        Case("\\hat{m}_t", "(_ (hat m) t)"),
        Case("\\mathbf{W} \\boldsymbol{\\mu} \\bm{x}", "(* (* bold:W bold:mu) bold:x)"),
        Case("\\mathcal{L} + \\mathbb{R} + \\mathsf{A} + \\mathfrak{g}", "(+ (+ (+ cal:L bb:R) sf:A) frak:g)"),
        Case("\\mathit{ReLU}", "it:ReLU"),
        Case("\\mathrm{KL}", "rm:KL"),
        Case("\\mathbf{x_i}", "(_ bold:x bold:i)"),  // as TeX sets it: the font reaches the index
        Case("{\\bf x} y", "(* bold:x y)"),
        Case("\\boxed{x} + \\color{red} y", "(+ x y)"),
        Case("\\underbrace{a + b}_{\\text{sum}}", "(+ a b)"),
        Case("\\mathop{}\\!\\mathrm{d} x", "(* rm:d x)"),
    ])
    func prose(_ c: Case) { #expect(shape(c.tex) == c.expected) }

    @Test("constants, numbers, Greek", arguments: [
        Case("2\\pi r", "(* (* 2 #pi) r)"),
        Case("\\pi_\\theta", "(_ pi theta)"),
        Case("\\pi^*", "(star pi)"),
        Case("V^\\pi", "(^ V pi)"),
        Case("\\hat\\pi", "(hat pi)"),
        Case("\\infty", "#inf"),
        Case("-\\infty", "(neg #inf)"),
        Case("e^{x}", "(^ #e x)"),
        Case("e^{i\\pi}", "(^ #e (* i #pi))"),
        Case("e_i", "(_ e i)"),
        Case("\\emptyset", "#emptyset"),
        Case("0.9", "0.9"),
        Case(".5", ".5"),
        Case("1e-8", "1e-8"),
        Case("3.14", "3.14"),
        Case("\\varepsilon + \\vartheta + \\varphi + \\Omega", "(+ (+ (+ varepsilon vartheta) varphi) Omega)"),
        Case("\\ell(\\theta)", "(apply ell theta)"),
    ])
    func constants(_ c: Case) { #expect(shape(c.tex) == c.expected) }

    @Test("Unicode reads like TeX", arguments: [
        Case("α + β ≤ γ", "(<= (+ alpha beta) gamma)"),
        Case("m ← β·m − g", "(<- m (- (cdot beta m) g))"),
        Case("√x", "(sqrt x)"),
        Case("∇f", "(grad f)"),
        Case("∑_i x_i", "(sum i _ (_ x i))"),
        Case("x ∈ ℝ", "(in x bb:R)"),
        Case("x²", "(^ x 2)"),
        Case("A⁻¹", "(^ A (neg 1))"),
        Case("xᵀy", "(* (T? x) y)"),
        Case("x ≠ ∞", "(!= x #inf)"),
        Case("𝐱 + ℝ", "(+ bold:x bb:R)"),
        Case("𝔼[X]", "(E _ _ X)"),
        Case("x₁", "(_ x 1)"),
    ])
    func unicode(_ c: Case) { #expect(shape(c.tex) == c.expected) }

    @Test("unknown commands are kept, not dropped", arguments: [
        Case("\\foo{x}", "(\\foo x)"),
        Case("\\foo{x}{y} + 1", "(+ (\\foo x y) 1)"),
        Case("\\foo + 1", "(+ (\\foo) 1)"),
    ])
    func unknown(_ c: Case) {
        let result = parse(c.tex)
        #expect(result.root.sExpression == c.expected)
        #expect(result.complete)
        #expect(result.diagnostics.isEmpty)
    }
}
