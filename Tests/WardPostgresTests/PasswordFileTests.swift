import Foundation
import TestSupport
import Testing
import WardPostgres

/// Passwords from a libpq password file (`PGPASSFILE`, else `~/.pgpass`), with libpq's matching
/// and its permission rule, made strict: a file others can read is refused, not skipped.
@Suite struct PasswordFileTests {
    /// Writes `text` to a new file with `mode`; returns its path.
    func passwordFile(_ text: String, mode: Int = 0o600) throws -> String {
        let directory = URL(fileURLWithPath: try Fixtures.temporaryDirectory("ward-pgpass"))
        let path = directory.appendingPathComponent("pgpass").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    @Test func takesTheFirstMatchingLineWithWildcardsAndEscapes() throws {
        let path = try passwordFile("""
            # comment line
            other.host:5432:*:ward:wrong-host
            db.internal:5432:history:ward:first\\:match\\\\
            *:*:*:ward:later-wildcard
            """)
        let exact = try PostgresSettings.resolve("postgres://ward@db.internal/history", environment: ["PGPASSFILE": path])
        #expect(exact.password == "first:match\\")
        let wildcard = try PostgresSettings.resolve("postgres://ward@db.internal:6000/other", environment: ["PGPASSFILE": path])
        #expect(wildcard.password == "later-wildcard")
        let noMatch = try PostgresSettings.resolve("postgres://alice@db.internal/history", environment: ["PGPASSFILE": path])
        #expect(noMatch.password == nil)
    }

    @Test func PGPASSWORDComesBeforeTheFile() throws {
        let path = try passwordFile("*:*:*:*:from-file\n")
        let settings = try PostgresSettings.resolve("postgres://u@h/d", environment: ["PGPASSFILE": path, "PGPASSWORD": "from-env"])
        #expect(settings.password == "from-env")
    }

    @Test func readsDotPgpassInHomeByDefault() throws {
        let path = try passwordFile("*:*:*:*:home-file\n")
        let home = (path as NSString).deletingLastPathComponent
        try FileManager.default.moveItem(atPath: path, toPath: home + "/.pgpass")
        let settings = try PostgresSettings.resolve("postgres://u@h/d", environment: ["HOME": home])
        #expect(settings.password == "home-file")
    }

    @Test(arguments: [0o640, 0o604, 0o660, 0o644])
    func refusesAFileGroupOrOthersCanAccess(mode: Int) throws {
        let path = try passwordFile("*:*:*:*:leaked-secret\n", mode: mode)
        do {
            _ = try PostgresSettings.resolve("postgres://u@h/d", environment: ["PGPASSFILE": path])
            Issue.record("accepted a password file with mode \(String(mode, radix: 8))")
        } catch {
            #expect(error == .unusablePasswordFile(path: path, reason: "group or others can access it; chmod 0600 it"))
            #expect(!error.description.contains("leaked-secret"))
        }
    }

    @Test func refusesADirectoryAndIgnoresAMissingFile() throws {
        let path = try passwordFile("")
        let directory = (path as NSString).deletingLastPathComponent
        #expect(throws: PostgresError.unusablePasswordFile(path: directory, reason: "not a regular file")) {
            try PostgresSettings.resolve("postgres://u@h/d", environment: ["PGPASSFILE": directory])
        }
        let missing = try PostgresSettings.resolve("postgres://u@h/d", environment: ["PGPASSFILE": directory + "/absent"])
        #expect(missing.password == nil)
    }
}
