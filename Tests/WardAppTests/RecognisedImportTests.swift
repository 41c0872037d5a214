import Foundation
import Testing
import TestSupport
import WardApp
import WardCore
import WardScanners
import WardStorage

/// Reports imported again are recognised by their digest before they are parsed, and only the
/// exact bytes recorded for the same target are.
@Suite struct RecognisedImportTests {
    @Test func theSameReportImportedAgainIsRecognisedWithoutParsingIt() throws {
        let bed = try AppTestbed()
        let first = try bed.importReport()
        let lines = LogLines()
        let service = ImportService(WardContext(paths: bed.paths, environment: bed.environment, log: lines.log))
        let second = try service.importReports(ImportRequest(tool: "bandit", files: [AppTestbed.banditReport],
                                                             root: AppTestbed.tinyRoot, target: "tiny"))
        #expect(second.recording == .alreadyRecorded(scanID: try #require(first.recording.scanID)))
        #expect(lines.phases == ["open", "digest", "redact", "gate"])
        #expect(lines.progress.contains { $0.hasPrefix("these reports were already imported as scan") })
        // The verdict and what it shows are the recorded scan's.
        #expect(second.gated.conclusion == first.gated.conclusion)
        #expect(second.gated.gate.reasons == first.gated.gate.reasons)
        #expect(second.gated.gate.failingIdentities == first.gated.gate.failingIdentities)
        #expect(second.gated.scan.value.findings.map(\.identity).sorted() == first.gated.scan.value.findings.map(\.identity).sorted())
        #expect(try bed.history.scans(ScanQuery()).count == 1)
    }

    /// Raw results are most of a recorded scan's bytes: read back only for a report that shows them.
    @Test func aRecognisedImportReadsRawResultsOnlyWhenAReportShowsThem() throws {
        let bed = try AppTestbed()
        let first = try bed.importReport()
        #expect(!first.gated.scan.value.findings.isEmpty)
        #expect(first.gated.scan.value.findings.allSatisfy { $0.raw != nil })
        let service = ImportService(WardContext(paths: bed.paths, environment: bed.environment, log: .silent))
        for shows in [false, true] {
            var request = ImportRequest(tool: "bandit", files: [AppTestbed.banditReport], root: AppTestbed.tinyRoot, target: "tiny")
            request.showsRawResults = shows
            let again = try service.importReports(request)
            #expect(again.recording == .alreadyRecorded(scanID: try #require(first.recording.scanID)))
            let recorded = first.gated.scan.value.findings, read = again.gated.scan.value.findings
            #expect(read.count == recorded.count)
            #expect(read.compactMap(\.raw).sorted() == (shows ? recorded.compactMap(\.raw).sorted() : []))
        }
    }

    @Test func aRecordedDigestIsTrustedOnlyForItsExactBytesAndTarget() throws {
        // Given a history that recorded an import of `recorded.json` for target tiny (bytes that
        // do not parse: were they parsed again, the import would be rejected)
        let bed = try AppTestbed()
        let broken = try bed.write(#"{"results": [{"test_id": "B602""#, named: "recorded.json")
        let root = PathResolver(root: AppTestbed.tinyRoot, strict: true).root
        let digest = try ReportFiles.read([broken], plugin: BanditScanner(), root: root, limit: 1 << 20).digest
        let scan = ScanRun(id: "recorded-import", target: ScanTarget(name: "tiny", root: root), mode: .import,
                           startedAt: Date(timeIntervalSince1970: 1_700_000_000), finishedAt: Date(timeIntervalSince1970: 1_700_000_001), wardVersion: AppTestbed.version,
                           toolRuns: [ToolRun(toolID: "bandit", state: .succeeded, findingCount: 0)], findings: [], inputDigest: digest)
        _ = try bed.database().record(RedactionStage().redact(scan))
        // When exactly those bytes are imported for tiny, they are recognised without being parsed
        let again = try bed.importReport(broken)
        #expect(again.recording == .alreadyRecorded(scanID: "recorded-import"))
        // But for another target, or with one byte more, they are parsed (and refused)
        for (file, target) in [(broken, "other"), (try bed.write(#"{"results": [{"test_id": "B602" "#, named: "changed.json"), "tiny")] {
            let error = #expect(throws: AppError.self) { try bed.importReport(file, target: target) }
            #expect(error?.conclusion == .rejected)
        }
    }
}
