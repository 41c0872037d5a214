import Foundation
import Yams

extension YAMLLoader {
    /// A decoding error as a position in the file and the offending token.
    static func describe(_ error: DecodingError, root: Node?, path: String, kind: ConfigKind) -> ConfigError {
        func at(_ mark: Mark?, _ codingPath: [any CodingKey]) -> ConfigLocation {
            ConfigLocation(path: path, kind: kind, line: mark?.line ?? 1, column: mark?.column ?? 1, keyPath: keyPath(codingPath))
        }
        switch error {
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            let (node, mark) = locate(context.codingPath, in: root)
            return mismatch(at: at(mark, context.codingPath), codingPath: context.codingPath, expected: expectation(type), node: node)
        case .keyNotFound(let key, let context):
            let (_, mark) = locate(context.codingPath, in: root)
            return .missingKey(at: at(mark, context.codingPath), key: token(key.stringValue))
        case .dataCorrupted(let context):
            let (node, mark) = locate(context.codingPath, in: root)
            return mismatch(at: at(mark, context.codingPath), codingPath: context.codingPath, expected: expectation(context.debugDescription), node: node)
        @unknown default:
            return .invalidYAML(at: at(nil, []), problem: "not of the expected shape")
        }
    }

    /// An unknown key, at the key itself.
    static func describe(_ error: ConfigKeys.UnknownKey, root: Node?, path: String, kind: ConfigKind) -> ConfigError {
        let (parent, parentMark) = locate(error.codingPath, in: root)
        let keyNode = parent?.mapping?.keys.first { $0.scalar?.string == error.key }
        let mark = keyNode?.mark ?? parentMark
        return .unknownKey(at: ConfigLocation(path: path, kind: kind, line: mark?.line ?? 1, column: mark?.column ?? 1,
                                              keyPath: keyPath(error.codingPath) + "." + token(error.key)),
                           allowed: error.allowed)
    }

    /// The offending scalar is quoted (shortened) only below the top level: a whole file that is one
    /// scalar (a key, the environment) is described, never shown.
    private static func mismatch(at location: ConfigLocation, codingPath: [any CodingKey], expected: String, node: Node?) -> ConfigError {
        if !codingPath.isEmpty, let scalar = node?.scalar {
            return .invalidValue(at: location, expected: expected, found: scalar.string)
        }
        return .wrongType(at: location, expected: expected, found: ConfigNode.kind(of: node))
    }

    /// The node at `codingPath` and its position (or its nearest ancestor's).
    private static func locate(_ codingPath: [any CodingKey], in root: Node?) -> (Node?, Mark?) {
        var node = root
        var mark = root?.mark
        for key in codingPath {
            let next: Node?
            if let index = key.intValue, let sequence = node?.sequence, index < sequence.count {
                next = sequence[index]
            } else {
                next = node?.mapping?[key.stringValue]
            }
            guard let next else { return (nil, mark) }
            node = next
            mark = next.mark ?? mark
        }
        return (node, mark)
    }

    private static func keyPath(_ codingPath: [any CodingKey]) -> String {
        codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\(token($0.stringValue))" }.joined()
    }

    private static func expectation(_ type: Any.Type) -> String {
        if type == Node.Mapping.self { return "a mapping" }
        if type == Node.Sequence.self { return "a list" }
        if type == Node.Scalar.self { return "a scalar" }
        let name = String(describing: type)
        return name.hasPrefix("Optional<") ? String(name.dropFirst(9).dropLast()) : name
    }

    /// "Cannot initialize Severity from invalid String value x" → "Severity"; Ward's own descriptions as they are.
    private static func expectation(_ debugDescription: String) -> String {
        guard let start = debugDescription.range(of: "Cannot initialize "),
              let end = debugDescription.range(of: " from", range: start.upperBound..<debugDescription.endIndex) else {
            return debugDescription
        }
        return token(String(debugDescription[start.upperBound..<end.lowerBound]))
    }
}
