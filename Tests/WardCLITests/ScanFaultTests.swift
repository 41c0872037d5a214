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
