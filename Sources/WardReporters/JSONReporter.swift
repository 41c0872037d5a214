import Foundation
import WardCore

/// Ward's versioned JSON report: the scan, every tool run, every finding, and the verdict.
///
/// `schemaVersion` changes only when a field is removed or changes meaning; fields may be added.
public struct JSONReporter: Reporter {
    public static let id = "json"
    public static let fileExtension = "json"
    /// The version of the document's shape.
    public static let schemaVersion = 1

    public static func render(_ redacted: Redacted<ScanRun>, gate: GateResult, options: RenderOptions) throws(ReporterError) -> Data {
        let scan = redacted.value
        let document = Document(
            schemaVersion: schemaVersion,
            ward: .init(version: scan.wardVersion),
            scan: .init(id: scan.id, target: scan.target.name, mode: scan.mode.rawValue, startedAt: scan.startedAt,
                        finishedAt: scan.finishedAt, complete: scan.isComplete),
            toolRuns: scan.toolRuns,
            findings: FindingOrder.sorted(scan.findings),
            gate: gate
        )
        do {
            var data = try JSONCoding.encode(document, pretty: true)
            data.append(0x0A)
            return data
        } catch {
            throw ReporterError.encodingFailed(format: id, reason: String(describing: error))
        }
    }

    private struct Document: Encodable {
        struct Ward: Encodable { var version: String }
        struct Scan: Encodable {
            var id: String
            var target: String
            var mode: String
            var startedAt: Date
            var finishedAt: Date
            var complete: Bool
        }
        var schemaVersion: Int
        var ward: Ward
        var scan: Scan
        var toolRuns: [ToolRun]
        var findings: [Finding]
        var gate: GateResult
    }
}
