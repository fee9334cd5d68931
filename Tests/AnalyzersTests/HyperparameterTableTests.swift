import Testing
import PaperModel
@testable import Analyzers

/// The settings of a paper whose abstract is `abstract` and whose experiments section holds one
/// table: `rows[0]` is the header; an empty string is an empty cell; a row of one text in its
/// first cell spans the whole table (a block label such as "Pre-train on JFT").
func settings(grid rows: [[String]], abstract: [String] = [], title: String? = nil,
              caption: String = "Hyperparameters for all the experiments.", kind: SourceInfo.Kind = .latex) -> [HyperparameterFinding] {
    let width = rows.map(\.count).max() ?? 0
    let tableRows = rows.enumerated().map { n, r in
        let span = SourceSpan(file: "t.tex", line: n + 2, column: 1)
        if r.count == 1 { return TableRow(cells: [TableCell(text: r[0], column: 0, columnSpan: width)], span: span) }
        return TableRow(cells: r.enumerated().map { c, t in TableCell(text: t, column: c) }, span: span)
    }
    let span = SourceSpan(file: "t.tex", line: 1, column: 1)
    let table = Table(id: "t1", caption: caption, number: "1", rows: tableRows, span: span)
    var paper = makePaper(abstract: abstract, sections: [])
    paper.metadata.title = title
    paper.source.kind = kind
    paper.sections = [Section(id: "s0", title: "Experiments", number: "1", level: 1, starred: false, appendix: false,
                              span: span, blocks: [.table(table)])]
    return HyperparameterExtractor().extract(from: paper)
}

@Suite struct HyperparameterTableTests {
    static let abstract = ["We propose Falcon, a simple optimizer.", "Falcon is faster than AdamW on every model."]

    /// Phenomenon 1: a table compares the paper's method with baselines, one row each, named in a
    /// method column. The baselines' rows are left out, and the method column is no setting.
    @Test func baselineRowsOfAMethodColumnAreLeftOut() {
        let found = settings(grid: [
            ["Model", "Optimizer", "lr", "Dropout"],
            ["ResNet-50", "AdamW", "3e-3", "0.1"],
            ["ResNet-50", "Falcon", "3e-4", "0.1"],
            ["ViT-B/16", "AdamW", "1e-3", "0.2"],
            ["ViT-B/16", "Falcon", "1e-4", "0.2"],
        ], abstract: Self.abstract)
        let lrs = found.filter { $0.canonical == "learning_rate" }.compactMap(\.value.number).sorted()
        #expect(lrs == [1e-4, 3e-4])
        #expect(!found.contains { $0.canonical == "optimizer" })
        #expect(found.filter { $0.canonical == "dropout" }.count == 2)
    }

    /// With no name the title and abstract prefer, nothing tells the method from a baseline: every
    /// row stays.
    @Test func withoutAnOwnNameEveryRowStays() {
        let found = settings(grid: [
            ["Model", "Optimizer", "lr"],
            ["ResNet-50", "AdamW", "3e-3"],
            ["ResNet-50", "Falcon", "3e-4"],
        ], abstract: ["We study optimizers for vision models."])
        let lrs = found.filter { $0.canonical == "learning_rate" }.compactMap(\.value.number).sorted()
        #expect(lrs == [3e-4, 3e-3])
    }

    /// Phenomena 1 and 2: columns of one setting told apart by the method in their header ("AdamW
    /// lr", "Falcon-H lr"). The baseline's column is left out; equal values of the two variants of
    /// the paper's method stay two settings, their scope naming the column.
    @Test func qualifiedColumnsKeepTheOwnVariantsApart() {
        let found = settings(grid: [
            ["Size", "d_model", "AdamW lr", "Falcon-H lr", "Falcon-G lr"],
            ["30M", "384", "1.2e-3", "1e-3", "1e-3"],
            ["125M", "768", "6e-4", "6e-4", "5e-4"],
        ], abstract: Self.abstract)
        let lrs = found.filter { $0.canonical == "learning_rate" }
        #expect(lrs.compactMap(\.value.number).sorted() == [5e-4, 6e-4, 1e-3, 1e-3])
        #expect(lrs.contains { $0.scope == "30M, Falcon-H lr" })
        #expect(lrs.contains { $0.scope == "30M, Falcon-G lr" })
        #expect(found.filter { $0.canonical == "hidden_size" || $0.name == "d_model" }.count == 2)
    }

    /// Phenomenon 2: one model in two blocks of a table ("Pre-train on ImageNet-21K", "Pre-train on
    /// JFT") with the same value: two settings, each scoped by its block.
    @Test func oneModelInTwoBlocksIsTwoSettings() {
        let found = settings(grid: [
            ["Model", "Dropout", "lr"],
            ["Pre-train on ImageNet-21K"],
            ["ViT-B/16", "0.1", "1e-4"],
            ["Pre-train on JFT"],
            ["ViT-B/16", "0.1", "1e-4"],
        ], abstract: Self.abstract)
        let lrs = found.filter { $0.canonical == "learning_rate" }
        #expect(lrs.count == 2)
        #expect(Set(lrs.compactMap(\.scope)) == ["ViT-B/16, Pre-train on ImageNet-21K", "ViT-B/16, Pre-train on JFT"])
    }

    /// A value the table repeats on every one of many rows (at most two values in the column) is
    /// one setting of the table, not one per row; a column that varies stays per row.
    @Test func aValueRepeatedOnEveryRowIsOneSetting() {
        let models = ["A", "B", "C", "D", "E", "F", "G"]
        let rows = models.enumerated().map { n, m in [m, n < 4 ? "0.9" : "0.95", "\(n + 1)e-4"] }
        let found = settings(grid: [["Model", "β1", "lr"]] + rows, abstract: Self.abstract, kind: .pdf)
        let betas = found.filter { $0.canonical == "beta1" }.compactMap(\.value.number).sorted()
        #expect(betas == [0.9, 0.95])
        #expect(found.filter { $0.canonical == "learning_rate" }.count == models.count)
    }

    /// A cell that names its own setting ("Mixup: 0.5" under "Augmentations") is that setting; a
    /// cell that names its case ("64 × 64: 0.1" under "Dropout") is the column's, scoped by it.
    @Test func labelledCellsNameTheirSettingOrCase() {
        let found = settings(grid: [
            ["Model", "Dropout", "Augmentations", "lr"],
            ["ViT-S/16", "0.1", "Mixup: 0.5", "3e-4"],
            ["U-Net", "64 × 64: 0.2", "-", "1e-4"],
        ], abstract: Self.abstract)
        #expect(found.contains { $0.name == "Mixup" && $0.value == .number(0.5) })
        #expect(found.contains { $0.canonical == "dropout" && $0.value == .number(0.2) && ($0.scope ?? "").contains("64 × 64") })
        #expect(found.filter { $0.canonical == "dropout" }.count == 2)
    }
}
