import Foundation
import Testing
import TestSupport

@Suite struct ImportTests {
    let banditReport = Fixtures.path("reports/bandit/tiny-bandit-1.9.4.json")
    let semgrepReport = Fixtures.path("reports/semgrep/tiny-semgrep-1.185.0.json")

    @Test func importingTheSameReportTwiceChangesNothing() throws {
        // Given a report imported once
        let bed = try CLITestbed()
        let root = Fixtures.path("projects/tiny")
        let first = try bed.ward(["import", "--tool", "bandit", "--root", root, banditReport, "-o", bed.directory + "/1.txt"])
        #expect(first.status == 1, "\(first.stderr)")
        let before = try bed.counts()
        #expect(before["finding"] == 7)
        // When the same report is imported again
        let second = try bed.ward(["import", "--tool", "bandit", "--root", root, banditReport, "-o", bed.directory + "/2.txt"])
        // Then the history is exactly as it was, and ward says why
        #expect(try bed.counts() == before)
        #expect(second.stderr.contains("already imported"))
        #expect(second.status == first.status)
    }

    @Test func aReportImportedAgainThroughStandardInputIsRecognisedBeforeItIsParsed() throws {
        // Given a report imported from its file
        let bed = try CLITestbed()
        let root = Fixtures.path("projects/tiny")
        let first = try bed.ward(["import", "--tool", "bandit", "--root", root, banditReport, "-o", bed.directory + "/1.txt"])
        #expect(first.status == 1, "\(first.stderr)")
        let before = try bed.counts()
        // When the same bytes come again on standard input
        let second = try bed.ward(["import", "--tool", "bandit", "--root", root, "--timings", "-", "-o", bed.directory + "/2.txt"],
                                  input: banditReport)
        // Then they are recognised by their digest, and nothing is parsed or stored
        #expect(second.stderr.contains("already imported"), "\(second.stderr)")
        #expect(second.stderr.contains("ward: timing digest"))
        #expect(!second.stderr.contains("parse"))
        #expect(second.status == first.status)
        #expect(try bed.counts() == before)
    }

    @Test func importsSARIFAndJSONOfBothTools() throws {
        let bed = try CLITestbed()
        let root = Fixtures.path("projects/tiny")
        for (tool, file) in [("bandit", banditReport), ("semgrep", semgrepReport),
                             ("bandit", Fixtures.path("reports/bandit/tiny-bandit-1.9.4.sarif")),
                             ("semgrep", Fixtures.path("reports/semgrep/tiny-semgrep-1.185.0.sarif")),
                             ("bandit", Fixtures.path("reports/bandit/tiny-bandit-1.7.0.json"))] {
            let result = try bed.ward(["import", "--tool", tool, "--root", root, "--target", "tiny", file, "-o", bed.directory + "/r.txt"])
            #expect([0, 1].contains(result.status), "\(file): \(result.stderr)")
        }
        // The SARIF and JSON forms of one report describe the same findings: the history does not double.
        // Bandit 1.7.0 calls MD5 B303 where 1.9.4 says B324, so its import adds one finding and fixes one.
        let counts = try bed.counts()
        #expect(counts["finding"] == 14)
        let fixed = try bed.ward(["findings", "--status", "fixed", "--format", "json"])
        #expect(fixed.stdout.contains("\"B324\""))
        #expect(counts["scan"] == 5)
    }

    @Test func bytesAreCheckedAgainstTheSizeCap() throws {
        let bed = try CLITestbed()
        let result = try bed.ward(["import", "--tool", "bandit", "--max-report-bytes", "100", banditReport])
        #expect(result.status == 3)
        #expect(result.stderr.contains("tiny-bandit-1.9.4.json: report is"))
        #expect(result.stderr.contains("over the limit of 100 bytes"))
    }
}

/// Every kind of bad input: one line naming the file and the problem, exit 3, history untouched.
@Suite struct BadInputTests {
    static let cases: [(name: String, content: String?, message: String)] = [
        ("truncated.json", #"{"results": [{"test_id": "B602", "filename": "a.py""#, "truncated JSON"),
        ("empty.json", "", "report is empty"),
        ("page.json", "<html><body>502 Bad Gateway</body></html>", "not valid JSON"),
        ("schema.json", #"{"findings": [{"id": 1}]}"#, "not a Bandit report"),
        ("outside.json", #"{"results": [{"test_id": "B602", "filename": "../../etc/passwd", "line_number": 1, "issue_severity": "HIGH", "issue_text": "x"}]}"#,
         "finding path '../../etc/passwd' is outside the scan root"),
        ("missing.json", nil, "cannot read: no such file"),
    ]

    @Test(arguments: cases.indices)
    func badReportIsRefusedWithoutTouchingTheHistory(index: Int) throws {
        let testCase = Self.cases[index]
        // Given a history that already holds one import
        let bed = try CLITestbed()
        _ = try bed.ward(["import", "--tool", "bandit", "--root", Fixtures.path("projects/tiny"),
                          Fixtures.path("reports/bandit/tiny-bandit-1.9.4.json"), "-o", bed.directory + "/ok.txt"])
        let before = try bed.counts()
        let findingsBefore = try bed.ward(["findings", "--format", "json"]).stdout
        let scansBefore = try bed.ward(["scans", "--format", "json"]).stdout
        let path = bed.directory + "/" + testCase.name
        if let content = testCase.content { try Data(content.utf8).write(to: URL(fileURLWithPath: path)) }
        // When the bad report is imported
        let result = try bed.ward(["import", "--tool", "bandit", "--root", bed.directory, path])
        // Then ward exits 3 with one line naming the file and the problem, and nothing changed
        #expect(result.status == 3)
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(result.stderr)")
        #expect(result.stderr.contains(path), "\(result.stderr)")
        #expect(result.stderr.contains(testCase.message), "\(result.stderr)")
        #expect(try bed.counts() == before)
        #expect(try bed.ward(["findings", "--format", "json"]).stdout == findingsBefore)
        #expect(try bed.ward(["scans", "--format", "json"]).stdout == scansBefore)
    }

    @Test func anotherToolsReportIsNamedAsSuch() throws {
        let bed = try CLITestbed()
        let report = Fixtures.path("reports/semgrep/tiny-semgrep-1.185.0.json")
        let result = try bed.ward(["import", "--tool", "bandit", report])
        #expect(result.status == 3)
        #expect(result.stderr.contains("\(report): this is a Semgrep report, not a Bandit report"), "\(result.stderr)")
    }

    @Test func aDirectoryIsNotAReport() throws {
        let bed = try CLITestbed()
        let result = try bed.ward(["import", "--tool", "semgrep", bed.directory])
        #expect(result.status == 3)
        #expect(result.stderr.contains("\(bed.directory): cannot read: is a directory"))
    }

    @Test func unknownToolAndMissingTargetAreUsageErrors() throws {
        let bed = try CLITestbed()
        let tool = try bed.ward(["import", "--tool", "nosuchtool", Fixtures.path("reports/bandit/tiny-bandit-1.9.4.json")])
        #expect(tool.status == 3)
        #expect(tool.stderr.contains("unknown scanner 'nosuchtool'"))
        let target = try bed.ward(["scan", bed.directory + "/does-not-exist"])
        #expect(target.status == 3)
        #expect(target.stderr.contains("does-not-exist: not a directory"))
        let flag = try bed.ward(["scan", "--no-such-flag"])
        #expect(flag.status == 3)
    }

    @Test func aCorruptDatabaseIsReportedAndLeftAlone() throws {
        let bed = try CLITestbed()
        try Data("this is not a database, it is a text file".utf8).write(to: URL(fileURLWithPath: bed.database))
        let result = try bed.ward(["import", "--tool", "bandit", Fixtures.path("reports/bandit/tiny-bandit-1.9.4.json")])
        #expect(result.status == 3)
        #expect(result.stderr.contains(bed.database))
        #expect(try String(contentsOfFile: bed.database, encoding: .utf8) == "this is not a database, it is a text file")
    }
}

@Suite struct OutputFileTests {
    @Test func writingToADeviceLeavesTheDeviceAlone() throws {
        let bed = try CLITestbed()
        let result = try bed.ward(["import", "--tool", "bandit", Fixtures.path("reports/bandit/tiny-bandit-1.9.4.json"), "-o", "/dev/null"])
        #expect(result.status == 1)
        let type = try FileManager.default.attributesOfItem(atPath: "/dev/null")[.type] as? FileAttributeType
        #expect(type == .typeCharacterSpecial)
    }
}
