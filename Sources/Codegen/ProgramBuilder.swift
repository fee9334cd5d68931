import Foundation
import Analyzers
import MathParsing
import PaperModel

/// Reads an algorithm's IR as a ``CodeProgram``: finds the main loop, decides whether the box
/// is an optimizer (it updates parameters from their gradient), translates the lines, and works
/// out the arguments (hyperparameters with the paper's defaults), the state carried across
/// iterations, the types, and which assignments are dead.
struct ProgramBuilder {
    var source: CodegenSource

    /// The budget given to loops the paper runs "until convergence".
    static let stepBudget = "1000"

    func build() -> CodeProgram {
        let ir = source.algorithm
        let plain = PlainMath(ir, glossary: source.glossary)
        let (labels, texts) = Self.labels(ir)
        let blocks = StepBlock.parse(ir.steps, 0..<ir.steps.count)
        // A box with procedures: the one holding the main loop is the program; each other one is a
        // helper function, left as one TODO.
        let procedures = blocks.filter { ir.steps[$0.step].kind == .procedure }
        let mainProcedure = procedures.first { p in
            p.all.contains { ir.steps[$0.step].kind == .loop && containsDerivative($0, ir) }
        } ?? procedures.first
        var helpers: [StepBlock] = []
        let top = blocks.flatMap { b -> [StepBlock] in
            guard ir.steps[b.step].kind == .procedure else { return [b] }
            if b.step == mainProcedure?.step { return b.children }
            helpers.append(b)
            return []
        }
        var program = CodeProgram(shape: .procedure, name: Self.functionName(ir), typeName: Self.typeName(ir),
                                  title: ir.title + (ir.caption.isEmpty ? "" : ": " + Self.captionHead(ir.caption)),
                                  location: ir.span.short, paperTitle: source.paperTitle, elementwise: ir.elementwise,
                                  hyperparameters: [], inputs: [], parameter: nil, gradient: nil, gradientLine: nil, loopLine: nil,
                                  state: [], body: [], types: [:], todos: [], notes: [], lineLabels: labels, lineText: texts,
                                  equations: EquationCitations.match(ir, equations: source.equations), returned: [])
        program.statementLines = ir.steps.filter { ![.declare, .end, .else, .until].contains($0.kind) && $0.form != .structure || $0.kind == .break }.map(\.line)
        let mainIndex = top.firstIndex { ir.steps[$0.step].kind == .loop && containsDerivative($0, ir) }
            ?? top.firstIndex { ir.steps[$0.step].kind == .loop }
        for h in helpers {
            let numbers = h.all.compactMap { program.lineLabels[$0.step]?.replacingOccurrences(of: "line ", with: "") }
            program.todos.append(CodeTodo(line: h.step, label: program.lineLabels[h.step] ?? "",
                                          reason: "a helper function the box defines (lines \(numbers.first ?? "")–\(numbers.last ?? "")); write it by hand",
                                          source: ir.steps[h.step].display))
        }
        if let m = mainIndex, let p = optimizerParameter(top[m], ir: ir, plain: plain) {
            buildOptimizer(&program, top: top, main: m, parameterKey: p, plain: plain)
        } else {
            buildProcedure(&program, top: top, plain: plain)
        }
        return program
    }

    private func containsDerivative(_ block: StepBlock, _ ir: AlgorithmIR) -> Bool {
        block.all.contains { b in
            ir.steps[b.step].allMath.contains { m in m.tree.contains { if case .derivative = $0.kind { true } else { false } } }
        }
    }

    // MARK: - Optimizer

    /// The key of the parameters when every gradient in the loop is taken with respect to one
    /// quantity, at that quantity, and the loop updates it; nil otherwise.
    private func optimizerParameter(_ loop: StepBlock, ir: AlgorithmIR, plain: PlainMath) -> String? {
        var wrt = Set<String>()
        for block in loop.all.dropFirst() {
            for m in ir.steps[block.step].allMath {
                var ok = true
                m.tree.forEach { node in
                    guard case .derivative(let kind, let order, let variables, let of) = node.kind else { return }
                    if order > 1 || (kind != .gradient && kind != .partial) { ok = false; return }
                    if case .derivative? = of?.kind { ok = false; return }
                    var at: [String] = []
                    if case .apply(_, let args)? = of?.kind { at = args.compactMap { plain.key(of: $0) } }
                    guard let key = variables.first.flatMap({ plain.key(of: $0) }) ?? at.first else { ok = false; return }
                    // A gradient evaluated somewhere else (`\nabla f(y_t)` for parameters `x`) is not a plain step.
                    if !at.isEmpty && !at.contains(key) { ok = false; return }
                    wrt.insert(key)
                }
                if !ok { return nil }
            }
        }
        guard wrt.count == 1, let key = wrt.first else { return nil }
        let lines = loop.all.dropFirst().map(\.step)
        let updates = lines.filter { ir.steps[$0].assignments.contains { $0.targetKeys.contains(key) } }
        let gradients = lines.filter { ir.steps[$0].allMath.contains { m in m.tree.contains { if case .derivative = $0.kind { true } else { false } } } }
        // The caller computes the gradient at the parameters it holds: the loop must not move them
        // before taking the gradient (as schedule-free methods do, evaluating it at an average).
        guard let firstUpdate = updates.min(), let firstGradient = gradients.min(), firstUpdate >= firstGradient else { return nil }
        return key
    }

    /// `\nabla_\theta f(\theta)` (a plain tree) taken with respect to the parameters.
    static func isGradient(_ node: MathNode, of parameter: String) -> Bool {
        guard case .derivative(let kind, 1, let variables, let of) = node.kind, kind == .gradient || kind == .partial else { return false }
        if let v = variables.first { if case .symbol(let s) = v.kind { return s.name == parameter } else { return false } }
        if case .apply(_, let args)? = of?.kind, case .symbol(let s)? = args.first?.kind { return s.name == parameter }
        return false
    }

    static func isZero(_ node: MathNode) -> Bool {
        if case .number(let n) = node.kind { return Double(n) == 0 }
        return false
    }

    /// `z_1 = x_1` before `for t = 1 to T`, `return x_T` after it: the quantities at a loop's
    /// first and last step are the loop's own variables (`z`, `x`).
    private func boundaryRenames(_ top: [StepBlock], plain: PlainMath) -> [String: String] {
        let ir = source.algorithm
        var keys = Set(ir.inputs.map(\.key))
        for step in ir.steps {
            for m in step.allMath { keys.formUnion(plain.uses(in: m.tree)) }
            for a in step.assignments { keys.formUnion(a.targetKeys) }
        }
        var out: [String: String] = [:]
        for block in top {
            guard let loop = ir.steps[block.step].loop, loop.kind == .for else { continue }
            let assigned = Set(block.all.dropFirst().flatMap { ir.steps[$0.step].assignments.flatMap(\.targetKeys) })
            let bounds = [loop.from, loop.to].compactMap { $0?.filter { !$0.isWhitespace } }.filter { !$0.isEmpty }
            for key in keys {
                // `x_{1}`, or `\delta^{(0)}` written as a superscript index.
                for bound in bounds {
                    for suffix in ["_{\(bound)}", "^(\(bound))"] where key.hasSuffix(suffix) {
                        let base = String(key.dropLast(suffix.count))
                        if assigned.contains(base) { out[plain.name(forKey: key)] = plain.name(forKey: base) }
                    }
                }
            }
        }
        return out
    }

    /// Lines whose math the code cannot express (checked with the NumPy printer, the most capable)
    /// become TODOs before arguments are worked out, so that their names do not become arguments.
    static func validated(_ statements: [CodeStatement], types: [String: ValueType], labels: [Int: String],
                          texts: [Int: String]) -> [CodeStatement] {
        var check = ExpressionPrinter.forProgram(table: CodeTarget.numpy.table, types: types, statements: statements)
        // Only gradients of named functions can be computed (by a function the caller passes);
        // an optimizer's own gradient is already a plain symbol here.
        check.derivative = { node in
            guard let call = GradientCall(node) else { throw Unsupported(reason: "a gradient of an expression rather than of a named function") }
            let arguments = ExpressionPrinter(table: CodeTarget.numpy.table, types: types)
            for a in call.arguments { _ = try arguments.print(a) }
            return "grad"
        }
        func todo(_ line: Int, _ u: Unsupported) -> CodeStatement {
            .todo(CodeTodo(line: line, label: labels[line] ?? "line \(line + 1)", reason: u.reason, source: texts[line] ?? ""))
        }
        return StatementWalk.map(statements) { s in
            do {
                switch s {
                case .assign(_, _, let value, _): _ = try check.print(value)
                case .sample(_, let d, let args, _): _ = try check.function(d, args, real: true)
                default: break
                }
            } catch let u as Unsupported {
                return [todo(s.line ?? 0, u)]
            } catch {}
            return [s]
        }
    }

    private func buildOptimizer(_ program: inout CodeProgram, top: [StepBlock], main: Int, parameterKey: String, plain: PlainMath) {
        let ir = source.algorithm
        let loop = top[main]
        program.shape = .optimizer
        program.loopLine = loop.step
        let parameter = plain.name(forKey: parameterKey)
        program.parameter = parameter
        var translator = StepTranslator(ir: ir, plain: plain, labels: program.lineLabels, parameterKey: parameterKey)
        translator.gradientName = "grad"
        let renames = boundaryRenames(top, plain: plain)
        var initial = StatementWalk.renaming(translator.translate(Array(top[..<main])), renames)
        var body = StatementWalk.renaming(translator.translate(loop.children), renames)
        let after = StatementWalk.renaming(translator.translate(Array(top[(main + 1)...])), renames)
        var gradient = "grad"
        StatementWalk.visit(body) { s in
            if case .given(let name, _, let line) = s {
                gradient = name
                program.gradientLine = line
            }
        }
        if gradient == "grad", StatementWalk.writes(initial + body).contains("grad") { gradient = "grad_" + parameter }
        program.gradient = gradient
        body = StatementWalk.map(body) { s in
            if case .given(let name, _, let line) = s { return [.given(name: name, as: gradient, line: line)] }
            return [s]
        }
        // `\theta \gets \theta - \alpha \nabla f(\theta)`: the gradient written inline is the one given.
        let gradientSymbol = MathNode(.symbol(MathSymbol(gradient)), range: 0..<0)
        body = StatementWalk.mapTrees(body) { tree in
            StatementWalk.replacing(tree) { Self.isGradient($0, of: parameter) ? gradientSymbol : nil }
        }

        // The loop line: a `for t = a to b` counter becomes state stepped at the start of `step`.
        let loopStep = ir.steps[loop.step]
        var counter: (name: String, from: MathNode)?
        if let l = loopStep.loop, l.kind == .for, let v = l.variable, let from = l.from {
            let name = plain.name(forKey: v)
            let parsed = MathParser().parse(from)
            if StatementWalk.reads(body).contains(name), parsed.complete {
                let start: MathNode = if let n = Int(from.trimmingCharacters(in: .whitespaces)) {
                    MathNode(.number("\(n - 1)"), range: 0..<0)
                } else {
                    MathNode(.binary(op: .subtract, lhs: plain.tree(parsed.root), rhs: MathNode(.number("1"), range: 0..<0)), range: 0..<0)
                }
                counter = (name, start)
                body.insert(.assign(target: name, op: "+", value: MathNode(.number("1"), range: 0..<0), line: loop.step), at: 0)
            }
        }
        program.notes.append("\(program.citation(loop.step)) (\(loopStep.display)): one call of step() is one iteration; the caller decides when to stop.")
        for s in after {
            switch s {
            case .return(_, let line):
                program.notes.append("\(program.citation(line)) (\(ir.steps[line].display)): step() updates the parameters in place.")
            case .todo(let t) where ir.steps[t.line].kind == .return:
                // "output trained parameters w_T": step() already leaves them in params.
                program.notes.append("\(program.citation(t.line)) (\(t.source)): step() updates the parameters in place.")
            case .todo(var t):
                t.reason = "runs after the loop, outside step(): " + t.reason
                program.todos.append(t)
            case .comment: break
            default:
                if let line = s.line {
                    program.todos.append(CodeTodo(line: line, label: program.lineLabels[line] ?? "", reason: "runs once after the loop, outside step()",
                                                  source: ir.steps[line].display))
                }
            }
        }

        var provisional = baseTypes(plain: plain, free: Self.orderedNames(initial + body), statements: initial + body)
        provisional[parameter] = .array
        provisional[gradient] = .array
        provisional = Self.inferTypes(provisional, initial + body)
        initial = Self.validated(initial, types: provisional, labels: program.lineLabels, texts: program.lineText)
        body = Self.validated(body, types: provisional, labels: program.lineLabels, texts: program.lineText)

        // State: what the loop reads before writing it, or what the lines before the loop set.
        let bodyReadsFirst = Self.readBeforeWrite(body)
        let initialWrites = StatementWalk.writes(initial)
        let bodyWrites = StatementWalk.writes(body)
        let bodyReads = StatementWalk.reads(body)
        var stateNames: [String] = []
        for name in Self.orderedNames(initial + body) where name != parameter && name != gradient {
            let carried = bodyReadsFirst.contains(name) && (bodyWrites.contains(name) || initialWrites.contains(name))
            let constant = initialWrites.contains(name) && bodyReads.contains(name)
            if (carried || constant || name == counter?.name) && !stateNames.contains(name) { stateNames.append(name) }
        }
        var freeNames = Self.orderedNames(body).filter {
            bodyReadsFirst.contains($0) && !stateNames.contains($0) && $0 != parameter && $0 != gradient
        }
        // Settings the initial values read (`S_0 = D/2 (1 + \log 2\pi)`) are arguments too.
        for s in initial {
            guard case .assign(let target, nil, let value, _) = s, stateNames.contains(target) else { continue }
            for name in Self.orderedNames([.return([value], line: 0)]) where !freeNames.contains(name) && !stateNames.contains(name) && name != parameter {
                freeNames.append(name)
            }
        }
        var types = baseTypes(plain: plain, free: freeNames, statements: initial + body)
        for name in freeNames where types[name] == .function {
            program.inputs.append(CodeInput(name: name, kind: .function, meaning: nil, line: nil))
        }
        types[parameter] = .array
        types[gradient] = .array
        if let counter { types[counter.name] = .int }
        types = Self.inferTypes(types, initial + body)
        program.types = types

        // Initial values of the state.
        var initialValue: [String: (MathNode, Int)] = [:]
        for s in initial {
            if case .assign(let target, nil, let value, let line) = s, initialValue[target] == nil { initialValue[target] = (value, line) }
        }
        for name in stateNames {
            var v = CodeStateVariable(name: name, type: types[name] ?? .real, initial: .missing, line: nil)
            if let counter, counter.name == name {
                v.initial = .value(counter.from)
                v.line = loop.step
                v.type = .int
            } else if let (value, line) = initialValue[name] {
                v.line = line
                if case .symbol(let s) = value.kind, s.name == parameter {
                    v.initial = .parameters
                } else if v.type.isArray, case .number(let n) = value.kind, Double(n) == 0 {
                    v.initial = .zeros
                } else {
                    v.initial = .value(value)
                }
            } else {
                let line = ir.stateVariables.first { plain.name(forKey: $0.key) == name }?.updateLines.first ?? loop.step
                program.todos.append(CodeTodo(line: line, label: program.lineLabels[line] ?? "", reason: "the box gives \(name) no initial value; it starts at zero",
                                              source: ir.steps[line].display))
                v.initial = v.type.isArray ? .zeros : .value(MathNode(.number("0"), range: 0..<0))
            }
            program.state.append(v)
        }
        // Lines before the loop that set no state: TODOs stay visible, the rest is noted.
        for s in initial {
            switch s {
            case .todo(let t): program.todos.append(t)
            case .assign(let target, _, _, let line) where !stateNames.contains(target) && target != parameter && !program.state.contains(where: { $0.line == line }):
                program.notes.append("\(program.citation(line)) sets \(target), which the loop never reads.")
            default: break
            }
        }
        program.body = Self.removingDeadAssignments(body, keep: Set(stateNames).union([parameter]), labels: program.lineLabels, texts: program.lineText)
        program.hyperparameters = hyperparameters(freeNames, plain: plain, types: types, program: program)
        for h in program.hyperparameters where h.integer { program.types[h.name] = .int }
        program.notes += unusedInputs(program, plain: plain, used: Set(freeNames).union([parameter]).union(stateNames))
        if !program.elementwise {
            program.notes.append("The paper does not say the operations are element-wise; the code reads them so.")
        }
    }

    // MARK: - Procedure

    private func buildProcedure(_ program: inout CodeProgram, top: [StepBlock], plain: PlainMath) {
        let ir = source.algorithm
        let translator = StepTranslator(ir: ir, plain: plain, labels: program.lineLabels)
        var body = StatementWalk.renaming(translator.translate(top), boundaryRenames(top, plain: plain))
        let provisional = Self.inferTypes(baseTypes(plain: plain, free: Self.orderedNames(body), statements: body), body)
        body = Self.validated(body, types: provisional, labels: program.lineLabels, texts: program.lineText)
        var needs = Self.readBeforeWrite(body)
        needs.subtract(StatementWalk.loopVariables(body))
        let ordered = Self.orderedNames(body).filter { needs.contains($0) }
        let functions = StatementWalk.trees(body).reduce(into: Set<String>()) { $0.formUnion(StatementWalk.functions($1)) }
        let direct = StatementWalk.trees(body).reduce(into: Set<String>()) { $0.formUnion(StatementWalk.functions($1, outsideDerivatives: true)) }
        var types = baseTypes(plain: plain, free: ordered, statements: body)
        var inputs: [CodeInput] = []
        var hyper: [String] = []
        let declared = Dictionary(source.algorithm.inputs.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        let written = StatementWalk.writes(body)
        for name in ordered {
            if functions.contains(name) {
                var input = CodeInput(name: name, kind: .function, meaning: declared[name]?.description, line: declared[name]?.line)
                input.direct = direct.contains(name)
                inputs.append(input)
                types[name] = .function
            } else if hasStatedValue(name, declared[name]) {
                // A setting the paper gives a value, even if the algorithm changes it (`\gamma := \gamma / \alpha`).
                hyper.append(name)
            } else if written.contains(name) || isValueInput(declared[name]) || types[name]?.isArray == true {
                inputs.append(CodeInput(name: name, kind: .value, meaning: declared[name]?.description, line: declared[name]?.line,
                                        updated: written.contains(name)))
                if types[name] != .matrix { types[name] = .array }
            } else {
                hyper.append(name)
            }
        }
        // Gradients: one callable per differentiated function (NumPy cannot differentiate).
        for tree in StatementWalk.trees(body) {
            tree.forEach { node in
                guard let call = GradientCall(node), !inputs.contains(where: { $0.name == call.inputName }) else { return }
                inputs.append(CodeInput(name: call.inputName, kind: .gradient, meaning: "gradient of \(call.function) with respect to \(call.withRespectTo)",
                                        of: call.function, argument: call.position))
                types[call.inputName] = .function
            }
        }
        var budget = false
        StatementWalk.visit(body) { s in
            if case .loop(let l, _, _) = s {
                switch l { case .budget, .open: budget = true; default: break }
            }
        }
        types = Self.inferTypes(types, body)
        // Without a return line, the function returns what it updates of its inputs.
        var hasReturn = false
        StatementWalk.visit(body) { if case .return = $0 { hasReturn = true } }
        let updated = inputs.filter { $0.updated }.map(\.name)
        if !hasReturn, !updated.isEmpty, let last = body.last?.line ?? top.last?.step {
            body.append(.return(updated.map { MathNode(.symbol(MathSymbol($0)), range: 0..<0) }, line: last))
            program.notes.append("The box returns nothing; the function returns what it updates: \(updated.joined(separator: ", ")).")
        }
        program.inputs = inputs
        program.types = types
        program.body = Self.removingDeadAssignments(body, keep: Set(updated), labels: program.lineLabels, texts: program.lineText)
        program.hyperparameters = hyperparameters(hyper, plain: plain, types: types, program: program)
        for h in program.hyperparameters where h.integer { program.types[h.name] = .int }
        if budget {
            program.hyperparameters.append(CodeHyperparameter(name: "max_steps", symbol: "", meaning: "iterations of loops the paper runs until convergence",
                                                              value: Self.stepBudget, evidence: "not in the paper: a step budget", assumed: true, integer: true))
            program.types["max_steps"] = .int
        }
        program.notes += unusedInputs(program, plain: plain, used: Set(ordered))
    }

    /// A value for the name stated on its Require line or anywhere in the paper.
    private func hasStatedValue(_ name: String, _ input: IRInput?) -> Bool {
        if input?.value != nil { return true }
        return source.glossary.contains { $0.name == name && $0.value != nil } && (input != nil || !name.contains("_"))
    }

    /// A declared input that is data or a starting point, not a setting.
    private func isValueInput(_ input: IRInput?) -> Bool {
        guard let input else { return false }
        if input.symbol.contains("_0") || input.symbol.contains("_{0}") { return true }
        let words = ["vector", "parameter", "data", "initial", "point", "sample", "matrix", "set", "input", "image", "observation", "state"]
        let d = (input.description ?? "").lowercased()
        return words.contains { d.contains($0) }
    }

    // MARK: - Arguments

    /// Hyperparameters in order of appearance, with the paper's values where it states them.
    private func hyperparameters(_ names: [String], plain: PlainMath, types: [String: ValueType], program: CodeProgram) -> [CodeHyperparameter] {
        let ir = source.algorithm
        var keyOf: [String: String] = [:]
        for e in source.glossary where keyOf[e.name] == nil { keyOf[e.name] = e.key }
        for i in ir.inputs where keyOf[i.name] == nil { keyOf[i.name] = i.key }
        let parser = MathParser()
        var out: [CodeHyperparameter] = []
        // The box's declared order first (as the Require lines list them), then order of use.
        let declaredOrder = Dictionary(ir.inputs.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { a, _ in a })
        let sorted = names.enumerated().sorted { a, b in
            (declaredOrder[a.element] ?? ir.inputs.count + a.offset) < (declaredOrder[b.element] ?? ir.inputs.count + b.offset)
        }.map(\.element)
        for name in sorted where types[name] != .function {
            let key = keyOf[name] ?? name
            let input = ir.inputs.first { $0.key == key && !$0.key.isEmpty }
            let entry = source.glossary.first { $0.key == key }
            var value = input?.value ?? entry?.value
            var evidence = input?.valueSpan?.short ?? entry?.valueEvidence?.short
            if value == nil {
                for h in source.hyperparameters {
                    guard let symbol = h.symbol, plain.key(of: parser.parse(symbol).root) == key, case .number(let x) = h.value else { continue }
                    value = NumericValue.format(x)
                    evidence = h.evidence.span.short
                    break
                }
            }
            let symbol = input?.symbol ?? entry?.symbol ?? name
            let meaning = (input?.description ?? entry?.meaning).map(PlainProse.text)
            let integer = types[name] == .int || Self.looksInteger(name: name, value: value, meaning: meaning)
            out.append(CodeHyperparameter(name: name, symbol: symbol, meaning: meaning, value: value.map { Self.code($0, integer: integer) },
                                          evidence: evidence, assumed: false, integer: integer))
        }
        return out
    }

    /// Declared inputs the code does not use, for the notes.
    private func unusedInputs(_ program: CodeProgram, plain: PlainMath, used: Set<String>) -> [String] {
        var out: [String] = []
        var seen = Set<String>()
        // Functions the box differentiates (`f` in `\nabla f(\theta)`).
        var differentiated = Set<String>()
        for step in source.algorithm.steps {
            for m in step.allMath {
                m.tree.forEach { node in
                    if case .derivative(_, _, _, let of) = node.kind, case .apply(let f, _)? = of?.kind, let key = plain.key(of: f) {
                        differentiated.insert(key)
                    }
                }
            }
        }
        for input in source.algorithm.inputs where !input.name.isEmpty && !used.contains(input.name) && seen.insert(input.name).inserted {
            let what = input.description.map { " (\(PlainProse.text($0)))" } ?? ""
            let why: String
            if program.shape == .optimizer && input.key == source.algorithm.inputs.first(where: { $0.name == program.parameter })?.key {
                continue
            } else if program.shape == .optimizer, input.symbol.contains("(") || differentiated.contains(input.key) {
                why = "enters through the gradient given to step()"
            } else {
                why = "not used by the generated code"
            }
            out.append("\(program.lineLabels[input.line] ?? "Require") \(input.name)\(what): \(why).")
        }
        return out
    }

    private static func looksInteger(name: String, value: String?, meaning: String?) -> Bool {
        if let value, value.contains(".") || value.contains("e") { return false }
        let m = (meaning ?? "").lowercased()
        if ["number of", "steps", "iterations", "epochs", "batch size", "samples", "count"].contains(where: m.contains) { return true }
        return value == nil && name.count == 1 && name.first!.isUppercase
    }

    /// A value as code: `1e-8`, `0.001`; integers of a real setting get a decimal point.
    static func code(_ value: String, integer: Bool) -> String {
        if integer { return value }
        if Double(value) != nil, !value.contains("."), !value.contains("e"), !value.contains("E") { return value + ".0" }
        return value
    }

    // MARK: - Types

    private func baseTypes(plain: PlainMath, free: [String], statements: [CodeStatement]) -> [String: ValueType] {
        var types: [String: ValueType] = [:]
        let functions = StatementWalk.trees(statements).reduce(into: Set<String>()) { $0.formUnion(StatementWalk.functions($1)) }
        for f in functions { types[f] = .function }
        for name in free where types[name] == nil {
            // `I`, `I_d`: the identity matrix.
            if name == "I" || name.hasPrefix("I_") { types[name] = .matrix; continue }
            types[name] = name.count == 1 && name.first!.isUppercase ? .int : .real
        }
        for v in StatementWalk.loopVariables(statements) { types[v] = .int }
        // Loop bounds count; what a loop runs over is a collection.
        StatementWalk.visit(statements) { s in
            guard case .loop(let loop, _, _) = s else { return }
            switch loop {
            case .range(_, let from, let to, _):
                for name in StatementWalk.reads(from).union(StatementWalk.reads(to)) where free.contains(name) { types[name] = .int }
            case .open(_, let from):
                for name in StatementWalk.reads(from) where free.contains(name) { types[name] = .int }
            case .forEach(_, let over):
                for name in StatementWalk.reads(over) where free.contains(name) { types[name] = .array }
            default: break
            }
        }
        // A quantity the paper transposes (`K^T`) is a matrix.
        for tree in StatementWalk.trees(statements) {
            tree.forEach { node in
                if case .transpose(let base, _) = node.kind, case .symbol(let s) = base.kind, free.contains(s.name) { types[s.name] = .matrix }
            }
        }
        return types
    }

    /// Types of assigned names, joined over every assignment until nothing changes.
    static func inferTypes(_ base: [String: ValueType], _ statements: [CodeStatement]) -> [String: ValueType] {
        var types = base
        for _ in 0..<6 {
            let before = types
            let printer = ExpressionPrinter(table: CodeTarget.numpy.table, types: types)
            StatementWalk.visit(statements) { s in
                switch s {
                case .assign(let target, _, let value, _):
                    let t = printer.type(of: value)
                    types[target] = (types[target] ?? .unknown).join(t == .bool ? .real : t)
                case .sample(let target, _, _, _), .given(let target, _, _):
                    types[target] = .array
                default: break
                }
            }
            if types == before { break }
        }
        for (k, v) in types where v == .unknown { types[k] = .real }
        return types
    }

    // MARK: - Reads and writes in order

    /// Names some statement reads before any statement (in program order) writes them.
    static func readBeforeWrite(_ statements: [CodeStatement]) -> Set<String> {
        var written = Set<String>()
        var out = Set<String>()
        func scan(_ list: [CodeStatement]) {
            for s in list {
                switch s {
                case .assign(let target, let op, let value, _):
                    var reads = StatementWalk.reads(value)
                    if op != nil { reads.insert(target) }
                    out.formUnion(reads.subtracting(written))
                    written.insert(target)
                case .sample(let target, _, let args, _):
                    for a in args { out.formUnion(StatementWalk.reads(a).subtracting(written)) }
                    written.insert(target)
                case .given(let target, _, _):
                    written.insert(target)
                case .loop(let loop, let body, _):
                    switch loop {
                    case .range(let v, let from, let to, _):
                        out.formUnion(StatementWalk.reads(from).union(StatementWalk.reads(to)).subtracting(written))
                        written.insert(v)
                    case .open(let v, let from):
                        out.formUnion(StatementWalk.reads(from).subtracting(written))
                        written.insert(v)
                    case .forEach(let v, let over):
                        out.formUnion(StatementWalk.reads(over).subtracting(written))
                        written.insert(v)
                    case .whileCondition(let c):
                        out.formUnion(StatementWalk.reads(c).subtracting(written))
                    case .budget, .repeatUntil: break
                    }
                    scan(body)
                    if case .repeatUntil(let c) = loop { out.formUnion(StatementWalk.reads(c).subtracting(written)) }
                case .branches(let branches):
                    for b in branches { if let c = b.condition { out.formUnion(StatementWalk.reads(c).subtracting(written)) } }
                    let before = written
                    var after = written
                    for b in branches {
                        written = before
                        scan(b.body)
                        after.formUnion(written)
                    }
                    written = after
                case .return(let values, _):
                    for v in values { out.formUnion(StatementWalk.reads(v).subtracting(written)) }
                default: break
                }
            }
        }
        scan(statements)
        return out
    }

    /// Every name the statements mention, in order of first mention.
    static func orderedNames(_ statements: [CodeStatement]) -> [String] {
        var out: [String] = []
        var seen = Set<String>()
        func note(_ n: String) { if !n.isEmpty, seen.insert(n).inserted { out.append(n) } }
        StatementWalk.visit(statements) { s in
            switch s {
            case .assign(let target, _, let value, _):
                value.forEach { if case .symbol(let sym) = $0.kind, sym.style != .roman { note(sym.name) } }
                note(target)
            default:
                for tree in StatementWalk.trees([s]) {
                    tree.forEach { if case .symbol(let sym) = $0.kind, sym.style != .roman { note(sym.name) } }
                }
                if case .sample(let target, _, _, _) = s { note(target) }
                if case .given(let target, _, _) = s { note(target) }
            }
        }
        return out
    }

    /// Assignments to names nothing reads become comments, until none is left.
    static func removingDeadAssignments(_ statements: [CodeStatement], keep: Set<String>, labels: [Int: String],
                                        texts: [Int: String]) -> [CodeStatement] {
        var current = statements
        while true {
            let reads = StatementWalk.reads(current).union(keep)
            var changed = false
            current = StatementWalk.map(current) { s in
                switch s {
                case .assign(let target, _, _, let line), .sample(let target, _, _, let line):
                    guard !reads.contains(target) else { return [s] }
                    changed = true
                    return [.comment("\(labels[line] ?? "line \(line + 1)"): \(texts[line] ?? "") — \(target) is not used afterwards", line: line)]
                default:
                    return [s]
                }
            }
            if !changed { return current }
        }
    }

    // MARK: - Names and labels

    /// "line 7" for numbered lines (the kinds algorithmic numbers), "Require" for declarations.
    static func labels(_ ir: AlgorithmIR) -> ([Int: String], [Int: String]) {
        var labels: [Int: String] = [:]
        var texts: [Int: String] = [:]
        var n = 0
        let unnumbered: Set<String> = ["require", "ensure", "input", "output", "parameters"]
        for step in ir.steps {
            if unnumbered.contains(step.lineKind) {
                labels[step.line] = step.lineKind.prefix(1).uppercased() + step.lineKind.dropFirst()
            } else {
                n += 1
                labels[step.line] = "line \(n)"
            }
            var text = step.display
            if let r = text.range(of: "  // ") { text = String(text[..<r.lowerBound]) }
            texts[step.line] = text
        }
        return (labels, texts)
    }

    /// The caption's first sentence, without trailing notes ("Adam. Good defaults are …" → "Adam").
    static func captionHead(_ caption: String) -> String {
        var head = caption
        if let r = head.range(of: ". ") { head = String(head[..<r.lowerBound]) }
        if head.hasSuffix(".") { head.removeLast() }
        return head.replacingOccurrences(of: "$", with: "").collapsed
    }

    /// `adam`, `damped_adaptive_momentum`, or `algorithm_1`.
    static func functionName(_ ir: AlgorithmIR) -> String {
        var head = captionHead(ir.caption)
        // "Damped Adaptive Momentum (DAM)": the parenthesised short name is not part of the name.
        while let open = head.firstIndex(of: "("), let close = head[open...].firstIndex(of: ")") {
            head.removeSubrange(open...close)
        }
        let words = head.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
            .map { $0.lowercased() }.filter { !["the", "a", "an", "of", "for", "with", "and", "our", "algorithm"].contains($0) }
        let picked = Array(words.prefix(4))
        guard !picked.isEmpty, picked[0].first?.isLetter == true else { return "algorithm_" + (ir.number ?? ir.id) }
        return picked.joined(separator: "_")
    }

    static func typeName(_ ir: AlgorithmIR) -> String {
        let name = functionName(ir)
        if name.hasPrefix("algorithm_") { return "Algorithm" + (ir.number ?? "") }
        return name.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}

/// Which numbered equations each line of a box implements: the line cites it ("(3)", "Eq. 3"),
/// or the equation's plain rewrite defines the same statement.
enum EquationCitations {
    static func match(_ ir: AlgorithmIR, equations: [EquationRole]) -> [Int: [String]] {
        var byStatement: [String: [String]] = [:]
        let numbers = Set(equations.compactMap(\.number))
        for eq in equations where eq.role == .core {
            guard let number = eq.number, let plain = eq.plain else { continue }
            for part in plain.components(separatedBy: "; ") { byStatement[normal(part), default: []].append(number) }
        }
        var out: [Int: [String]] = [:]
        for step in ir.steps {
            var found: [String] = []
            for part in step.plain.components(separatedBy: "; ") { found += byStatement[normal(part)] ?? [] }
            for n in cited(step.source + " " + (step.comment ?? "")) where numbers.contains(n) { found.append(n) }
            var seen = Set<String>()
            found = found.filter { seen.insert($0).inserted }
            if !found.isEmpty && !step.plain.isEmpty { out[step.line] = found }
        }
        return out
    }

    private static func normal(_ s: String) -> String { s.filter { !$0.isWhitespace } }

    /// "(3)", "Eq. (3)", "Equation 3" → "3".
    static func cited(_ text: String) -> [String] {
        var out: [String] = []
        let chars = Array(text)
        for (i, c) in chars.enumerated() where c == "(" {
            var j = i + 1
            var n = ""
            while j < chars.count, chars[j].isNumber { n.append(chars[j]); j += 1 }
            if j < chars.count, chars[j] == ")", !n.isEmpty { out.append(n) }
        }
        let words = text.split(separator: " ")
        for (k, w) in words.enumerated() where ["eq.", "eq", "equation", "eqs."].contains(w.lowercased()) && k + 1 < words.count {
            let n = words[k + 1].filter { $0.isNumber }
            if !n.isEmpty { out.append(n) }
        }
        return out
    }
}
