import Foundation
import Testing
import TestSupport
import WardApp
import WardCore

@Suite struct ImportServiceTests {
    @Test func importsARealReportRecordsItOnceAndFailsTheDefaultPolicy() throws {
        // Given the tiny project's Bandit report
        let bed = try AppTestbed()
        // When it is imported twice
        let first = try bed.importReport()
        let second = try bed.importReport()
        // Then it is recorded once, with this Ward's version, and both imports fail the default policy
        guard case .recorded(let summary) = first.recording else { Issue.record("not recorded: \(first.recording)"); return }
        #expect(summary.findingCount == 7)
        #expect(summary.wardVersion == AppTestbed.version)
        #expect(second.recording == .alreadyRecorded(scanID: summary.scanID))
        #expect(first.gated.conclusion == .failed && second.gated.conclusion == .failed)
        #expect(first.gated.scan.value.findings.count == 7)
        #expect(try bed.history.scans(ScanQuery()).count == 1)
    }

    @Test func unreadableInputRecordsNothingAndIsRejected() throws {
        let bed = try AppTestbed()
        let broken = try bed.write(#"{"results": [{"test_id": "B602""#, named: "broken.json")
        let error = #expect(throws: AppError.self) { try bed.importReport(broken) }
        #expect(error?.conclusion == .rejected)
        #expect(error?.description.contains("broken.json:") == true)
        #expect(try bed.database().tableCounts()["scan"] == 0)
    }

    @Test func anUnknownToolIsRejectedNamingTheKnownOnes() throws {
        let bed = try AppTestbed()
        let error = #expect(throws: AppError.self) {
            try bed.imports.importReports(ImportRequest(tool: "nosuchtool", files: [AppTestbed.banditReport]))
        }
        #expect(error?.description.contains("unknown scanner 'nosuchtool' (known: bandit") == true)
    }

    @Test func progressAndPhasesGoToTheLogNeverToTheTerminal() throws {
        let bed = try AppTestbed()
        let lines = LogLines()
        let service = ImportService(WardContext(paths: bed.paths, environment: bed.environment, log: lines.log))
        _ = try service.importReports(ImportRequest(tool: "bandit", files: [AppTestbed.banditReport], root: AppTestbed.tinyRoot))
        #expect(lines.phases == ["open", "read, parse and normalize", "store", "gate", "commit"])
        #expect(lines.progress.contains { $0.hasPrefix("recorded scan ") && $0.contains("7 findings, 7 new, 0 fixed") })
    }
}

/// An imported scan's findings are held once from the store to the report.
@Suite struct ImportSharingTests {
    @Test func theGatedScanSharesTheRecordedFindingsWhenTheGateChangesNone() throws {
        // Given a report imported under the default policy, which waives or overrides nothing
        let result = try AppTestbed().importReport()
        let recorded = result.recorded.value.findings, gated = result.gated.scan.value.findings
        #expect(!recorded.isEmpty)
        // Then the gate's scan is the recorded findings' own storage, each with its tool as source
        #expect(recorded.withUnsafeBufferPointer { $0.baseAddress } == gated.withUnsafeBufferPointer { $0.baseAddress })
        #expect(gated.allSatisfy { $0.sources == [$0.toolID] })
    }
}
