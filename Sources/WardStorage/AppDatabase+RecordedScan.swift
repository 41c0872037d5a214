import Foundation
import GRDB
import WardCore

extension AppDatabase {
    /// Findings of a stored scan at which reading it splits into ranges read on every core.
    static let parallelReadThreshold = 8_192

    /// The findings of the scan `scanID` as the tools reported them (its gate's waivers left out),
    /// each with every tool that ever reported it as `sources`, in the order the scan recorded them:
    /// what gating a recorded scan again starts from. Raw results are read only when `rawResults`
    /// (a report that shows them); they are most of what a scan holds.
    ///
    /// A large scan is read in ranges of finding ids on several reader connections at once. The
    /// history's revision (its largest scan key and its number of scans) is read before and after:
    /// when a scan was recorded in between, the ranges may disagree (a finding's `sources`), and the
    /// scan is read again in one transaction.
    public func recordedFindings(inScan scanID: String, rawResults: Bool = true) throws(StorageError) -> (findings: [Finding], redaction: String?) {
        let (ids, revision, redaction) = try read { db in
            (try Int64.fetchAll(db, sql: Self.findingIDsOfScan, arguments: [scanID]),
             try Self.revision(db), try Self.redaction(db, scanID: scanID))
        }
        guard ids.count >= Self.parallelReadThreshold, writer is DatabasePool else { return try recordedFindings(scanID, rawResults, ids: nil) }
        let chunkSize = max(1_024, ids.count / (4 * ProcessInfo.processInfo.activeProcessorCount) + 1)
        let findings = try ParallelChunks.joined(count: ids.count, chunkSize: chunkSize) { (chunk: Range<Int>) throws(StorageError) -> [Finding] in
            try recordedFindings(scanID, rawResults, ids: ids[chunk.lowerBound]...ids[chunk.upperBound - 1]).findings
        }
        guard try read(Self.revision) == revision else { return try recordedFindings(scanID, rawResults, ids: nil) }
        return (findings, redaction)
    }

    /// The scan's findings whose ids lie in `ids` (all of them when nil), with the fingerprint their
    /// texts passed, in one read transaction.
    func recordedFindings(_ scanID: String, _ rawResults: Bool, ids: ClosedRange<Int64>?) throws(StorageError) -> (findings: [Finding], redaction: String?) {
        var query = FindingQuery(scanID: scanID)
        query.showsWaivers = false
        var search = FindingSearch(query: query)
        search.rawResults = rawResults
        search.recordedOrder = true
        if let ids {
            search.condition = ("f.id BETWEEN :rangeLow AND :rangeHigh", ["rangeLow": ids.lowerBound, "rangeHigh": ids.upperBound])
        }
        return try read { db in (try search.fetchFindings(db), ids == nil ? try Self.redaction(db, scanID: scanID) : nil) }
    }

    /// The ids of the findings the scan `?` saw, in order.
    private static let findingIDsOfScan = "SELECT DISTINCT findingId FROM occurrence o WHERE \(ScanKey.occurrence("o", inScan: "?")) ORDER BY findingId"

    /// The fingerprint of the redaction stage every stored text of the scan's findings passed, if one did.
    private static func redaction(_ db: Database, scanID: String) throws -> String? {
        try String.fetchOne(db, sql: RecordedRedaction.query(placeholder: "?1"), arguments: [scanID])
    }

    /// What changes when a scan is recorded: the largest scan key and the number of scans. Everything
    /// a recording writes (occurrences, findings' rows) is written in the transaction that adds its
    /// scan, under a key larger than any before.
    private static func revision(_ db: Database) throws -> [Int64] {
        let row = try Row.fetchOne(db, sql: #"SELECT coalesce(max("key"), 0), count(*) FROM scan"#)
        return [row?[0] ?? 0, row?[1] ?? 0]
    }
}
