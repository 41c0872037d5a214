import Foundation
import WardCore
import Yams

extension ConfigNode {
    /// Tags a document converted to JSON may carry: YAML's core types, written or resolved.
    private static let plainTags: Set<Tag.Name> = [.str, .int, .float, .bool, .null, .timestamp, .value, .merge, .map, .seq]

    /// The node as a JSON tree, for a report written as YAML (Bandit's `-f yaml`): plain scalars
    /// YAML reads as null, booleans and numbers become those, every other scalar a string.
    ///
    /// Fails closed on what a JSON tree cannot hold or a hostile report would abuse: any other tag
    /// (`!!python/object`), a key that is not a scalar or appears twice, nesting deeper than
    /// `maximumDepth`, and more than `maximumValues` values in all, which aliases of nested
    /// collections (a few lines standing for billions of values) reach first.
    public func jsonValue(maximumDepth: Int, maximumValues: Int) throws(ConfigError) -> JSONValue {
        var budget = maximumValues
        return try json(depth: 0, maximumDepth: maximumDepth, budget: &budget)
    }

    /// The node at `path` below this one, or the deepest node on the way to it.
    public func nearest(_ path: JSONPath) -> ConfigNode {
        var current = self
        for step in path.steps {
            switch (step, current.node) {
            case (.key(let name), .mapping(let mapping)):
                guard let value = mapping.first(where: { $0.key.scalar?.string == name })?.value else { return current }
                current = current.child(value, keyPath: current.keyPath + "." + YAMLLoader.token(name))
            case (.index(let index), .sequence(let sequence)) where sequence.indices.contains(index):
                current = current.child(sequence[index], keyPath: current.keyPath + "[\(index)]")
            default:
                return current
            }
        }
        return current
    }

    private func json(depth: Int, maximumDepth: Int, budget: inout Int) throws(ConfigError) -> JSONValue {
        budget -= 1
        guard budget >= 0 else {
            throw ConfigError.invalidYAML(at: location, problem: "more values than the document's size allows (aliases expand too far)")
        }
        let tag = Tag.Name(rawValue: node.tag.rawValue)
        guard Self.plainTags.contains(tag) else {
            throw invalid(expected: "a value without a tag", found: tag.rawValue.replacingOccurrences(of: "tag:yaml.org,2002:", with: "!!"))
        }
        switch node {
        case .scalar(let scalar):
            return Self.scalar(scalar, tag: tag)
        case .sequence(let sequence):
            guard depth < maximumDepth else { throw ConfigError.invalidYAML(at: location, problem: "nested deeper than \(maximumDepth)") }
            var items: [JSONValue] = []
            items.reserveCapacity(sequence.count)
            for (index, item) in sequence.enumerated() {
                items.append(try child(item, keyPath: keyPath + "[\(index)]").json(depth: depth + 1, maximumDepth: maximumDepth, budget: &budget))
            }
            return .array(items)
        case .mapping(let mapping):
            guard depth < maximumDepth else { throw ConfigError.invalidYAML(at: location, problem: "nested deeper than \(maximumDepth)") }
            var members: [String: JSONValue] = [:]
            for (key, value) in mapping {
                guard case .scalar(let name) = key else { throw child(key, keyPath: keyPath).wrongType("a key name") }
                let keyNode = child(key, keyPath: keyPath + "." + YAMLLoader.token(name.string))
                guard members[name.string] == nil else {
                    throw ConfigError.invalidYAML(at: keyNode.location, problem: "duplicated key '\(YAMLLoader.token(name.string))'")
                }
                members[name.string] = try child(value, keyPath: keyNode.keyPath).json(depth: depth + 1, maximumDepth: maximumDepth, budget: &budget)
            }
            return .object(JSONObject(members))
        case .alias:
            throw wrongType("a value")
        }
    }

    private static func scalar(_ scalar: Node.Scalar, tag: Tag.Name) -> JSONValue {
        let node = Node.scalar(scalar)
        switch tag {
        case .null: return .null
        case .bool: return node.bool.map(JSONValue.bool) ?? .string(scalar.string)
        case .int: return node.int.map { .integer(Int64($0)) } ?? .string(scalar.string)
        case .float: return node.float.flatMap { $0.isFinite ? JSONValue.double($0) : nil } ?? .string(scalar.string)
        default: return .string(scalar.string)
        }
    }
}
