// swift-tools-version:6.0
import PackageDescription

// Data flow: Readers -> PaperModel -> Analyzers -> Writers; the CLI is a thin layer on top.
let package = Package(
    name: "deconstruct",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "deconstruct", targets: ["deconstruct"]),
        .library(name: "DeconstructKit", targets: ["DeconstructKit"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // zlib, for reading gzipped arXiv e-prints in memory.
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        // The document model every reader fills and every analyzer reads.
        .target(name: "PaperModel"),
        // A fast JSON parser and Decoder for the bundled rule and catalogue files.
        .target(name: "DataFiles"),
        // Input detection and one reader per format (LaTeX, text, PDF, HTML).
        .target(name: "Readers", dependencies: ["PaperModel", "DataFiles", "CZlib"], resources: [.process("Resources")]),
        // LaTeX math -> expression trees.
        // Swift 6.3.1's CopyPropagation SIL pass crashes on this parser in release builds
        // ("Found ownership error"); the pass is switched off for this target only.
        .target(
            name: "MathParsing",
            swiftSettings: [.unsafeFlags(["-Xllvm", "-sil-disable-pass=copy-propagation"])]
        ),
        // Card, core algorithm, audit: each reads the Paper model only.
        .target(
            name: "Analyzers",
            dependencies: ["PaperModel", "DataFiles", "MathParsing"],
            resources: [.process("Resources")]
        ),
        // Terminal text, Markdown, JSON, and the single-file HTML report (math as MathML).
        .target(name: "Writers", dependencies: ["PaperModel", "Analyzers", "MathParsing"]),
        // Step 4: code printers (NumPy, PyTorch, Swift) from the algorithm IR, the project
        // scaffold, and the harness that runs generated NumPy code in a subprocess.
        .target(
            name: "Codegen",
            dependencies: ["PaperModel", "MathParsing", "Analyzers"],
            resources: [.process("Resources")]
        ),
        // The pipeline the CLI and tests call: read -> analyze -> write.
        .target(name: "DeconstructKit", dependencies: ["PaperModel", "Readers", "Analyzers", "Writers", "Codegen"]),
        .executableTarget(
            name: "deconstruct",
            dependencies: [
                "DeconstructKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "PaperModelTests", dependencies: ["PaperModel"]),
        .testTarget(name: "DataFilesTests", dependencies: ["DataFiles"]),
        .testTarget(name: "ReadersTests", dependencies: ["Readers", "PaperModel"], resources: [.copy("Fixtures"), .copy("Golden")]),
        .testTarget(name: "MathParsingTests", dependencies: ["MathParsing"]),
        // Golden IR dumps are read by path (see CoreTestSupport), not as bundle resources.
        .testTarget(name: "AnalyzersTests", dependencies: ["Analyzers", "PaperModel"], exclude: ["Golden"]),
        .testTarget(name: "CodegenTests", dependencies: ["Codegen", "DeconstructKit", "Analyzers", "MathParsing"]),
        .testTarget(
            name: "DeconstructKitTests",
            dependencies: ["DeconstructKit"],
            resources: [.copy("Golden")]
        ),
    ]
)
