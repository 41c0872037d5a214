import Foundation
import WardCore

/// detect-secrets (Yelp), run as `detect-secrets scan --all-files` over the target; reads its
/// baselines (1.x and 0.x layouts) on import.
///
/// Severity: a secret detect-secrets verified as live is critical; the pattern detectors (AWS,
/// GitHub, Slack, Stripe, private keys…) give high; the heuristic ones (`Secret Keyword`,
/// `Base64 High Entropy String`, `Hex High Entropy String`, `Public IP (ipv4)`) give medium.
/// Baselines hold only an unsalted SHA-1 of each value, used as the identity input after keyed
/// hashing and never stored; such findings keep no source line. detect-secrets exits 0 after a scan.
public struct DetectSecretsScanner: ToolScanner {
    public static let id = "detect-secrets"
    public var id: String { Self.id }
    public var summary: String { "Secrets committed to the tree (Yelp detect-secrets)" }
    public var executableName: String { "detect-secrets" }

    /// Files never worth reading: the directories Ward skips, as a regular expression on paths.
    static let excludedFiles = #"(^|/)(\.git|\.hg|\.svn|node_modules|\.venv|venv|__pycache__|\.tox|\.mypy_cache|\.build)(/|$)"#

    public init() {}

    public func isApplicable(to inventory: TargetInventory) -> Bool {
        !inventory.fileNames.isEmpty
    }

    public func plan(for target: ScanTarget, context: InvocationContext) -> ToolRunPlan {
        ToolRunPlan(
            // Without --all-files it reads only files git tracks, and nothing outside a repository.
            arguments: ["scan", "--all-files", "--exclude-files", Self.excludedFiles] + context.extraArguments + ["--", "."],
            workingDirectory: target.root,
            report: .standardOutput,
            acceptedExitStatuses: [0]
        )
    }

    public func decode(_ data: Data, source: String) throws(ScannerError) -> DecodedReport {
        let identity = ReportIdentity.of(data)
        guard identity.format == .json else {
            throw ScannerError.wrongTool(path: source, expected: "detect-secrets", found: identity.producer ?? "a text or XML report")
        }
        let document = try ReportJSON.parse(SARIFLogReader.withoutByteOrderMark(data), source: source)
        return try DetectSecretsBaselineReader().decode(document, source: source)
    }

    /// Detectors that flag any string that looks like a secret rather than a known token format.
    static let heuristicTypes: Set<String> = ["Secret Keyword", "Base64 High Entropy String", "Hex High Entropy String", "Public IP (ipv4)"]

    static func severity(type: String, verified: Bool) -> Severity {
        if verified { return .critical }
        return heuristicTypes.contains(type) ? .medium : .high
    }
}
