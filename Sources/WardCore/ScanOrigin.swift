import Foundation

/// Where a scan's tree came from: branch, commit and CI run, as flags give them, else as the CI
/// system's variables say (GitHub Actions, GitLab CI), else as the repository's git says.
public struct ScanOrigin: Sendable, Hashable {
    /// The branch: a pull request's head, or the pushed branch.
    public var branch: String?
    /// The commit checked out.
    public var commit: String?
    /// The web address of the CI run.
    public var runURL: String?

    /// Creates an origin.
    public init(branch: String? = nil, commit: String? = nil, runURL: String? = nil) {
        self.branch = branch
        self.commit = commit
        self.runURL = runURL
    }

    /// What a CI system's variables say; empty outside CI. Values are checked for shape (no control
    /// characters, at most 256 characters, a commit is 7–64 hexadecimal digits, a run address starts
    /// with `https://`), so a variable set to something else is ignored rather than recorded.
    public static func continuousIntegration(_ environment: [String: String]) -> ScanOrigin {
        func value(_ keys: [String]) -> String? {
            keys.lazy.compactMap { environment[$0] }.compactMap(Self.name).first
        }
        var origin = ScanOrigin()
        origin.branch = value(["GITHUB_HEAD_REF", "GITHUB_REF_NAME", "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME", "CI_COMMIT_REF_NAME"])
        origin.commit = value(["GITHUB_SHA", "CI_COMMIT_SHA"]).flatMap(Self.commit)
        if let server = value(["GITHUB_SERVER_URL"]), let repository = value(["GITHUB_REPOSITORY"]), let run = value(["GITHUB_RUN_ID"]),
           run.allSatisfy(\.isNumber) {
            origin.runURL = Self.webAddress("\(server)/\(repository)/actions/runs/\(run)")
        } else {
            origin.runURL = value(["CI_JOB_URL", "CI_PIPELINE_URL"]).flatMap(Self.webAddress)
        }
        return origin
    }

    /// Each field of `self`, else of `other`.
    public func filled(from other: ScanOrigin) -> ScanOrigin {
        ScanOrigin(branch: branch ?? other.branch, commit: commit ?? other.commit, runURL: runURL ?? other.runURL)
    }

    /// `text` when it can be recorded as a name (a branch): not empty, at most 256 characters, no
    /// control characters.
    public static func name(_ text: String) -> String? {
        !text.isEmpty && text.count <= 256 && !text.unicodeScalars.contains(where: isControl) ? text : nil
    }

    /// `text` when it is a commit id (7 to 64 hexadecimal digits), lowercased.
    public static func commit(_ text: String) -> String? {
        (7...64).contains(text.count) && text.allSatisfy(\.isHexDigit) ? text.lowercased() : nil
    }

    /// `text` when it is an `https://` address without spaces or controls.
    public static func webAddress(_ text: String) -> String? {
        text.hasPrefix("https://") && !text.unicodeScalars.contains(where: { Self.isControl($0) || $0.properties.isWhitespace }) ? text : nil
    }

    /// Whether a scalar is a control character (C0, DEL, C1), which no recorded value may hold.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }
}
