import Foundation
import PostgresNIO
import Testing
import TestSupport
import WardCore
import WardPostgres
import WardStorage

/// The histories the storage suite runs against: every test taking a backend runs on both, the
/// PostgreSQL one in a new database of the cluster `WARD_TEST_POSTGRES_URL` names (scripts/test and
/// scripts/with-postgres start one), dropped afterwards. Without the variable the PostgreSQL runs fail.
enum StorageBackend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    /// Runs `body` with an empty, migrated history of this kind; an SQLite one is in memory, or a
    /// file in `directory` when given.
    func withEmptyHistory<Result: Sendable>(in directory: URL? = nil, _ body: (any HistoryStore) throws -> Result) async throws -> Result {
        switch self {
        case .sqlite:
            guard let directory else { return try body(try AppDatabase.inMemory()) }
            return try body(try AppDatabase.open(path: directory.appendingPathComponent("history.sqlite").path))
        case .postgres:
            return try await Self.withFreshDatabase { settings in
                _ = try await PostgresStore(settings: settings).migrate()
                return try body(try PostgresHistory.open(settings: settings))
            }
        }
    }

    /// Runs `body` with the settings of a new, empty PostgreSQL database, dropped afterwards.
    static func withFreshDatabase<Result: Sendable>(_ body: (PostgresSettings) async throws -> Result) async throws -> Result {
        try await TestPostgres.withFreshDatabase(body)
    }
}

extension HistoryStore {
    /// Records a scan after the redaction stage, as the command line does.
    func record(_ scan: ScanRun) throws -> RecordOutcome {
        try record(RedactionStage().redact(scan))
    }
}
