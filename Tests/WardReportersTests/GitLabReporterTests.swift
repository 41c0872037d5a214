import Foundation
import Testing
import TestSupport
import WardCore
import WardReporters

/// GitLab's 15.x security reports: the fields GitLab validates, stable ids, and no secret text.
@Suite struct GitLabReporterTests {
    static func report(_ reporter: any Reporter.Type) throws -> JSONValue {
        try JSONParser.parse(reporter.render(DemoScan.scan, gate: DemoScan.gate, options: RenderOptions()))
    }

    @Test(arguments: [("gitlab-sast", "sast"), ("gitlab-secrets", "secret_detection"), ("gitlab-dependency", "dependency_scanning")])
    func scanSectionHasWhatGitLabValidates(format: String, type: String) throws {
        let report = try Self.report(ReporterRegistry.reporter(id: format))
        #expect(report["version"].string?.hasPrefix("15.") == true)
        let scan = report["scan"]
        #expect(scan["type"].string == type)
        #expect(scan["status"].string == "failure") // trufflehog timed out
        #expect(scan["start_time"].string == "2027-01-15T08:00:00")
        #expect(scan["end_time"].string == "2027-01-15T08:01:35")
        for part in ["analyzer", "scanner"] {
            #expect(scan[part]["id"].string == "ward" && scan[part]["name"].string == "Ward")
            #expect(scan[part]["vendor"]["name"].string == "Ward" && scan[part]["version"].string == "0.9.0-test")
        }
        for vulnerability in report["vulnerabilities"].array ?? [] {
            let id = vulnerability["id"].string ?? ""
            #expect(id.range(of: "^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", options: .regularExpression) != nil)
            #expect(["Critical", "High", "Medium", "Low", "Info"].contains(vulnerability["severity"].string ?? ""))
            #expect(!(vulnerability["identifiers"].array ?? []).isEmpty)
            #expect(vulnerability["raw_source_code_extract"].isNull)
        }
    }

    @Test func sastCarriesCodeAndIaCButNotSuppressedFindings() throws {
        let vulnerabilities = try Self.report(GitLabSASTReporter.self)["vulnerabilities"].array ?? []
        let rules = vulnerabilities.map { $0["identifiers"][0]["value"].string ?? "" }
        #expect(rules == ["ward.python.jinja2-autoescape-false", "B602", "ward.python.flask-debug-true", "B311", "CKV_DOCKER_3"])
        let shell = vulnerabilities[1]
        #expect(shell["location"] == .object(["file": .string("app/views.py"), "start_line": .integer(73), "end_line": .integer(73)]))
        #expect(shell["identifiers"][1]["type"].string == "cwe" && shell["identifiers"][1]["value"].string == "78")
        #expect(Set(vulnerabilities.compactMap { $0["id"].string }).count == vulnerabilities.count)
    }

    @Test func dependencyScanningPutsTheAdvisoryFirstAndListsManifests() throws {
        let report = try Self.report(GitLabDependencyReporter.self)
        let pyyaml = try #require(report["vulnerabilities"].array?.first)
        #expect(pyyaml["identifiers"][0] == .object(["type": .string("cve"), "name": .string("CVE-2020-14343"), "value": .string("CVE-2020-14343")]))
        #expect(pyyaml["location"]["file"].string == "requirements.txt")
        #expect(pyyaml["location"]["dependency"]["package"]["name"].string == "PyYAML")
        #expect(pyyaml["location"]["dependency"]["version"].string == "5.3")
        #expect(pyyaml["solution"].string == "Upgrade PyYAML to 5.4.")
        let files = report["dependency_files"].array ?? []
        #expect(files.count == 1)
        #expect(files.first?["path"].string == "requirements.txt" && files.first?["package_manager"].string == "pip")
        #expect(files.first?["dependencies"].array?.count == 3)
        // The container finding belongs to container scanning, not here.
        #expect(!(report["vulnerabilities"].array ?? []).contains { $0["location"]["dependency"]["package"]["name"].string == "openssl" })
    }

    @Test func secretDetectionHasACommitAndNoSecret() throws {
        let data = try GitLabSecretsReporter.render(DemoScan.scan, gate: DemoScan.gate, options: RenderOptions())
        let secret = try #require(try JSONParser.parse(data)["vulnerabilities"].array?.first)
        #expect(secret["location"]["file"].string == "app/config.py" && secret["location"]["start_line"].int == 14)
        #expect(secret["location"]["commit"]["sha"].string == "0000000")
        #expect(!String(decoding: data, as: UTF8.self).contains("AWS_ACCESS_KEY_ID"))
    }

    @Test func idsAreStableAcrossRunsAndDifferByReportType() throws {
        let first = try Self.report(GitLabSASTReporter.self)["vulnerabilities"][0]["id"]
        let second = try Self.report(GitLabSASTReporter.self)["vulnerabilities"][0]["id"]
        #expect(first == second)
        let dependency = try Self.report(GitLabDependencyReporter.self)["vulnerabilities"][0]["id"]
        #expect(first != dependency)
    }
}
