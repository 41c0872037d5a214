import Foundation
import WardCore
import WardReporters

/// Renders a gated scan's reports and writes those that go to files.
public enum ReportService {
    /// Renders `gated` in every format of `formats`, in order. With `directory`, each report goes to
    /// its usual file name there; else the one report goes to `file`, or to the caller when nil,
    /// rendered with `inline` options (colour and width of a terminal). Reports leave the machine:
    /// none carries its paths.
    public static func render(_ gated: GatedScan, formats: [String], directory: String? = nil, file: String? = nil,
                              inline: RenderOptions = RenderOptions()) throws(AppError) -> [RenderedReport] {
        let scan = WardPaths.machinePaths(root: gated.scan.value.target.root).scrub(gated.scan)
        var reports: [RenderedReport] = []
        for format in formats {
            do {
                let reporter = try ReporterRegistry.reporter(id: format)
                let destination = directory.map { ($0 as NSString).appendingPathComponent(reporter.defaultFileName) } ?? file
                let data = try reporter.render(scan, gate: gated.gate, options: destination == nil ? inline : RenderOptions())
                reports.append(RenderedReport(format: format, destination: destination, data: data,
                                              warnings: reporter.warnings(scan, gate: gated.gate, report: data)))
            } catch {
                throw .wrapping(error)
            }
        }
        return reports
    }

    /// Writes a report to its file. When it cannot be written and the history holds the scan as
    /// `recordedScanID`, the error says so: the scan is kept, only the report is missing.
    public static func write(_ report: RenderedReport, recordedScanID: String?) throws(AppError) {
        guard let destination = report.destination else { return }
        let path = WardPaths.absolute(destination)
        do {
            try ReportFile.write(report.data, to: path)
        } catch {
            let reason = ReportFile.reason(error, path: path)
            if let recordedScanID {
                throw .reportNotWritten(scanID: recordedScanID, format: report.format, destination: destination, reason: reason)
            }
            throw .reportUnwritable(format: report.format, destination: destination, reason: reason)
        }
    }
}
