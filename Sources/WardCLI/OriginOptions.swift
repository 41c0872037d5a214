import ArgumentParser
import WardCore

/// `--branch`, `--commit`, `--run-url`: where the scanned tree came from, when the CI variables
/// and the repository's git do not say it (or say it wrong).
struct OriginOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Branch the scanned tree comes from (default: GITHUB_HEAD_REF, GITHUB_REF_NAME, CI_MERGE_REQUEST_SOURCE_BRANCH_NAME or CI_COMMIT_REF_NAME, else git).", valueName: "name"))
    var branch: String?
    @Option(name: .long, help: ArgumentHelp("Commit the scanned tree is checked out at (default: GITHUB_SHA or CI_COMMIT_SHA, else git).", valueName: "sha"))
    var commit: String?
    @Option(name: .customLong("run-url"), help: ArgumentHelp("Web address of the CI run (default: from GitHub Actions' or GitLab CI's variables).", valueName: "url"))
    var runURL: String?

    func validate() throws {
        if let commit, ScanOrigin.commit(commit) == nil { throw ValidationError("--commit takes 7 to 64 hexadecimal digits") }
        if let runURL, ScanOrigin.webAddress(runURL) == nil { throw ValidationError("--run-url takes an https:// address") }
        if let branch, ScanOrigin.name(branch) == nil { throw ValidationError("--branch takes a branch name") }
    }

    /// What the flags say.
    var origin: ScanOrigin {
        ScanOrigin(branch: branch, commit: commit.flatMap(ScanOrigin.commit), runURL: runURL)
    }
}
