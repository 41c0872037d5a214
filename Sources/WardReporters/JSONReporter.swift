import Foundation
import WardCore

/// Ward's versioned JSON report: the scan, every tool run, every finding, and the verdict.
///
/// `schemaVersion` changes only when a field is removed or changes meaning; fields may be added.
/// The document's keys are defined by its own encoding types (``JSONFinding``, ``JSONToolRun``,
/// ``JSONGate``), never by the core's property names, and published as a JSON Schema in
/// `schemas/ward-report.schema.json`.
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
            toolRuns: scan.toolRuns.map(JSONToolRun.init),
            findings: FindingOrder.sorted(scan.findings).map { JSONFinding($0, dueAt: gate.overdue[$0.identity]) },
            gate: JSONGate(gate)
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
        struct Ward: Encodable {
            var version: String
            enum CodingKeys: String, CodingKey { case version = "version" }
        }
        struct Scan: Encodable {
            var id: String
            var target: String
            var mode: String
            var startedAt: Date
            var finishedAt: Date
            var complete: Bool
            enum CodingKeys: String, CodingKey {
                case id = "id", target = "target", mode = "mode", startedAt = "startedAt", finishedAt = "finishedAt", complete = "complete"
            }
        }
        var schemaVersion: Int
        var ward: Ward
        var scan: Scan
        var toolRuns: [JSONToolRun]
        var findings: [JSONFinding]
        var gate: JSONGate
        enum CodingKeys: String, CodingKey {
            case schemaVersion = "schemaVersion", ward = "ward", scan = "scan", toolRuns = "toolRuns", findings = "findings", gate = "gate"
        }
    }
}
