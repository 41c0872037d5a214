import Foundation

/// What can be wrong with a policy or another YAML configuration file.
///
/// Every description is one line naming the file (and, where the problem is inside it, the line
/// and column) and the problem; it never quotes more of the file than the offending token,
/// shortened and stripped of control characters (``YAMLLoader/token(_:)``).
public enum PolicyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be read.
    case unreadable(path: String, reason: String)
    /// The text is not valid YAML.
    case invalidYAML(path: String, line: Int, column: Int, problem: String)
    /// A value has the wrong type or is not one of the allowed values.
    case invalidValue(path: String, line: Int, column: Int, keyPath: String, expected: String, found: String)
    /// A required key is missing.
    case missingKey(path: String, line: Int, column: Int, keyPath: String, key: String)
    /// Any other problem with the node at `keyPath` (an unknown key, a negative count, a file outside
    /// the policy's folder).
    case invalid(path: String, line: Int, column: Int, keyPath: String, problem: String)
    /// No shipped policy has this name and no such file exists.
    case unknownPolicy(name: String, known: [String])

    /// One line naming the file, line and column, and the problem.
    public var description: String {
        switch self {
        case .unreadable(let path, let reason):
            "\(path): cannot read: \(reason)"
        case .invalidYAML(let path, let line, let column, let problem):
            "\(path):\(line):\(column): invalid YAML: \(problem)"
        case .invalidValue(let path, let line, let column, let keyPath, let expected, let found):
            "\(path):\(line):\(column): \(Self.prefix(keyPath))expected \(expected), got '\(found)'"
        case .missingKey(let path, let line, let column, let keyPath, let key):
            "\(path):\(line):\(column): \(Self.prefix(keyPath))missing required key '\(key)'"
        case .invalid(let path, let line, let column, let keyPath, let problem):
            "\(path):\(line):\(column): \(Self.prefix(keyPath))\(problem)"
        case .unknownPolicy(let name, let known):
            "unknown policy '\(YAMLLoader.token(name))' (shipped: \(known.joined(separator: ", ")); or give a path to a YAML file)"
        }
    }

    private static func prefix(_ keyPath: String) -> String {
        keyPath.isEmpty ? "" : keyPath + ": "
    }
}
