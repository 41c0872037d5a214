import Foundation
import WardCore

/// What `ward diff --format json` and `ward trends --format json` publish
/// (`schemas/ward-report.schema.json`: `scanDiff`, `trendList`).
enum JSONReviewChanges {
    /// A finding whose severity changed between the scans.
    struct SeverityChange: Encodable {
        var finding: JSONHistory.TrackedFinding
        var from: String
        var to: String

        enum CodingKeys: String, CodingKey {
            case finding = "finding", from = "from", to = "to"
        }
    }

    /// `ward diff --format json`.
    struct DiffDocument: Encodable {
        var schemaVersion: Int
        var from: JSONReview.ScanRef
        var to: JSONReview.ScanRef
        var new: [JSONHistory.TrackedFinding]
        var reopened: [JSONHistory.TrackedFinding]
        var fixed: [JSONHistory.TrackedFinding]
        var severityChanged: [SeverityChange]

        enum CodingKeys: String, CodingKey {
            case schemaVersion = "schemaVersion", from = "from", to = "to", new = "new", reopened = "reopened", fixed = "fixed"
            case severityChanged = "severityChanged"
        }

        init(_ diff: ScanDiff) {
            schemaVersion = 1
            from = JSONReview.ScanRef(diff.from)
            to = JSONReview.ScanRef(diff.to)
            new = diff.new.map { JSONHistory.TrackedFinding($0) }
            reopened = diff.reopened.map { JSONHistory.TrackedFinding($0) }
            fixed = diff.fixed.map { JSONHistory.TrackedFinding($0) }
            severityChanged = diff.severityChanged.map {
                SeverityChange(finding: JSONHistory.TrackedFinding($0.finding), from: $0.from.rawValue, to: $0.to.rawValue)
            }
        }
    }

    /// Open findings per severity at the end of an interval.
    struct OpenCounts: Encodable {
        var critical: Int
        var high: Int
        var medium: Int
        var low: Int
        var info: Int

        enum CodingKeys: String, CodingKey {
            case critical = "critical", high = "high", medium = "medium", low = "low", info = "info"
        }
    }

    /// One interval.
    struct Point: Encodable {
        var start: String
        var open: OpenCounts
        var openTotal: Int
        var new: Int
        var reopened: Int
        var fixed: Int
        var meanTimeToFixSeconds: Double?

        enum CodingKeys: String, CodingKey {
            case start = "start", open = "open", openTotal = "openTotal", new = "new", reopened = "reopened", fixed = "fixed"
            case meanTimeToFixSeconds = "meanTimeToFixSeconds"
        }

        init(_ point: TrendPoint) {
            start = point.start
            open = OpenCounts(critical: point.open[.critical] ?? 0, high: point.open[.high] ?? 0, medium: point.open[.medium] ?? 0,
                              low: point.open[.low] ?? 0, info: point.open[.info] ?? 0)
            openTotal = point.openTotal
            new = point.new
            reopened = point.reopened
            fixed = point.fixed
            meanTimeToFixSeconds = point.meanTimeToFix.map { ($0 * 1000).rounded() / 1000 }
        }
    }

    /// `ward trends --format json`.
    struct TrendDocument: Encodable {
        var schemaVersion: Int
        var target: String
        var interval: String
        var points: [Point]

        enum CodingKeys: String, CodingKey {
            case schemaVersion = "schemaVersion", target = "target", interval = "interval", points = "points"
        }
    }
}
