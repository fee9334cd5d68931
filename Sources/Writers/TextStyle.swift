/// Terminal styling: ANSI bold/dim when writing to a terminal, nothing otherwise.
public struct TextStyle: Sendable {
    public var ansi: Bool

    public init(ansi: Bool) { self.ansi = ansi }

    public static let plain = TextStyle(ansi: false)

    public func bold(_ s: String) -> String { ansi ? "\u{1B}[1m\(s)\u{1B}[0m" : s }
    public func dim(_ s: String) -> String { ansi ? "\u{1B}[2m\(s)\u{1B}[0m" : s }
}
