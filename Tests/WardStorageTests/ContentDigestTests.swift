import Foundation
import GRDB
import Testing
import TestSupport
import WardCore
import WardPostgres
import WardStorage

/// A re-scan leaves alone the open rows whose content digest says it reports them unchanged, and
/// rewrites, with their digest, the rows it describes differently, rows without a digest (written
/// before histories kept one) and fixed rows, on both histories.
///
/// What the history holds is altered behind its back to tell a skipped row from a rewritten one:
/// the row whose message was changed but whose digest was kept is left as it is.
@Suite struct ContentDigestTests {
    typealias F = StorageFixtures

    @Test(arguments: StorageBackend.allCases) func aRescanWritesOnlyTheRowsItDescribesDifferently(_ backend: StorageBackend) async throws {
        // Given a history whose scan reported three findings, one of them fixed by a second scan
        let kept = F.finding("v1:kept", line: 1), undigested = F.finding("v1:undigested", line: 2)
        let retitled = F.finding("v1:retitled", line: 3), fixed = F.finding("v1:fixed", line: 4)
        var changed = retitled
        changed.title = "a new title"
        let rows = try await Self.withHistory(backend) { database, direct in
            _ = try database.record(F.scan("scan-1", findings: [kept, undigested, retitled, fixed], at: 0))
            _ = try database.record(F.scan("scan-2", findings: [kept, undigested, retitled], at: 10))
            // ...whose rows were then altered: two messages changed, the digest of one of them taken away
            try await direct.execute("UPDATE finding SET message = 'altered' WHERE identity IN ('v1:kept', 'v1:undigested')")
            try await direct.execute(#"UPDATE finding SET "contentDigest" = NULL WHERE identity = 'v1:undigested'"#)
            // When a third scan reports them all again, one with a new title
            _ = try database.record(F.scan("scan-3", findings: [kept, undigested, changed, fixed], at: 20))
            return try database.findings(matching: FindingQuery())
        }
        let byIdentity = Dictionary(uniqueKeysWithValues: rows.map { ($0.finding.identity, $0) })

        // Then the row it reports unchanged was left alone (its altered message stays), but moved to the scan
        #expect(byIdentity["v1:kept"]?.finding.message == "altered")
        #expect(byIdentity["v1:kept"]?.lastSeenScanID == "scan-3")
        // And the row without a digest, the retitled row and the fixed row were written again
        #expect(byIdentity["v1:undigested"]?.finding.message == undigested.message)
        #expect(byIdentity["v1:retitled"]?.finding.title == "a new title")
        #expect(byIdentity["v1:fixed"]?.status == .open)
        #expect(rows.allSatisfy { $0.lastSeenScanID == "scan-3" && $0.status == .open })
    }

    @Test(arguments: StorageBackend.allCases) func everyWrittenRowKeepsTheDigestOfWhatItDescribes(_ backend: StorageBackend) async throws {
        // Given a finding recorded, then recorded again with a new title
        let first = F.finding("v1:one")
        var second = first
        second.title = "a new title"
        let digests = try await Self.withHistory(backend) { database, direct in
            _ = try database.record(F.scan("scan-1", findings: [first], at: 0))
            let before = try await direct.digest()
            _ = try database.record(F.scan("scan-2", findings: [second], at: 10))
            return (before, try await direct.digest())
        }

        // Then the row held the digest of each description in turn
        #expect(digests.0 == FindingContentDigest.of(first))
        #expect(digests.1 == FindingContentDigest.of(second))
    }

    @Test(arguments: StorageBackend.allCases) func aStreamedScanKeepsTheDigestOfItsMaskedDescription(_ backend: StorageBackend) async throws {
        // Given a finding quoting a value the tool reported as a secret in its file
        var finding = F.finding("v1:one")
        finding.message = "token s3cr3t-Value-91 in use"
        let stage = RedactionStage(knownSecrets: ["app.py": ["s3cr3t-Value-91"]])
        let scan = F.scan("scan-1", findings: [finding], at: 0)

        // When it is recorded through the redaction stream
        let (stored, masked) = try await Self.withHistory(backend) { database, direct in
            let stream = stage.stream(scan)
            var masked: [Finding] = []
            _ = try database.record(stream, readsFirstSeen: false) { redacted, _, _ in
                masked = redacted.value.findings
                return redacted
            }
            return (try await direct.digest(), masked)
        }

        // Then the row holds the digest of the masked description, not of the tool's
        #expect(masked.count == 1 && !(masked.first?.message.contains("s3cr3t") ?? true))
        #expect(stored == masked.first.map { FindingContentDigest.of($0) })
        #expect(stored != FindingContentDigest.of(finding))
    }

    /// SQL run on a history directly, beside the store.
    struct Direct {
        /// Runs a statement.
        var execute: (String) async throws -> Void
        /// The content digest of the only finding row.
        var digest: () async throws -> [UInt8]?
    }

    /// Runs `body` with an empty history of `backend` and a way to reach its tables directly.
    private static func withHistory<Result: Sendable>(
        _ backend: StorageBackend, _ body: (any HistoryStore, Direct) async throws -> Result
    ) async throws -> Result {
        switch backend {
        case .sqlite:
            let directory = try F.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            let path = directory.appendingPathComponent("history.sqlite").path
            let database = try AppDatabase.open(path: path)
            return try await body(database, Direct(
                execute: { sql in try DatabaseQueue(path: path).write { try $0.execute(sql: sql) } },
                digest: { try DatabaseQueue(path: path).read { try Data.fetchOne($0, sql: "SELECT contentDigest FROM finding") }.map { Array($0) } }
            ))
        case .postgres:
            return try await TestPostgres.withFreshDatabase { settings in
                _ = try await PostgresStore(settings: settings).migrate()
                let database = try PostgresHistory.open(settings: settings)
                return try await body(database, Direct(
                    execute: { sql in try await TestPostgres.execute(sql, on: settings) },
                    digest: {
                        let rows = try await TestPostgres.rows(#"SELECT encode("contentDigest", 'hex') FROM finding"#, on: settings, columns: 1)
                        return rows.first?.first.flatMap { $0 }.map(Self.bytes(hex:))
                    }
                ))
            }
        }
    }

    private static func bytes(hex: String) -> [UInt8] {
        let digits = Array(hex.utf8)
        return stride(from: 0, to: digits.count, by: 2).map { UInt8(String(decoding: digits[$0..<$0 + 2], as: UTF8.self), radix: 16)! }
    }
}
