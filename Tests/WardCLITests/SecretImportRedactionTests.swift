import Foundation
import Testing
import TestSupport

/// Secret scanners' reports go into the history without a single clear value: not in the SQLite
/// file (database, WAL and shared-memory files), not in `ward findings --format json`, not in the
/// scan report.
@Suite(.serialized) struct SecretImportRedactionTests {
    /// The fake values of `fixtures/secrets-sample`.
    static let clearValues = [
        "WardFakePassw0rd-q7Z2kx91",
        "ghp_WardFakeToken0a1b2c3d4e5f6g7h8i9j0k1",
        "AKIAWARDFAKEKEY00001",
        "WardFakeSecretKey/0000aaaa1111bbbb2222cccc3",
        "https://hooks.slack.com/services/T0WARDFAKE/B0WARDFAKE/WardFakeWebhookPath0000",
        "WardFakeWebhookPath0000",
        "V2FyZEZha2VLZXlOb3RBUmVhbEtleVdhcmRGYWtlS2V5Tm90QVJlYWxLZXlXYXJkRmFrZUtleU5vdEFSZWFs",
        // The base64 form an early TruffleHog v3 writes for the webhook
        Data("https://hooks.slack.com/services/T0WARDFAKE/B0WARDFAKE/WardFakeWebhookPath0000".utf8).base64EncodedString(),
    ]

    /// Every byte of the history: the database and its WAL and shared-memory files.
    func databaseBytes(_ bed: CLITestbed) throws -> Data {
        let directory = (bed.database as NSString).deletingLastPathComponent
        let name = (bed.database as NSString).lastPathComponent
        var bytes = Data()
        for file in try FileManager.default.contentsOfDirectory(atPath: directory) where file.hasPrefix(name) {
            bytes += try Data(contentsOf: URL(fileURLWithPath: directory + "/" + file))
        }
        return bytes
    }

    func expectNoneOf(_ values: [String], in bytes: Data, _ place: String) {
        for value in values {
            let escaped = value.replacingOccurrences(of: "/", with: "\\/")
            #expect(bytes.range(of: Data(value.utf8)) == nil && bytes.range(of: Data(escaped.utf8)) == nil, "\(value) found in \(place)")
        }
    }

    @Test func handwrittenGitleaksTruffleHogAndSARIFReportsLeaveNoClearSecretInTheHistory() throws {
        // Given the secrets sample (so Ward reads the flagged lines from its files) and an empty history
        let bed = try CLITestbed()
        let root = try Fixtures.copy("secrets-sample")
        let imports: [(String, String)] = [
            ("gitleaks", "reports/gitleaks/handwritten-secrets-sample.json"),
            ("trufflehog", "reports/trufflehog/handwritten-secrets-sample.jsonl"),
            ("sarif", "reports/sarif/handwritten-three-runs.sarif"),
        ]
        var reports = Data()
        for (tool, file) in imports {
            // When each report is imported
            let report = bed.directory + "/\(tool).json"
            let result = try bed.ward(["import", "--tool", tool, "--root", root, "--target", "sample", Fixtures.path(file),
                                       "--format", "json", "-o", report])
            #expect(result.status == 1, "\(tool): \(result.stderr)")
            reports += try Data(contentsOf: URL(fileURLWithPath: report))
        }
        // Then the findings are there, masked, and no clear value is anywhere
        let listing = try bed.ward(["findings", "--format", "json"])
        #expect(listing.status == 0)
        #expect(listing.stdout.contains("AKIA…(20)"))
        #expect(listing.stdout.contains("\"generic-api-key\"") && listing.stdout.contains("\"SlackWebhook\""))
        expectNoneOf(Self.clearValues, in: try databaseBytes(bed), "the database")
        expectNoneOf(Self.clearValues, in: Data(listing.stdout.utf8), "ward findings")
        expectNoneOf(Self.clearValues, in: reports, "the scan reports")
        let table = try bed.ward(["findings"])
        expectNoneOf(Self.clearValues, in: Data(table.stdout.utf8), "the findings table")
    }

    @Test func theRealDetectSecretsLeavesNeitherValuesNorTheirSHA1InTheHistory() throws {
        try #require(ManagedTools.path("detect-secrets") != nil, Comment(rawValue: ManagedTools.missingMessage("detect-secrets")))
        // Given a copy of the secrets sample and an empty history
        let bed = try CLITestbed()
        let root = try Fixtures.copy("secrets-sample")
        // When ward runs detect-secrets on it
        let report = bed.directory + "/scan.json"
        let scan = try bed.ward(["scan", root, "--scanners", "detect-secrets", "--target", "sample", "--format", "json", "-o", report])
        // Then it found the sample's secrets and the gate fails on them
        #expect(scan.status == 1, "\(scan.stderr)")
        let document = try bed.json(report)
        let runs = document["toolRuns"] as? [[String: Any]] ?? []
        #expect(runs.map { $0["state"] as? String } == ["succeeded"], "\(runs)")
        let rules = Set(bed.findings(document).compactMap { $0["ruleID"] as? String })
        #expect(rules.isSuperset(of: ["Secret Keyword", "GitHub Token", "AWS Access Key", "Slack Token", "Private Key"]))
        // And the baseline detect-secrets 1.5.0 wrote for the same tree, imported, is the same findings
        let baseline = Fixtures.path("reports/detect-secrets/secrets-sample-1.5.0.baseline.json")
        let imported = try bed.ward(["import", "--tool", "detect-secrets", "--root", root, "--target", "sample", baseline])
        #expect(imported.status == 1, "\(imported.stderr)")
        #expect(imported.stderr.contains(" 0 new, 0 fixed"), "\(imported.stderr)")
        // And neither the values nor detect-secrets' unsalted SHA-1 of them are stored or printed
        let baselineText = try String(contentsOfFile: baseline, encoding: .utf8)
        let digests = baselineText.components(separatedBy: "\"").filter { $0.count == 40 && $0.allSatisfy(\.isHexDigit) }
        #expect(digests.count == 6)
        let listing = try bed.ward(["findings", "--format", "json"])
        for bytes in [try databaseBytes(bed), Data(listing.stdout.utf8), try Data(contentsOf: URL(fileURLWithPath: report))] {
            expectNoneOf(Self.clearValues + digests, in: bytes, "the history or its listing")
        }
    }
}

@Suite struct DemoRedactionTests {
    /// Every planted secret of the demo app, as written in its files.
    static let planted = ["AKIAWARDDEMOVQJXXVBO", "ghp_6TCvY4dhKMlRdZQ9QsTXUuSnH6av1Ib8pp1x", "xXHU0BScJXj675eVq30XYqaN", "Pg-Demo-Passw0rd-2019"]

    @Test func noPlantedSecretReachesTheHistoryOrAnyReport() throws {
        try #require(ManagedTools.path("bandit") != nil, Comment(rawValue: ManagedTools.missingMessage("bandit")))
        // Given the demo app scanned by bandit, semgrep and the built-in detector, every report format written
        let bed = try CLITestbed()
        let demo = try Fixtures.copy("demo-app")
        let formats = ["table", "json", "sarif", "junit", "markdown", "gitlab-sast", "gitlab-secrets", "gitlab-dependency"]
        let scan = try bed.ward(["scan", demo, "--scanners", "bandit,semgrep,secrets", "--output-dir", bed.directory + "/out"]
                                + formats.flatMap { ["--format", $0] })
        #expect(scan.status == 1, "\(scan.stderr)")
        let listing = try bed.ward(["findings", "--format", "json"])
        let table = try bed.ward(["findings"])
        // Then no file under the testbed (database, WAL, reports) and no output holds a planted value
        var texts = [scan.stdout, scan.stderr, listing.stdout, table.stdout]
        for file in try FileManager.default.subpathsOfDirectory(atPath: bed.directory) {
            if let data = FileManager.default.contents(atPath: bed.directory + "/" + file) { texts.append(String(decoding: data, as: UTF8.self)) }
        }
        for secret in Self.planted {
            #expect(!texts.contains { $0.contains(secret) }, "\(secret) leaked")
        }
    }
}
