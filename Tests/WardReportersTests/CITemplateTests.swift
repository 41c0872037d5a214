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

/// In pull and merge requests the policy, waivers and triage file come from the base branch, and
/// a request that changes them is reported: the templates' own scripts, run on checkouts built here.
@Suite struct CIConfigurationSourceTests {
    /// The `run:` script of the workflow step with `id`, or GitLab's job script.
    static func script(_ file: String, step: String?) throws -> String {
        let python = """
            import sys
            from ruamel.yaml import YAML
            document = YAML(typ="safe").load(open(sys.argv[1]))
            if sys.argv[2]:
                print(next(s["run"] for s in document["jobs"]["ward"]["steps"] if s.get("id") == sys.argv[2]), end="")
            else:
                print("\\n".join(document["ward-security-scan"]["script"]), end="")
            """
        let run = try TestTools.run(try CITemplateTests.tool("python"), ["-c", python, file, step ?? ""])
        #expect(run.status == 0, "\(run.output)")
        return run.output
    }

    /// A workspace with the base's and the head's `.ward` files.
    static func workspace(base: [String: String], head: [String: String]) throws -> String {
        let workspace = try Fixtures.temporaryDirectory("ward-ci")
        for (folder, files) in [("baseline", base), ("service", head)] {
            try FileManager.default.createDirectory(atPath: "\(workspace)/\(folder)/.ward", withIntermediateDirectories: true)
            for (name, text) in files { try text.write(toFile: "\(workspace)/\(folder)/.ward/\(name)", atomically: true, encoding: .utf8) }
        }
        return workspace
    }

    static func runWorkflowStep(event: String, base: [String: String], head: [String: String]) throws -> (outputs: String, summary: String, workspace: String) {
        let workspace = try workspace(base: base, head: head)
        let script = try Self.script(CITemplateTests.workflow, step: "config")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-e", "-c", script]
        process.currentDirectoryURL = URL(fileURLWithPath: workspace)
        process.environment = ["PATH": "/usr/bin:/bin", "GITHUB_WORKSPACE": workspace, "EVENT_NAME": event,
                               "SHIPPED_POLICY": event == "pull_request" ? "pull-request" : "default",
                               "GITHUB_OUTPUT": workspace + "/output", "GITHUB_STEP_SUMMARY": workspace + "/summary"]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        let read = { (name: String) in (try? String(contentsOfFile: workspace + "/" + name, encoding: .utf8)) ?? "" }
        return (read("output"), read("summary"), workspace)
    }

    @Test func aPullRequestIsGatedWithTheBaseBranchsFilesAndItsChangesAreReported() throws {
        let (outputs, summary, workspace) = try Self.runWorkflowStep(
            event: "pull_request", base: ["triage.yml": "decisions: []\n", "policy.yml": "name: base\n"],
            head: ["triage.yml": "decisions: [] # widened\n", "policy.yml": "name: base\n", "suppressions.yml": "suppressions: []\n"])
        #expect(outputs == "policy=\(workspace)/baseline/.ward/policy.yml\nsuppressions-file=\ntriage-file=\(workspace)/baseline/.ward/triage.yml\n")
        #expect(summary.contains("The scan used the base branch's copy of: .ward/suppressions.yml .ward/triage.yml."), "\(summary)")
        #expect(!summary.contains("policy.yml"))
    }

    @Test func aPushUsesItsOwnFilesAndAFirstRunWithoutAnyStillWorks() throws {
        let push = try Self.runWorkflowStep(event: "push", base: [:], head: ["triage.yml": "decisions: []\n"])
        #expect(push.outputs == "policy=default\nsuppressions-file=\ntriage-file=\(push.workspace)/service/.ward/triage.yml\n")
        #expect(push.summary.isEmpty)
        let first = try Self.runWorkflowStep(event: "pull_request", base: [:], head: [:])
        #expect(first.outputs == "policy=pull-request\nsuppressions-file=\ntriage-file=\n")
        #expect(first.summary.isEmpty)
    }

    @Test func theScanStepTakesTheFilesTheConfigurationStepChose() throws {
        let text = try String(contentsOfFile: CITemplateTests.workflow, encoding: .utf8)
        #expect(text.contains("policy: ${{ steps.config.outputs.policy }}"))
        #expect(text.contains("suppressions-file: ${{ steps.config.outputs.suppressions-file }}"))
        #expect(text.contains("triage-file: ${{ steps.config.outputs.triage-file }}"))
        let action = try String(contentsOfFile: CITemplateTests.action, encoding: .utf8)
        #expect(action.contains(#"args+=(--triage "$INPUT_TRIAGE_FILE")"#))
    }

    @Test func aMergeRequestIsGatedWithTheMergeBasesFiles() throws {
        // GitLab's job script with `ward` and `git` replaced by recorders; the merge base's checkout is prepared here.
        let project = try Self.workspace(base: [:], head: ["triage.yml": "decisions: [] # widened\n"])
        let bin = project + "/bin"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        let baseline = project + "/baseline"
        try "#!/bin/sh\necho \"$*\" >> \"$RECORD\"\necho '# report' > ward.md\n".write(toFile: bin + "/ward", atomically: true, encoding: .utf8)
        try "#!/bin/sh\nexit 0\n".write(toFile: bin + "/git", atomically: true, encoding: .utf8)
        for tool in ["ward", "git"] { try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: bin + "/" + tool) }
        try "decisions: []\n".write(toFile: baseline + "/.ward/triage.yml", atomically: true, encoding: .utf8)
        let script = try Self.script(CITemplateTests.gitlab, step: nil).replacingOccurrences(of: "/opt/ward-baseline/", with: baseline + "/")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-e", "-c", script]
        process.currentDirectoryURL = URL(fileURLWithPath: project + "/service")
        process.environment = ["PATH": bin + ":/usr/bin:/bin", "RECORD": project + "/calls", "CI_PIPELINE_SOURCE": "merge_request_event",
                               "CI_PROJECT_DIR": project + "/service", "CI_PROJECT_PATH": "group/svc", "WARD_POLICY": "default",
                               "WARD_MR_POLICY": "pull-request", "CI_MERGE_REQUEST_DIFF_BASE_SHA": "abc"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let log = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(log)")
        let calls = try String(contentsOfFile: project + "/calls", encoding: .utf8)
        #expect(calls.contains("--policy pull-request --triage \(baseline)/.ward/triage.yml --output-dir ."), "\(calls)")
        #expect(log.contains("changes its gate's configuration: .ward/triage.yml"), "\(log)")
        let markdown = try String(contentsOfFile: project + "/service/ward.md", encoding: .utf8)
        #expect(markdown.hasPrefix("> This merge request changes"))
    }
}
