/// One number a user measured when reproducing a paper: a row of a results file.
public struct MeasuredResult: Codable, Hashable, Sendable {
    /// The metric as the user wrote it ("top-1 accuracy", "PPL").
    public var metric: String
    /// The value as written (93.1 for "93.1%").
    public var value: Double
    /// Written with a percent sign.
    public var isPercent: Bool
    /// The dataset as the user wrote it, if given ("CIFAR10").
    public var dataset: String?
    /// Where it was read: the file and its 1-based line.
    public var file: String
    public var line: Int

    public init(metric: String, value: Double, isPercent: Bool = false, dataset: String? = nil, file: String = "<results>",
                line: Int = 0) {
        self.metric = metric
        self.value = value
        self.isPercent = isPercent
        self.dataset = dataset
        self.file = file
        self.line = line
    }

    /// `file:line`, for messages.
    public var location: String { "\(file):\(line)" }
}

/// A results file that cannot be read: which file, which line, and what is wrong.
public struct ResultsFileError: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    /// 1-based; 0 when the problem is the file as a whole (missing, empty).
    public var line: Int
    public var message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    public var description: String { line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)" }
}
