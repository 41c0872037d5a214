import Foundation
import WardCore

/// Turns a finished scan and its verdict into one document. Pure: no I/O, no clock, no environment.
public protocol Reporter: Sendable {
    /// Stable lowercase id used by `--format`: `table`, `json`.
    static var id: String { get }
    /// File extension of the format.
    static var fileExtension: String { get }
    /// The file name `--output-dir` writes; by default `ward.` and the extension.
    static var defaultFileName: String { get }
    /// Renders the report from a scan that passed the redaction stage.
    static func render(_ scan: Redacted<ScanRun>, gate: GateResult, options: RenderOptions) throws(ReporterError) -> Data
    /// Problems with a rendered report that its consumer would hit (too large to upload, results
    /// left out), for the CLI to print; by default none.
    static func warnings(_ scan: Redacted<ScanRun>, gate: GateResult, report: Data) -> [String]
}

extension Reporter {
    /// `ward.` followed by the format's extension.
    public static var defaultFileName: String { "ward." + fileExtension }

    /// No warnings.
    public static func warnings(_ scan: Redacted<ScanRun>, gate: GateResult, report: Data) -> [String] { [] }
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

    /// One line naming the format and the problem.
    public var description: String {
        switch self {
        case .unknownFormat(let id, let known): "unknown format '\(id)' (known: \(known.joined(separator: ", ")))"
        case .encodingFailed(let format, let reason): "\(format): cannot encode the report: \(reason)"
        }
    }
}
