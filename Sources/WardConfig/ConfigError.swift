/// What can be wrong with a YAML document Ward reads (a policy, a plugin spec, secret rules, a
/// Bandit YAML report).
///
/// Every description is one line naming the file, the line and column of the offending node, the
/// sort of document, the node's key path and the problem. It never quotes more of the file than
/// the offending token, shortened and stripped of control characters (``YAMLLoader/token(_:)``).
public enum ConfigError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The file could not be read (missing, not a regular file, too large).
    case unreadable(path: String, kind: ConfigKind, reason: String)
    /// The text is not valid YAML (or not UTF-8, or nested too deeply).
    case invalidYAML(at: ConfigLocation, problem: String)
    /// A scalar is not one of the allowed values (`-1` for a count, `2027-3-5` for a date).
    case invalidValue(at: ConfigLocation, expected: String, found: String)
    /// A node is of the wrong sort (a list where a mapping belongs); `found` describes it, never quotes it.
    case wrongType(at: ConfigLocation, expected: String, found: String)
    /// A required key is missing from the mapping at the location.
    case missingKey(at: ConfigLocation, key: String)
    /// None of the keys of which at least one is required is present (a waiver without criteria).
    case missingCriterion(at: ConfigLocation, keys: [String])
    /// A key the mapping does not have: a typo must not silently change what Ward does.
    case unknownKey(at: ConfigLocation, allowed: [String])
    /// A name that is not a known `category` (tool, kind, severity).
    case unknownName(at: ConfigLocation, category: String, name: String, known: [String])
    /// A file the document names cannot be found or resolved.
    case unreadableReference(at: ConfigLocation, file: String, reason: String)
    /// A value that reads well but cannot be used (a regex that does not compile, an id used twice).
    case unusable(at: ConfigLocation, problem: String)

    /// Where the problem is; `nil` for a file that could not be read at all.
    public var location: ConfigLocation? {
        switch self {
        case .unreadable: nil
        case .invalidYAML(let at, _), .invalidValue(let at, _, _), .wrongType(let at, _, _), .missingKey(let at, _),
             .missingCriterion(let at, _), .unknownKey(let at, _), .unknownName(let at, _, _, _), .unreadableReference(let at, _, _),
             .unusable(let at, _):
            at
        }
    }

    /// The problem without the file, line and column: `policy: .fail-on: expected a mapping, got a scalar`.
    public var problem: String {
        let place = location.map { "\($0.kind): " + ($0.keyPath.isEmpty ? "" : $0.keyPath + ": ") } ?? ""
        return place + detail
    }

    /// One line naming the file, line and column, the sort of document and the problem.
    public var description: String {
        if case .unreadable(let path, let kind, let reason) = self { return "\(path): \(kind): cannot read: \(reason)" }
        return location.map { "\($0.path):\($0.line):\($0.column): " } .map { $0 + problem } ?? problem
    }

    private var detail: String {
        switch self {
        case .unreadable(_, _, let reason): "cannot read: \(reason)"
        case .invalidYAML(_, let problem): "invalid YAML: \(problem)"
        case .invalidValue(_, let expected, let found): "expected \(expected), got '\(YAMLLoader.token(found))'"
        case .wrongType(_, let expected, let found): "expected \(expected), got \(found)"
        case .missingKey(_, let key): "missing required key '\(key)'"
        case .missingCriterion(_, let keys): "expected at least one of \(keys.joined(separator: ", "))"
        case .unknownKey(_, let allowed): "unknown key; expected one of \(allowed.joined(separator: ", "))"
        case .unknownName(_, let category, let name, let known):
            "unknown \(category) '\(YAMLLoader.token(name))'; expected one of \(known.joined(separator: ", "))"
        case .unreadableReference(_, let file, let reason): "cannot read '\(YAMLLoader.token(file))': \(reason)"
        case .unusable(_, let problem): problem
        }
    }
}
