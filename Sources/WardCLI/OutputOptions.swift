import ArgumentParser
import Foundation
import WardApp
import WardReporters

/// Where and how a scan's reports are written: one format to stdout or `-o FILE`, or several
/// formats into `--output-dir`, each under its usual name (`ward.sarif`, `gl-sast-report.json`…).
struct OutputOptions: ParsableArguments {
    @Option(name: .long, parsing: .singleValue,
            help: ArgumentHelp("Report format, repeatable or comma-separated: \(ReporterRegistry.ids.joined(separator: ", ")) (default: table).",
                               valueName: "format"))
    var format: [String] = []

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write the report to this file instead of stdout (one format only; `-` is stdout).", valueName: "file"))
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

    /// The file of the one report; nil for stdout (no `-o`, or `-o -`).
    var file: String? { output == "-" ? nil : output }

    /// Whether the one report goes to the terminal as a table (where `--show-secrets` may print).
    var isTerminalTable: Bool { file == nil && outputDirectory == nil && formats == ["table"] }

    /// Writes every report of `gated`, each streamed to its file or stdout as it is rendered, and
    /// prints what each format's consumer would warn about. A report that cannot be written does not
    /// stop the others; the first such failure is thrown at the end, saying the scan is in the
    /// history when it is (`recordedScanID`).
    func write(_ gated: GatedScan, recordedScanID: String?, console: Console) throws {
        let inline = Console.renderOptions
        var failure: AppError?
        for destination in try ReportService.destinations(formats: formats, directory: outputDirectory, file: file) {
            do {
                let warnings = try ReportService.write(gated, to: destination, inline: inline, recordedScanID: recordedScanID)
                warnings.forEach { Console.warning("\(destination.format): \($0)") }
                if let file = destination.file { console.progress("wrote \(destination.format) report to \(file)") }
            } catch {
                if failure != nil { Console.error(error.description) }
                failure = failure ?? error
            }
        }
        if let failure { throw WardFailure(failure) }
    }

    private static var fileNames: String {
        ReporterRegistry.all.map { $0.defaultFileName }.joined(separator: ", ")
    }
}
