import Foundation
import Yams

/// A node of a configuration file that knows its file and key path, with typed accessors that fail
/// closed: an unknown key, a value of the wrong type or out of range is an error at the node's own
/// line and column, quoting at most the offending token.
struct ConfigNode {
    let node: Node
    let file: String
    /// Where the node is, as `.fail-on.kinds.secret` or `.suppressions[2]`.
    let keyPath: String

    /// An error at this node.
    func error(_ problem: String) -> PolicyError {
        .invalid(path: file, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1, keyPath: keyPath, problem: problem)
    }

    /// The root of a document that must be a mapping; anything else is described, never quoted.
    static func mapping(_ root: ConfigNode?, path: String, expected: String) throws(PolicyError) -> ConfigNode {
        guard let root, case .mapping = root.node else {
            throw PolicyError.invalid(path: path, line: root?.node.mark?.line ?? 1, column: root?.node.mark?.column ?? 1, keyPath: "",
                                      problem: "expected \(expected), got \(kind(of: root?.node))")
        }
        return root
    }

    /// Whether the value is YAML's null (`key:` with nothing after it, `~`, `null`).
    var isNull: Bool { Self.isNull(node) }

    static func isNull(_ node: Node?) -> Bool {
        guard case .scalar(let scalar)? = node, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// The pairs of a mapping, each key one of `allowed` when given, in file order.
    func entries(allowed: [String]? = nil) throws(PolicyError) -> [(key: String, keyNode: ConfigNode, value: ConfigNode)] {
        guard case .mapping(let mapping) = node else { throw error("expected a mapping, got \(Self.kind(of: node))") }
        var result: [(key: String, keyNode: ConfigNode, value: ConfigNode)] = []
        for (key, value) in mapping {
            let keyNode = ConfigNode(node: key, file: file, keyPath: keyPath)
            guard case .scalar(let scalar) = key else { throw keyNode.error("expected a key name, got \(Self.kind(of: key))") }
            let path = keyPath + "." + YAMLLoader.token(scalar.string)
            if let allowed, !allowed.contains(scalar.string) {
                throw ConfigNode(node: key, file: file, keyPath: path).error("unknown key; expected one of \(allowed.joined(separator: ", "))")
            }
            result.append((scalar.string, ConfigNode(node: key, file: file, keyPath: path), ConfigNode(node: value, file: file, keyPath: path)))
        }
        return result
    }

    /// A mapping's values by key (every key one of `allowed`), null values left out.
    func fields(allowed: [String]) throws(PolicyError) -> [String: ConfigNode] {
        var fields: [String: ConfigNode] = [:]
        for entry in try entries(allowed: allowed) where !entry.value.isNull { fields[entry.key] = entry.value }
        return fields
    }

    /// The items of a list; a null value is an empty list.
    func items() throws(PolicyError) -> [ConfigNode] {
        if isNull { return [] }
        guard case .sequence(let sequence) = node else { throw error("expected a list, got \(Self.kind(of: node))") }
        return sequence.enumerated().map { ConfigNode(node: $1, file: file, keyPath: keyPath + "[\($0)]") }
    }

    /// A scalar's text; `nonEmpty` refuses an empty or blank one.
    func string(nonEmpty: Bool = false) throws(PolicyError) -> String {
        guard case .scalar(let scalar) = node, !isNull else { throw error("expected a string, got \(Self.kind(of: node))") }
        if nonEmpty && scalar.string.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty { throw error("expected a non-empty string") }
        return scalar.string
    }

    /// `true` or `false`.
    func boolean() throws(PolicyError) -> Bool {
        switch try scalarText(expected: "true or false") {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        case let other: throw error("expected true or false, got '\(YAMLLoader.token(other))'")
        }
    }

    /// A whole number of at least 0 (and at most `maximum`).
    func count(maximum: Int = Int(Int32.max)) throws(PolicyError) -> Int {
        let text = try scalarText(expected: "a count")
        guard text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-" || $0 == "+") }), let value = Int(text) else {
            throw error("expected a whole number, got '\(YAMLLoader.token(text))'")
        }
        guard value >= 0 else { throw error("expected a count of 0 or more, got '\(YAMLLoader.token(text))'") }
        guard value <= maximum else { throw error("expected a count of at most \(maximum), got '\(YAMLLoader.token(text))'") }
        return value
    }

    /// A plain (unquoted or quoted) scalar's text, or an error naming what was expected.
    private func scalarText(expected: String) throws(PolicyError) -> String {
        guard case .scalar(let scalar) = node, !isNull else { throw error("expected \(expected), got \(Self.kind(of: node))") }
        return scalar.string
    }

    /// What a node is, for messages that must not quote it.
    static func kind(of node: Node?) -> String {
        switch node {
        case .mapping?: "a mapping"
        case .sequence?: "a list"
        case let node? where isNull(node): "nothing"
        case .scalar?: "a scalar"
        case .alias?: "an alias"
        case nil: "nothing"
        }
    }
}
