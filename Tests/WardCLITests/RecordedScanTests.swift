import Foundation
import Testing
import TestSupport
import WardCore
import WardStorage

/// What Ward says about a scan the history already holds: a report it could not write after
/// recording, and the version of Ward that made it.
@Suite struct RecordedScanTests {
    let report = Fixtures.path("reports/bandit/tiny-bandit-1.9.4.json")
    let root = Fixtures.path("projects/tiny")

    @Test(arguments: ["file", "directory", "full device"])
    func aReportThatCannotBeWrittenAfterRecordingExits4NamingTheScanAndTheReport(blocker: String) throws {
        // Given an output path that cannot be written: below a regular file, a directory itself, or
        // a device that refuses the bytes once the report is being streamed (ENOSPC)
        let bed = try CLITestbed()
        let output: String
        switch blocker {
        case "file": output = try Fixtures.write("not a directory", named: "blocker") + "/ward.json"
        case "directory": output = try Fixtures.temporaryDirectory("ward-out-dir")
        default: output = "/dev/full"
        }
        // When a scan is imported and its report written there
        let result = try bed.ward(["import", "--tool", "bandit", "--root", root, report, "--format", "json", "-o", output])
        // Then it exits 4, saying the scan is recorded (its id) and which report was not written
        #expect(result.status == 4, "\(result.stderr)")
        let scans = try AppDatabase.open(path: bed.database).scans(target: nil, limit: 10)
        #expect(scans.count == 1)
        let scanID = try #require(scans.first?.scanID)
        #expect(result.stderr.contains("ward: error: scan \(scanID) is recorded in the history, but its json report could not be written to \(output)"),
                "\(result.stderr)")
        #expect(!result.stderr.contains("nothing was stored"))
    }

    @Test func aReportForStandardOutputIsTheReportForAFile() throws {
        // Given a recorded import
        let bed = try CLITestbed()
        _ = try bed.ward(["import", "--tool", "bandit", "--root", root, report, "--quiet"])
        let file = try Fixtures.temporaryDirectory("ward-stdout") + "/ward.sarif"
        // When it is checked into a file, to stdout, and to `-o -`
        let written = try bed.ward(["check", "--format", "sarif", "-o", file])
        let printed = try bed.ward(["check", "--format", "sarif"])
        let dashed = try bed.ward(["check", "--format", "sarif", "-o", "-"], directory: bed.directory)
        // Then the three carry the same bytes, and no file named `-` appears
        #expect(written.status <= 1 && printed.status == written.status && dashed.status == written.status, "\(written.stderr)")
        let bytes = try String(contentsOfFile: file, encoding: .utf8)
        #expect(bytes.contains("\"$schema\": "))
        #expect(printed.stdout == bytes && dashed.stdout == bytes)
        #expect(!FileManager.default.fileExists(atPath: bed.directory + "/-"))
    }

    @Test func aReportThatCannotBeWrittenWithoutRecordingIsAUsageError() throws {
        let bed = try CLITestbed()
        let project = try Fixtures.copy("projects/tiny")
        let blocker = try Fixtures.write("x", named: "blocker")
        let result = try bed.ward(["secrets", project, "--no-record", "--format", "json", "-o", blocker + "/ward.json"])
        #expect(result.status == 3, "\(result.stderr)")
        #expect(result.stderr.contains("cannot write the report"))
        #expect(!FileManager.default.fileExists(atPath: bed.database))
    }

    @Test func checkReportsTheVersionOfWardThatMadeTheScan() throws {
        // Given a scan recorded by another version of Ward
        let bed = try CLITestbed()
        var scan = DemoScan.scan
        scan.wardVersion = "0.0.7-recorded"
        _ = try AppDatabase.open(path: bed.database).record(RedactionStage().redact(scan))
        // When it is checked into every format that names Ward's version
        let directory = try Fixtures.temporaryDirectory("ward-check")
        let result = try bed.ward(["check", "--format", "json,markdown,gitlab-sast,sarif", "--output-dir", directory])
        #expect(result.status == 2, "\(result.stderr)")
        // Then each names the recorded version, never this build's
        let json = try bed.json(directory + "/ward.json")
        #expect((json["ward"] as? [String: Any])?["version"] as? String == "0.0.7-recorded")
        let gitlab = try bed.json(directory + "/gl-sast-report.json")
        let analyzer = ((gitlab["scan"] as? [String: Any])?["analyzer"] as? [String: Any])
        #expect(analyzer?["version"] as? String == "0.0.7-recorded")
        // Markdown escapes punctuation: "0\\.0\\.7\\-recorded"
        let markdown = try String(contentsOfFile: directory + "/ward.md", encoding: .utf8).replacingOccurrences(of: "\\", with: "")
        #expect(markdown.contains("Ward 0.0.7-recorded"))
        for file in ["ward.json", "ward.md", "gl-sast-report.json", "ward.sarif"] {
            let text = try String(contentsOfFile: directory + "/" + file, encoding: .utf8)
            #expect(!text.contains(WardVersion.current), "\(file) names this build's version")
        }
    }
}
