import Foundation
import Testing
import WardCore
import WardStorage

/// A finding that reappears under a new identity (a moved file, a secret identity with a new key)
/// keeps its story: first sighting, events, and no "fixed" plus "new".
@Suite struct FindingLineageTests {
    typealias F = StorageFixtures

    private func finding(_ identity: String, path: String, line: Int = 10, rule: String = "B602", snippet: String = "subprocess.call(cmd, shell=True)") -> Finding {
        var finding = F.finding(identity, rule: rule, path: path, line: line)
        finding.location?.snippet = snippet
        return finding
    }

    @Test(arguments: StorageBackend.allCases) func aMovedFileKeepsItsFindingsStory(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            // Given a finding in app/run.py and another in app/other.py
            _ = try database.record(F.scan("scan-1", findings: [finding("v1:old", path: "app/run.py"),
                                                               finding("v1:other", path: "app/other.py", rule: "B105", snippet: "x = 1")], at: 0))

            // When the file is moved: the same rule fires on the same text (spaced differently) under a new identity
            let moved = finding("v1:new", path: "lib/run.py", line: 12, snippet: "subprocess.call(cmd,   shell=True)")
            let outcome = try database.record(F.scan("scan-2", findings: [moved, finding("v1:other", path: "app/other.py", rule: "B105", snippet: "x = 1")], at: 60))

            // Then nothing is fixed or new; the finding has the new identity and path and its first sighting
            #expect(F.summary(outcome)?.newCount == 0)
            #expect(F.summary(outcome)?.fixedCount == 0)
            let all = try database.findings(matching: FindingQuery())
            #expect(all.map(\.finding.identity).sorted() == ["v1:new", "v1:other"])
            let tracked = try #require(all.first { $0.finding.identity == "v1:new" })
            #expect(tracked.firstSeenScanID == "scan-1")
            #expect(tracked.finding.location?.path == "lib/run.py")
            let events = try database.events(identity: "v1:new", target: F.target.name)
            #expect(events.map(\.kind) == [.opened, .moved])
            #expect(events.last?.detail == ["from": "v1:old", "path": "app/run.py"])
            #expect(try database.tableCounts()["finding"] == 2)
        }
    }

    @Test(arguments: StorageBackend.allCases) func aNewIdentityAtTheSamePlaceIsRekeyed(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            _ = try database.record(F.scan("scan-1", findings: [finding("v1:key-a", path: ".env", line: 3, rule: "aws", snippet: "AWS=AKIA…(20)")], at: 0))
            let outcome = try database.record(F.scan("scan-2", findings: [finding("v1:key-b", path: ".env", line: 3, rule: "aws", snippet: "AWS=AKIA…(20)")], at: 60))
            #expect(F.summary(outcome)?.newCount == 0)
            #expect(F.summary(outcome)?.fixedCount == 0)
            #expect(try database.events(identity: "v1:key-b", target: F.target.name).map(\.kind) == [.opened, .rekeyed])
        }
    }

    @Test(arguments: StorageBackend.allCases) func aSecretMaskedOtherwiseAtTheSamePlaceIsRekeyedAndOneElsewhereIsNot(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            // Given a secret stored with an older masking of its value
            var old = finding("v1:key-a", path: "keys/deploy.pem", line: 2, rule: "private-key-rsa", snippet: "V2Fy…(149)")
            old.kind = .secret
            let runs = [F.run("secrets")]
            _ = try database.record(F.scan("scan-1", runs: runs, findings: [old].map { var f = $0; f.toolID = "secrets"; return f }, at: 0))
            // When a new key and a new masking give it another identity and text, at the same place
            var new = finding("v1:key-b", path: "keys/deploy.pem", line: 2, rule: "private-key-rsa", snippet: "-----BEGIN RSA PRIVATE KEY-----\nV2Fy…(149)")
            new.kind = .secret
            new.toolID = "secrets"
            var elsewhere = new
            elsewhere.identity = "v1:key-c"
            elsewhere.location?.path = "keys/other.pem"
            let outcome = try database.record(F.scan("scan-2", runs: runs, findings: [elsewhere, new], at: 60))
            // Then the one at the same path continues the old finding; the other file's is new
            #expect(F.summary(outcome)?.newCount == 1)
            #expect(F.summary(outcome)?.fixedCount == 0)
            #expect(try database.events(identity: "v1:key-b", target: F.target.name).map(\.kind) == [.opened, .rekeyed])
            #expect(try database.events(identity: "v1:key-c", target: F.target.name).map(\.kind) == [.opened])
        }
    }

    @Test func anotherRuleOrAnIncompleteScanLinksNothing() throws {
        // Another rule on the same text is another finding: fixed and new
        let database = try AppDatabase.inMemory()
        _ = try database.record(F.scan("scan-1", findings: [finding("v1:a", path: "a.py")], at: 0))
        let other = try database.record(F.scan("scan-2", findings: [finding("v1:b", path: "b.py", rule: "B603")], at: 60))
        #expect(F.summary(other)?.newCount == 1)
        #expect(F.summary(other)?.fixedCount == 1)

        // An incomplete scan fixes nothing, so it links nothing either
        let second = try AppDatabase.inMemory()
        _ = try second.record(F.scan("scan-1", findings: [finding("v1:a", path: "a.py")], at: 0))
        let incomplete = try second.record(F.scan("scan-2", runs: [F.run("bandit"), F.run("semgrep", .failed)],
                                                  findings: [finding("v1:c", path: "c.py")], at: 60))
        #expect(F.summary(incomplete)?.newCount == 1)
        #expect(try second.events(identity: "v1:c", target: F.target.name).map(\.kind) == [.opened])
        #expect(try second.events(identity: "v1:a", target: F.target.name).map(\.kind) == [.opened])
    }

    @Test(arguments: StorageBackend.allCases) func twoMovedCopiesLinkOneEachAndTheRestIsNew(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            _ = try database.record(F.scan("scan-1", findings: [finding("v1:a1", path: "a.py", line: 5)], at: 0))
            let outcome = try database.record(F.scan("scan-2", findings: [finding("v1:b1", path: "b.py", line: 5),
                                                                         finding("v1:b2", path: "b.py", line: 9)], at: 60))
            #expect(F.summary(outcome)?.newCount == 1)
            #expect(F.summary(outcome)?.fixedCount == 0)
            #expect(try database.events(identity: "v1:b1", target: F.target.name).map(\.kind) == [.opened, .moved])
            #expect(try database.events(identity: "v1:b2", target: F.target.name).map(\.kind) == [.opened])
        }
    }
}
