struct PyTorchOptimizerLayout {
    var support: LayoutSupport
    func render() -> (String, [CodeTodo]) { ("", []) }
}
