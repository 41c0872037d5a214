import Foundation

/// What can be wrong with a policy or another YAML configuration file.
public enum PolicyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be read.
    case unreadable(path: String, reason: String)
    /// The text is not valid YAML.
    case invalidYAML(path: String, line: Int, column: Int, problem: String)
    /// A value has the wrong type or is not one of the allowed values.
    case invalidValue(path: String, line: Int, column: Int, keyPath: String, expected: String, found: String)
    /// A required key is missing.
    case missingKey(path: String, line: Int, column: Int, keyPath: String, key: String)
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
            "\(path):\(line):\(column): \(keyPath.isEmpty ? "" : keyPath + ": ")expected \(expected), got '\(found)'"
        case .missingKey(let path, let line, let column, let keyPath, let key):
            "\(path):\(line):\(column): \(keyPath.isEmpty ? "" : keyPath + ": ")missing required key '\(key)'"
        case .unknownPolicy(let name, let known):
            "unknown policy '\(name)' (shipped: \(known.joined(separator: ", ")); or give a path to a YAML file)"
        }
    }
}
