import Foundation
import GRDB
import WardCore
import WardHistoryFormat

/// The columns of `scan`, declared once: written from a ``ScanRun`` when it is recorded, read back
/// as a ``ScanSummary``. The counts are written by SQL once the findings are stored; the input
/// digest and the redaction stage's fingerprint are written but not part of a summary.
enum ScanColumns {
    /// Every column, in order.
    static let all: StoredColumns<ScanRun, ScanSummary> = [
        StoredColumn("id", { $0.id }, read: { $0.scanID = $1 }),
        StoredColumn("targetName", { $0.target.name }, read: { $0.target.name = $1 }),
        StoredColumn("targetRoot", { $0.target.root }, read: { $0.target.root = $1 }),
        .enumeration("mode", { $0.mode }, read: { $0.mode = $1 }),
        StoredColumn("startedAt", { $0.startedAt }, read: { $0.startedAt = $1 }),
        StoredColumn("finishedAt", { $0.finishedAt }, read: { $0.finishedAt = $1 }),
        StoredColumn("wardVersion", { $0.wardVersion }, read: { $0.wardVersion = $1 }),
        StoredColumn("complete", { $0.isComplete }, read: { $0.isComplete = $1 }),
        StoredColumn("inputDigest", { $0.inputDigest }, read: nil),
        StoredColumn("redaction", { $0.redaction }, read: nil),
        StoredColumn("branch", { $0.target.branch }, read: { $0.target.branch = $1 }),
        StoredColumn("commitId", { $0.target.commit }, read: { $0.target.commit = $1 }),
        StoredColumn("runUrl", { $0.target.runURL }, read: { $0.target.runURL = $1 }),
        StoredColumn("findingCount", nil, read: { $0.findingCount = $1 }),
        StoredColumn("newCount", nil, read: { $0.newCount = $1 }),
        StoredColumn("fixedCount", nil, read: { $0.fixedCount = $1 }),
        StoredColumn("reopenedCount", nil, read: { $0.reopenedCount = $1 }),
        StoredColumn("scope", { $0.scope.paths.map(JSONColumn.text) }, read: { summary, text in
            summary.scope = try text.map { .paths(try JSONColumn.strings($0, column: "scope")) } ?? .tree
        }),
    ]

    /// The summary every decoding starts from.
    static var blank: ScanSummary {
        ScanSummary(
            scanID: "", target: ScanTarget(name: "", root: ""), mode: .import, startedAt: Date(timeIntervalSince1970: 0),
            finishedAt: Date(timeIntervalSince1970: 0), isComplete: false, toolRuns: [], findingCount: 0, newCount: 0,
            fixedCount: 0
        )
    }
}
