import Foundation

/// What can be wrong with a policy or another YAML configuration file.
///
/// Every description is one line naming the file (and, where the problem is inside it, the line
/// and column of the offending node and its key path, such as `.fail-on.severity`) and the problem.
/// It never quotes more of the file than the offending token, shortened and stripped of control
/// characters (``YAMLLoader/token(_:)``).
public enum PolicyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be read.
    case unreadable(path: String, reason: String)
    /// The text is not valid YAML.
    case invalidYAML(path: String, line: Int, column: Int, problem: String)
    /// A scalar is not one of the allowed values (`-1` for a count, `2027-3-5` for a date).
    case invalidValue(path: String, line: Int, column: Int, keyPath: String, expected: String, found: String)
    /// A node is of the wrong sort (a list where a mapping belongs); `found` describes it, never quotes it.
    case wrongType(path: String, line: Int, column: Int, keyPath: String, expected: String, found: String)
    /// A required key is missing.
    case missingKey(path: String, line: Int, column: Int, keyPath: String, key: String)
    /// None of the keys of which at least one is required is present (a waiver without criteria).
    case missingCriterion(path: String, line: Int, column: Int, keyPath: String, keys: [String])
    /// A key the mapping does not have: a typo must not silently weaken a gate.
    case unknownKey(path: String, line: Int, column: Int, keyPath: String, allowed: [String])
    /// A name that is not a known `category` (tool, kind, severity).
    case unknownName(path: String, line: Int, column: Int, keyPath: String, category: String, name: String, known: [String])
    /// A file the policy names lies outside the policy's folder.
    case outsideFolder(path: String, line: Int, column: Int, keyPath: String, file: String)
    /// A file the policy names cannot be found or resolved.
    case unreadableReference(path: String, line: Int, column: Int, keyPath: String, file: String, reason: String)
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
            Self.at(path, line, column, keyPath) + "expected \(expected), got '\(YAMLLoader.token(found))'"
        case .wrongType(let path, let line, let column, let keyPath, let expected, let found):
            Self.at(path, line, column, keyPath) + "expected \(expected), got \(found)"
        case .missingKey(let path, let line, let column, let keyPath, let key):
            Self.at(path, line, column, keyPath) + "missing required key '\(key)'"
        case .missingCriterion(let path, let line, let column, let keyPath, let keys):
            Self.at(path, line, column, keyPath) + "expected at least one of \(keys.joined(separator: ", "))"
        case .unknownKey(let path, let line, let column, let keyPath, let allowed):
            Self.at(path, line, column, keyPath) + "unknown key; expected one of \(allowed.joined(separator: ", "))"
        case .unknownName(let path, let line, let column, let keyPath, let category, let name, let known):
            Self.at(path, line, column, keyPath) + "unknown \(category) '\(YAMLLoader.token(name))'; expected one of \(known.joined(separator: ", "))"
        case .outsideFolder(let path, let line, let column, let keyPath, let file):
            Self.at(path, line, column, keyPath)
                + "'\(YAMLLoader.token(file))' is outside the policy's folder; pass a waivers file from elsewhere with --suppressions-file"
        case .unreadableReference(let path, let line, let column, let keyPath, let file, let reason):
            Self.at(path, line, column, keyPath) + "cannot read '\(YAMLLoader.token(file))': \(reason)"
        case .unknownPolicy(let name, let known):
            "unknown policy '\(YAMLLoader.token(name))' (shipped: \(known.joined(separator: ", ")); or give a path to a YAML file)"
        }
    }

    private static func at(_ path: String, _ line: Int, _ column: Int, _ keyPath: String) -> String {
        "\(path):\(line):\(column): " + (keyPath.isEmpty ? "" : keyPath + ": ")
    }
}
