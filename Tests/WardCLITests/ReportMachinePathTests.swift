import Foundation
import Testing
import TestSupport

/// Reports leave the machine (code scanning, merge request widgets, artifacts): none may carry an
/// absolute path of the machine that scanned, whatever the tools wrote into their errors and notes.
@Suite(.serialized) struct ReportMachinePathTests {
    @Test func noFormatCarriesTheScanRootTheDataDirectoryOrHome() throws {
        for tool in ["bandit", "semgrep", "trivy", "checkov", "safety", "pip-audit"] {
            try #require(ManagedTools.path(tool) != nil, Comment(rawValue: ManagedTools.missingMessage(tool)))
        }
        let server = try AdvisoryServer()
        defer { server.stop() }
        let bed = try CLITestbed()
        let demo = try Fixtures.copy("demo-app")
        let home = bed.directory + "/ward-home"
        let reports = bed.directory + "/reports"
        let formats = ["table", "json", "sarif", "junit", "markdown", "gitlab-sast", "gitlab-secrets", "gitlab-dependency"]
        // Every scanner, offline; Trivy has no vulnerability database in this fresh data
        // directory, so it records a note about its cache there.
        let result = try bed.ward(
            ["scan", demo, "--output-dir", reports,
             "--tool-arg", "safety=--db=" + Fixtures.path("advisories/safety-db"),
             "--tool-arg", "pip-audit=--vulnerability-service=osv", "--tool-arg", "pip-audit=--osv-url=" + server.queryURL,
             "--tool-arg", "pip-audit=--no-deps", "--tool-arg", "pip-audit=--disable-pip"]
                + formats.flatMap { ["--format", $0] },
            environment: ["WARD_HOME": home, "WARD_TOOLS_DIR": ManagedTools.binDirectory])
        #expect(result.status == 1, "\(result.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: reports).sorted()
        #expect(files.count == formats.count, "\(files)")

        let machineHome = ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()
        let forbidden = [demo, (demo as NSString).resolvingSymlinksInPath, home, machineHome, bed.directory, ManagedTools.binDirectory]
        for file in files {
            let text = try String(contentsOfFile: reports + "/" + file, encoding: .utf8)
            for path in forbidden {
                #expect(!text.contains(path), "\(file) carries \(path): …\(Self.context(of: path, in: text))…")
            }
        }
        // The tools' notes are still there, with the paths replaced.
        let sarif = try String(contentsOfFile: reports + "/ward.sarif", encoding: .utf8)
        #expect(sarif.contains("toolExecutionNotifications"))
    }

    static func context(of needle: String, in text: String) -> String {
        guard let range = text.range(of: needle) else { return "" }
        let start = text.index(range.lowerBound, offsetBy: -80, limitedBy: text.startIndex) ?? text.startIndex
        let end = text.index(range.upperBound, offsetBy: 80, limitedBy: text.endIndex) ?? text.endIndex
        return String(text[start..<end])
    }
}
