import Foundation
import Testing
import TestSupport

/// Hostile report files through the real `ward import`: exit 3, one line `file:line:column:
/// problem` that echoes nothing of the file, and a history exactly as it was.
@Suite struct HostileImportTests {
    static func bytes(_ parts: [any Sendable]) -> Data {
        var data = Data()
        for part in parts {
            if let text = part as? String { data.append(contentsOf: Array(text.utf8)) }
            if let raw = part as? [UInt8] { data.append(contentsOf: raw) }
        }
        return data
    }

    static let bandit = #""test_id": "B602", "filename": "app.py", "issue_severity": "HIGH", "issue_text": "shell""#

    /// (tool, file name, content, expected problem, expected `line:column`).
    static let cases: [(tool: String, name: String, content: Data, problem: String, place: String)] = [
        ("safety", "safety.txt", bytes(["Traceback\n items=[]\nError: network unreachable\n"]), "not valid JSON", "1:1"),
        ("bandit", "duplicate.json", bytes(["{\"results\": [{\(bandit), \"line_number\": 3}],\n \"results\": []}"]),
         "member name given twice in one object", "2:2"),
        ("bandit", "utf8.json", bytes(["{\"results\": [], \"errors\": [\"", [0xC3, 0x28] as [UInt8], "\"]}"]), "invalid UTF-8", "1:29"),
        ("bandit", "no-line.json", bytes(["{\"results\": [\n  {\(bandit)}]}"]), "Bandit result has no 'line_number'", "2:3"),
        ("bandit", "negative.json", bytes(["{\"results\": [\n  {\(bandit), \"line_number\": -3}]}"]), "invalid 'line_number'", "2:"),
        ("bandit", "zero.json", bytes(["{\"results\": [\n  {\(bandit), \"line_number\": 0}]}"]), "invalid 'line_number'", "2:"),
        ("bandit", "deep.json", bytes(["{\"results\": ", String(repeating: "[", count: 5000)]), "nesting deeper than", "1:"),
        ("checkov", "checkov.json", bytes(["[]"]), "not a Checkov report", "1:1"),
        ("gitleaks", "element.xml", bytes([#"<?xml version="1.0"?><testsuites><test"#, [0xFF] as [UInt8], #"suite name="gitleaks"/></testsuites>"#]),
         "a character XML does not allow", "1:"),
        ("gitleaks", "attribute.xml", bytes([#"<?xml version="1.0"?><testsuites><testsuite na"#, [0xFF] as [UInt8], #"me="gitleaks"/></testsuites>"#]),
         "a character XML does not allow", "1:"),
        ("gitleaks", "entity.xml", bytes([#"<?xml version="1.0"?><testsuites><testsuite name="&a"#, [0xFF] as [UInt8], #";"/></testsuites>"#]),
         "entity reference", "1:"),
        ("semgrep", "laughs.xml", bytes(["<?xml version=\"1.0\"?>\n<!DOCTYPE l [\n<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>\n<testsuites>&b;</testsuites>"]),
         "XML that declares entities is not read", "3:1"),
        ("semgrep", "xxe.xml", bytes(["<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n<testsuites>&e;</testsuites>"]),
         "XML that declares entities is not read", "2:1"),
        ("sarif", "noversion.sarif", bytes([#"{"runs": []}"#]), "not a SARIF log", "1:1"),
    ]

    @Test(arguments: cases.indices)
    func aHostileReportIsRefusedAndNothingIsRecorded(index: Int) throws {
        let testCase = Self.cases[index]
        let bed = try CLITestbed()
        let root = Fixtures.path("projects/tiny")
        _ = try bed.ward(["import", "--tool", "bandit", "--root", root, Fixtures.path("reports/bandit/tiny-bandit-1.9.4.json"), "-o", bed.directory + "/ok.txt"])
        let before = try bed.counts()
        let path = bed.directory + "/" + testCase.name
        try testCase.content.write(to: URL(fileURLWithPath: path))
        let result = try bed.ward(["import", "--tool", testCase.tool, "--root", root, path])
        #expect(result.status == 3, "\(testCase.name): \(result.stderr)")
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(result.stderr)")
        #expect(result.stderr.hasPrefix("ward: error: \(path):\(testCase.place)"), "\(result.stderr)")
        #expect(result.stderr.contains(testCase.problem), "\(result.stderr)")
        #expect(!result.stderr.contains("passwd:") && !result.stderr.contains("testsuite"), "errors echo no content")
        #expect(try bed.counts() == before)
    }

    @Test func aBanditResultWithoutALineNeverMarksTheOtherFindingsFixed() throws {
        // Given a recorded import of seven findings
        let bed = try CLITestbed()
        let root = Fixtures.path("projects/tiny")
        let report = Fixtures.path("reports/bandit/tiny-bandit-1.9.4.json")
        _ = try bed.ward(["import", "--tool", "bandit", "--root", root, report, "-o", bed.directory + "/1.txt"])
        let before = try bed.counts()
        // When the same report comes back with one result stripped of its line
        var document = try #require(try JSONSerialization.jsonObject(with: Fixtures.data("reports/bandit/tiny-bandit-1.9.4.json")) as? [String: Any])
        var results = try #require(document["results"] as? [[String: Any]])
        results[0]["line_number"] = nil
        results[0]["line_range"] = nil
        document["results"] = results
        let stripped = bed.directory + "/stripped.json"
        try JSONSerialization.data(withJSONObject: document).write(to: URL(fileURLWithPath: stripped))
        let result = try bed.ward(["import", "--tool", "bandit", "--root", root, stripped])
        // Then it is refused and nothing is fixed
        #expect(result.status == 3)
        #expect(result.stderr.contains("Bandit result has no 'line_number'"), "\(result.stderr)")
        #expect(try bed.counts() == before)
        #expect(try bed.ward(["findings", "--status", "fixed", "--format", "json"]).stdout.contains("\"B") == false)
    }

    @Test(arguments: [true, false])
    func pathsOutsideTheRootAreRefusedWithOrWithoutRoot(givenRoot: Bool) throws {
        let bed = try CLITestbed()
        let project = try Fixtures.copy("projects/tiny")
        for reported in ["/etc/passwd", "file:///etc/passwd", "../outside.py", "file://elsewhere/app.py"] {
            let report = bed.directory + "/outside.json"
            let text = #"{"results": [{"test_id": "B602", "filename": "\#(reported)", "line_number": 1, "issue_severity": "HIGH", "issue_text": "x"}]}"#
            try Data(text.utf8).write(to: URL(fileURLWithPath: report))
            // Without --root the root is the current directory, as the help says.
            let arguments = ["import", "--tool", "bandit"] + (givenRoot ? ["--root", project] : []) + [report]
            let result = try bed.ward(arguments, directory: project)
            #expect(result.status == 3, "\(reported): \(result.stderr)")
            #expect(result.stderr.contains("is outside the scan root"), "\(reported): \(result.stderr)")
        }
        #expect((try? bed.counts()["scan"]) ?? 0 == 0, "nothing was recorded")
    }

    @Test func aFIFOIsRefusedPromptly() throws {
        let bed = try CLITestbed()
        let fifo = bed.directory + "/report.json"
        #expect(mkfifo(fifo, 0o600) == 0)
        let started = ContinuousClock.now
        let result = try bed.ward(["import", "--tool", "bandit", fifo])
        #expect(ContinuousClock.now - started < .seconds(20), "a FIFO with no writer must not block")
        #expect(result.status == 3)
        #expect(result.stderr.contains("\(fifo): cannot read: not a regular file (a FIFO)"), "\(result.stderr)")
    }

    @Test func aReportNamingAFIFOInTheTreeDoesNotBlockTheImport() throws {
        // Given a tree where the reported source file is a FIFO nobody writes to
        let bed = try CLITestbed()
        let project = try Fixtures.temporaryDirectory("ward-fifo-tree")
        #expect(mkfifo(project + "/app.py", 0o600) == 0)
        let report = bed.directory + "/r.json"
        let text = "{\"results\": [{\(Self.bandit), \"line_number\": 3}], \"errors\": []}"
        try Data(text.utf8).write(to: URL(fileURLWithPath: report))
        // When it is imported, the finding is recorded without reading the FIFO
        let started = ContinuousClock.now
        let result = try bed.ward(["import", "--tool", "bandit", "--root", project, report, "-o", bed.directory + "/o.txt"])
        #expect(ContinuousClock.now - started < .seconds(20))
        #expect(result.status == 1, "\(result.stderr)")
        #expect(try bed.counts()["finding"] == 1)
    }

    @Test func devZeroFailsFastWithBoundedMemory() throws {
        let bed = try CLITestbed()
        let started = ContinuousClock.now
        let result = try bed.ward(["import", "--tool", "bandit", "/dev/zero"])
        #expect(ContinuousClock.now - started < .seconds(20))
        #expect(result.status == 3)
        #expect(result.stderr.contains("/dev/zero: cannot read: not a regular file (a character device)"), "\(result.stderr)")
        // The same run's own peak resident size (ru_maxrss, KiB), measured by waiting for exactly that process.
        for arguments in [["/dev/zero"], ["--max-report-bytes", "1000000", "-"]] {
            let (status, peak) = try Self.peakMemory(["import", "--db", bed.database, "--tool", "bandit"] + arguments, input: "/dev/zero")
            #expect(status == 3)
            #expect(peak < 200 * 1024, "\(arguments): peak resident size \(peak) KiB")
        }
    }

    /// Runs `ward` with standard input from `input`; its exit status and peak resident size in KiB.
    ///
    /// Measured by `bench/measure.py`, a small process that starts `ward` and waits for it: Linux
    /// carries the high-water mark of a process that spawns with a shared address space into the
    /// child across `exec`, so `ward` spawned straight from this (large) test process would be
    /// charged with the test process's own peak.
    static func peakMemory(_ arguments: [String], input: String) throws -> (status: Int32, peakKiB: Int) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Fixtures.repository + "/bench/measure.py", "/dev/null", WardProcess.executable] + arguments
        process.standardInput = FileHandle(forReadingAtPath: input)
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        // `WALL_SECONDS PEAK_RSS_KB PEAK_ANON_KB EXIT_STATUS`
        let fields = text.split(separator: " ").map { String($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        guard process.terminationStatus == 0, fields.count == 4, let peak = Int(fields[1]), let status = Int32(fields[3]) else {
            throw CocoaError(.executableLoad)
        }
        return (status, peak)
    }

    @Test func standardInputIsReadUpToTheCapAndRefusedPastIt() throws {
        let bed = try CLITestbed()
        let root = Fixtures.path("projects/tiny")
        let report = Fixtures.path("reports/bandit/tiny-bandit-1.9.4.json")
        let size = try Fixtures.data("reports/bandit/tiny-bandit-1.9.4.json").count
        // Within the cap, `-` reads the report from standard input
        let fits = try bed.ward(["import", "--tool", "bandit", "--root", root, "--max-report-bytes", String(size), "-", "-o", bed.directory + "/r.txt"],
                                input: report)
        #expect(fits.status == 1, "\(fits.stderr)")
        #expect(try bed.counts()["finding"] == 7)
        let before = try bed.counts()
        // Past it, the read stops at the cap and the import fails
        for stream in ["-", "/dev/stdin"] {
            let over = try bed.ward(["import", "--tool", "bandit", "--root", root, "--max-report-bytes", String(size - 1), stream], input: report)
            #expect(over.status == 3)
            #expect(over.stderr.contains("\(stream): report is larger than \(size - 1) bytes"), "\(over.stderr)")
        }
        #expect(try bed.counts() == before)
    }

    @Test func aMalformedReportFromAScannerRunMakesTheScanIncomplete() throws {
        // Given a bandit that writes a report whose second `results` would hide the first
        let bed = try CLITestbed()
        let tools = bed.directory + "/tools"
        try FileManager.default.createDirectory(atPath: tools, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: tools + "/bandit", withDestinationPath: Fixtures.path("fake-tools/replay/bandit"))
        let hostile = bed.directory + "/hostile.json"
        let text = "{\"results\": [{\(Self.bandit), \"line_number\": 3}],\n \"results\": []}"
        try Data(text.utf8).write(to: URL(fileURLWithPath: hostile))
        let project = try Fixtures.copy("projects/tiny")
        // When ward scans with it
        let result = try bed.ward(["scan", project, "--scanners", "bandit", "-o", bed.directory + "/r.txt"],
                                  environment: ["WARD_TOOLS_DIR": tools, "WARD_FAKE_REPORT": hostile, "WARD_FAKE_EXIT": "1"])
        // Then bandit's run is not trusted and the scan is incomplete
        #expect(result.status == 2, "\(result.stderr)")
        let scans = try bed.ward(["scans"])
        #expect(scans.stdout.contains("INCOMPLETE"), "\(scans.stdout)")
        #expect(scans.stdout.contains("member name given twice in one object"), "\(scans.stdout)")
    }
}
