import Foundation
import Testing
import TestSupport

/// The example workflow that pushes its scans to a team server: valid for the real linters, and its
/// token reaches `ward push` through the environment only, from a secret.
@Suite struct PushWorkflowTests {
    static let workflow = Fixtures.repository + "/.github/workflows/security-scanning-push.yml"

    @Test func actionlintZizmorAndTheSchemaFindNothing() throws {
        let lint = try TestTools.run(try CITemplateTests.tool("actionlint"), ["-no-color", Self.workflow])
        #expect(lint.status == 0, "\(lint.output)")
        let audit = try TestTools.run(try CITemplateTests.tool("zizmor"), ["--offline", "--strict-collection", "--no-progress", CITemplateTests.action, Self.workflow])
        #expect(audit.status == 0 && !audit.output.contains("failed to parse"), "\(audit.output)")
        let schema = try TestTools.run(try CITemplateTests.tool("check-jsonschema"), ["--builtin-schema", "vendor.github-workflows", Self.workflow])
        #expect(schema.status == 0, "\(schema.output)")
    }

    @Test func theTokenComesFromASecretThroughTheEnvironment() throws {
        let script = """
            import sys
            from ruamel.yaml import YAML
            document = YAML(typ="safe").load(open(sys.argv[1]))
            for job in document["jobs"].values():
                for step in job["steps"]:
                    if "run" in step:
                        print("RUN", "${{" in step["run"], "--token " in step["run"], "push" in step["run"], step.get("if", ""))
                        print("ENV", step.get("env", {}).get("WARD_TOKEN", ""))
            """
        let run = try TestTools.run(try CITemplateTests.tool("python"), ["-c", script, Self.workflow])
        #expect(run.status == 0, "\(run.output)")
        let lines = run.output.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("RUN False False True always()") }, "\(run.output)")
        #expect(lines.contains("ENV ${{ secrets.WARD_TOKEN }}"), "\(run.output)")
        #expect(!lines.contains { $0.hasPrefix("RUN True") })
    }
}
