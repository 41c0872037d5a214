import Foundation
import WardConfig

/// What can be wrong with a policy: a problem in its YAML (or its waivers file's), a waivers file
/// outside its folder, or a name that is no shipped policy.
///
/// Every description is one line naming the file (and, where the problem is inside it, the line
/// and column of the offending node, the document kind and its key path, such as
/// `.fail-on.severity`) and the problem, quoting at most the offending token.
public enum PolicyError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The policy file or its waivers file is unreadable or wrong.
    case configuration(ConfigError)
    /// A file the policy names lies outside the policy's folder.
    case outsideFolder(at: ConfigLocation, file: String)
    /// No shipped policy has this name and no such file exists.
    case unknownPolicy(name: String, known: [String])

    /// One line naming the file, line and column, and the problem.
    public var description: String {
        switch self {
        case .configuration(let error):
            error.description
        case .outsideFolder(let at, let file):
            "\(at)'\(YAMLLoader.token(file))' is outside the policy's folder; pass a waivers file from elsewhere with --suppressions-file"
        case .unknownPolicy(let name, let known):
            "unknown policy '\(YAMLLoader.token(name))' (shipped: \(known.joined(separator: ", ")); or give a path to a YAML file)"
        }
    }
}
