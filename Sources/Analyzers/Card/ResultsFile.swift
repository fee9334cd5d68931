import Foundation

/// Reads a user's results file: JSON (`[{"metric": …, "value": …, "dataset": …}]` or
/// `{"results": [...]}`) or CSV with a header naming the columns `metric`, `value` and
/// optionally `dataset` (in any order; other columns are ignored). Values may carry a percent
/// sign ("93.1%"). Blank lines and CSV lines starting with `#` are skipped. Every problem is
/// reported with the file and line.
public enum ResultsFile {
    public enum Format: Sendable {
        case json, csv
    }

    /// Reads and parses the file at `path`; the format follows the extension (`.json`, `.csv`),
    /// else the first character (`[` or `{` for JSON).
    public static func read(path: String) throws(ResultsFileError) -> [MeasuredResult] {
        let name = (path as NSString).lastPathComponent
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ResultsFileError(file: path, line: 0, message: "cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ResultsFileError(file: path, line: 0, message: "not UTF-8 text")
        }
        let ext = (name as NSString).pathExtension.lowercased()
        let format: Format? = ext == "json" ? .json : ext == "csv" ? .csv : nil
        return try parse(text, file: path, format: format)
    }

    /// Parses the text of a results file; `file` names it in errors and in each result.
    public static func parse(_ text: String, file: String = "<results>", format: Format? = nil) throws(ResultsFileError) -> [MeasuredResult] {
        let first = text.unicodeScalars.first { !$0.properties.isWhitespace }
        guard let first else { throw ResultsFileError(file: file, line: 0, message: "the file is empty") }
        let f = format ?? (first == "[" || first == "{" ? .json : .csv)
        let results: [MeasuredResult]
        switch f {
        case .json: results = try parseJSON(text, file: file)
        case .csv: results = try parseCSV(text, file: file)
        }
        guard !results.isEmpty else { throw ResultsFileError(file: file, line: 0, message: "no results in the file") }
        return results
    }

    // MARK: - JSON

    static func parseJSON(_ text: String, file: String) throws(ResultsFileError) -> [MeasuredResult] {
        let root: LinedJSON
        do {
            root = try LinedJSON.parse(text)
        } catch {
            throw ResultsFileError(file: file, line: error.line, message: "malformed JSON: \(error.message)")
        }
        let items: [LinedJSON]
        switch root {
        case .array(let a, _):
            items = a
        case .object:
            guard let r = root["results"] else {
                throw ResultsFileError(file: file, line: root.line, message: "expected an array of results or an object with \"results\"")
            }
            guard case .array(let a, _) = r else {
                throw ResultsFileError(file: file, line: r.line, message: "\"results\" must be an array, not \(r.kindName)")
            }
            items = a
        default:
            throw ResultsFileError(file: file, line: root.line, message: "expected an array of results, not \(root.kindName)")
        }
        var out: [MeasuredResult] = []
        for item in items {
            guard case .object = item else {
                throw ResultsFileError(file: file, line: item.line, message: "each result must be an object with \"metric\" and \"value\", not \(item.kindName)")
            }
            guard let m = item["metric"] else { throw ResultsFileError(file: file, line: item.line, message: "a result has no \"metric\"") }
            guard case .string(let metric, _) = m, !metric.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw ResultsFileError(file: file, line: m.line, message: "\"metric\" must be a non-empty string")
            }
            guard let v = item["value"] else {
                throw ResultsFileError(file: file, line: item.line, message: "the result for \"\(metric)\" has no \"value\"")
            }
            let value: (Double, Bool)
            switch v {
            case .number(let n, _): value = (n, false)
            case .string(let s, _):
                guard let parsed = number(s) else {
                    throw ResultsFileError(file: file, line: v.line, message: "\"value\" of \"\(metric)\" is not a number: \"\(s)\"")
                }
                value = parsed
            default:
                throw ResultsFileError(file: file, line: v.line, message: "\"value\" of \"\(metric)\" must be a number, not \(v.kindName)")
            }
            var dataset: String?
            if let d = item["dataset"] {
                switch d {
                case .string(let s, _): dataset = s.trimmingCharacters(in: .whitespaces).isEmpty ? nil : s
                case .null: dataset = nil
                default:
                    throw ResultsFileError(file: file, line: d.line, message: "\"dataset\" must be a string, not \(d.kindName)")
                }
            }
            out.append(MeasuredResult(metric: metric.trimmingCharacters(in: .whitespaces), value: value.0, isPercent: value.1,
                                      dataset: dataset?.trimmingCharacters(in: .whitespaces), file: file, line: m.line))
        }
        return out
    }

    // MARK: - CSV

    static func parseCSV(_ text: String, file: String) throws(ResultsFileError) -> [MeasuredResult] {
        var header: [String: Int]?
        var out: [MeasuredResult] = []
        var lineNumber = 0
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = Substring(rawLine)
            if line.hasSuffix("\r") { line = line.dropLast() }
            if lineNumber == 1, line.hasPrefix("\u{FEFF}") { line = line.dropFirst() }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let fields: [String]
            do {
                fields = try csvFields(line)
            } catch {
                throw ResultsFileError(file: file, line: lineNumber, message: error.message)
            }
            guard let columns = header else {
                var h: [String: Int] = [:]
                for (n, f) in fields.enumerated() {
                    let name = f.trimmingCharacters(in: .whitespaces).lowercased()
                    if h[name] == nil { h[name] = n }
                }
                guard h["metric"] != nil, h["value"] != nil else {
                    throw ResultsFileError(file: file, line: lineNumber,
                                           message: "the header must name the columns metric and value (and optionally dataset), found: \(fields.joined(separator: ","))")
                }
                header = h
                continue
            }
            let width = (columns.values.max() ?? 0) + 1
            let needed = max(columns["metric"]!, columns["value"]!) + 1
            guard fields.count >= needed else {
                throw ResultsFileError(file: file, line: lineNumber, message: "expected \(width) fields, found \(fields.count)")
            }
            let metric = fields[columns["metric"]!].trimmingCharacters(in: .whitespaces)
            guard !metric.isEmpty else { throw ResultsFileError(file: file, line: lineNumber, message: "the metric is empty") }
            let rawValue = fields[columns["value"]!].trimmingCharacters(in: .whitespaces)
            guard let (value, pct) = number(rawValue) else {
                throw ResultsFileError(file: file, line: lineNumber, message: "the value of \"\(metric)\" is not a number: \"\(rawValue)\"")
            }
            var dataset: String?
            if let d = columns["dataset"], d < fields.count {
                let s = fields[d].trimmingCharacters(in: .whitespaces)
                dataset = s.isEmpty ? nil : s
            }
            out.append(MeasuredResult(metric: metric, value: value, isPercent: pct, dataset: dataset, file: file, line: lineNumber))
        }
        if header == nil { throw ResultsFileError(file: file, line: 0, message: "no header line (metric,value,dataset)") }
        return out
    }

    struct CSVError: Error { var message: String }

    /// Fields of one CSV line: commas separate, double quotes enclose, `""` is a quote.
    static func csvFields(_ line: Substring) throws(CSVError) -> [String] {
        var fields: [String] = []
        var cur = ""
        var quoted = false
        var atStart = true
        var chars = line.makeIterator()
        while let c = chars.next() {
            if quoted {
                if c == "\"" {
                    if let n = chars.next() {
                        if n == "\"" { cur.append("\""); continue }
                        quoted = false
                        if n == "," { fields.append(cur); cur = ""; atStart = true; continue }
                        if n == " " || n == "\t" { continue }
                        throw CSVError(message: "unexpected text after a closing quote")
                    }
                    quoted = false
                    continue
                }
                cur.append(c)
                continue
            }
            if c == "\"", atStart, cur.trimmingCharacters(in: .whitespaces).isEmpty {
                cur = ""
                quoted = true
                atStart = false
                continue
            }
            if c == "," { fields.append(cur); cur = ""; atStart = true; continue }
            cur.append(c)
            atStart = false
        }
        if quoted { throw CSVError(message: "a quoted field is not closed") }
        fields.append(cur)
        return fields
    }

    // MARK: - Values

    /// "93.1", "93.1%", "0.931", "1e-3", "1,024": the value and whether it had a percent sign.
    static func number(_ s: String) -> (Double, Bool)? {
        var t = s.trimmingCharacters(in: .whitespaces)
        var pct = false
        if t.hasSuffix("%") { pct = true; t = String(t.dropLast()).trimmingCharacters(in: .whitespaces) }
        if t.contains(","), t.split(separator: ",").dropFirst().allSatisfy({ $0.count == 3 && $0.allSatisfy(\.isNumber) }) {
            t = t.replacingOccurrences(of: ",", with: "")
        }
        t = t.replacingOccurrences(of: "\u{2212}", with: "-")
        guard !t.isEmpty, let v = Double(t), v.isFinite else { return nil }
        return (v, pct)
    }
}
