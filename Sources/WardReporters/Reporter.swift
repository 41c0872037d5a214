import Foundation
import WardCore

/// Turns a finished scan and its verdict into one document. Pure: no I/O, no clock, no environment.
public protocol Reporter: Sendable {
    /// Stable lowercase id used by `--format`: `table`, `json`.
    static var id: String { get }
    /// File extension for `--output-dir`.
    static var fileExtension: String { get }
    /// Renders the report.
    static func render(_ scan: ScanRun, gate: GateResult, options: RenderOptions) throws(ReporterError) -> Data
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
