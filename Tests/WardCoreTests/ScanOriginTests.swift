import Foundation
import Testing
import WardCore

/// Where a scan came from, as CI variables say it; values of the wrong shape are not recorded.
@Suite struct ScanOriginTests {
    @Test func gitHubActionsPullRequest() {
        let origin = ScanOrigin.continuousIntegration([
            "GITHUB_HEAD_REF": "feature/login", "GITHUB_REF_NAME": "42/merge", "GITHUB_SHA": "0123456789ABCDEF0123456789abcdef01234567",
            "GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "acme/shop", "GITHUB_RUN_ID": "987654321",
        ])
        #expect(origin == ScanOrigin(branch: "feature/login", commit: "0123456789abcdef0123456789abcdef01234567",
                                     runURL: "https://github.com/acme/shop/actions/runs/987654321"))
    }

    @Test func gitLabMergeRequestAndBranchPipeline() {
        let merge = ScanOrigin.continuousIntegration([
            "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME": "fix-sql", "CI_COMMIT_REF_NAME": "refs/merge-requests/7/head",
            "CI_COMMIT_SHA": "89abcdef0123456789abcdef0123456789abcdef", "CI_JOB_URL": "https://gitlab.example.com/acme/shop/-/jobs/55",
        ])
        #expect(merge == ScanOrigin(branch: "fix-sql", commit: "89abcdef0123456789abcdef0123456789abcdef",
                                    runURL: "https://gitlab.example.com/acme/shop/-/jobs/55"))
        #expect(ScanOrigin.continuousIntegration(["CI_COMMIT_REF_NAME": "main"]).branch == "main")
        #expect(ScanOrigin.continuousIntegration([:]) == ScanOrigin())
    }

    @Test func valuesOfTheWrongShapeAreIgnored() {
        let origin = ScanOrigin.continuousIntegration([
            "GITHUB_REF_NAME": "main\n\u{1b}[31mforged", "GITHUB_SHA": "not-a-commit; rm -rf /",
            "GITHUB_SERVER_URL": "javascript:alert(1)//", "GITHUB_REPOSITORY": "a/b", "GITHUB_RUN_ID": "1",
            "CI_JOB_URL": "http://plain.example/job",
        ])
        #expect(origin.commit == nil)
        #expect(origin.runURL == nil)
        #expect(origin.branch == nil)
    }

    @Test func flagsComeFirstThenCIThenGit() {
        let flags = ScanOrigin(branch: "release")
        let ci = ScanOrigin(branch: "main", commit: "abcdef1")
        let git = ScanOrigin(branch: "local", commit: "1234567", runURL: nil)
        #expect(flags.filled(from: ci).filled(from: git) == ScanOrigin(branch: "release", commit: "abcdef1"))
    }
}
