import Foundation
import WardCore
import WardReporters

/// Reporters take only what passed the redaction stage: these render test scans through it.
extension Reporter {
    static func render(_ scan: ScanRun, gate: GateResult, options: RenderOptions) throws(ReporterError) -> Data {
        try render(RedactionStage().redact(scan), gate: gate, options: options)
    }

    static func warnings(_ scan: ScanRun, gate: GateResult, report: Data) -> [String] {
        warnings(RedactionStage().redact(scan), gate: gate, report: report)
    }
}

extension SARIFReporter {
    static func render(_ scan: ScanRun, limits: SARIFLimits) -> Data {
        render(RedactionStage().redact(scan), limits: limits)
    }
}

extension HistoryReport {
    static func findings(_ findings: [TrackedFinding], format: String, options: RenderOptions,
                         overdue: ServiceLevel.Deadlines? = nil) throws(ReporterError) -> Data {
        try self.findings(RedactionStage().redact(findings), format: format, options: options, overdue: overdue)
    }
}
