import Foundation
import WardCore

/// GitLab's secret detection report (`artifacts:reports:secret_detection`).
///
/// No part of the secret is written: `raw_source_code_extract` is left out, and the commit is
/// the all-zero placeholder because Ward scans a tree, not a history.
public struct GitLabSecretsReporter: Reporter {
    public static let id = "gitlab-secrets"
    public static let fileExtension = "json"
    public static let defaultFileName = "gl-secret-detection-report.json"

    // MARK: - Reporter Conformance

    public static func render(_ redacted: Redacted<ScanRun>, gate: GateResult, options: RenderOptions) throws(ReporterError) -> Data {
        let scan = redacted.value
        let report = GitLabReport(type: "secret_detection", kinds: [.secret], scan: scan, gate: gate)
        return report.document { finding in
            let start = finding.location?.startLine.flatMap { $0 >= 1 ? $0 : nil }
            return [
                "file": .string(report.path(finding)),
                "start_line": start.map(OrderedJSON.integer),
                "end_line": start.flatMap { start in finding.location?.endLine.flatMap { $0 >= start ? .integer($0) : nil } },
                "commit": ["sha": "0000000"],
            ]
        }
    }
}
