import Foundation
import GRDB

/// `v8-advisory-aliases`: every advisory id any tool gave a finding, one row per id, so a
/// filter or waiver on any of them (PYSEC, GHSA, CVE, a tool's own id) finds it through an index.
///
/// `findingAdvisory` only grows: an id stays once a scan has reported it for the finding, even
/// when a later scan's tools no longer name it. Ids compare without regard to case (`NOCASE`), and
/// each keeps the spelling it was first stored with. Existing histories get the ids their findings
/// hold (`advisoryId` and `aliases`); the ids another tool reported beside them are added by the
/// next scan that sees the finding.
enum AdvisoryAliasMigration {
    static func apply(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE findingAdvisory (
              advisoryId TEXT NOT NULL COLLATE NOCASE CHECK (length(advisoryId) > 0),
              findingId INTEGER NOT NULL REFERENCES finding(id) ON DELETE CASCADE,
              PRIMARY KEY (advisoryId, findingId)
            ) WITHOUT ROWID
            """)
        try db.create(index: "findingAdvisory_on_findingId", on: "findingAdvisory", columns: ["findingId"])
        try db.execute(sql: """
            INSERT OR IGNORE INTO findingAdvisory (advisoryId, findingId)
            SELECT advisoryId, id FROM finding WHERE length(advisoryId) > 0
            UNION ALL
            SELECT alias.value, finding.id FROM finding, json_each(finding.aliases) AS alias
            WHERE json_valid(finding.aliases) AND alias.type = 'text' AND length(alias.value) > 0
            """)
    }
}
