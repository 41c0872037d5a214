import Foundation
import Testing
import TestSupport

/// Every JSON document Ward writes about scans and findings validates against the schema it ships
/// (`schemas/ward-report.schema.json`), checked by `check-jsonschema` (installed by `scripts/test`
/// from `tools/test-requirements.txt`): scan reports of real tool reports of every finding kind,
/// `ward check`, `ward findings` (open and fixed), `ward scans`, `ward diff`, `ward trends`, `ward show`, `ward scanners` and `ward tools list`.
@Suite struct ReportSchemaValidationTests {
    static let schema = Fixtures.repository + "/schemas/ward-report.schema.json"

    static func checker() throws -> String {
        try #require(TestTools.path("check-jsonschema"), Comment(rawValue: TestTools.missingMessage("check-jsonschema")))
    }

    /// Real reports of each tool, with the folder their paths are relative to and a target name.
    static let imports: [(tool: String, report: String, root: String, target: String)] = [
        ("bandit", "reports/bandit/tiny-bandit-1.9.4.json", "projects/tiny", "tiny"),
        ("semgrep", "reports/semgrep/tiny-semgrep-1.185.0.json", "projects/tiny", "tiny"),
        ("bandit", "reports/bandit/tiny-bandit-1.7.0.json", "projects/tiny", "tiny"),
        ("pip-audit", "reports/pip-audit/demo-app-pip-audit-2.10.1.json", "demo-app", "demo"),
        ("safety", "reports/safety/demo-app-safety-2.3.5.json", "demo-app", "demo"),
        ("trivy", "reports/trivy/iac-trivy-0.76.0-fs-secret-misconfig.json", "iac", "iac"),
        ("trivy-image", "reports/trivy/handwritten-schema2-image.json", "iac", "image"),
        ("checkov", "reports/checkov/iac-checkov-3.3.30.json", "iac", "iac"),
        ("sarif", "reports/sarif/handwritten-suppressions.sarif", "secrets-sample", "sample"),
        ("gitleaks", "reports/gitleaks/handwritten-secrets-sample.json", "secrets-sample", "sample"),
    ]

    @Test func everyJSONDocumentOfRealReportsMatchesTheSchema() throws {
        let checker = try Self.checker()
        let bed = try CLITestbed()
        var documents: [String] = []
        for (index, entry) in Self.imports.enumerated() {
            let output = bed.directory + "/import-\(index).json"
            let result = try bed.ward(["import", "--tool", entry.tool, "--root", Fixtures.path(entry.root), "--target", entry.target,
                                       Fixtures.path(entry.report), "--format", "json", "-o", output])
            #expect([0, 1].contains(result.status), "\(entry.report): \(result.stderr)")
            documents.append(output)
        }
        let check = bed.directory + "/check.json"
        let checked = try bed.ward(["check", "--target", "iac", "--policy", "pull-request", "--format", "json", "-o", check])
        #expect([0, 1].contains(checked.status), "\(checked.stderr)")
        documents.append(check)
        for (name, arguments) in [("findings", ["findings"]), ("fixed", ["findings", "--status", "fixed"]), ("scans", ["scans"]),
                                  ("diff", ["diff", "--target", "tiny"]), ("trends", ["trends", "--target", "demo"])] {
            let result = try bed.ward(arguments + ["--format", "json"])
            #expect(result.status == 0, "\(result.stderr)")
            let path = bed.directory + "/\(name).json"
            try Data(result.stdout.utf8).write(to: URL(fileURLWithPath: path))
            documents.append(path)
        }
        // The story of a dependency finding, with its advisory and aliases and each tool's raw record.
        let listed = bed.findings(try bed.json(bed.directory + "/findings.json"))
        let dependency = listed.first { ($0["finding"] as? [String: Any])?["advisory"] != nil }
        let identity = try #require((dependency?["finding"] as? [String: Any])?["identity"] as? String)
        let story = try bed.ward(["show", identity, "--format", "json"])
        #expect(story.status == 0, "\(story.stderr)")
        try Data(story.stdout.utf8).write(to: URL(fileURLWithPath: bed.directory + "/show.json"))
        documents.append(bed.directory + "/show.json")
        for (name, arguments) in [("scanners", ["scanners"]), ("tools", ["tools", "list"])] {
            // Found tools or not, with their optional fields present and absent.
            for environment in [["WARD_TOOLS_DIR": ManagedTools.binDirectory], ["PATH": "/usr/bin:/bin"]] {
                let result = try WardProcess.run(arguments + ["--format", "json"], environment: environment.merging(["WARD_HOME": bed.directory + "/home"]) { $1 })
                #expect(result.status == 0, "\(result.stderr)")
                let file = bed.directory + "/\(name)-\(documents.count).json"
                try Data(result.stdout.utf8).write(to: URL(fileURLWithPath: file))
                documents.append(file)
            }
        }
        // The documents hold every kind of finding, fixed ones and waived ones.
        let listing = try bed.json(bed.directory + "/findings.json")
        let kinds = Set(bed.findings(listing).compactMap { ($0["finding"] as? [String: Any])?["kind"] as? String })
        #expect(kinds.isSuperset(of: ["sast", "secret", "dependency", "container", "iac"]), "\(kinds)")
        #expect(!bed.findings(try bed.json(bed.directory + "/fixed.json")).isEmpty)
        #expect(bed.findings(listing).contains { ($0["finding"] as? [String: Any])?["suppression"] != nil })

        let run = try TestTools.run(checker, ["--schemafile", Self.schema] + documents)
        #expect(run.status == 0, "\(run.output)")
    }

    @Test func aDocumentWithAKeyTheSchemaLacksIsRefused() throws {
        // The validation can fail: one extra key in a finding, or one missing, and the document no longer matches.
        let checker = try Self.checker()
        let golden = try String(contentsOfFile: Fixtures.path("golden/json/demo.json"), encoding: .utf8)
        let directory = try Fixtures.temporaryDirectory("ward-schema")
        let added = directory + "/added.json", removed = directory + "/removed.json"
        try golden.replacingOccurrences(of: "\"fixAvailable\" :", with: "\"fixable\" :").write(toFile: added, atomically: true, encoding: .utf8)
        try golden.replacingOccurrences(of: "\"complete\" : false,", with: "").write(toFile: removed, atomically: true, encoding: .utf8)
        #expect(golden.contains("\"complete\" : false,"))
        for file in [added, removed] {
            let run = try TestTools.run(checker, ["--schemafile", Self.schema, file])
            #expect(run.status == 1, "\(file): \(run.output)")
        }
        #expect(try TestTools.run(checker, ["--schemafile", Self.schema, Fixtures.path("golden/json/demo.json")]).status == 0)
    }

    @Test func theSchemaIsValidDraft2020_12() throws {
        let run = try TestTools.run(try Self.checker(), ["--check-metaschema", Self.schema])
        #expect(run.status == 0, "\(run.output)")
    }
}
