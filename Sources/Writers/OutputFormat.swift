/// The output formats of the writers.
public enum OutputFormat: String, CaseIterable, Sendable {
    case text, markdown, json, html
}
