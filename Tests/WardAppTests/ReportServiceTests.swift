import Foundation
import Testing
import TestSupport
import WardApp
import WardCore

@Suite struct ReportServiceTests {
    @Test func reportsAreRenderedForTheirDestinationsWithoutMachinePaths() throws {
        let bed = try AppTestbed()
        let gated = try bed.importReport().gated
        let reports = try ReportService.render(gated, formats: ["json", "sarif"], directory: bed.directory + "/out")
        #expect(reports.map(\.destination) == [bed.directory + "/out/ward.json", bed.directory + "/out/ward.sarif"])
        for report in reports {
            #expect(!String(decoding: report.data, as: UTF8.self).contains(AppTestbed.tinyRoot))
        }
        let inline = try ReportService.render(gated, formats: ["table"])
        #expect(inline.count == 1 && inline[0].destination == nil)
    }

    @Test func aReportThatCannotBeWrittenAfterRecordingNamesTheRecordedScan() throws {
        // Given a recorded import, and a destination below a regular file
        let bed = try AppTestbed()
        let result = try bed.importReport()
        let scanID = try #require(result.recording.scanID)
        let blocker = try bed.write("not a directory", named: "blocker")
        let report = try #require(try ReportService.render(result.gated, formats: ["json"], file: blocker + "/ward.json").first)
        // When it is written
        let error = #expect(throws: AppError.self) { try ReportService.write(report, recordedScanID: scanID) }
        // Then the error concludes as its own outcome, naming the scan and the report, and the history keeps the scan
        #expect(error?.conclusion == .reportNotWritten)
        guard case .reportNotWritten(let named, let format, let destination, _) = error else { Issue.record("\(String(describing: error))"); return }
        #expect(named == scanID && format == "json" && destination == blocker + "/ward.json")
        #expect(try bed.history.scans(ScanQuery()).map(\.scanID) == [scanID])
        // And without a recorded scan, the same failure is a plain rejection
        let unrecorded = #expect(throws: AppError.self) { try ReportService.write(report, recordedScanID: nil) }
        #expect(unrecorded?.conclusion == .rejected)
    }
}
