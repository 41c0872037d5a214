import Foundation
import WardCore

/// GitLab's SAST report (`artifacts:reports:sast`): code and infrastructure-as-code findings.
public struct GitLabSASTReporter: Reporter {
    public static let id = "gitlab-sast"
    public static let fileExtension = "json"
    public static let defaultFileName = "gl-sast-report.json"

    // MARK: - Reporter Conformance

    public static func render(_ redacted: Redacted<ScanRun>, gate: GateResult, options: RenderOptions) throws(ReporterError) -> Data {
        let scan = redacted.value
        let report = GitLabReport(type: "sast", kinds: [.sast, .iac], scan: scan, gate: gate)
        return report.document { finding in
            let location = FindingArtifact.location(of: finding)
            let start = location?.startLine.flatMap { $0 >= 1 ? $0 : nil }
            return [
                "file": .string(report.path(finding)),
                "start_line": start.map(OrderedJSON.integer),
                "end_line": start.flatMap { start in location?.endLine.flatMap { $0 >= start ? .integer($0) : nil } },
            ]
        }
    }
}
