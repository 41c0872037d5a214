import Foundation
import Testing
import TestSupport

/// End to end: the real Trivy and Checkov, installed by scripts/install-tools, on fixtures/iac.
@Suite(.serialized) struct IaCScanTests {
    /// The made-up key pair in fixtures/iac/deploy/app.env.
    static let clearSecrets = ["AKIAZ7WARDFAKEK3Y9Q4", "wArdFAKEsecretKEY0nly4Fixtures+N0tReal12"]

    func requireTools() throws {
        for tool in ["trivy", "checkov"] {
            try #require(ManagedTools.path(tool) != nil, Comment(rawValue: ManagedTools.missingMessage(tool)))
        }
    }

    /// `tool rule path:line` of every finding of a JSON scan report or findings listing.
    func keys(_ findings: [[String: Any]]) -> [String] {
        findings.map { entry in
            let finding = entry["finding"] as? [String: Any] ?? entry
            let location = finding["location"] as? [String: Any] ?? [:]
            return "\(finding["toolID"] ?? "") \(finding["ruleID"] ?? "") \(location["path"] ?? ""):\(location["startLine"] ?? 0)"
        }
    }

    func scan(_ bed: CLITestbed, _ tree: String, report: String) throws -> WardProcess.Result {
        try bed.ward(["scan", tree, "--target", "iac", "--scanners", "trivy,trivy-config,checkov", "--format", "json", "-o", report])
    }

    @Test func realTrivyAndCheckovFindTheFixturesWeaknesses() throws {
        try requireTools()
        // Given the IaC fixtures and an empty history
        let bed = try CLITestbed()
        let tree = try Fixtures.copy("iac")
        let report = bed.directory + "/scan.json"
        // When ward runs Trivy (secrets), Trivy config and Checkov on them
        let result = try scan(bed, tree, report: report)
        // Then the gate fails (a critical secret, high misconfigurations), every tool succeeded
        #expect(result.status == 1, "\(result.stderr)")
        let document = try bed.json(report)
        let runs = document["toolRuns"] as? [[String: Any]] ?? []
        #expect(Set(runs.compactMap { $0["toolID"] as? String }) == ["trivy", "trivy-config", "checkov"])
        #expect(runs.allSatisfy { $0["state"] as? String == "succeeded" }, "\(runs)")
        let found = keys(bed.findings(document))
        for expected in [
            "trivy aws-access-key-id deploy/app.env:3",
            "trivy aws-secret-access-key deploy/app.env:4",
            "trivy-config AWS-0107 terraform/main.tf:25",   // SSH open to 0.0.0.0/0
            "trivy-config AWS-0104 terraform/main.tf:33",   // egress to anywhere
            "trivy-config AWS-0092 terraform/main.tf:13",   // public-read ACL
            "trivy-config KSV-0017 kubernetes/deployment.yaml:18",  // privileged
            "trivy-config KSV-0011 kubernetes/deployment.yaml:18",  // no CPU limit
            "trivy-config KSV-0023 kubernetes/deployment.yaml:7",   // hostPath
            "trivy-config DS-0001 docker/Dockerfile:2",     // :latest
            "trivy-config DS-0002 docker/Dockerfile:0",     // runs as root (whole file)
            "checkov CKV_AWS_24 terraform/main.tf:16",
            "checkov CKV_AWS_20 terraform/main.tf:7",
            "checkov CKV_K8S_16 kubernetes/deployment.yaml:2",
            "checkov CKV_K8S_11 kubernetes/deployment.yaml:2",
            "checkov CKV_DOCKER_7 docker/Dockerfile:2",
            "checkov CKV_DOCKER_4 docker/Dockerfile:3",     // ADD from a URL
            "checkov CKV_DOCKER_3 docker/Dockerfile:1",
        ] {
            #expect(found.contains(expected), "missing \(expected)")
        }
        // Trivy renders the Helm chart itself.
        #expect(found.contains { $0.hasPrefix("trivy-config KSV-0017 helm/web/templates/deployment.yaml:") })
        #expect(found.filter { $0.hasPrefix("trivy-config ") }.count == 54)
        #expect(found.filter { $0.hasPrefix("checkov ") }.count == 35)
    }

    @Test func theSecretTrivyFindsIsStoredRedactedEverywhere() throws {
        try requireTools()
        let bed = try CLITestbed()
        let tree = try Fixtures.copy("iac")
        let report = bed.directory + "/scan.json"
        let result = try bed.ward(["scan", tree, "--target", "iac", "--scanners", "trivy", "--format", "json", "-o", report])
        #expect(result.status == 1, "\(result.stderr)")
        let sarif = try bed.ward(["scan", tree, "--target", "iac", "--scanners", "trivy", "--format", "sarif"])
        #expect(sarif.stderr.contains(" 0 new, 0 fixed"), "\(sarif.stderr)")
        var outputs = [result.stdout, result.stderr, try String(contentsOfFile: report, encoding: .utf8), sarif.stdout]
        for arguments in [["findings", "--format", "json"], ["findings", "--format", "json", "--kind", "secret"],
                          ["findings", "--format", "json", "--status", "open"], ["findings"], ["scans", "--format", "json"]] {
            let listing = try bed.ward(arguments)
            #expect(listing.status == 0, "\(arguments): \(listing.stderr)")
            outputs.append(listing.stdout)
        }
        // The snippet shows Ward's mask of the recovered value, never the value.
        #expect(outputs[2].contains("AWS_ACCESS_KEY_ID=AKIA…(20)"), "\(outputs[2].prefix(2000))")
        // Every byte of the history (database, write-ahead log) and every output: no clear secret.
        let files = try FileManager.default.contentsOfDirectory(atPath: bed.directory).filter { $0.hasPrefix("history.sqlite") }
        #expect(!files.isEmpty)
        for file in files {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: bed.directory + "/" + file))
            for secret in Self.clearSecrets {
                #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(file) holds the clear secret")
            }
        }
        for (index, output) in outputs.enumerated() {
            for secret in Self.clearSecrets {
                #expect(!output.contains(secret), "output \(index) shows the clear secret")
            }
        }
    }

    @Test func theScannedTreeCannotReconfigureTrivyNorSilenceItThroughItsIgnoreFile() throws {
        try requireTools()
        // Given a change that adds Trivy configuration hiding everything, and an ignore entry
        let bed = try CLITestbed()
        let tree = try Fixtures.copy("iac")
        try "scan:\n  skip-dirs:\n    - deploy\n    - terraform\n".write(toFile: tree + "/trivy.yaml", atomically: true, encoding: .utf8)
        try "disable-rules:\n  - aws-secret-access-key\n".write(toFile: tree + "/trivy-secret.yaml", atomically: true, encoding: .utf8)
        try "aws-access-key-id\n".write(toFile: tree + "/.trivyignore", atomically: true, encoding: .utf8)
        let report = bed.directory + "/scan.json"
        // When Trivy scans it
        let result = try bed.ward(["scan", tree, "--scanners", "trivy,trivy-config", "--format", "json", "-o", report])
        #expect(result.status == 1, "\(result.stderr)")
        // Then neither the configuration nor the ignore file was read: both secrets are reported, active
        let findings = bed.findings(try bed.json(report))
        let secret = try #require(findings.first { $0["ruleID"] as? String == "aws-secret-access-key" })
        #expect(secret["suppression"] == nil)
        let ignored = try #require(findings.first { $0["ruleID"] as? String == "aws-access-key-id" })
        #expect(ignored["suppression"] == nil, "\(ignored)")
        #expect(findings.contains { $0["ruleID"] as? String == "AWS-0107" })
    }

    @Test func aSecondScanKeepsEveryIdentity() throws {
        try requireTools()
        // Given a recorded scan of the fixtures
        let bed = try CLITestbed()
        let tree = try Fixtures.copy("iac")
        _ = try scan(bed, tree, report: bed.directory + "/first.json")
        let first = try bed.json(bed.directory + "/first.json")
        // When the unchanged tree is scanned again
        let second = try scan(bed, tree, report: bed.directory + "/second.json")
        // Then nothing is new or fixed, and every finding has the identity it had
        #expect(second.stderr.contains(" 0 new, 0 fixed"), "\(second.stderr)")
        let identities = { (document: [String: Any]) in
            Set(bed.findings(document).compactMap { $0["identity"] as? String })
        }
        let before = identities(first)
        #expect(before.count > 90)
        #expect(identities(try bed.json(bed.directory + "/second.json")) == before)
    }
}

/// Importing the Trivy and Checkov reports of fixtures/iac, and refusing the wrong ones.
@Suite struct IaCImportTests {
    @Test(arguments: [
        ("trivy-config", "trivy/iac-trivy-0.76.0-config.json", 54), ("trivy-config", "trivy/iac-trivy-0.76.0-config.sarif", 54),
        ("trivy", "trivy/iac-trivy-0.76.0-fs-secret.sarif", 2), ("trivy", "trivy/handwritten-schema2-fs.json", 3),
        ("trivy-image", "trivy/handwritten-schema2-image.json", 5), ("trivy", "trivy/handwritten-legacy-list.json", 2),
        ("checkov", "checkov/iac-checkov-3.3.30.json", 35), ("checkov", "checkov/iac-checkov-3.3.30.sarif", 35),
    ])
    func importsTheFixtureReports(tool: String, report: String, count: Int) throws {
        let bed = try CLITestbed()
        let output = bed.directory + "/import.json"
        let result = try bed.ward(["import", "--tool", tool, "--root", Fixtures.path("iac"), "--target", "iac",
                                   Fixtures.path("reports/" + report), "--format", "json", "-o", output])
        #expect([0, 1].contains(result.status), "\(result.stderr)")
        #expect(bed.findings(try bed.json(output)).count == count)
    }

    @Test(arguments: [
        ("trivy", "checkov/iac-checkov-3.3.30.json", "this is a Checkov report, not a Trivy report"),
        ("checkov", "trivy/iac-trivy-0.76.0-config.json", "this is a Trivy report, not a Checkov report"),
        ("checkov", "trivy/iac-trivy-0.76.0-config.sarif", "this is a SARIF (Trivy) report, not a Checkov report"),
        ("trivy-config", "bandit/tiny-bandit-1.9.4.json", "this is a Bandit report, not a Trivy report"),
    ])
    func anotherToolsReportIsRefusedWithoutTouchingTheHistory(tool: String, report: String, message: String) throws {
        let bed = try CLITestbed()
        let path = Fixtures.path("reports/" + report)
        let result = try bed.ward(["import", "--tool", tool, path])
        #expect(result.status == 3)
        #expect(result.stderr.contains("\(path): \(message)"), "\(result.stderr)")
        #expect(try bed.counts()["finding"] ?? 0 == 0)
    }
}
