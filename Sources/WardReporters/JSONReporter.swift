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
    /// Each finding carries its raw result.
    public static let showsRawResults = true
    /// The version of the document's shape.
    public static let schemaVersion = 1

    public static func render(_ redacted: Redacted<ScanRun>, gate: GateResult, options: RenderOptions) throws(ReporterError) -> Data {
        let output = MemoryReportOutput()
        _ = try write(redacted, gate: gate, options: options, to: output)
        return output.data
    }

    /// Streams the document to `output` in chunks of about 64 KiB.
    public static func write(_ redacted: Redacted<ScanRun>, gate: GateResult, options: RenderOptions,
                             to output: any ReportOutput) throws(ReporterError) -> [String] {
        var writer = JSONStreamWriter(chunkSize: ReportChunk.size) { buffer in
            do {
                try buffer.withUnsafeBytes { try output.write($0) }
            } catch {
                throw ReporterError.outputFailed(format: id, reason: String(describing: error))
            }
            buffer.removeAll(keepingCapacity: true)
        }
        try write(redacted, gate: gate, to: &writer)
        return []
    }

    /// Writes the document through `writer` as it goes: the scan, the tool runs, each finding in
    /// report order, the verdict; members in the order of their keys.
    static func write(_ redacted: Redacted<ScanRun>, gate: GateResult, to writer: inout JSONStreamWriter) throws(ReporterError) {
        let scan = redacted.value
        do {
            writer.beginObject()
            writer.key(Keys.findings.rawValue)
            writer.beginArray()
            let order = FindingOrder.sortedIndices(scan.findings)
            let findings = scan.findings, overdue = gate.overdue
            try writer.elements(count: order.count) { position, writer in
                let finding = findings.withElement(at: order[position]) { finding in
                    JSONFinding(finding, dueAt: overdue.isEmpty ? nil : overdue[finding.pointee.identity])
                }
                try finding.write(to: &writer)
            }
            try writer.endArray()
            writer.key(Keys.gate.rawValue)
            try JSONGate(gate).write(to: &writer)
            writer.key(Keys.scan.rawValue)
            writer.beginObject()
            writer.member(ScanKeys.branch.rawValue, scan.target.branch)
            writer.member(ScanKeys.commit.rawValue, scan.target.commit)
            writer.key(ScanKeys.complete.rawValue)
            writer.bool(scan.isComplete)
            writer.key(ScanKeys.finishedAt.rawValue)
            writer.date(scan.finishedAt)
            writer.member(ScanKeys.id.rawValue, scan.id)
            writer.member(ScanKeys.mode.rawValue, scan.mode.rawValue)
            writer.member(ScanKeys.runURL.rawValue, scan.target.runURL)
            writer.key(ScanKeys.startedAt.rawValue)
            writer.date(scan.startedAt)
            writer.member(ScanKeys.target.rawValue, scan.target.name)
            try writer.endObject()
            writer.member(Keys.schemaVersion.rawValue, schemaVersion)
            writer.key(Keys.toolRuns.rawValue)
            writer.beginArray()
            for run in scan.toolRuns {
                writer.element()
                try JSONToolRun(run).write(to: &writer)
            }
            try writer.endArray()
            writer.key(Keys.ward.rawValue)
            writer.beginObject()
            writer.member(WardKeys.version.rawValue, scan.wardVersion)
            try writer.endObject()
            try writer.endObject()
            try writer.finish()
        } catch let error as ReporterError {
            throw error
        } catch {
            throw ReporterError.encodingFailed(format: id, reason: String(describing: error))
        }
    }

    /// The document's top-level keys.
    private enum Keys: String {
        case findings, gate, scan, schemaVersion, toolRuns, ward
    }

    /// The keys of `scan`.
    private enum ScanKeys: String {
        case branch, commit, complete, finishedAt, id, mode, runURL, startedAt, target
    }

    /// The keys of `ward`.
    private enum WardKeys: String {
        case version
    }
}
