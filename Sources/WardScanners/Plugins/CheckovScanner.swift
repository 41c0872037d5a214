import Foundation
import WardCore

/// Checkov, the IaC policy checker, on Terraform, Kubernetes manifests, Dockerfiles and Helm charts
/// (Helm only when the `helm` binary is on PATH: Checkov renders charts with it and otherwise skips
/// the framework). Run offline with `--skip-download`. Reads its JSON (one framework, a list of
/// frameworks, or the bare summary) and SARIF reports.
///
/// Severity: Checkov reports one only with a Prisma Cloud key; CRITICAL, HIGH, MEDIUM, LOW map to
/// themselves and INFO to info. Without one (`null`, the usual case offline) a failed check is
/// medium, so IaC findings alone do not fail the default gate. Checkov exits 1 when a check failed
/// and 0 when none did (both a completed scan; findings come from the report), 2 when it crashed.
public struct CheckovScanner: ToolScanner {
    public static let id = "checkov"
    public var id: String { Self.id }
    public var summary: String { "IaC misconfigurations: Terraform, Kubernetes, Dockerfile, Helm (Checkov)" }
    public var executableName: String { "checkov" }

    /// The frameworks run; others (secrets, SCA) need the network or overlap other scanners.
    static let frameworks = ["terraform", "kubernetes", "dockerfile", "helm"]

    /// The name Checkov gives its JSON report in the `--output-file-path` directory.
    static let reportFileName = "results_json.json"

    public init() {}

    public func isApplicable(to inventory: TargetInventory) -> Bool {
        inventory.contains(extension: "tf") || inventory.kubernetesManifests > 0 || inventory.contains(fileName: "chart.yaml")
            || inventory.containsFile { name in
                name.hasSuffix(".tf.json") || name == "dockerfile" || name.hasPrefix("dockerfile.") || name.hasSuffix(".dockerfile")
            }
    }

    public func plan(for target: ScanTarget, context: InvocationContext) -> ToolRunPlan {
        // Scanning `-d .` from the root keeps Checkov's paths root-relative for every framework (its
        // Kubernetes runner writes paths relative to the working directory, not to `-d`); Checkov takes
        // no positional path, so there is no `--`. The report goes both to standard output and to
        // results_json.json in the run's scratch directory, which is read back.
        let directory = (context.reportPath as NSString).deletingLastPathComponent
        // Ward's configuration file replaces `.checkov.yaml` (whose `external-checks-dir` would run
        // Python from the tree), unless the policy trusts the repository's.
        var configuration: [String] = []
        if let own = context.configurationDirectory, !context.trustsRepositoryConfiguration {
            configuration = ["--config-file", own + "/checkov.yaml"]
        }
        return ToolRunPlan(
            arguments: configuration + ["--skip-download", "--compact", "--quiet", "--framework"] + Self.frameworks
                + ["--output", "json", "--output-file-path", directory] + context.extraArguments + ["-d", "."],
            environment: ["ANSI_COLORS_DISABLED": "1"],
            workingDirectory: target.root,
            report: .standardOutput,
            readsBack: [directory + "/" + Self.reportFileName],
            acceptedExitStatuses: [0, 1]
        )
    }

    public func decode(_ data: Data, source: String) throws(ScannerError) -> DecodedReport {
        try CheckovReportDecoder().decode(data, source: source)
    }

    /// The report file Checkov wrote, else what it printed.
    public func decode(_ output: ToolRunOutput, of plan: ToolRunPlan) throws(ScannerError) -> DecodedReport {
        let file = plan.readsBack.first.flatMap { output.files[$0] } ?? Data()
        return plan.completing(try decode(file.isEmpty ? output.report : file, source: output.source))
    }

    /// Ward's severity for Checkov's; no severity (Checkov without a platform key) is medium.
    static func severity(_ raw: String?) -> Severity {
        switch raw?.uppercased() {
        case "CRITICAL": .critical
        case "HIGH": .high
        case "LOW": .low
        case "INFO": .info
        default: .medium
        }
    }
}
