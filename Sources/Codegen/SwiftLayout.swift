struct SwiftOptimizerLayout {
    var support: LayoutSupport
    func render() -> (String, [CodeTodo]) { ("", []) }
}
struct SwiftProcedureLayout {
    var support: LayoutSupport
    func render() -> (String, [CodeTodo]) { ("", []) }
}
