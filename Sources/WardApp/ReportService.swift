import Foundation
import WardCore
import WardReporters

/// Writes a gated scan's reports: each streamed to its file or to standard output as it is
/// rendered, never held whole, or rendered in memory for callers that want the bytes.
/// Reports leave the machine: none carries its paths.
public enum ReportService {
    /// Where each format of `formats` goes, in order: its usual file name in `directory`, else
    /// `file`, else nil (standard output, a response body).
    public static func destinations(formats: [String], directory: String? = nil, file: String? = nil) throws(AppError) -> [ReportDestination] {
        var destinations: [ReportDestination] = []
        for format in formats {
            let reporter = try reporter(format)
            destinations.append(ReportDestination(format: format,
                                                  file: directory.map { ($0 as NSString).appendingPathComponent(reporter.defaultFileName) } ?? file))
        }
        return destinations
    }

    /// Whether any format of `formats` shows the tools' raw results (the JSON report does), so that
    /// a scan read back from the history for them needs its raw results loaded.
    public static func showRawResults(_ formats: [String]) -> Bool {
        formats.contains { (try? ReporterRegistry.reporter(id: $0))?.showsRawResults ?? true }
    }

    /// Writes the report of `gated` to its destination as it is rendered, with `inline` options
    /// (colour and width of a terminal) on `standardOutput`, and returns what its consumer would
    /// warn about. When the report cannot be written and the history holds the scan as
    /// `recordedScanID`, the error says so: the scan is kept, only the report is missing. A file
    /// is replaced only once its report is complete.
    public static func write(_ gated: GatedScan, to destination: ReportDestination, inline: RenderOptions = RenderOptions(),
                             standardOutput: Int32 = STDOUT_FILENO, recordedScanID: String?) throws(AppError) -> [String] {
        let reporter = try reporter(destination.format)
        let scan = WardPaths.machinePaths(root: gated.scan.value.target.root).scrub(gated.scan)
        let output = try open(destination, standardOutput: standardOutput, recordedScanID: recordedScanID)
        do {
            let warnings = try reporter.write(scan, gate: gated.gate, options: destination.file == nil ? inline : RenderOptions(), to: output)
            try output.commit()
            return warnings
        } catch {
            output.discard()
            guard let failure = output.failure else { throw .wrapping(error) }
            throw notWritten(destination, reason: ReportFile.reason(failure, path: destination.absolutePath ?? ""), recordedScanID: recordedScanID)
        }
    }

    /// Renders `gated` in every format of `formats`, in order, in memory, with `inline` options for
    /// the one without a file; the bytes are those ``write(_:to:inline:standardOutput:recordedScanID:)``
    /// streams.
    public static func render(_ gated: GatedScan, formats: [String], directory: String? = nil, file: String? = nil,
                              inline: RenderOptions = RenderOptions()) throws(AppError) -> [RenderedReport] {
        let scan = WardPaths.machinePaths(root: gated.scan.value.target.root).scrub(gated.scan)
        var reports: [RenderedReport] = []
        for destination in try destinations(formats: formats, directory: directory, file: file) {
            let output = MemoryReportOutput()
            do {
                let warnings = try reporter(destination.format)
                    .write(scan, gate: gated.gate, options: destination.file == nil ? inline : RenderOptions(), to: output)
                reports.append(RenderedReport(format: destination.format, destination: destination.file, data: output.data, warnings: warnings))
            } catch {
                throw .wrapping(error)
            }
        }
        return reports
    }

    /// Writes a rendered report to its file; an error names `recordedScanID` as for a streamed one.
    public static func write(_ report: RenderedReport, recordedScanID: String?) throws(AppError) {
        guard let file = report.destination else { return }
        let destination = ReportDestination(format: report.format, file: file)
        let output = try open(destination, recordedScanID: recordedScanID)
        do {
            try output.write(report.data)
            try output.commit()
        } catch {
            output.discard()
            throw notWritten(destination, reason: ReportFile.reason(output.failure ?? error, path: destination.absolutePath ?? ""),
                             recordedScanID: recordedScanID)
        }
    }

    // MARK: - Private

    private static func reporter(_ format: String) throws(AppError) -> any Reporter.Type {
        do {
            return try ReporterRegistry.reporter(id: format)
        } catch {
            throw .wrapping(error)
        }
    }

    private static func open(_ destination: ReportDestination, standardOutput: Int32 = STDOUT_FILENO,
                             recordedScanID: String?) throws(AppError) -> ReportFile {
        guard let path = destination.absolutePath else { return ReportFile(standardOutput: standardOutput) }
        do {
            return try ReportFile(path: path)
        } catch {
            throw notWritten(destination, reason: ReportFile.reason(error, path: path), recordedScanID: recordedScanID)
        }
    }

    private static func notWritten(_ destination: ReportDestination, reason: String, recordedScanID: String?) -> AppError {
        let name = destination.file ?? "standard output"
        if let recordedScanID {
            return .reportNotWritten(scanID: recordedScanID, format: destination.format, destination: name, reason: reason)
        }
        return .reportUnwritable(format: destination.format, destination: name, reason: reason)
    }
}
