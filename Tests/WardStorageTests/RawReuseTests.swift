import Foundation
import Testing
import WardCore

/// A re-scan's raw results are mostly those of the scan before: PostgreSQL's writer reads that
/// scan's rows first instead of looking each up. Whichever way a row was found, each occurrence
/// reads back its own raw result and each text is stored once.
@Suite struct RawReuseTests {
    typealias F = StorageFixtures

    static func finding(_ identity: String, raw: String) -> Finding {
        var finding = F.finding(identity, path: "src/\(identity.dropFirst(3)).py")
        finding.raw = raw
        return finding
    }

    @Test(arguments: StorageBackend.allCases) func aRescanReadsBackEachRawResultAndStoresEachTextOnce(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            // Given a scan of three findings with raw results, and one of another target
            let first = ["a", "b", "c"].map { Self.finding("v1:\($0)", raw: #"{"finding":"\#($0)"}"#) }
            _ = try database.record(F.scan("scan-1", findings: first, at: 0))
            _ = try database.record(F.scan("other-1", findings: [Self.finding("v1:z", raw: #"{"finding":"z"}"#)],
                                           target: ScanTarget(name: "other", root: "/srv/other"), at: 30))

            // When the target is scanned again: two raw results as before, one changed, one new
            var second = first
            second[2].raw = #"{"finding":"c","changed":true}"#
            second.append(Self.finding("v1:d", raw: #"{"finding":"d"}"#))
            _ = try database.record(F.scan("scan-2", findings: second, at: 60))

            // Then each finding of either scan reads back its own raw result, and the six distinct
            // texts (the other target's included) are stored once each
            let recorded = try database.recordedFindings(inScan: "scan-2", rawResults: true).findings
            #expect(Dictionary(uniqueKeysWithValues: recorded.map { ($0.identity, $0.raw) })
                == Dictionary(uniqueKeysWithValues: second.map { ($0.identity, $0.raw) }))
            #expect(try database.recordedFindings(inScan: "scan-1", rawResults: true).findings.map(\.raw).sorted { ($0 ?? "") < ($1 ?? "") }
                == first.map(\.raw))
            #expect(try database.tableCounts()["rawResult"] == 6)
        }
    }
}
