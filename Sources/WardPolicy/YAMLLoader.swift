import Foundation
import Yams

/// Decodes YAML configuration (policies, plugin definitions) with errors that name the file, line,
/// column and offending value; Yams' own errors name none of these.
public enum YAMLLoader {
    /// Largest configuration file read.
    public static let maximumBytes = 4 << 20

    /// Decodes the file at `path`.
    public static func decode<Value: Decodable>(_ type: Value.Type, path: String) throws(PolicyError) -> Value {
        let text: String
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            guard data.count <= maximumBytes else { throw PolicyError.unreadable(path: path, reason: "larger than \(maximumBytes) bytes") }
            text = String(decoding: data, as: UTF8.self)
        } catch let error as PolicyError {
            throw error
        } catch {
            throw PolicyError.unreadable(path: path, reason: (error as NSError).localizedFailureReason ?? "no such file or not readable")
        }
        return try decode(type, text: text, path: path)
    }

    /// Decodes `text`, naming `path` in errors.
    public static func decode<Value: Decodable>(_ type: Value.Type, text: String, path: String) throws(PolicyError) -> Value {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw syntaxError(error, path: path)
        }
        do {
            return try YAMLDecoder().decode(type, from: text)
        } catch let error as DecodingError {
            throw describe(error, root: root, path: path)
        } catch {
            throw syntaxError(error, path: path)
        }
    }

    private static func syntaxError(_ error: any Error, path: String) -> PolicyError {
        if let yaml = error as? YamlError {
            switch yaml {
            case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
                 .composer(let context, let problem, let mark, _):
                let detail = context.map { "\($0.text): \(problem)" } ?? problem
                return .invalidYAML(path: path, line: mark.line, column: mark.column, problem: detail)
            case .duplicatedKeysInMapping(let duplicates, let context):
                return .invalidYAML(path: path, line: context.mark.line, column: context.mark.column,
                                    problem: "duplicated keys \(duplicates.joined(separator: ", "))")
            default:
                break
            }
        }
        return .invalidYAML(path: path, line: 1, column: 1, problem: String(describing: error))
    }

    private static func describe(_ error: DecodingError, root: Node?, path: String) -> PolicyError {
        switch error {
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            let (node, mark) = locate(context.codingPath, in: root)
            return .invalidValue(path: path, line: mark?.line ?? 1, column: mark?.column ?? 1, keyPath: keyPath(context.codingPath),
                                 expected: expectation(type), found: node?.scalar?.string ?? kind(of: node))
        case .keyNotFound(let key, let context):
            let (_, mark) = locate(context.codingPath, in: root)
            return .missingKey(path: path, line: mark?.line ?? 1, column: mark?.column ?? 1,
                               keyPath: keyPath(context.codingPath), key: key.stringValue)
        case .dataCorrupted(let context):
            let (node, mark) = locate(context.codingPath, in: root)
            return .invalidValue(path: path, line: mark?.line ?? 1, column: mark?.column ?? 1, keyPath: keyPath(context.codingPath),
                                 expected: expectation(context.debugDescription), found: node?.scalar?.string ?? kind(of: node))
        @unknown default:
            return .invalidYAML(path: path, line: 1, column: 1, problem: String(describing: error))
        }
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
        codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
    }

    private static func expectation(_ type: Any.Type) -> String {
        let name = String(describing: type)
        return name.hasPrefix("Optional<") ? String(name.dropFirst(9).dropLast()) : name
    }

    /// "Cannot initialize Severity from invalid String value x" → "Severity".
    private static func expectation(_ debugDescription: String) -> String {
        guard let start = debugDescription.range(of: "Cannot initialize "),
              let end = debugDescription.range(of: " from", range: start.upperBound..<debugDescription.endIndex) else {
            return debugDescription
        }
        return String(debugDescription[start.upperBound..<end.lowerBound])
    }

    private static func kind(of node: Node?) -> String {
        switch node {
        case .mapping?: "a mapping"
        case .sequence?: "a list"
        case .scalar(let scalar)?: scalar.string
        case .alias?: "an alias"
        case nil: "nothing"
        }
    }
}
