import Foundation
import Testing
import WardCore

/// What ``DuplicateMatching`` asks of the history: the rows of groups it matches, and only those.
@Suite struct DuplicateMatchingTests {
    private static func hit(_ ordinal: Int, line: Int) -> Finding {
        var finding = Finding(toolID: "bandit", ruleID: "B602", title: "shell", message: "m", kind: .sast, severity: .high,
                              location: SourceLocation(path: "app/run.py", startLine: line, snippet: "subprocess.call(c, shell=True)"))
        finding.identity = "v1:B602-dup-\(ordinal)"
        return finding
    }

    private static func scan(_ findings: [Finding]) -> ScanRun {
        ScanRun(id: "s", target: ScanTarget(name: "t", root: "/r"), mode: .scan, startedAt: Date(timeIntervalSince1970: 0),
                finishedAt: Date(timeIntervalSince1970: 1), wardVersion: "0", toolRuns: [], findings: findings)
    }

    private static func row(_ id: Int64, ordinal: Int, line: Int, isOpen: Bool = true) -> MatchableRow {
        MatchableRow(id: id, identity: "v1:B602-dup-\(ordinal)", isOpen: isOpen, toolID: "bandit", ruleID: "B602", kind: "sast",
                     path: "app/run.py", line: line, snippet: "subprocess.call(c, shell=True)", packageName: nil, advisoryID: nil)
    }

    /// The renames of `findings` against `stored`, and the row ids the matcher read.
    private static func match(_ findings: [Finding], stored: [MatchableRow], unreported: [Int64] = []) throws
        -> (renames: [DuplicateMatching.Rename], read: [Int64]) {
        var read: [Int64] = []
        let byIdentity = Dictionary(uniqueKeysWithValues: stored.map { ($0.identity, $0) })
        let renames = try DuplicateMatching(scan: scan(findings), rows: { ids in
            read += ids
            return stored.filter { ids.contains($0.id) }
        }).renames(heads: Array(findings.indices), row: { byIdentity[findings[$0].identity].map { ($0.id, $0.isOpen) } }, unreportedOpen: unreported)
        return (renames, read)
    }

    @Test func aReScanOfUnchangedDuplicatesReadsNoRow() throws {
        // Two identical hits, both open, reported again a few lines lower
        let stored = [Self.row(1, ordinal: 0, line: 10), Self.row(2, ordinal: 1, line: 20)]
        let result = try Self.match([Self.hit(0, line: 13), Self.hit(1, line: 23)], stored: stored)
        #expect(result.renames.isEmpty)
        #expect(result.read.isEmpty)
    }

    @Test func aDuplicateWhoseRowWasFixedIsStillMatched() throws {
        // The original (row 2, line 30) is open; the row of ordinal 0 was fixed, and its identity is
        // now the copy's above the original: the open row keeps its story under the original's new ordinal.
        let stored = [Self.row(1, ordinal: 0, line: 2, isOpen: false), Self.row(2, ordinal: 1, line: 30)]
        let findings = [Self.hit(0, line: 5), Self.hit(1, line: 31)]
        let result = try Self.match(findings, stored: stored)
        #expect(!result.read.isEmpty)
        #expect(result.renames.isEmpty)

        // And a copy above an open original, the original's row alone stored: the row is matched and re-keyed
        let copied = try Self.match(findings, stored: [Self.row(7, ordinal: 0, line: 30)])
        #expect(copied.renames.map(\.rowID) == [7])
        #expect(copied.renames.map(\.identity) == ["v1:B602-dup-1"])
    }

    @Test func anOpenRowTheScanNoLongerReportsIsMatched() throws {
        // The copy above (ordinal 0) was deleted: the original reports ordinal 0, the row of ordinal 1 is unreported
        let stored = [Self.row(1, ordinal: 0, line: 5), Self.row(2, ordinal: 1, line: 31)]
        let result = try Self.match([Self.hit(0, line: 30)], stored: stored, unreported: [2])
        #expect(Set(result.renames.map(\.rowID)) == [1, 2])
        #expect(result.renames.first { $0.rowID == 2 }?.identity == "v1:B602-dup-0")
    }
}
