import Foundation

/// Why a rule set or a secrets configuration cannot be used.
public enum SecretRuleError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A regex does not compile.
    case invalidRegex(pattern: String, offset: Int, reason: String)
    /// A rule of a set does not compile.
    case invalidRule(id: String, reason: String)
    /// The set breaks the schema (duplicate ids, empty regexes).
    case invalidRuleSet(problems: [String])
    /// Vectorscan could not build the database.
    case database(reason: String)
    /// A configuration file cannot be read or parsed.
    case invalidConfiguration(path: String, line: Int, reason: String)
    /// No rule file was found.
    case rulesNotFound(searched: [String])

    public var description: String {
        switch self {
        case let .invalidRegex(pattern, offset, reason):
            "invalid regex at offset \(offset) (\(reason)): \(pattern)"
        case let .invalidRule(id, reason):
            "secret rule \(id): \(reason)"
        case let .invalidRuleSet(problems):
            "invalid secret rules: " + problems.joined(separator: "; ")
        case let .database(reason):
            "cannot build the secret rules database: \(reason)"
        case let .invalidConfiguration(path, line, reason):
            "\(path):\(line): \(reason)"
        case let .rulesNotFound(searched):
            "the built-in secret rules were not found (looked in \(searched.joined(separator: ", ")))"
        }
    }
}
