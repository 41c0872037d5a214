import Foundation
import WardCore

/// What the four Trivy scanners share: one report decoder, the note about skipped vulnerability
/// scanning read back from beside the report, and one shape of command line.
public protocol TrivyFamily: ScannerPlugin {}

extension TrivyFamily {
    /// Decodes any Trivy report (JSON of every schema, SARIF) as this scanner's.
    public func decode(_ data: Data, source: String) throws(ScannerError) -> DecodedReport {
        try TrivyReportDecoder(toolID: Self.id).decode(data, source: source)
    }

    /// Decodes a run's report and adds the skipped-scanner note the invocation may have left.
    public func decodeRunOutput(_ data: Data, reportPath: String, source: String) throws(ScannerError) -> DecodedReport {
        try TrivyScanner.decodeRun(decode(data, source: source), reportPath: reportPath)
    }

    /// `trivy <options> <user arguments> -- <subject>`, run from the target root, report to a file.
    func trivyInvocation(_ options: [String], subject: String, target: ScanTarget, context: InvocationContext) -> ToolInvocation {
        ToolInvocation(
            arguments: options + context.extraArguments + ["--", subject],
            workingDirectory: target.root,
            writesReportFile: true,
            acceptedExitStatuses: TrivyScanner.acceptedExitStatuses
        )
    }
}
