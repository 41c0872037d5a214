import Foundation

/// Ward's normalized severity scale, shared by every scanner.
///
/// Each tool's own severity (and confidence) is kept beside it on the ``Finding``;
/// the per-tool mapping is documented in the README.
public enum Severity: String, Codable, Sendable, CaseIterable, Comparable {
    case info
    case low
    case medium
    case high
    case critical

    /// Position on the scale, `info` lowest.
    public var rank: Int {
        switch self {
        case .info: 0
        case .low: 1
        case .medium: 2
        case .high: 3
        case .critical: 4
        }
    }

    /// A representative CVSS-like score in the middle of the band, as SARIF's `security-severity` expects.
    public var score: Double {
        switch self {
        case .info: 0.0
        case .low: 2.0
        case .medium: 5.5
        case .high: 8.0
        case .critical: 9.5
        }
    }

    /// Maps a CVSS base score (0.0–10.0) onto the scale using the usual bands.
    public init(cvssScore: Double) {
        switch cvssScore {
        case 9.0...: self = .critical
        case 7.0..<9.0: self = .high
        case 4.0..<7.0: self = .medium
        case 0.1..<4.0: self = .low
        default: self = .info
        }
    }

    /// Parses a user-typed level (`high`, `HIGH`, `crit`…), or `nil` when it is not one.
    public init?(parsing text: String) {
        let lowered = text.lowercased()
        if let exact = Severity(rawValue: lowered) {
            self = exact
        } else if lowered == "crit" {
            self = .critical
        } else if lowered == "med" {
            self = .medium
        } else {
            return nil
        }
    }

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        lhs.rank < rhs.rank
    }
}
