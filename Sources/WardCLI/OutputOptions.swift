import ArgumentParser
import Foundation
import WardCore
import WardReporters

/// Where and how a scan's reports are written: one format to stdout or `-o FILE`, or several
/// formats into `--output-dir`, each under its usual name (`ward.sarif`, `gl-sast-report.json`…).
struct OutputOptions: ParsableArguments {
    @Option(name: .long, parsing: .singleValue,
            help: ArgumentHelp("Report format, repeatable or comma-separated: \(ReporterRegistry.ids.joined(separator: ", ")) (default: table).",
                               valueName: "format"))
    var format: [String] = []

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write the report to this file instead of stdout (one format only).", valueName: "file"))
    var output: String?

    @Option(name: .customLong("output-dir"),
            help: ArgumentHelp("Write one file per format into this directory: \(OutputOptions.fileNames).", valueName: "dir"))
    var outputDirectory: String?

    /// The formats asked for, in order, without repeats; `table` when none was given.
    var formats: [String] {
        var result: [String] = []
        for id in format.flatMap({ $0.split(separator: ",") }).map({ $0.trimmingCharacters(in: .whitespaces) })
        where !id.isEmpty && !result.contains(id) {
            result.append(id)
        }
        return result.isEmpty ? ["table"] : result
    }

    func validate() throws {
        for id in formats where !ReporterRegistry.ids.contains(id) {
            throw ValidationError("unknown format '\(id)' (known: \(ReporterRegistry.ids.joined(separator: ", ")))")
        }
        if output != nil && outputDirectory != nil {
            throw ValidationError("give either -o/--output or --output-dir, not both")
        }
        if formats.count > 1 && outputDirectory == nil {
            throw ValidationError("several formats need --output-dir (-o and stdout take one format)")
        }
    }

    /// Renders and writes every report, printing what each format's consumer would warn about.
    func write(_ scan: Redacted<ScanRun>, gate: GateResult, console: Console) throws {
        // Reports leave the machine: none carries its paths (the one place reports are written from).
        let scan = WardPaths.machinePaths(root: scan.value.target.root).scrub(scan)
        for id in formats {
            let reporter = try ReporterRegistry.reporter(id: id)
            let destination = outputDirectory.map { ($0 as NSString).appendingPathComponent(reporter.defaultFileName) } ?? output
            let toTerminal = destination == nil
            let options = RenderOptions(color: toTerminal && Console.colorEnabled, width: toTerminal ? Console.width : 120)
            let data = try reporter.render(scan, gate: gate, options: options)
            reporter.warnings(scan, gate: gate, report: data).forEach { Console.warning("\(id): \($0)") }
            guard let destination else {
                Console.output(data)
                continue
            }
            try write(data, to: destination)
            console.progress("wrote \(id) report to \(destination)")
        }
    }

    // MARK: - Private

    private func write(_ data: Data, to destination: String) throws {
        do {
            try OutputFile.write(data, to: WardPaths.absolute(destination))
        } catch {
            throw WardFailure("\(destination): cannot write the report: \(error.localizedDescription)")
        }
    }

    private static var fileNames: String {
        ReporterRegistry.all.map { $0.defaultFileName }.joined(separator: ", ")
    }
}
