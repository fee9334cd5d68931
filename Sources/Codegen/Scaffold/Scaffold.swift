import Analyzers
import Foundation

/// A starting project for implementing a paper: `config.yaml` (every setting of the card, with
/// where it is stated; missing ones null), the generated algorithm, a training-script skeleton
/// whose TODOs cite the paper, and a test file for the algorithm.
///
/// ```swift
/// let scaffold = Scaffold(d, algorithm: 0)
/// try scaffold.write(to: URL(fileURLWithPath: "dam"), force: false)
/// ```
public struct Scaffold: Sendable {
    /// Files by path relative to the project folder, in the order they are listed.
    public var files: [(path: String, text: String)]
    /// The code of the algorithm (its TODOs are the project's first ones).
    public var code: GeneratedCode

    /// The project for algorithm `index` of a deconstruction, in a Python target.
    public init(_ d: Deconstruction, algorithm index: Int, target: CodeTarget = .numpy) {
        let code = CodeGenerator(target: target).generate(CodegenSource(d, algorithm: index))
        var numpy = target == .numpy ? code : CodeGenerator(target: .numpy).generate(CodegenSource(d, algorithm: index))
        // Beside a PyTorch algorithm, the NumPy one the test file checks gets its own name.
        if target != .numpy { numpy.fileName = numpy.fileName.replacingOccurrences(of: ".py", with: "_numpy.py") }
        let citations = PaperCitations(d.paper)
        self.code = code
        var files: [(String, String)] = [
            ("config.yaml", ConfigFile(deconstruction: d, code: code, citations: citations).text()),
            (code.fileName, code.code),
            ("train.py", TrainingScript(deconstruction: d, code: code, citations: citations).text()),
        ]
        if target != .numpy { files.append((numpy.fileName, numpy.code)) }
        files.append(("test_algorithm.py", AlgorithmTestFile(code: numpy).text()))
        self.files = files
    }

    /// Writes the files into `folder` (created if needed). An existing folder that is not empty
    /// is left alone unless `force` is set, and then only the scaffold's own files are replaced.
    public func write(to folder: URL, force: Bool) throws(ScaffoldError) {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: folder.path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw .notAFolder(folder.path) }
            let contents = (try? fm.contentsOfDirectory(atPath: folder.path)) ?? []
            if !contents.isEmpty && !force { throw .notEmpty(folder.path) }
        }
        do {
            try fm.createDirectory(at: folder, withIntermediateDirectories: true)
            for (path, text) in files {
                try text.write(to: folder.appendingPathComponent(path), atomically: true, encoding: .utf8)
            }
        } catch {
            throw .cannotWrite(folder.path, error.localizedDescription)
        }
    }
}

/// Why a scaffold could not be written.
public enum ScaffoldError: Error, CustomStringConvertible, Equatable {
    case notEmpty(String)
    case notAFolder(String)
    case cannotWrite(String, String)

    public var description: String {
        switch self {
        case .notEmpty(let p): "\(p) exists and is not empty; choose another folder or pass --force to replace the scaffold's files"
        case .notAFolder(let p): "\(p) exists and is not a folder"
        case .cannotWrite(let p, let why): "\(p): cannot write the scaffold (\(why))"
        }
    }
}
