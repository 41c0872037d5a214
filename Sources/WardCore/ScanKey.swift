/// How an occurrence, an event or a finding's sightings name their scan in either history: by the
/// scan's integer `key`, not its id.
///
/// A scan's id is a 36-character UUID text, and a history holds millions of occurrences, each
/// keyed by its scan: as text, the scan id was a fifth of a large history's file. Every scan has
/// a `key` of its own (unique, never reused: SQLite takes the largest plus one inside its single
/// writer, PostgreSQL an identity column), and `occurrence."scanKey"`, `findingEvent."scanKey"` and a
/// finding's `firstSeenScanKey`, `lastSeenScanKey` and `fixedScanKey` refer to it. Callers keep
/// passing scan ids: ``of(scanID:)`` turns one into its key inside the statement, where both
/// backends evaluate it once, and ``id(of:)`` reads a key back as the id callers see.
public enum ScanKey {
    /// The scan key of the scan whose id `scanID` holds (a parameter or a column), as an SQL
    /// expression both backends read the same way (quoted camelCase names).
    public static func of(scanID: String) -> String {
        #"(SELECT "key" FROM "scan" WHERE "id" = \#(scanID))"#
    }

    /// The condition that occurrence `occurrence` (an alias) belongs to the scan whose id `scanID` holds.
    public static func occurrence(_ occurrence: String, inScan scanID: String) -> String {
        #"\#(occurrence)."scanKey" = \#(of(scanID: scanID))"#
    }

    /// The id of the scan whose key `scanKey` holds (a column), as an SQL expression both backends
    /// read the same way; NULL when `scanKey` is NULL.
    public static func id(of scanKey: String) -> String {
        #"(SELECT "id" FROM "scan" WHERE "key" = \#(scanKey))"#
    }
}
