import Foundation

/// What a scan covered: the whole tree, or a list of files (those given on the command line, the
/// staged ones). Only a complete scan whose scope covers a finding can mark it fixed, so scans of
/// different parts of one tree, even run at the same time, never fix each other's findings.
public enum ScanScope: Sendable, Hashable, Codable {
    /// Every file under the target's root.
    case tree
    /// These root-relative paths only.
    case paths([String])

    /// Whether a finding at `path` (nil: a finding without a location) lies in the scope.
    public func covers(path: String?) -> Bool {
        switch self {
        case .tree: true
        case .paths(let paths): path.map(paths.contains) ?? false
        }
    }

    /// The covered paths, or nil for the whole tree.
    public var paths: [String]? {
        if case .paths(let paths) = self { return paths }
        return nil
    }
}

extension ScanScope {
    /// `"tree"`, or the list of paths.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let paths = try? container.decode([String].self) {
            self = .paths(paths)
        } else if try container.decode(String.self) == "tree" {
            self = .tree
        } else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "a scope is \"tree\" or a list of paths")
        }
    }

    /// `"tree"`, or the list of paths.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .tree: try container.encode("tree")
        case .paths(let paths): try container.encode(paths)
        }
    }
}
