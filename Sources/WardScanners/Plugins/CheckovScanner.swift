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
public struct CheckovScanner: ScannerPlugin {
    public static let id = "checkov"
    public static let summary = "IaC misconfigurations: Terraform, Kubernetes, Dockerfile, Helm (Checkov)"
    public static let executableName = "checkov"

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

    public func invocation(for target: ScanTarget, context: InvocationContext) -> ToolInvocation {
        // Scanning `-d .` from the root keeps Checkov's paths root-relative for every framework (its
        // Kubernetes runner writes paths relative to the working directory, not to `-d`); Checkov takes
        // no positional path, so there is no `--`. The report goes both to standard output and to
        // results_json.json beside Ward's report path.
        let directory = (context.reportPath as NSString).deletingLastPathComponent
        return ToolInvocation(
            arguments: ["--skip-download", "--compact", "--quiet", "--framework"] + Self.frameworks
                + ["--output", "json", "--output-file-path", directory] + context.extraArguments + ["-d", "."],
            environment: ["ANSI_COLORS_DISABLED": "1"],
            workingDirectory: target.root,
            writesReportFile: false,
            acceptedExitStatuses: [0, 1]
        )
    }

    public func decode(_ data: Data, source: String) throws(ScannerError) -> DecodedReport {
        try CheckovReportDecoder().decode(data, source: source)
    }

    /// The report file Checkov wrote beside `reportPath`, else what it printed.
    public func decodeRunOutput(_ data: Data, reportPath: String, source: String) throws(ScannerError) -> DecodedReport {
        let path = (reportPath as NSString).deletingLastPathComponent + "/" + Self.reportFileName
        guard let file = try BoundedReader(limit: BoundedReader.companionLimit).readIfPresent(path, source: source), !file.isEmpty else {
            return try decode(data, source: source)
        }
        return try decode(file, source: source)
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
