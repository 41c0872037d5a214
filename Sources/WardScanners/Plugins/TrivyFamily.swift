import Foundation
import WardCore

/// What the four Trivy scanners share: one report decoder and one shape of command line.
public protocol TrivyFamily: ToolScanner {}

extension TrivyFamily {
    /// Decodes any Trivy report (JSON of every schema, SARIF) as this scanner's.
    public func decode(_ data: Data, source: String) throws(ScannerError) -> DecodedReport {
        try TrivyReportDecoder(toolID: id).decode(data, source: source)
    }

    /// `trivy <options> <user arguments> -- <subject>`, run from the target root, report to a file;
    /// `skipped` lists what the run leaves out.
    func trivyPlan(_ options: [String], subject: String, target: ScanTarget, context: InvocationContext,
                   skipped: [String] = []) -> ToolRunPlan {
        var plan = ToolRunPlan(
            arguments: options + context.extraArguments + ["--", subject],
            workingDirectory: target.root,
            report: .file(context.reportPath),
            acceptedExitStatuses: TrivyScanner.acceptedExitStatuses
        )
        plan.skipped = skipped
        return plan
    }
}
