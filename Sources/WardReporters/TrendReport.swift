import Foundation
import WardCore

/// Renders how a target's findings moved per interval (`ward trends`): open findings by severity
/// at the end of each interval, new, reopened and fixed ones in it, and the mean time to fix.
public enum TrendReport {
    /// The points in `format` (`table`, `csv`, `json`).
    public static func render(_ points: [TrendPoint], target: String, interval: TrendPoint.Interval, format: String,
                              options: RenderOptions) throws(ReporterError) -> Data {
        switch format {
        case "json":
            return try HistoryReport.json(JSONReviewChanges.TrendDocument(schemaVersion: 1, target: target, interval: interval.rawValue,
                                                                          points: points.map(JSONReviewChanges.Point.init)))
        case "csv":
            let header = ["start"] + severities.map(\.rawValue) + ["open", "new", "reopened", "fixed", "mean_time_to_fix_seconds"]
            return CSVText.document(header: header, rows: points.map { point in
                [point.start] + cells(point) + [point.meanTimeToFix.map { String(Int($0.rounded())) } ?? ""]
            })
        case "table": return Data(table(points, target: target, interval: interval).utf8)
        default: throw ReporterError.unknownFormat(id: format, known: ["table", "csv", "json"])
        }
    }

    private static let severities = Severity.allCases.sorted(by: >)

    private static func cells(_ point: TrendPoint) -> [String] {
        severities.map { String(point.open[$0] ?? 0) } + [point.openTotal, point.new, point.reopened, point.fixed].map(String.init)
    }

    private static func table(_ points: [TrendPoint], target: String, interval: TrendPoint.Interval) -> String {
        guard !points.isEmpty else { return "No findings recorded for \(TerminalText.sanitize(target)).\n" }
        let header = ["start"] + severities.map(\.rawValue) + ["open", "new", "reopened", "fixed", "time to fix"]
        let rows = points.map { point in [point.start] + cells(point) + [point.meanTimeToFix.map(duration) ?? "-"] }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.indices.map { index in
                index == 0 ? cells[index].padding(toLength: widths[index], withPad: " ", startingAt: 0)
                    : String(repeating: " ", count: widths[index] - cells[index].count) + cells[index]
            }.joined(separator: "  ")
        }
        let title = "Findings of \(TerminalText.sanitize(target)) per \(interval.rawValue) (open at the end of each)"
        return ([title, line(header)] + rows.map(line)).joined(separator: "\n") + "\n"
    }

    /// A duration in the largest fitting unit: `45m`, `5.2h`, `3.1d`.
    static func duration(_ seconds: Double) -> String {
        if seconds < 3600 { return "\(Int((seconds / 60).rounded()))m" }
        if seconds < 86_400 { return String(format: "%.1fh", seconds / 3600) }
        return String(format: "%.1fd", seconds / 86_400)
    }
}
