import Foundation
import WardCore

/// Any SARIF producer (CodeQL, gosec, Trivy, Grype, gitleaks, Docker Scout, Checkov…), import only.
///
/// Each run of a log becomes its own tool run. The tool's name (`tool.driver.name`) is kept in the
/// findings' `tool` metadata and picks the run's ``SARIFDialect``: a log of Bandit, Semgrep, Trivy,
/// Checkov, gitleaks or TruffleHog is read exactly as that tool's own plugin reads it (its severity,
/// kind and rule ids, its plugin id as identity family). Another tool's lowercased name is its
/// identity family, so two tools' results never share an identity, and the kind is guessed per result (secret scanners and rules tagged `secret` give
/// secrets, results naming a package or an advisory give dependencies, infrastructure linters give
/// IaC findings, the rest static analysis); see ``SARIFLogReader`` for severity and suppressions and
/// ``SARIFArtifactPaths`` for how relative URIs are resolved.
public struct SARIFScanner: ReportImporting {
    public static let id = "sarif"
    public var id: String { Self.id }
    public var summary: String { "Any SARIF 2.1.0 producer (import only)" }

    public init() {}

    public func decodeRuns(_ data: Data, source: String) throws(ScannerError) -> [DecodedReport] {
        try SARIFLogReader(toolID: Self.id).decodeRuns(try log(data, source: source), source: source)
    }

    /// Every run merged into one report; its family is the tool's when all runs share one.
    public func decode(_ data: Data, source: String) throws(ScannerError) -> DecodedReport {
        try SARIFLogReader(toolID: Self.id).decodeMerged(try log(data, source: source), source: source)
    }

    private func log(_ data: Data, source: String) throws(ScannerError) -> JSONDocument {
        let identity = ReportIdentity.of(data)
        guard identity.format == .json else {
            throw ScannerError.wrongTool(path: source, expected: "SARIF", found: identity.producer ?? "a text or XML report")
        }
        return try SARIFLogReader.log(data, source: source, expected: "SARIF")
    }
}
