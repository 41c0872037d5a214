import Foundation
import WardCore

/// Trivy on the working tree (`trivy fs`): committed secrets, and vulnerable dependencies of lock
/// files when Trivy's vulnerability database is in Ward's cache for it.
///
/// Trivy's four ways of running are four scanners, so each can be chosen, required and gated on
/// its own and no finding is reported twice by one scan: `trivy` (secrets and dependency
/// vulnerabilities of the tree), `trivy-config` (IaC misconfigurations), `trivy-image` (an image
/// reference given with `--image`) and `trivy-rootfs` (a tree that is an unpacked root filesystem).
/// Every run is offline: no database, Java database or check-bundle download, no version check or
/// telemetry; the cache is Ward's per-tool cache directory. Without a vulnerability database (Trivy
/// refuses `--skip-db-update` on an empty cache) the vulnerability scanner is left out and the run
/// says so among its skipped inputs; `trivy image --download-db-only --cache-dir DIR` fills it.
/// The scanned tree cannot reconfigure Trivy: its `trivy.yaml` and `trivy-secret.yaml` are not
/// loaded (a change could otherwise skip every directory or disable the rule it trips); findings
/// its `.trivyignore` or a VEX document silences are kept, suppressed (`--show-suppressed`).
///
/// Reads Trivy's JSON (schema 2 of Trivy 0.20 and later, the older top-level list, `trivy k8s`) and
/// SARIF. Severity: CRITICAL, HIGH, MEDIUM, LOW map to themselves, UNKNOWN (and anything else) to
/// info. Trivy exits 0 whether or not it finds something (`--exit-code 0`); 1 is a fatal error.
public struct TrivyScanner: TrivyFamily {
    public static let id = "trivy"
    public var id: String { Self.id }
    public var summary: String { "Secrets and vulnerable dependencies in the tree (Trivy filesystem scan)" }
    public var executableName: String { "trivy" }

    public init() {}

    public func isApplicable(to inventory: TargetInventory) -> Bool {
        !inventory.fileNames.isEmpty
    }

    public func plan(for target: ScanTarget, context: InvocationContext) -> ToolRunPlan {
        let (scanners, skipped) = Self.scanners(["secret", "vuln"], context: context)
        return trivyPlan(
            ["fs", "--scanners", scanners] + Self.offlineFlags + Self.commonFlags(context) + Self.secretAndVulnerabilityFlags(context)
                + Self.skippedDirectories,
            subject: ".", target: target, context: context, skipped: skipped
        )
    }



    // MARK: Shared by the Trivy scanners

    /// Trivy exits 0 with or without findings (`--exit-code 0`), 1 on a fatal error.
    static let acceptedExitStatuses: Set<Int32> = [0]

    /// No database downloads: the scan uses what the cache holds.
    static let offlineFlags = ["--skip-db-update", "--skip-java-db-update", "--offline-scan"]

    /// Directories never worth reading, as Trivy globs.
    static let skippedDirectories = TargetInventory.skippedDirectories.sorted().flatMap { ["--skip-dirs", "**/" + $0] }

    /// Flags every subcommand takes: no `trivy.yaml` from the scanned tree, no check-bundle update,
    /// version check or telemetry, Ward's cache, JSON to the report path, quiet, exit 0 with findings.
    static func commonFlags(_ context: InvocationContext) -> [String] {
        ownConfiguration(context) + ["--skip-check-update", "--skip-version-check", "--disable-telemetry", "--cache-dir", context.cacheDirectory,
         "--format", "json", "--output", context.reportPath, "--quiet", "--exit-code", "0"]
    }

    /// No `trivy.yaml` and Ward's empty ignore file in place of `.trivyignore`, unless the policy
    /// trusts the repository's configuration.
    static func ownConfiguration(_ context: InvocationContext) -> [String] {
        guard !context.trustsRepositoryConfiguration else { return [] }
        return ["--config="] + (context.configurationDirectory.map { ["--ignorefile", $0 + "/trivyignore"] } ?? [])
    }

    /// Flags of the subcommands that scan secrets and vulnerabilities: no `trivy-secret.yaml` from the
    /// scanned tree (unless trusted), and silenced findings reported (as `ExperimentalModifiedFindings`)
    /// rather than dropped.
    static func secretAndVulnerabilityFlags(_ context: InvocationContext) -> [String] {
        (context.trustsRepositoryConfiguration ? [] : ["--secret-config="]) + ["--show-suppressed"]
    }

    /// The `--scanners` value: `wanted` without `vuln` when the cache holds no vulnerability
    /// database, with a note saying so for the run's skipped inputs.
    static func scanners(_ wanted: [String], context: InvocationContext) -> (scanners: String, skipped: [String]) {
        guard wanted.contains("vuln"), !FileManager.default.fileExists(atPath: context.cacheDirectory + "/db/trivy.db") else {
            return (wanted.joined(separator: ","), [])
        }
        let note = "vulnerabilities not scanned: no Trivy vulnerability database in \(context.cacheDirectory) "
            + "(fill it with: trivy image --download-db-only --cache-dir \(context.cacheDirectory))"
        return (wanted.filter { $0 != "vuln" }.joined(separator: ","), [note])
    }

    /// Ward's severity for Trivy's.
    static func severity(_ raw: String?) -> Severity {
        raw.flatMap(Severity.init(parsing:)) ?? .info
    }

    /// One id per check across Trivy versions: `DS-0002` (0.6x and later) for the `AVD-DS-0002` /
    /// `DS002` of older reports, so an upgrade keeps the findings' identities.
    static func checkID(_ id: String, avdID: String?) -> String {
        if let avdID, avdID.hasPrefix("AVD-"), avdID.count > 4 { return String(avdID.dropFirst(4)) }
        if id.hasPrefix("AVD-"), id.count > 4 { return String(id.dropFirst(4)) }
        let letters = id.prefix { $0.isASCII && $0.isLetter }
        let digits = id.dropFirst(letters.count)
        guard ["KSV", "DS", "KCV"].contains(String(letters)), (1...4).contains(digits.count),
              digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return id }
        return letters + "-" + String(repeating: "0", count: 4 - digits.count) + digits
    }
}

/// Trivy on infrastructure as code (`trivy config`): Terraform, Kubernetes manifests, Dockerfiles,
/// Helm charts (rendered by Trivy itself), CloudFormation, with Trivy's embedded checks. The tree's
/// `trivy.yaml` is not loaded; checks its `.trivyignore` or `trivy:ignore` comments silence are not
/// reported at all (`trivy config` has no `--show-suppressed`).
public struct TrivyConfigScanner: TrivyFamily {
    public static let id = "trivy-config"
    public var id: String { Self.id }
    public var summary: String { "IaC misconfigurations: Terraform, Kubernetes, Dockerfile, Helm (Trivy config scan)" }
    public var executableName: String { "trivy" }

    public init() {}

    public func isApplicable(to inventory: TargetInventory) -> Bool {
        inventory.contains(extension: "tf") || inventory.kubernetesManifests > 0 || inventory.contains(fileName: "chart.yaml")
            || inventory.containsFile { name in
                name.hasSuffix(".tf.json") || name == "dockerfile" || name == "containerfile" || name.hasPrefix("dockerfile.")
                    || name.hasSuffix(".dockerfile") || name.hasSuffix(".containerfile")
            }
    }

    public func plan(for target: ScanTarget, context: InvocationContext) -> ToolRunPlan {
        // `trivy config` takes no database flags: it needs no database.
        trivyPlan(["config"] + TrivyScanner.commonFlags(context) + TrivyScanner.skippedDirectories,
                  subject: ".", target: target, context: context)
    }

}

/// Trivy on a container image (`trivy image REF`), when the scan names one with `--image`: OS and
/// language packages with known vulnerabilities (container findings, identified by the image
/// repository without tag or digest) and secrets in the layers.
public struct TrivyImageScanner: TrivyFamily {
    public static let id = "trivy-image"
    public var id: String { Self.id }
    public var summary: String { "Vulnerable packages and secrets in a container image (Trivy image scan; needs --image)" }
    public var executableName: String { "trivy" }

    public init() {}

    public func isApplicable(to inventory: TargetInventory) -> Bool {
        inventory.image != nil
    }

    public func plan(for target: ScanTarget, context: InvocationContext) -> ToolRunPlan {
        let (scanners, skipped) = TrivyScanner.scanners(["vuln", "secret"], context: context)
        return trivyPlan(
            ["image", "--scanners", scanners] + TrivyScanner.offlineFlags + TrivyScanner.commonFlags(context)
                + TrivyScanner.secretAndVulnerabilityFlags(context),
            subject: target.image ?? "", target: target, context: context, skipped: skipped
        )
    }


}

/// Trivy on a tree that is an unpacked root filesystem (`trivy rootfs`): installed OS and language
/// packages with known vulnerabilities, as container findings of that filesystem, and secrets.
/// Applies only to trees with an `os-release` file (`etc/os-release`, `usr/lib/os-release`).
public struct TrivyRootfsScanner: TrivyFamily {
    public static let id = "trivy-rootfs"
    public var id: String { Self.id }
    public var summary: String { "Vulnerable installed packages of an unpacked root filesystem (Trivy rootfs scan)" }
    public var executableName: String { "trivy" }

    public init() {}

    public func isApplicable(to inventory: TargetInventory) -> Bool {
        inventory.contains(fileName: "os-release")
    }

    public func plan(for target: ScanTarget, context: InvocationContext) -> ToolRunPlan {
        let (scanners, skipped) = TrivyScanner.scanners(["vuln", "secret"], context: context)
        return trivyPlan(
            ["rootfs", "--scanners", scanners] + TrivyScanner.offlineFlags + TrivyScanner.commonFlags(context)
                + TrivyScanner.secretAndVulnerabilityFlags(context),
            subject: ".", target: target, context: context, skipped: skipped
        )
    }


}
