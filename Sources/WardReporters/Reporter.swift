import Foundation
import WardCore

/// Turns a finished scan and its verdict into one document. Pure: no clock, no environment, and no
/// I/O but handing the document to the ``ReportOutput`` it is given.
public protocol Reporter: Sendable {
    /// Stable lowercase id used by `--format`: `table`, `json`.
    static var id: String { get }
    /// File extension of the format.
    static var fileExtension: String { get }
    /// Whether the report carries the tools' raw results (``Finding/raw``); by default it does not.
    static var showsRawResults: Bool { get }
    /// The file name `--output-dir` writes; by default `ward.` and the extension.
    static var defaultFileName: String { get }
    /// Renders the report from a scan that passed the redaction stage.
    static func render(_ scan: Redacted<ScanRun>, gate: GateResult, options: RenderOptions) throws(ReporterError) -> Data
    /// Problems with a rendered report that its consumer would hit (too large to upload, results
    /// left out), for the CLI to print; by default none.
    static func warnings(_ scan: Redacted<ScanRun>, gate: GateResult, report: Data) -> [String]
    /// Writes the report to `output` as it is produced and returns its ``warnings(_:gate:report:)``.
    /// The bytes are exactly those of ``render(_:gate:options:)``. By default the report is rendered
    /// whole, then handed over; the formats that grow with the scan (JSON, SARIF) stream it.
    static func write(_ scan: Redacted<ScanRun>, gate: GateResult, options: RenderOptions, to output: any ReportOutput) throws(ReporterError) -> [String]
}

extension Reporter {
    /// `ward.` followed by the format's extension.
    public static var defaultFileName: String { "ward." + fileExtension }

    /// No raw results.
    public static var showsRawResults: Bool { false }

    /// No warnings.
    public static func warnings(_ scan: Redacted<ScanRun>, gate: GateResult, report: Data) -> [String] { [] }

    /// Renders the report whole and hands it over.
    public static func write(_ scan: Redacted<ScanRun>, gate: GateResult, options: RenderOptions,
                             to output: any ReportOutput) throws(ReporterError) -> [String] {
        let report = try render(scan, gate: gate, options: options)
        try delivering(report, to: output)
        return warnings(scan, gate: gate, report: report)
    }

    /// Hands `bytes` to `output`; its failure becomes ``ReporterError/outputFailed(format:reason:)``.
    static func delivering(_ bytes: Data, to output: any ReportOutput) throws(ReporterError) {
        do {
            try output.write(bytes)
        } catch {
            throw .outputFailed(format: id, reason: String(describing: error))
        }
    }
}

/// Presentation choices that are not part of the scan.
public struct RenderOptions: Sendable {
    /// Whether ANSI colour may be used.
    public var color: Bool
    /// Terminal width in columns.
    public var width: Int

    /// Creates options.
    public init(color: Bool = false, width: Int = 120) {
        self.color = color
        self.width = width
    }
}

/// Why a report could not be rendered.
public enum ReporterError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No reporter has this id.
    case unknownFormat(id: String, known: [String])
    /// Encoding the document failed.
    case encodingFailed(format: String, reason: String)
    /// The output refused the document's bytes (a full disk, a closed pipe); what was written is incomplete.
    case outputFailed(format: String, reason: String)

    /// One line naming the format and the problem.
    public var description: String {
        switch self {
        case .unknownFormat(let id, let known): "unknown format '\(id)' (known: \(known.joined(separator: ", ")))"
        case .encodingFailed(let format, let reason): "\(format): cannot encode the report: \(reason)"
        case .outputFailed(let format, let reason): "\(format): cannot write the report: \(reason)"
        }
    }
}
