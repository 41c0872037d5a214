import Foundation
import Testing
import TestSupport
import WardApp
import WardCore

@Suite struct HistoryServiceTests {
    @Test func findingsAreFilteredByScanPrefixAndQuery() throws {
        // Given two imports of different targets
        let bed = try AppTestbed()
        let first = try bed.importReport(target: "one")
        _ = try bed.importReport(try bed.write(try String(contentsOfFile: AppTestbed.banditReport, encoding: .utf8) + " ", named: "b.json"),
                                 target: "two")
        let scanID = try #require(first.recording.scanID)
        // When findings are asked for by scan prefix, and by severity across the history
        let ofFirst = try bed.history.findings(FindingQuery(), inScan: String(scanID.prefix(6)))
        let high = try bed.history.findings(FindingQuery(minimumSeverity: .high))
        // Then the scan's own and every target's high ones come back
        #expect(ofFirst.value.count == 7)
        #expect(high.value.count == 4 && high.value.allSatisfy { $0.finding.severity >= .high })
        #expect(throws: AppError.unknownScan(id: "0000")) { try bed.history.findings(FindingQuery(), inScan: "0000") }
    }

    @Test func scansAreListedNewestFirstByTargetAndCompleteness() throws {
        let bed = try AppTestbed()
        _ = try bed.importReport(target: "one")
        let later = try bed.importReport(try bed.write(try String(contentsOfFile: AppTestbed.banditReport, encoding: .utf8) + " ", named: "b.json"),
                                         target: "one", branch: "main")
        _ = try bed.importReport(try bed.write(try String(contentsOfFile: AppTestbed.banditReport, encoding: .utf8) + "  ", named: "c.json"),
                                 target: "two")
        #expect(try bed.history.scans(ScanQuery(target: "one")).map(\.scanID).first == later.recording.scanID)
        #expect(try bed.history.scans(ScanQuery(target: "one")).count == 2)
        #expect(try bed.history.scans(ScanQuery(branch: "main")).count == 1)
        #expect(try bed.history.scans(ScanQuery(limit: 1)).count == 1)
        #expect(try bed.history.scans(ScanQuery(completeOnly: true)).count == 3)
        #expect(try bed.history.scans(ScanQuery(target: "one")).allSatisfy { $0.wardVersion == AppTestbed.version })
    }

    @Test func aRecordedScanComesBackWithTheVersionThatMadeIt() throws {
        let bed = try AppTestbed()
        var old = DemoScan.scan
        old.wardVersion = "0.0.3"
        _ = try bed.database().record(RedactionStage().redact(old))
        let loaded = try bed.history.recordedScan(id: nil, target: "shop-api")
        #expect(loaded.wardVersion == "0.0.3")
        #expect(loaded.id == old.id)
        #expect(Set(loaded.findings.map(\.identity)) == Set(old.findings.map(\.identity)))
    }
}
