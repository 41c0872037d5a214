import Foundation
import Testing
import TestSupport
import WardCore
import WardReporters

/// The GitHub Action, the example workflow and the GitLab template, checked by the real linters
/// (installed by `scripts/test` from `tools/test-requirements.txt`) and against Ward's own contract.
@Suite struct CITemplateTests {
    static let action = Fixtures.repository + "/action.yml"
    static let workflow = Fixtures.repository + "/.github/workflows/security-scanning.yml"
    static let gitlab = Fixtures.repository + "/ci-templates/gitlab-security-scanning.yml"

    static func tool(_ name: String) throws -> String {
        try #require(TestTools.path(name), Comment(rawValue: TestTools.missingMessage(name)))
    }

    @Test(arguments: [(action, "vendor.github-actions"), (workflow, "vendor.github-workflows"), (gitlab, "vendor.gitlab-ci")])
    func filesMatchTheirPublishedSchema(file: String, schema: String) throws {
        let run = try TestTools.run(try Self.tool("check-jsonschema"), ["--builtin-schema", schema, file])
        #expect(run.status == 0, "\(run.output)")
    }

    @Test func actionlintFindsNothing() throws {
        let run = try TestTools.run(try Self.tool("actionlint"), ["-no-color", Self.workflow])
        #expect(run.status == 0, "\(run.output)")
    }

    @Test func zizmorFindsNothingOffline() throws {
        let run = try TestTools.run(try Self.tool("zizmor"), ["--offline", "--strict-collection", "--no-progress", Self.action, Self.workflow])
        #expect(run.status == 0, "\(run.output)")
        #expect(!run.output.contains("failed to parse"))
    }

    @Test func inputsReachScriptsOnlyThroughTheEnvironment() throws {
        // Every `run:` script of the action and the workflow, with no `${{ }}` inside.
        let script = """
            import sys
            from ruamel.yaml import YAML
            yaml = YAML(typ="safe")
            for path in sys.argv[1:]:
                document = yaml.load(open(path))
                steps = document.get("runs", {}).get("steps", []) + [s for job in document.get("jobs", {}).values() for s in job.get("steps", [])]
                for step in steps:
                    if "run" in step:
                        print("RUN", "${{" in step["run"], step.get("name"))
                    if "uses" in step:
                        print("USES", step["uses"], step.get("if", ""))
            """
        let run = try TestTools.run(try Self.tool("python"), ["-c", script, Self.action, Self.workflow])
        #expect(run.status == 0, "\(run.output)")
        let lines = run.output.split(separator: "\n")
        #expect(lines.filter { $0.hasPrefix("RUN") }.count >= 4)
        #expect(!lines.contains { $0.hasPrefix("RUN True") }, "\(run.output)")
        let upload = try #require(lines.first { $0.contains("codeql-action/upload-sarif@") })
        #expect(upload.contains("always()"))
        // Third-party actions are pinned to a full commit.
        for line in lines where line.hasPrefix("USES") && !line.contains("USES ./") {
            #expect(line.range(of: "@[0-9a-f]{40}", options: .regularExpression) != nil, "\(line)")
        }
    }

    @Test func workflowRunsWhenAskedWithLeastPrivilege() throws {
        let text = try String(contentsOfFile: Self.workflow, encoding: .utf8)
        for trigger in ["push:", "pull_request:", "schedule:", "workflow_dispatch:"] { #expect(text.contains("\n  \(trigger)")) }
        #expect(text.contains("permissions: {}"))
        #expect(text.contains("contents: read") && text.contains("security-events: write"))
        #expect(text.contains("'pull-request' || 'default'"))
        #expect(text.contains("actions/upload-artifact@"))
    }

    @Test func gitlabTemplateFeedsEveryReportToItsWidget() throws {
        let text = try String(contentsOfFile: Self.gitlab, encoding: .utf8)
        let expected: [(String, any Reporter.Type)] = [
            ("sast", GitLabSASTReporter.self), ("secret_detection", GitLabSecretsReporter.self),
            ("dependency_scanning", GitLabDependencyReporter.self), ("junit", JUnitReporter.self),
        ]
        for (report, reporter) in expected {
            #expect(text.contains("      \(report): \(reporter.defaultFileName)"), "\(report)")
            #expect(text.contains("--format \(reporter.id)"), "\(reporter.id)")
        }
        #expect(text.contains("when: always"))
        #expect(text.contains("$WARD_MR_POLICY") && text.contains("WARD_MR_POLICY: \"pull-request\""))
    }

    @Test func historyPersistsPerBranchFallingBackToTheDefaultBranch() throws {
        let script = """
            import sys, json
            from ruamel.yaml import YAML
            yaml = YAML(typ="safe")
            workflow = yaml.load(open(sys.argv[1]))
            steps = workflow["jobs"]["ward"]["steps"]
            gitlab = yaml.load(open(sys.argv[2]))["ward-security-scan"]
            print(json.dumps({"steps": steps, "gitlab": gitlab}))
            """
        let run = try TestTools.run(try Self.tool("python"), ["-c", script, Self.workflow, Self.gitlab])
        #expect(run.status == 0, "\(run.output)")
        let document = try JSONParser.parse(Data(run.output.utf8))
        let steps = document["steps"].array ?? []
        func index(_ action: String) -> Int? { steps.firstIndex { $0["uses"].string?.hasPrefix(action) == true } }
        let restore = try #require(index("actions/cache/restore@"))
        let save = try #require(index("actions/cache/save@"))
        let scan = try #require(steps.firstIndex { $0["uses"].string == "./service" })
        #expect(restore < scan && scan < save)
        let path = try #require(steps[restore]["with"]["path"].string)
        #expect(!path.contains("github.workspace"), "the history must live outside the scanned checkout")
        #expect(steps[scan]["with"]["history-database"].string == path + "/history.sqlite")
        #expect(steps[save]["with"]["path"].string == path)
        #expect(steps[save]["if"].string == "always()")
        #expect(steps[save]["with"]["key"].string == steps[restore]["with"]["key"].string)
        let fallbacks = (steps[restore]["with"]["restore-keys"].string ?? "").split(separator: "\n").map(String.init)
        #expect(fallbacks == ["ward-history-${{ github.ref_name }}-", "ward-history-${{ github.event.repository.default_branch }}-"])

        let gitlab = document["gitlab"]
        #expect(gitlab["cache"]["key"].string == "ward-history-$CI_COMMIT_REF_SLUG")
        #expect(gitlab["cache"]["fallback_keys"].array?.compactMap(\.string) == ["ward-history-$CI_DEFAULT_BRANCH"])
        #expect(gitlab["variables"]["WARD_DB"].string?.hasPrefix("/opt/ward-history/") == true)
        let cached = try #require(gitlab["cache"]["paths"][0].string)
        #expect(gitlab["before_script"][0].string?.contains("mv \(cached.dropLast()) /opt/ward-history") == true)
    }
}
