import Foundation
import GRDB

/// The named migrations of the history database. A shipped migration is never edited:
/// schema changes are new migrations appended to ``migrator``.
enum Schema {
    /// The names of the tables whose rows make up the history.
    static let historyTables = ["scan", "toolRun", "finding", "occurrence", "findingEvent", "triage", "findingAdvisory", "rawResult"]

    /// Every migration, in order.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-history", migrate: HistoryMigration.create)
        migrator.registerMigration("v2-raw-per-occurrence", migrate: RawPerOccurrenceMigration.apply)
        migrator.registerMigration("v3-scan-details", migrate: ScanDetailsMigration.apply)
        migrator.registerMigration("v4-scope-events", migrate: ScopeEventsMigration.apply)
        migrator.registerMigration("v5-scan-origin", migrate: ScanOriginMigration.apply)
        migrator.registerMigration("v6-triage", migrate: TriageMigration.apply)
        migrator.registerMigration("v7-occurrence-waivers", migrate: OccurrenceWaiversMigration.apply)
        migrator.registerMigration("v8-advisory-aliases", migrate: AdvisoryAliasMigration.apply)
        migrator.registerMigration("v9-history-indexes", migrate: HistoryIndexMigration.apply)
        migrator.registerMigration("v10-review-indexes", migrate: ReviewIndexMigration.apply)
        migrator.registerMigration("v11-raw-results", migrate: RawResultMigration.apply)
        migrator.registerMigration("v11-lean-indexes", migrate: LeanIndexMigration.apply)
        migrator.registerMigration("v12-api-tokens", migrate: APITokenMigration.apply)
        migrator.registerMigration("v15-dashboard-index", migrate: DashboardIndexMigration.apply)
        migrator.registerMigration("v16-scan-redaction", migrate: ScanRedactionMigration.apply)
        migrator.registerMigration("v17-inherited-locations", migrate: InheritedLocationMigration.apply)
        migrator.registerMigration("v18-raw-dictionary", migrate: RawDictionaryMigration.apply)
        migrator.registerMigration("v19-scan-keys", migrate: ScanKeyMigration.apply)
        migrator.registerMigration("v20-content-digests", migrate: ContentDigestMigration.apply)
        migrator.registerMigration("v21-stored-titles", migrate: StoredTitleMigration.apply)
        migrator.registerMigration("v22-identity-key", migrate: IdentityKeyMigration.apply)
        migrator.registerMigration("v23-event-scan-keys", migrate: EventScanKeyMigration.apply)
        migrator.registerMigration("v24-finding-scan-keys", migrate: FindingScanKeyMigration.apply)
        return migrator
    }

    /// Brings the schema up to date.
    ///
    /// Several processes may open a new file at once; each migration runs in an IMMEDIATE
    /// transaction, but the check for applied migrations happens before it, so the loser of
    /// that race fails on a change already made (a table that now exists). It then finds the
    /// migrations complete, or retries the ones still missing.
    static func migrate(_ writer: any DatabaseWriter, path: String) throws(StorageError) {
        let migrator = migrator
        var attempts = 0
        while true {
            do {
                if try writer.read(migrator.hasBeenSuperseded) {
                    throw StorageError.migrationFailed(
                        path: path,
                        reason: "the schema has migrations this version of ward does not know (written by a newer ward?)"
                    )
                }
                try migrator.migrate(writer)
                return
            } catch {
                if let error = error as? StorageError { throw error }
                attempts += 1
                let completed = (try? writer.read(migrator.hasCompletedMigrations)) ?? false
                if completed { return }
                if attempts >= 3 {
                    throw DatabaseFailure.storageError(error, path: path, wrap: StorageError.migrationFailed)
                }
            }
        }
    }

    /// Refuses a database that holds another application's tables: migrating it would mix schemas.
    ///
    /// Runs as each connection opens, before anything is written to the file.
    static func checkOwnership(_ db: Database, path: String) throws {
        let tables = try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
            """) ?? 0
        if tables > 0, try !db.tableExists("grdb_migrations") {
            throw StorageError.cannotOpen(path: path, reason: "the database holds another application's tables, not ward history")
        }
    }
}
