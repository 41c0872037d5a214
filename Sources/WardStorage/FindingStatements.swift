import Foundation
import GRDB
import WardCore

/// The prepared statements that write one scan's findings and occurrences.
///
/// Arguments are bound without GRDB's validation: the placeholders are counted here.
struct FindingStatements {
    private let db: Database
    private let insertStatement: Statement
    private let updateStatement: Statement
    private let occurrenceStatement: Statement
    private let scanID: DatabaseValue
    private let targetName: DatabaseValue
    private let seenAt: DatabaseValue

    /// Prepares the statements for `scan`.
    init(db: Database, scan: ScanRun) throws {
        self.db = db
        scanID = scan.id.databaseValue
        targetName = scan.target.name.databaseValue
        seenAt = scan.startedAt.databaseValue
        let content = FindingContent.columns
        insertStatement = try db.cachedStatement(sql: """
            INSERT INTO finding (targetName, identity, status, firstSeenScanId, lastSeenScanId, firstSeenAt, lastSeenAt, \
            \(FindingContent.sqlList(content)))
            VALUES (?, ?, 'open', ?, ?, ?, ?, \(Self.placeholders(content.count)))
            """)
        updateStatement = try db.cachedStatement(sql: """
            UPDATE finding SET status = 'open', fixedScanId = NULL, lastSeenScanId = ?, lastSeenAt = ?, \
            \(content.map { "\"\($0)\" = ?" }.joined(separator: ", "))
            WHERE id = ?
            """)
        let occurrence = ["scanId", "findingId", "toolId"] + FindingContent.locationColumns + ["suppression", "raw"]
        occurrenceStatement = try db.cachedStatement(sql: """
            INSERT INTO occurrence (\(FindingContent.sqlList(occurrence))) VALUES (\(Self.placeholders(occurrence.count)))
            """)
    }

    /// Inserts a new open finding first and last seen in this scan; returns its row id.
    func insert(_ finding: Finding) throws -> Int64 {
        var values: [DatabaseValue] = [targetName, finding.identity.databaseValue, scanID, scanID, seenAt, seenAt]
        values += FindingContent.values(of: finding)
        insertStatement.setUncheckedArguments(StatementArguments(values))
        try insertStatement.execute()
        return db.lastInsertedRowID
    }

    /// Refreshes an existing finding from this scan's sighting, reopening it if it was fixed.
    func update(id: Int64, with finding: Finding) throws {
        var values: [DatabaseValue] = [scanID, seenAt]
        values += FindingContent.values(of: finding)
        values.append(id.databaseValue)
        updateStatement.setUncheckedArguments(StatementArguments(values))
        try updateStatement.execute()
    }

    /// Records where this scan saw the finding, for the tool that reported it.
    func insertOccurrence(findingID: Int64, finding: Finding) throws {
        var values: [DatabaseValue] = [scanID, findingID.databaseValue, finding.toolID.databaseValue]
        values += FindingContent.locationValues(finding.location)
        values.append(JSONColumn.text(finding.suppression)?.databaseValue ?? .null)
        values.append(finding.raw?.databaseValue ?? .null)
        occurrenceStatement.setUncheckedArguments(StatementArguments(values))
        try occurrenceStatement.execute()
    }

    private static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ", ")
    }
}
