import Foundation
import GRDB
import WardCore
import WardHistoryFormat

/// What a scan's gate reads from the history and writes back: when each of the scan's findings was
/// first seen (for `sla:`), and the policy waivers the gate applied (on the scan's occurrences).
enum ScanDecisions {
    /// When the history first saw each finding the scan reported, by identity; `count`, when known,
    /// is how many there are (the dictionary is sized once).
    static func firstSeen(_ db: Database, scanID: String, count: Int = 0) throws -> [String: Date] {
        let rows = try Row.fetchCursor(db, sql: """
            SELECT f.identity, f.firstSeenAt FROM finding f
            WHERE f.id IN (SELECT findingId FROM occurrence o WHERE \(ScanKey.occurrence("o", inScan: "?")))
            """, arguments: [scanID])
        var result: [String: Date] = [:]
        result.reserveCapacity(count)
        while let row = try rows.next() { result[row[0]] = row[1] }
        return result
    }

    /// Clears the latest waiver of every finding the scan saw: until its gate says otherwise, the
    /// latest sighting is waived by nothing.
    static func clearLatestWaivers(_ db: Database, scan: ScanRun) throws {
        try db.execute(sql: "UPDATE finding SET waiver = NULL WHERE targetName = ?1 AND lastSeenScanKey = \(ScanKey.of(scanID: "?2")) AND waiver IS NOT NULL",
                       arguments: [scan.target.name, scan.id])
    }

    /// Stores on the scan's occurrences the waivers `gated` (the scan as its gate left it) shows:
    /// every finding suppressed by policy. Each waiver is stored on every tool's occurrence of it,
    /// and on the finding as its latest waiver (the scan is its latest sighting). Two statements
    /// whatever the number of waived findings: the pairs are bound as one JSON array.
    static func storeWaivers(_ db: Database, scan: ScanRun, gated: ScanRun) throws {
        let pairs: [JSONValue] = gated.findings.compactMap { finding in
            guard let waiver = finding.suppression, waiver.source == .policy, let text = JSONColumn.text(waiver) else { return nil }
            return .array([.string(finding.identity), .string(text)])
        }
        guard !pairs.isEmpty else { return }
        let waived = """
            SELECT f.id AS findingId, json_extract(pair.value, '$[1]') AS waiver
            FROM json_each(:pairs) pair JOIN finding f ON f.targetName = :target AND f.identity = json_extract(pair.value, '$[0]')
            """
        let arguments: StatementArguments = ["pairs": JSONValue.array(pairs).serialized, "target": scan.target.name, "scan": scan.id]
        try db.execute(sql: """
            UPDATE occurrence SET waiver = waived.waiver FROM (\(waived)) AS waived
            WHERE \(ScanKey.occurrence("occurrence", inScan: ":scan")) AND occurrence.findingId = waived.findingId
            """, arguments: arguments)
        try db.execute(sql: """
            UPDATE finding SET waiver = waived.waiver FROM (\(waived)) AS waived
            WHERE finding.id = waived.findingId AND finding.lastSeenScanKey = \(ScanKey.of(scanID: ":scan"))
            """, arguments: arguments)
    }

    /// The waivers stored on a scan's occurrences, by identity.
    static func waivers(_ db: Database, scanID: String) throws -> [String: Suppression] {
        let rows = try Row.fetchCursor(db, sql: """
            SELECT DISTINCT f.identity, o.waiver FROM occurrence o JOIN finding f ON f.id = o.findingId
            WHERE \(ScanKey.occurrence("o", inScan: "?")) AND o.waiver IS NOT NULL
            """, arguments: [scanID])
        var result: [String: Suppression] = [:]
        while let row = try rows.next() {
            result[row[0]] = try JSONColumn.suppression(row[1], column: "waiver")
        }
        return result
    }
}
