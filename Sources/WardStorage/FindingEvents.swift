import Foundation
import GRDB
import WardCore
import WardHistoryFormat

/// Appends one scan's events to `findingEvent`, inside the scan's write transaction. Events are
/// never updated or deleted (a scan's removal cascades to its own events only).
struct FindingEvents {
    /// The connection, inside a write transaction.
    let db: Database
    /// The scan being stored; its row and its findings' rows already exist.
    let scan: ScanRun
    /// The scan's key, as its row was inserted with it: every event of the scan holds it.
    let scanKey: Int64

    /// `opened` for every finding this scan saw first (all with ids in `newRowIDs`), `reopened` for
    /// those it found again after they were fixed, `severity-changed` (old and new severity in
    /// `detail`) for the others, and `moved` or `rekeyed` for those that continue under a new identity.
    func recordSightings(newRowIDs: ClosedRange<Int64>?, reopened: [Int64], severityChanges: [(id: Int64, from: String, to: String)],
                         links: [FindingLineage.Link]) throws {
        if let newRowIDs {
            try db.execute(sql: Self.opened,
                           arguments: [scanKey, scan.target.name, scan.startedAt, newRowIDs.lowerBound, newRowIDs.upperBound])
        }
        let insert = try db.cachedStatement(sql: "INSERT INTO findingEvent (findingId, scanKey, kind, at, detail) VALUES (?, ?, ?, ?, ?)")
        for id in reopened {
            try insert.execute(arguments: [id, scanKey, "reopened", scan.startedAt, nil])
        }
        for link in links {
            try insert.execute(arguments: [link.rowID, scanKey, link.kind.rawValue, scan.startedAt, JSONColumn.text(link.detail)])
        }
        for change in severityChanges {
            let detail = JSONColumn.text(["from": change.from, "to": change.to])
            try insert.execute(arguments: [change.id, scanKey, "severity-changed", scan.startedAt, detail])
        }
    }

    /// `opened` events for the new rows, whose ids lie in `?4...?5`.
    ///
    /// The id range reads the new rows alone, in order, however many rows the target holds: the
    /// table is read by its row ids (`NOT INDEXED`), because with the values bound as parameters
    /// SQLite would otherwise prefer the index on `targetName` and read, then sort, every row of the
    /// target (measured: 0.75 s instead of 0.48 s for 200,000 new findings, and proportional to the
    /// target's history for a scan that adds a few).
    ///
    /// Parameters: `?1` scan key, `?2` target name, `?3` time seen, `?4` and `?5` the first and last new id.
    static let opened = """
        INSERT INTO findingEvent (findingId, scanKey, kind, at)
        SELECT id, ?1, 'opened', ?3 FROM finding NOT INDEXED
        WHERE id BETWEEN ?4 AND ?5 AND targetName = ?2 AND firstSeenScanKey = ?1 ORDER BY id
        """

    /// One event of `kind` for every finding id `select` returns. `?1` in `select` and in the
    /// event is ``scanKey``, bound here; `arguments` are `select`'s parameters from `?2` on. The
    /// event's time is the start of the scan with that key (a key without its scan's row fails the
    /// write: the time cannot be NULL).
    func record(kind: String, forRowsOf select: String, arguments: StatementArguments) throws {
        try db.execute(
            sql: """
                INSERT INTO findingEvent (findingId, scanKey, kind, at)
                SELECT id, ?1, '\(kind)', (SELECT startedAt FROM scan WHERE "key" = ?1) FROM (\(select)) ORDER BY id
                """,
            arguments: [scanKey] + arguments
        )
    }
}
