import Foundation
import Testing
import TestSupport
@testable import WardApp
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

    /// A scan whose reports are megabytes: the tiny import's findings repeated at other places.
    static func large(_ gated: GatedScan, toolRuns: [ToolRun]? = nil) -> GatedScan {
        var scan = gated.scan.value
        let base = scan.findings
        scan.findings = (0..<4000).map { index in
            var finding = base[index % base.count]
            finding.identity = "v1:large-\(index)"
            finding.location?.startLine = 1 + index
            return finding
        }
        if let toolRuns { scan.toolRuns = toolRuns }
        return GatedScan(scan: RedactionStage().redact(scan), gate: gated.gate, conclusion: gated.conclusion)
    }

    @Test(arguments: ["json", "sarif", "table"])
    func aReportStreamedToItsFileHasTheBytesOfTheRenderedOne(format: String) throws {
        // Given a scan whose report is many times the write buffer
        let bed = try AppTestbed()
        let gated = Self.large(try bed.importReport().gated)
        let directory = bed.directory + "/out"
        let destination = try #require(try ReportService.destinations(formats: [format], directory: directory).first)
        // When it is streamed to its file, over an older one
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Data("older report".utf8).write(to: URL(fileURLWithPath: try #require(destination.file)))
        _ = try ReportService.write(gated, to: destination, recordedScanID: nil)
        // Then the file holds exactly the report rendered in memory, and nothing else is left beside it
        let rendered = try #require(try ReportService.render(gated, formats: [format], directory: directory).first)
        let written = try Data(contentsOf: URL(fileURLWithPath: try #require(destination.file)))
        #expect(rendered.data.count > 1_000_000 || format == "table")
        #expect(written == rendered.data)
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory) == [(destination.file! as NSString).lastPathComponent])
    }

    @Test func aReportThatFailsHalfWayLeavesThePreviousFileAsItWas() throws {
        // Given a large scan whose last part cannot be encoded (a tool run's duration is not a number)
        let bed = try AppTestbed()
        let gated = Self.large(try bed.importReport().gated, toolRuns: [ToolRun(toolID: "bandit", state: .succeeded, duration: .nan)])
        let file = try bed.write("older report", named: "ward.json")
        // When its JSON report is streamed over an older one
        let error = #expect(throws: AppError.self) {
            _ = try ReportService.write(gated, to: ReportDestination(format: "json", file: file), recordedScanID: "recorded")
        }
        // Then it fails as an encoding problem, after megabytes were written, and the older file is untouched
        #expect(error?.conclusion == .rejected)
        #expect(error?.description.contains("not a JSON number") == true)
        #expect(try String(contentsOfFile: file, encoding: .utf8) == "older report")
        #expect(try FileManager.default.contentsOfDirectory(atPath: bed.directory).filter { $0.hasSuffix(".tmp") }.isEmpty)
    }

    @Test(arguments: ["/dev/full", nil])
    func aDestinationThatRefusesTheBytesIsAReportNotWritten(file: String?) throws {
        // Given a device that refuses every write (ENOSPC), as the file or as standard output
        let bed = try AppTestbed()
        let result = try bed.importReport()
        let scanID = try #require(result.recording.scanID)
        let full = open("/dev/full", O_WRONLY)
        defer { close(full) }
        // When the report is streamed to it
        let error = #expect(throws: AppError.self) {
            _ = try ReportService.write(Self.large(result.gated), to: ReportDestination(format: "sarif", file: file), standardOutput: full,
                                        recordedScanID: scanID)
        }
        // Then the error names the recorded scan, the destination and the system's reason
        guard case .reportNotWritten(let named, let format, let destination, let reason) = error else {
            Issue.record("\(String(describing: error))"); return
        }
        #expect(named == scanID && format == "sarif" && destination == (file ?? "standard output"))
        #expect(reason == String(cString: strerror(ENOSPC)))
    }
}
