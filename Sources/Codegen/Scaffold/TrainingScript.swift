import Analyzers
import PaperModel

/// `train.py` of a scaffold: the loop that feeds the generated algorithm, with a TODO for each
/// part the paper describes in words (data, model, objective, evaluation), each citing the
/// section and line where the paper says it, and the core equations the box does not implement.
struct TrainingScript {
    var deconstruction: Deconstruction
    var code: GeneratedCode
    var citations: PaperCitations

    private var module: String { String(code.fileName.split(separator: ".").first ?? "algorithm") }

    func text() -> String {
        let d = deconstruction
        let torch = code.target == .pytorch
        var out: [String] = []
        out.append("\"\"\"Training script, a skeleton written by deconstruct, for")
        out.append("\"\(d.paper.metadata.title ?? "the paper")\".")
        out.append("")
        out.append("The algorithm is \(code.fileName) (\(code.title)), generated from the paper's box;")
        out.append("config.yaml holds every setting the paper states. Fill in each TODO: each says where the")
        out.append("paper describes it.")
        out.append("\"\"\"")
        out.append("import yaml  # pip install pyyaml")
        out.append("")
        out.append("import \(module) as algorithm")
        out.append("")
        out.append("")
        out.append("def load_config(path=\"config.yaml\"):")
        out.append("    with open(path) as f:")
        out.append("        return yaml.safe_load(f)")
        out.append("")
        out.append("")
        out.append("def load_data(config):")
        out.append("    \"\"\"The training and evaluation data, as iterables of batches.\"\"\"")
        if d.datasets.isEmpty {
            out.append("    # TODO: the paper names no dataset the card recognises; see its experiments section.")
        }
        for ds in d.datasets {
            let what = [ds.task, ds.metrics.isEmpty ? nil : "metrics: " + ds.metrics.joined(separator: ", ")].compactMap { $0 }.joined(separator: "; ")
            out.append("    # TODO(\(citations.cite(ds.evidence))): \(ds.canonical ?? ds.name)" + (what.isEmpty ? "" : " — " + what))
        }
        out.append(contentsOf: settingsTODOs(category: [.data], indent: "    "))
        out.append("    raise NotImplementedError(\"load the data named in the TODOs above\")")
        out.append("")
        out.append("")
        out.append("def build_model(config):")
        out.append(torch ? "    \"\"\"The model (a torch.nn.Module) whose parameters the algorithm trains.\"\"\""
                         : "    \"\"\"The model's parameters: a list of NumPy arrays the algorithm updates in place.\"\"\"")
        let model = settingsTODOs(category: [.architecture], indent: "    ")
        out.append(contentsOf: model.isEmpty ? ["    # TODO: the card found no architecture settings; see the paper's model description."] : model)
        out.append("    raise NotImplementedError(\"build the model the paper describes\")")
        out.append("")
        out.append("")
        out.append(contentsOf: objective(torch: torch))
        out.append("")
        out.append("")
        out.append("def evaluate(model, data):")
        out.append("    \"\"\"The numbers the paper's claims are about, measured on `data`.\"\"\"")
        for c in d.claims.prefix(6) {
            out.append("    # TODO(\(citations.cite(c.evidence))): \"\(PlainProse.text(c.text).prefix(110))\"")
        }
        if d.claims.isEmpty { out.append("    # TODO: the card found no claims to check; see the paper's results.") }
        out.append("    raise NotImplementedError(\"compute the metrics of the claims above\")")
        out.append("")
        out.append("")
        out.append(contentsOf: mainFunction(torch: torch))
        out.append("")
        out.append("")
        out.append("if __name__ == \"__main__\":")
        out.append("    main()")
        return out.joined(separator: "\n") + "\n"
    }

    /// TODO lines for the card's settings of some categories, one per experiment:
    /// `# TODO(§3.2 Training details, file:14): batch_size = 128, epochs = 200 (config.yaml settings)`.
    private func settingsTODOs(category: Set<HyperparameterEntry.Category>, indent: String) -> [String] {
        var groups: [(scope: String?, first: HyperparameterFinding, items: [String])] = []
        for h in deconstruction.hyperparameters {
            guard let canonical = h.canonical, let c = HyperparameterVocabulary.shared.entry(named: canonical)?.category,
                  category.contains(c) else { continue }
            let item = "\(canonical) = \(ConfigFile.value(h.value))"
            if let i = groups.firstIndex(where: { $0.scope == h.scope }) {
                if !groups[i].items.contains(item) { groups[i].items.append(item) }
            } else {
                groups.append((h.scope, h, [item]))
            }
        }
        return groups.map { g in
            "\(indent)# TODO(\(citations.cite(g.first.evidence))): " + g.items.joined(separator: ", ")
                + " (config.yaml settings" + (g.scope.map { ", \(ConfigFile.quoted($0))" } ?? "") + ")"
        }
    }

    private func objective(torch: Bool) -> [String] {
        var out: [String] = []
        let f = requireLine(matching: "(")
        if code.shape == .optimizer {
            out.append(torch ? "def loss_of(model, batch):" : "def loss_and_gradients(params, batch):")
            out.append(torch ? "    \"\"\"The objective on a batch (a scalar tensor; its gradient comes from loss.backward()).\"\"\""
                             : "    \"\"\"The objective on a batch and its gradient with respect to each parameter array.\"\"\"")
            out.append("    # TODO(\(f ?? "the algorithm's inputs")): the objective the algorithm minimises"
                       + (torch ? "." : "; NumPy has no automatic differentiation, so write its gradient too."))
        } else {
            out.append("def inputs(config, data):")
            out.append("    \"\"\"The positional arguments of algorithm.\(code.name)(), in order.\"\"\"")
            for a in code.arguments {
                out.append("    # TODO: \(a.name) — " + (a.kind == "gradient" ? "the gradient of \(a.of ?? "the function") (NumPy has no automatic differentiation)"
                                                       : a.kind == "function" ? "a function the algorithm calls" : "a value the algorithm starts from"))
            }
        }
        // Core equations the box does not implement line by line.
        let implemented = Set(code.code.components(separatedBy: "(eq. ").dropFirst().flatMap { $0.prefix { $0 != ")" }.components(separatedBy: ", ") })
        for eq in deconstruction.equations where eq.role == .core {
            guard let n = eq.number, !implemented.contains(n) else { continue }
            out.append("    # TODO(eq. \(n), \(eq.section ?? eq.span.short)): \(eq.plain ?? eq.latex) — a core equation outside the box")
        }
        out.append("    raise NotImplementedError(\"write the objective\")")
        return out
    }

    /// The Require line whose symbol matches, as a citation (`Require: f(theta): stochastic objective …`).
    private func requireLine(matching needle: String) -> String? {
        let ir = deconstruction.algorithms.first { $0.id == code.algorithm }
        guard let input = ir?.inputs.first(where: { $0.symbol.contains(needle) }) else { return nil }
        return "\(code.title.split(separator: ":").first ?? ""), \(input.role) \(PlainProse.symbol(input.symbol))"
            + (input.description.map { ": " + PlainProse.text($0) } ?? "") + ", \(input.span.short)"
    }

    private func mainFunction(torch: Bool) -> [String] {
        var out = ["def main():", "    config = load_config()", "    train_data, test_data = load_data(config)", "    model = build_model(config)",
                   "    settings = {k: v for k, v in config[\"algorithm\"].items() if v is not None}"]
        let training = settingsTODOs(category: [.training, .optimization, .regularization], indent: "    ")
        switch (code.shape, torch) {
        case (.optimizer, false):
            out.append("    state = algorithm.init_state(model)")
            out += training
            out.append("    for batch in train_data:")
            out.append("        loss, grads = loss_and_gradients(model, batch)")
            out.append("        algorithm.step(model, grads, state, **settings)  # one iteration of the box's loop")
        case (.optimizer, true):
            out.append("    optimizer = algorithm.\(code.name)(model.parameters(), **settings)")
            out += training
            out.append("    for batch in train_data:")
            out.append("        optimizer.zero_grad()")
            out.append("        loss_of(model, batch).backward()")
            out.append("        optimizer.step()  # one iteration of the box's loop")
        case (.procedure, _):
            out += training
            out.append("    model = algorithm.\(code.name)(*inputs(config, train_data), **settings)")
        }
        out.append("    print(evaluate(model, test_data))")
        return out
    }
}
