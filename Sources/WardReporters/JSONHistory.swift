import Foundation
import WardCore

/// What `ward findings --format json` and `ward scans --format json` publish
/// (`schemas/ward-report.schema.json`, `trackedFinding` and `scanSummary`), with keys spelled out
/// apart from the core's property names.
enum JSONHistory {
    /// A finding with its history in one target.
    struct TrackedFinding: Encodable {
        var finding: JSONFinding
        var target: String
        var status: String
        var sources: [String]
        var firstSeenScanID: String
        var lastSeenScanID: String
        var fixedScanID: String?
        var firstSeenAt: Date
        var lastSeenAt: Date

        enum CodingKeys: String, CodingKey {
            case finding = "finding", target = "target", status = "status", sources = "sources", firstSeenScanID = "firstSeenScanID"
            case lastSeenScanID = "lastSeenScanID", fixedScanID = "fixedScanID", firstSeenAt = "firstSeenAt", lastSeenAt = "lastSeenAt"
        }

        init(_ tracked: WardCore.TrackedFinding, dueAt: Date? = nil) {
            finding = JSONFinding(tracked.finding, dueAt: dueAt)
            target = tracked.target
            status = tracked.status.rawValue
            sources = tracked.sources
            firstSeenScanID = tracked.firstSeenScanID
            lastSeenScanID = tracked.lastSeenScanID
            fixedScanID = tracked.fixedScanID
            firstSeenAt = tracked.firstSeenAt
            lastSeenAt = tracked.lastSeenAt
        }
    }

    /// A recorded scan with its tool runs and counts.
    struct Scan: Encodable {
        var scanID: String
        var target: Target
        var mode: String
        var startedAt: Date
        var finishedAt: Date
        var isComplete: Bool
        var toolRuns: [JSONToolRun]
        var findingCount: Int
        var newCount: Int
        var reopenedCount: Int?
        var fixedCount: Int

        enum CodingKeys: String, CodingKey {
            case scanID = "scanID", target = "target", mode = "mode", startedAt = "startedAt", finishedAt = "finishedAt"
            case isComplete = "isComplete", toolRuns = "toolRuns", findingCount = "findingCount", newCount = "newCount"
            case reopenedCount = "reopenedCount", fixedCount = "fixedCount"
        }

        init(_ scan: ScanSummary) {
            scanID = scan.scanID
            target = Target(name: scan.target.name, root: scan.target.root, image: scan.target.image, branch: scan.target.branch,
                            commit: scan.target.commit, runURL: scan.target.runURL)
            mode = scan.mode.rawValue
            startedAt = scan.startedAt
            finishedAt = scan.finishedAt
            isComplete = scan.isComplete
            toolRuns = scan.toolRuns.map(JSONToolRun.init)
            findingCount = scan.findingCount
            newCount = scan.newCount
            reopenedCount = scan.reopenedCount > 0 ? scan.reopenedCount : nil
            fixedCount = scan.fixedCount
        }
    }

    /// What a scan looked at.
    struct Target: Encodable {
        var name: String
        var root: String
        var image: String?
        var branch: String?
        var commit: String?
        var runURL: String?

        enum CodingKeys: String, CodingKey {
            case name = "name", root = "root", image = "image", branch = "branch", commit = "commit", runURL = "runURL"
        }
    }

    /// `ward findings --format json`.
    struct FindingsDocument: Encodable {
        var schemaVersion: Int
        var findings: [TrackedFinding]

        enum CodingKeys: String, CodingKey {
            case schemaVersion = "schemaVersion", findings = "findings"
        }
    }

    /// `ward scans --format json`.
    struct ScansDocument: Encodable {
        var schemaVersion: Int
        var scans: [Scan]

        enum CodingKeys: String, CodingKey {
            case schemaVersion = "schemaVersion", scans = "scans"
        }
    }
}
