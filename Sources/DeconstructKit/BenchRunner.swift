import Foundation
import PaperModel
import Readers
import Analyzers
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The benchmark behind `deconstruct bench`: each paper is read (and analyzed) in a fresh child
/// process, so that its peak memory is its own.
public enum BenchRunner {
    public struct Row: Sendable {
        public var name: String
        public var milliseconds: Double?
        public var peakMB: Double?
        public var detail: String

        public var line: String {
            let ms = milliseconds.map { String(format: "%9.2f", $0) } ?? "        -"
            let mb = peakMB.map { String(format: "%8.1f", $0) } ?? "       -"
            return "\(name.padding(toLength: 30, withPad: " ", startingAt: 0)) \(ms) \(mb)  \(detail)"
        }
    }

    public static let header = "paper                           time(ms)  peak(MB)  result"

    /// The papers in a corpus-like folder: each subfolder's `src/` (LaTeX) or the folder itself if
    /// it holds `.tex` files.
    public static func papers(in directory: String) -> [String] {
        let fm = FileManager.default
        guard let entries = try? fm.contentsOfDirectory(atPath: directory) else { return [] }
        var out: [String] = []
        for e in entries.sorted() {
            let base = (directory as NSString).appendingPathComponent(e)
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: base, isDirectory: &isDir), isDir.boolValue else { continue }
            let src = (base as NSString).appendingPathComponent("src")
            if fm.fileExists(atPath: src) { out.append(src); continue }
            let pdf = (base as NSString).appendingPathComponent("paper.pdf")
            if fm.fileExists(atPath: pdf) { out.append(pdf); continue }
            if let files = try? fm.contentsOfDirectory(atPath: base), files.contains(where: { $0.hasSuffix(".tex") }) {
                out.append(base)
            }
        }
        return out
    }

    /// Reads and analyzes one paper `runs` times in this process; one tab-separated line:
    /// median total ms, peak MB, summary (median read and analyze times, the first run's total —
    /// which pays the one-time loading of catalogues — and, with `stages`, each analysis stage's
    /// median).
    public static func measure(path: String, runs: Int, stages: Bool = false) throws -> String {
        var reads: [Double] = []
        var analyses: [Double] = []
        var analysisCPU: [Double] = []
        var stageTimes: [String: [Double]] = [:]
        var stageOrder: [String] = []
        var summary = ""
        let clock = ContinuousClock()
        // As the CLI does: the catalogues load while the first paper is read.
        Pipeline.prepareAnalysis()
        for _ in 0..<max(1, runs) {
            var result: ReadResult? = nil
            reads.append(StageTimer.milliseconds(try clock.measure { result = try Pipeline.read(path: path) }))
            var d: Deconstruction? = nil
            var timer = StageTimer(enabled: stages)
            let cpuBefore = cpuMilliseconds()
            analyses.append(StageTimer.milliseconds(clock.measure {
                (d, timer) = Pipeline.analyze(result!, timed: stages)
            }))
            analysisCPU.append(cpuMilliseconds() - cpuBefore)
            for (name, ms) in timer.stages {
                if stageTimes[name] == nil { stageOrder.append(name) }
                stageTimes[name, default: []].append(ms)
            }
            if let d {
                let errors = d.diagnostics.filter { $0.severity == .error }.count
                summary = "\(d.paper.allSections.count) sections, \(d.paper.algorithms.count) algorithms, "
                    + "\(d.paper.equations.count) equations, \(d.paper.tables.count) tables, \(errors) errors"
            }
        }
        let first = reads[0] + analyses[0]
        // The first run pays the one-time loading; the medians are over the runs after it.
        if reads.count > 1 {
            reads.removeFirst()
            analyses.removeFirst()
            analysisCPU.removeFirst()
            for name in stageOrder { stageTimes[name]!.removeFirst() }
        }
        let totals = zip(reads, analyses).map { $0 + $1 }
        var split = String(format: "read %.2f ms + analyze %.2f ms, CPU %.2f ms (first run %.2f ms); ",
                           median(reads), median(analyses), median(analysisCPU), first)
        if path.hasSuffix(".pdf"), let tool = pdftotextMilliseconds(path: path, runs: runs) {
            split += String(format: "pdftotext alone %.2f ms (read/pdftotext %.2f); ", tool, median(reads) / tool)
        }
        if stages {
            split += stageOrder.map { "\($0) " + String(format: "%.2f", median(stageTimes[$0]!)) }.joined(separator: ", ") + "; "
        }
        return "\(median(totals))\t\(peakMemoryMB())\t\(split)\(summary)"
    }

    /// The median of a non-empty list (the mean of the middle two for an even count).
    static func median(_ xs: [Double]) -> Double {
        let s = xs.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    /// Median wall time of `pdftotext -bbox-layout` alone on the file, for comparison.
    static func pdftotextMilliseconds(path: String, runs: Int) -> Double? {
        var times: [Double] = []
        let clock = ContinuousClock()
        for _ in 0..<max(1, runs) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["pdftotext", "-bbox-layout", "-enc", "UTF-8", path, "-"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            let elapsed = clock.measure {
                try? process.run()
                process.waitUntilExit()
            }
            guard process.terminationStatus == 0 else { return nil }
            times.append(StageTimer.milliseconds(elapsed))
        }
        return median(times)
    }

    /// CPU time (user and system, all threads) this process has used so far, in milliseconds:
    /// the analyzers run on several threads, so the analysis' CPU time can exceed its wall time.
    static func cpuMilliseconds() -> Double {
        let usage = resourceUsage()
        func ms(_ t: timeval) -> Double { Double(t.tv_sec) * 1000 + Double(t.tv_usec) / 1000 }
        return ms(usage.ru_utime) + ms(usage.ru_stime)
    }

    /// Peak resident memory of this process, in MB.
    public static func peakMemoryMB() -> Double {
        let usage = resourceUsage()
        #if canImport(Darwin)
        return Double(usage.ru_maxrss) / 1_048_576
        #else
        return Double(usage.ru_maxrss) / 1024
        #endif
    }

    /// This process' resource usage (`getrusage`).
    private static func resourceUsage() -> rusage {
        var usage = rusage()
        #if canImport(Glibc)
        getrusage(RUSAGE_SELF.rawValue, &usage)
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        return usage
    }

    public static func executablePath() -> String {
        let arg0 = CommandLine.arguments[0]
        if arg0.contains("/") { return URL(fileURLWithPath: arg0).standardizedFileURL.path }
        return Bundle.main.executablePath ?? arg0
    }

    /// Runs `deconstruct bench --one PAPER` and parses its line.
    public static func runChild(executable: String, paper: String, runs: Int, stages: Bool = false) -> Row {
        let name = paper.hasSuffix("/src") || paper.hasSuffix("/paper.pdf")
            ? ((paper as NSString).deletingLastPathComponent as NSString).lastPathComponent + (paper.hasSuffix(".pdf") ? " (pdf)" : "")
            : (paper as NSString).lastPathComponent
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["bench", "--one", paper, "--runs", String(runs)] + (stages ? ["--stages"] : [])
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            return Row(name: name, detail: "could not start \(executable): \(error.localizedDescription)")
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let line = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let fields = line.split(separator: "\t", maxSplits: 2).map(String.init)
        guard process.terminationStatus == 0, fields.count == 3 else {
            return Row(name: name, detail: "failed (exit \(process.terminationStatus)) \(line)")
        }
        return Row(name: name, milliseconds: Double(fields[0]), peakMB: Double(fields[1]), detail: fields[2])
    }

    public static func summary(_ rows: [Row]) -> String {
        let times = rows.compactMap(\.milliseconds).sorted()
        let memory = rows.compactMap(\.peakMB).sorted()
        guard !times.isEmpty else { return "no paper was read" }
        return String(format: "%d papers: median %.2f ms (max %.2f ms), median peak %.1f MB (max %.1f MB)",
                      times.count, median(times), times.last!, median(memory), memory.last!)
    }
}
