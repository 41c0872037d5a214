import Foundation
import Testing
import WardCore

/// Each history stores the fingerprint of the stage a scan passed and vouches for it when reading
/// the scan back only while every text of its findings was last written through that stage.
@Suite struct ScanRedactionTests {
    typealias F = StorageFixtures

    /// Finds nothing, and names itself.
    struct NamedMatcher: SecretMatcher {
        var name: String?
        func secrets(in texts: [String]) -> [[String]] { texts.map { _ in [] } }
        var fingerprint: String? { name }
    }

    static let stageA = RedactionStage(matcher: NamedMatcher(name: "a"))
    static let stageB = RedactionStage(matcher: NamedMatcher(name: "b"))

    static func redaction(_ database: any HistoryStore, _ scan: String) throws -> String? {
        try database.recordedFindings(inScan: scan, rawResults: false).redaction
    }

    @Test(arguments: StorageBackend.allCases)
    func aScanIsVouchedForUntilAScanThroughAnotherStageSeesOneOfItsFindings(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            let a = F.finding("v1:a", path: "a.py"), b = F.finding("v1:b", path: "b.py")
            // Given two scans through stage A, the first streamed as an import is
            _ = try database.record(Self.stageA.stream(F.scan("s1", findings: [a, b], at: 0)), readsFirstSeen: false) { scan, _, _ in scan }
            _ = try database.record(Self.stageA.redact(F.scan("s2", findings: [a], at: 60)))
            // Then both are vouched for: the target's scans all passed stage A
            #expect(try Self.redaction(database, "s1") == Self.stageA.fingerprint)
            #expect(try Self.redaction(database, "s2") == Self.stageA.fingerprint)

            // When a scan through stage B sees b
            _ = try database.record(Self.stageB.redact(F.scan("s3", findings: [b], at: 120)))
            // Then s1, whose b stage B saw last, is not; s2 and s3, whose findings their own stage saw last, are
            #expect(try Self.redaction(database, "s1") == nil)
            #expect(try Self.redaction(database, "s2") == Self.stageA.fingerprint)
            #expect(try Self.redaction(database, "s3") == Self.stageB.fingerprint)

            // When a scan through a stage without a fingerprint sees a, s2 is not vouched for either, nor is that scan
            _ = try database.record(RedactionStage().redact(F.scan("s4", findings: [a], at: 180)))
            #expect(try Self.redaction(database, "s2") == nil)
            #expect(try Self.redaction(database, "s4") == nil)
            #expect(try Self.redaction(database, "s3") == Self.stageB.fingerprint)
        }
    }

    @Test(arguments: StorageBackend.allCases)
    func anotherTargetsScansDoNotCount(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            let other = ScanTarget(name: "other", root: "/other")
            _ = try database.record(Self.stageA.redact(F.scan("s1", findings: [F.finding("v1:a")], at: 0)))
            _ = try database.record(Self.stageB.redact(F.scan("o1", findings: [F.finding("v1:a")], target: other, at: 60)))
            #expect(try Self.redaction(database, "s1") == Self.stageA.fingerprint)
            #expect(try Self.redaction(database, "o1") == Self.stageB.fingerprint)
        }
    }
}
