import Foundation
import Yams

/// A node of a YAML document that knows its file, the sort of document and its key path, with
/// typed accessors that fail closed: an unknown key, a value of the wrong type or out of range is
/// an error at the node's own line and column, quoting at most the offending token.
public struct ConfigNode {
    let node: Node
    /// The file, as named in errors.
    public let path: String
    /// The sort of document.
    public let kind: ConfigKind
    /// Where the node is, as `.fail-on.kinds.secret` or `.suppressions[2]`.
    public let keyPath: String

    init(node: Node, path: String, kind: ConfigKind, keyPath: String) {
        self.node = node
        self.path = path
        self.kind = kind
        self.keyPath = keyPath
    }

    /// 1-based line of the node.
    public var line: Int { node.mark?.line ?? 1 }
    /// 1-based column of the node.
    public var column: Int { node.mark?.column ?? 1 }
    /// The node's place, for errors.
    public var location: ConfigLocation { ConfigLocation(path: path, kind: kind, line: line, column: column, keyPath: keyPath) }

    /// The root of a document that must be a mapping; anything else is described, never quoted.
    public static func mapping(_ root: ConfigNode?, path: String, kind: ConfigKind, expected: String) throws(ConfigError) -> ConfigNode {
        guard let root, case .mapping = root.node else {
            throw ConfigError.wrongType(at: root?.location ?? ConfigLocation(path: path, kind: kind, line: 1, column: 1),
                                        expected: expected, found: Self.kind(of: root?.node))
        }
        return root
    }

    /// Whether the value is YAML's null (`key:` with nothing after it, `~`, `null`).
    public var isNull: Bool { Self.isNull(node) }

    static func isNull(_ node: Node?) -> Bool {
        guard case .scalar(let scalar)? = node, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    func child(_ node: Node, keyPath: String) -> ConfigNode {
        ConfigNode(node: node, path: path, kind: kind, keyPath: keyPath)
    }

    /// The pairs of a mapping, each key one of `allowed` when given, in file order.
    public func entries(allowed: [String]? = nil) throws(ConfigError) -> [(key: String, keyNode: ConfigNode, value: ConfigNode)] {
        guard case .mapping(let mapping) = node else { throw wrongType("a mapping") }
        var result: [(key: String, keyNode: ConfigNode, value: ConfigNode)] = []
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else { throw child(key, keyPath: keyPath).wrongType("a key name") }
            let keyNode = child(key, keyPath: keyPath + "." + YAMLLoader.token(scalar.string))
            if let allowed, !allowed.contains(scalar.string) {
                throw ConfigError.unknownKey(at: keyNode.location, allowed: allowed)
            }
            result.append((scalar.string, keyNode, child(value, keyPath: keyNode.keyPath)))
        }
        return result
    }

    /// A mapping's values by key (every key one of `allowed`), null values left out.
    public func fields(allowed: [String]) throws(ConfigError) -> [String: ConfigNode] {
        var fields: [String: ConfigNode] = [:]
        for entry in try entries(allowed: allowed) where !entry.value.isNull { fields[entry.key] = entry.value }
        return fields
    }

    /// The items of a list; a null value is an empty list.
    public func items() throws(ConfigError) -> [ConfigNode] {
        if isNull { return [] }
        guard case .sequence(let sequence) = node else { throw wrongType("a list") }
        return sequence.enumerated().map { child($1, keyPath: keyPath + "[\($0)]") }
    }

    /// A scalar's text; `nonEmpty` refuses an empty or blank one.
    public func string(nonEmpty: Bool = false) throws(ConfigError) -> String {
        let text = try scalarText(expected: "a string")
        if nonEmpty && text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ConfigError.wrongType(at: location, expected: "a non-empty string", found: "a blank one")
        }
        return text
    }

    /// `true` or `false`.
    public func boolean() throws(ConfigError) -> Bool {
        switch try scalarText(expected: "true or false") {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        case let other: throw invalid(expected: "true or false", found: other)
        }
    }

    /// A whole number of at least 0 (and at most `maximum`).
    public func count(maximum: Int = Int(Int32.max)) throws(ConfigError) -> Int {
        let text = try scalarText(expected: "a count")
        guard text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-" || $0 == "+") }), let value = Int(text) else {
            throw invalid(expected: "a whole number", found: text)
        }
        guard value >= 0 else { throw invalid(expected: "a count of 0 or more", found: text) }
        guard value <= maximum else { throw invalid(expected: "a count of at most \(maximum)", found: text) }
        return value
    }

    /// The value is not one of the allowed ones.
    public func invalid(expected: String, found: String) -> ConfigError {
        .invalidValue(at: location, expected: expected, found: found)
    }

    /// The name is not a known `category`.
    public func unknown(_ category: String, _ name: String, known: [String]) -> ConfigError {
        .unknownName(at: location, category: category, name: name, known: known)
    }

    /// A missing required key, at this (the mapping's) node.
    public func missing(_ key: String) -> ConfigError {
        .missingKey(at: location, key: key)
    }

    /// None of `keys` is present in this mapping.
    public func missingCriterion(_ keys: [String]) -> ConfigError {
        .missingCriterion(at: location, keys: keys)
    }

    /// A node of another sort than `expected`, described, never quoted.
    public func wrongType(_ expected: String) -> ConfigError {
        .wrongType(at: location, expected: expected, found: Self.kind(of: node))
    }

    private func scalarText(expected: String) throws(ConfigError) -> String {
        guard case .scalar(let scalar) = node, !isNull else { throw wrongType(expected) }
        return scalar.string
    }

    /// What a node is, for messages that must not quote it.
    static func kind(of node: Node?) -> String {
        switch node {
        case let node? where isNull(node): "nothing"
        case .mapping?: "a mapping"
        case .sequence?: "a list"
        case .scalar?: "a scalar"
        case .alias?: "an alias"
        case nil: "nothing"
        }
    }
}
