import Testing
@testable import Analyzers

@Suite struct HyperparameterVocabularyTests {
    let v = HyperparameterVocabulary.shared

    @Test(arguments: [
        ("learning rate", "learning_rate"), ("Learning Rates", "learning_rate"), ("step size", "learning_rate"),
        ("stepsize", "learning_rate"), ("step-size", "learning_rate"), ("lr", "learning_rate"), ("LR", "learning_rate"),
        ("mini-batch size", "batch_size"), ("minibatch size", "batch_size"), ("mini batch sizes", "batch_size"),
        ("Batch Size", "batch_size"), ("number of epochs", "epochs"), ("the number of epochs", "epochs"),
        ("# of epochs", "epochs"), ("training iterations", "training_steps"), ("warm-up steps", "warmup_steps"),
        ("warmup", "warmup_steps"), ("weight-decay", "weight_decay"), ("dropout rate", "dropout"),
        ("number of heads", "num_heads"), ("#Heads", "num_heads"), ("d_model", "hidden_size"), ("dmodel", "hidden_size"),
        ("discount factor", "discount_factor"), ("GAE lambda", "gae_lambda"), ("entropy coefficient", "entropy_coefficient"),
        ("clip range", "clip_range"), ("KL penalty coefficient", "kl_coefficient"), ("EMA decay", "ema_decay"),
        ("number of function evaluations", "sampling_steps"), ("classifier-free guidance scale", "guidance_scale"),
        ("random seeds", "seeds"), ("label smoothing", "label_smoothing"), ("gradient clipping", "gradient_clipping"),
        ("max grad norm", "gradient_clipping"), ("context length", "sequence_length"), ("optimiser", "optimizer"),
        ("learning rate schedule", "learning_rate_schedule"), ("latent dimension", "latent_dim"),
        ("kernel size", "kernel_size"), ("embedding dimension", "embedding_dim"), ("temperature", "temperature"),
    ])
    func namesResolve(phrase: String, expected: String) {
        #expect(v.canonical(forName: phrase)?.name == expected)
    }

    @Test(arguments: ["learning", "rate of convergence", "banana", ""])
    func unknownNamesDoNotResolve(phrase: String) {
        #expect(v.canonical(forName: phrase) == nil)
    }

    @Test(arguments: [
        ("Sophia-G peak learning rate", "learning_rate"), ("reward discount factor", "discount_factor"),
        ("Baseline LR", "learning_rate"), ("batch size per GPU", "batch_size"), ("Adam beta2", "beta2"),
        ("Schedule-Free learning rate", "learning_rate"), ("total number of training steps", "training_steps"),
        ("Weight decay Cosine", "weight_decay"), ("RoPE θ", "rope_theta"),
    ])
    func phrasesWithQualifiersResolve(phrase: String, expected: String) {
        #expect(v.canonical(forPhrase: phrase)?.name == expected)
    }

    @Test func exactLookupDoesNotDropQualifiers() {
        #expect(v.canonical(forName: "Sophia-G peak learning rate") == nil)
        #expect(v.canonical(forPhrase: "Sophia-G peak learning rate")?.name == "learning_rate")
    }

    @Test(arguments: ["Schedule-Free decay", "Layer Decay", "banana split"])
    func qualifiedPhrasesDoNotOverreach(phrase: String) {
        #expect(v.canonical(forPhrase: phrase) == nil, "\(String(describing: v.canonical(forPhrase: phrase)?.name))")
    }

    @Test(arguments: [
        ("\\eta", "learning_rate"), ("η", "learning_rate"), ("$\\eta$", "learning_rate"),
        ("\\beta_1", "beta1"), ("\\beta_{1}", "beta1"), ("β1", "beta1"), ("β₁", "beta1"), ("beta_1", "beta1"),
        ("\\beta_2", "beta2"), ("\\gamma", "discount_factor"), ("γ", "discount_factor"), ("\\epsilon", "epsilon"),
        ("\\varepsilon", "epsilon"), ("ϵ", "epsilon"), ("\\tau", "temperature"), ("\\mathit{NFE}", "sampling_steps"),
        ("\\lambda", "weight_decay"), ("\\rho", "rho"),
    ])
    func symbolsResolve(symbol: String, firstExpected: String) {
        let found = v.canonical(forSymbol: symbol).map(\.name)
        #expect(found.first == firstExpected, "\(found)")
    }

    @Test func symbolsAreAmbiguous() {
        let alpha = v.canonical(forSymbol: "\\alpha").map(\.name)
        #expect(alpha.contains("learning_rate"))
        #expect(alpha.count > 1)
        let lambda = v.canonical(forSymbol: "λ").map(\.name)
        #expect(lambda.contains("gae_lambda") && lambda.contains("weight_decay") && lambda.contains("lambda"))
        #expect(v.canonical(forSymbol: "\\zeta").isEmpty)
    }

    @Test(arguments: [
        ("learning_rate", 0.001, true), ("learning_rate", 300, false), ("dropout", 0.1, true), ("dropout", 1.5, false),
        ("beta2", 0.999, true), ("discount_factor", 0.99, true), ("discount_factor", 2, false),
        ("batch_size", 4096, true), ("batch_size", 0, false), ("num_layers", 12, true), ("weight_decay", -1, false),
    ])
    func plausibility(name: String, value: Double, plausible: Bool) throws {
        let e = try #require(v.entry(named: name))
        #expect(e.isPlausible(value) == plausible)
    }

    @Test func entriesCarryCategoryKindAndUnits() throws {
        let bs = try #require(v.entry(named: "batch_size"))
        #expect(bs.kind == .integer)
        #expect(bs.category == .training)
        let sched = try #require(v.entry(named: "learning_rate_schedule"))
        #expect(sched.kind == .schedule)
        #expect(v.entry(named: "epochs")?.units == "epochs")
        #expect(v.entry(named: "gae_lambda")?.category == .rl)
        #expect(v.entry(named: "optimizer")?.kind == .choice)
    }
}
