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

    var line: Int { node.mark?.line ?? 1 }
    var column: Int { node.mark?.column ?? 1 }

    /// The root of a document that must be a mapping; anything else is described, never quoted.
    static func mapping(_ root: ConfigNode?, path: String, expected: String) throws(PolicyError) -> ConfigNode {
        guard let root, case .mapping = root.node else {
            throw PolicyError.wrongType(path: path, line: root?.line ?? 1, column: root?.column ?? 1, keyPath: "",
                                        expected: expected, found: kind(of: root?.node))
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
        guard case .mapping(let mapping) = node else { throw wrongType("a mapping") }
        var result: [(key: String, keyNode: ConfigNode, value: ConfigNode)] = []
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else { throw ConfigNode(node: key, file: file, keyPath: keyPath).wrongType("a key name") }
            let keyNode = ConfigNode(node: key, file: file, keyPath: keyPath + "." + YAMLLoader.token(scalar.string))
            if let allowed, !allowed.contains(scalar.string) {
                throw PolicyError.unknownKey(path: file, line: keyNode.line, column: keyNode.column, keyPath: keyNode.keyPath, allowed: allowed)
            }
            result.append((scalar.string, keyNode, ConfigNode(node: value, file: file, keyPath: keyNode.keyPath)))
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
        guard case .sequence(let sequence) = node else { throw wrongType("a list") }
        return sequence.enumerated().map { ConfigNode(node: $1, file: file, keyPath: keyPath + "[\($0)]") }
    }

    /// A scalar's text; `nonEmpty` refuses an empty or blank one.
    func string(nonEmpty: Bool = false) throws(PolicyError) -> String {
        let text = try scalarText(expected: "a string")
        if nonEmpty && text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw PolicyError.wrongType(path: file, line: line, column: column, keyPath: keyPath, expected: "a non-empty string", found: "a blank one")
        }
        return text
    }

    /// `true` or `false`.
    func boolean() throws(PolicyError) -> Bool {
        switch try scalarText(expected: "true or false") {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        case let other: throw invalid(expected: "true or false", found: other)
        }
    }

    /// A whole number of at least 0 (and at most `maximum`).
    func count(maximum: Int = Int(Int32.max)) throws(PolicyError) -> Int {
        let text = try scalarText(expected: "a count")
        guard text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "-" || $0 == "+") }), let value = Int(text) else {
            throw invalid(expected: "a whole number", found: text)
        }
        guard value >= 0 else { throw invalid(expected: "a count of 0 or more", found: text) }
        guard value <= maximum else { throw invalid(expected: "a count of at most \(maximum)", found: text) }
        return value
    }

    /// The value is not one of the allowed ones.
    func invalid(expected: String, found: String) -> PolicyError {
        .invalidValue(path: file, line: line, column: column, keyPath: keyPath, expected: expected, found: found)
    }

    /// The name is not a known `category`.
    func unknown(_ category: String, _ name: String, known: [String]) -> PolicyError {
        .unknownName(path: file, line: line, column: column, keyPath: keyPath, category: category, name: name, known: known)
    }

    /// A missing required key, at this (the mapping's) node.
    func missing(_ key: String) -> PolicyError {
        .missingKey(path: file, line: line, column: column, keyPath: keyPath, key: key)
    }

    private func wrongType(_ expected: String) -> PolicyError {
        .wrongType(path: file, line: line, column: column, keyPath: keyPath, expected: expected, found: Self.kind(of: node))
    }

    private func scalarText(expected: String) throws(PolicyError) -> String {
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
