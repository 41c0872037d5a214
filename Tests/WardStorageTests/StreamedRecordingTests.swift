import Foundation
import GRDB
import Testing
import WardCore
import WardHistoryFormat
@testable import WardStorage

/// A scan recorded as the redaction stage hands its findings over, chunk by chunk, is stored
/// exactly as the same scan recorded whole.
@Suite struct StreamedRecordingTests {
    typealias F = StorageFixtures
    static let secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"

    /// A scan of more findings than two chunks hold: some share a raw result, some share an
    /// identity (two tools), the first quotes a secret only a later finding of its file reveals.
    static func scan(_ id: String = "s1", digest: String? = nil) -> ScanRun {
        var findings: [Finding] = (0..<(2 * RedactionStage.chunkSize + 300)).map { index in
            var finding = F.finding("v1:\(index % 4_000)", tool: index < 4_000 ? "bandit" : "semgrep", path: "app\(index % 9).py",
                                    line: index + 1)
            finding.raw = #"{"n":\#(index % 1_000),"text":"x = \#(index == 0 ? secret : "1")"}"#
            return finding
        }
        var last = F.finding("v1:last", path: "app0.py", line: 99_999)
        last.raw = #"{"secret":"\#(secret)"}"#
        findings.append(last)
        return F.scan(id, runs: [F.run("bandit"), F.run("semgrep")], findings: findings, mode: .import, digest: digest)
    }

    @Test func streamedAndWholeRecordingsStoreTheSameRows() throws {
        // Given the same scan recorded whole in one history and streamed in another
        let stage = RedactionStage(knownSecrets: ["app0.py": [Self.secret]])
        let whole = try AppDatabase.inMemory()
        let streamed = try AppDatabase.inMemory()
        let wholeOutcome = try whole.record(stage.redact(Self.scan()))
        var gated: Redacted<ScanRun>?
        let streamedOutcome = try streamed.record(stage.stream(Self.scan()), readsFirstSeen: true) { redacted, firstSeen, _ in
            #expect(firstSeen.count == 4_001)
            gated = redacted
            return redacted
        }

        // Then the outcomes, the stored findings with their raw results, and the row counts agree
        #expect(streamedOutcome == wholeOutcome)
        #expect(gated?.value == stage.redact(Self.scan()).value)
        let query = FindingQuery(scanID: "s1")
        let stored = try streamed.findings(matching: query).map(\.finding)
        #expect(stored == (try whole.findings(matching: query).map(\.finding)))
        #expect(stored.count == 4_001)
        #expect(try streamed.tableCounts() == (try whole.tableCounts()))
        // And no stored raw result holds the secret, the first finding's included, nor the dictionary
        // the write made of its first ones (a row of its own: 1,002 distinct results and it)
        let texts = try streamed.read { db in
            let inflater = try RawInflater.reading(db)
            return try Data.fetchAll(db, sql: "SELECT body FROM rawResult").map(inflater.text)
        }
        #expect(texts.count == 1_003)
        #expect(texts.filter { $0.hasPrefix(String(decoding: RawDictionary.current.prefix(40), as: UTF8.self)) }.count == 1)
        for text in texts { #expect(!text.contains(Self.secret)) }
    }

    @Test func anImportAlreadyRecordedStoresNothingAndLeavesTheStreamWhole() throws {
        // Given an import recorded once
        let database = try AppDatabase.inMemory()
        let stage = RedactionStage()
        _ = try database.record(stage.redact(Self.scan("s1", digest: "d")))
        let counts = try database.tableCounts()

        // When the same reports come again as another scan, streamed
        let stream = stage.stream(Self.scan("s2", digest: "d"))
        var gateCalled = false
        let outcome = try database.record(stream, readsFirstSeen: true) { redacted, _, _ in
            gateCalled = true
            return redacted
        }

        // Then nothing is stored, the gate is not called, and the stream still gives the whole scan
        #expect(outcome == .alreadyRecorded(scanID: "s1"))
        #expect(!gateCalled)
        #expect(try database.tableCounts() == counts)
        #expect(stream.scan().value.findings.count == Self.scan().findings.count)
    }

    @Test func aFailureLateInTheStreamStoresNothing() throws {
        // Given a scan whose last finding has no identity, after two chunks of raw results
        var scan = Self.scan()
        scan.findings[scan.findings.count - 1].identity = ""
        let database = try AppDatabase.inMemory()

        // When it is recorded streamed, the recording fails and nothing is left
        #expect(throws: StorageError.self) {
            try database.record(RedactionStage().stream(scan), readsFirstSeen: true) { redacted, _, _ in redacted }
        }
        let counts = try database.tableCounts()
        #expect(counts["rawResult"] == 0 && counts["finding"] == 0 && counts["scan"] == 0)
    }
}
