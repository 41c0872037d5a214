import Foundation
import GRDB
import Testing
import WardCore
@testable import WardStorage

/// A title that is its finding's message is stored once, in the message's column, and every read
/// of the history gives it back with exactly the bytes it had; other titles are stored as they are.
@Suite struct StoredTitleTests {
    typealias F = StorageFixtures

    /// Findings whose titles are their messages, or not: a one-line message, another title, both
    /// empty, and a title canonically equal to its message in other bytes (é composed and decomposed).
    static let findings: [Finding] = [
        ("v1:title-same", "User input reaches a shell command.", "User input reaches a shell command."),
        ("v1:title-other", "Shell injection", "User input reaches a shell command.\nPass a list."),
        ("v1:title-empty", "", ""),
        ("v1:title-canonical", "Caf\u{E9} token", "Cafe\u{301} token"),
    ].map { identity, title, message in
        var finding = F.finding(identity)
        finding.title = title
        finding.message = message
        return finding
    }

    /// The title column of every finding row, by identity, as `ward db copy` reads it.
    static func storedTitles(_ database: any HistoryStore) throws -> [String: String] {
        let tables = try #require(database as? any HistoryTables)
        let table = try #require(HistoryTable.all.first { $0.name == "finding" })
        return try tables.readTables { reader in
            let columns = try reader.columns(of: table).filter { ["identity", "title"].contains($0.name) }
            var titles: [String: String] = [:]
            try reader.rows(of: table, columns: columns, batchSize: 100) { rows in
                for row in rows {
                    guard case .text(let first) = row[0], case .text(let second) = row[1] else { continue }
                    let (identity, title) = columns[0].name == "identity" ? (first, second) : (second, first)
                    titles[identity] = title
                }
            }
            return titles
        }
    }

    @Test(arguments: StorageBackend.allCases) func aTitleThatIsTheMessageIsStoredOnceAndReadBackWhole(_ backend: StorageBackend) async throws {
        // Given a scan of those findings, recorded
        let (stored, recorded, listed, triaged) = try await backend.withEmptyHistory { database in
            _ = try database.record(F.scan("scan", findings: Self.findings, at: 0))
            try database.triage(TriageDecision(state: .acceptedRisk, reason: "tracked", author: "alice", at: F.date(10)),
                                identity: "v1:title-same", target: nil)
            // When its rows, the recorded scan, the listing and the triaged findings are read
            return (try Self.storedTitles(database),
                    try database.recordedFindings(inScan: "scan", rawResults: false).findings,
                    try database.findings(matching: FindingQuery(target: F.target.name)),
                    try database.triagedFindings(target: nil))
        }

        // Then the title that is its message's bytes is stored empty, every other title whole
        #expect(stored == ["v1:title-same": "", "v1:title-other": "Shell injection", "v1:title-empty": "",
                           "v1:title-canonical": "Caf\u{E9} token"])
        // And every read gives each finding its own title, byte for byte
        let titles = Dictionary(uniqueKeysWithValues: Self.findings.map { ($0.identity, Array($0.title.utf8)) })
        #expect(Dictionary(uniqueKeysWithValues: recorded.map { ($0.identity, Array($0.title.utf8)) }) == titles)
        #expect(Dictionary(uniqueKeysWithValues: listed.map { ($0.finding.identity, Array($0.finding.title.utf8)) }) == titles)
        #expect(triaged.map(\.title) == ["User input reaches a shell command."])
    }

    @Test func aWardFromBeforeTitlesWereStoredOnceRefusesAHistoryThisOneWrote() throws {
        // Given a history this version wrote
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ward-titles-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("history.sqlite").path
        _ = try AppDatabase.open(path: path).record(F.scan("scan", findings: Self.findings, at: 0))
        // When a ward that knows every migration but the stored titles' looks at it
        var older = DatabaseMigrator()
        for identifier in Schema.migrator.migrations where identifier != "v21-stored-titles" {
            older.registerMigration(identifier) { _ in }
        }
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        // Then it finds a migration it does not know, and refuses the history rather than show its findings untitled
        #expect(try queue.read(older.hasBeenSuperseded))
        #expect(try queue.read(Schema.migrator.hasBeenSuperseded) == false)
    }
}
