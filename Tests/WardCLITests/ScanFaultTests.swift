import Foundation
import Testing
import TestSupport

@Suite struct ScanFaultTests {
    @Test func aCrashingScannerMakesTheScanIncompleteButKeepsTheOthers() throws {
        let semgrep = try #require(ManagedTools.path("semgrep"), Comment(rawValue: ManagedTools.missingMessage("semgrep")))
        // Given a bandit that crashes and the real semgrep
        let bed = try CLITestbed()
        let tools = bed.directory + "/tools"
        try FileManager.default.createDirectory(atPath: tools, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: tools + "/bandit", withDestinationPath: Fixtures.path("fake-tools/crash/bandit"))
        try FileManager.default.createSymbolicLink(atPath: tools + "/semgrep", withDestinationPath: semgrep)
        let project = try Fixtures.copy("projects/tiny")
        // When ward scans
        let result = try bed.ward(["scan", project, "--target", "tiny", "-o", bed.directory + "/r.txt"], environment: ["WARD_TOOLS_DIR": tools])
        // Then the scan is incomplete (exit 2), bandit's failure is recorded, semgrep's findings are stored
        #expect(result.status == 2, "\(result.stderr)")
        let scans = try bed.ward(["scans"])
        #expect(scans.stdout.contains("INCOMPLETE"))
        #expect(scans.stdout.contains("bandit fake-scanner") == false)
        #expect(scans.stdout.contains("bandit 0.0.1: failed"), "\(scans.stdout)")
        #expect(scans.stdout.contains("exit status 70"))
        #expect(scans.stdout.contains("RuntimeError: scanner crashed"))
        let findings = try bed.ward(["findings", "--tool", "semgrep", "--format", "json"])
        #expect(findings.stdout.contains("ward.python.pickle-load"))
        #expect(try bed.counts()["finding"] == 6)
    }

    @Test func theDatabaseIsNeverPutInsideTheScannedTree() throws {
        let project = try Fixtures.copy("projects/tiny")
        let result = try WardProcess.run(["scan", project, "--scanners", "bandit"], environment: ["WARD_HOME": project + "/.ward", "WARD_DB": ""])
        #expect(result.status == 3)
        #expect(result.stderr.contains("inside the scanned tree"))
        #expect(!FileManager.default.fileExists(atPath: project + "/.ward"))
    }
}

@Suite struct RequiredScannerTests {
    /// A tools directory holding only the real bandit, and a Ward home without managed tools.
    func onlyBandit(_ bed: CLITestbed) throws -> [String: String] {
        let bandit = try #require(ManagedTools.path("bandit"), Comment(rawValue: ManagedTools.missingMessage("bandit")))
        let tools = bed.directory + "/only-bandit"
        try FileManager.default.createDirectory(atPath: tools, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: tools + "/bandit", withDestinationPath: bandit)
        return ["WARD_TOOLS_DIR": tools, "WARD_HOME": bed.directory + "/home", "PATH": "/usr/bin:/bin"]
    }

    @Test func anOptionalMissingScannerIsRecordedButTheScanStaysComplete() throws {
        let bed = try CLITestbed()
        let project = try Fixtures.copy("projects/tiny")
        let result = try bed.ward(["scan", project, "-o", bed.directory + "/r.txt"], environment: try onlyBandit(bed))
        #expect(result.status == 1, "\(result.stderr)")
        let report = try String(contentsOfFile: bed.directory + "/r.txt", encoding: .utf8)
        #expect(report.contains("semgrep: not-installed (optional)"))
    }

    @Test(arguments: [["--require", "semgrep"], ["--scanners", "bandit,semgrep"]])
    func aRequiredMissingScannerMakesTheScanIncomplete(flags: [String]) throws {
        let bed = try CLITestbed()
        let project = try Fixtures.copy("projects/tiny")
        let result = try bed.ward(["scan", project, "-o", bed.directory + "/r.txt"] + flags, environment: try onlyBandit(bed))
        #expect(result.status == 2, "\(result.stderr)")
        let report = try String(contentsOfFile: bed.directory + "/r.txt", encoding: .utf8)
        #expect(report.contains("semgrep: not-installed"))
        #expect(report.contains("Result: INCOMPLETE"))
    }

    @Test func unknownScannerNamesAreUsageErrors() throws {
        let bed = try CLITestbed()
        let result = try bed.ward(["scan", Fixtures.path("projects/tiny"), "--require", "nosuch"])
        #expect(result.status == 3)
        #expect(result.stderr.contains("unknown scanner 'nosuch'"))
        let timeout = try bed.ward(["scan", Fixtures.path("projects/tiny"), "--tool-timeout", "bandit=soon"])
        #expect(timeout.status == 3)
    }
}
