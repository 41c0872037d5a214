import Foundation
import Yams

/// Reads and decodes Ward's YAML documents (policies, plugin specs, secret rules, Bandit's YAML
/// report) with errors that name the file, line, column, sort of document and problem; Yams' own
/// errors name none of these, and some quote the whole text.
///
/// Files are read through a bounded read of regular files only. No error quotes more of a file than
/// the offending token, shortened and stripped of control characters: a file that is not YAML of
/// the expected shape (a private key, the environment) is named, never shown. Duplicate keys are
/// refused, and libyaml stops at 1,000 nested collections.
public enum YAMLLoader {
    /// Largest configuration file read.
    public static let maximumBytes = 4 << 20
    /// Longest token an error message quotes.
    static let tokenLength = 40

    /// The text of the configuration file at `path`: a regular file of at most ``maximumBytes``
    /// bytes, valid UTF-8.
    public static func text(atPath path: String, kind: ConfigKind) throws(ConfigError) -> String {
        try ConfigurationFile.read(path, kind: kind, limit: maximumBytes)
    }

    /// Decodes the file at `path`.
    public static func decode<Value: Decodable>(_ type: Value.Type, path: String, kind: ConfigKind) throws(ConfigError) -> Value {
        try decode(type, text: try text(atPath: path, kind: kind), path: path, kind: kind)
    }

    /// Decodes `text`, naming `path` and `kind` in errors.
    public static func decode<Value: Decodable>(_ type: Value.Type, text: String, path: String, kind: ConfigKind) throws(ConfigError) -> Value {
        let root = try compose(text: text, path: path, kind: kind)
        do {
            return try YAMLDecoder().decode(type, from: text)
        } catch DecodingError.dataCorrupted(let context) where context.underlyingError is ConfigKeys.UnknownKey {
            // Yams wraps what an `init(from:)` throws in a "not valid YAML" error.
            throw describe(context.underlyingError as! ConfigKeys.UnknownKey, root: root?.node, path: path, kind: kind)
        } catch let error as DecodingError {
            throw describe(error, root: root?.node, path: path, kind: kind)
        } catch let error as ConfigKeys.UnknownKey {
            throw describe(error, root: root?.node, path: path, kind: kind)
        } catch {
            throw syntaxError(error, text: text, path: path, kind: kind)
        }
    }

    /// The document of `text` as nodes that know their file, kind and key path; `nil` for an empty one.
    public static func compose(text: String, path: String, kind: ConfigKind) throws(ConfigError) -> ConfigNode? {
        try AliasGuard.check(text, path: path, kind: kind)
        do {
            return try Yams.compose(yaml: text).map { ConfigNode(node: $0, path: path, kind: kind, keyPath: "") }
        } catch {
            throw syntaxError(error, text: text, path: path, kind: kind)
        }
    }

    /// The document of `data`, which must be UTF-8 (an error names the first byte that is not).
    public static func compose(data: Data, path: String, kind: ConfigKind) throws(ConfigError) -> ConfigNode? {
        try compose(text: try ConfigurationFile.text(of: data, path: path, kind: kind), path: path, kind: kind)
    }

    /// `text` as an error message may quote it: control and format characters replaced by `?`,
    /// at most ``tokenLength`` characters.
    public static func token(_ text: String) -> String {
        var result = ""
        for (index, scalar) in text.unicodeScalars.enumerated() {
            guard index < tokenLength else { return result + "…" }
            let hidden = scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format
                || scalar.properties.generalCategory == .lineSeparator || scalar.properties.generalCategory == .paragraphSeparator
            result.unicodeScalars.append(hidden ? "?" : scalar)
        }
        return result
    }

    private static func syntaxError(_ error: any Error, text: String, path: String, kind: ConfigKind) -> ConfigError {
        func at(_ line: Int, _ column: Int) -> ConfigLocation { ConfigLocation(path: path, kind: kind, line: line, column: column) }
        switch error as? YamlError {
        case .scanner(let context, let problem, let mark, _)?, .parser(let context, let problem, let mark, _)?,
             .composer(let context, let problem, let mark, _)?:
            // libyaml stops at 1,000 nested collections, before Yams' recursive composer runs out of stack.
            let detail = problem.hasPrefix("Maximum nesting level") ? "nested too deeply" : context.map { "\($0.text): \(problem)" } ?? problem
            return .invalidYAML(at: at(mark.line, mark.column), problem: detail)
        case .duplicatedKeysInMapping(let duplicates, let context)?:
            return .invalidYAML(at: at(context.mark.line, context.mark.column), problem: "duplicated key '\(token(duplicates.first ?? ""))'")
        case .reader(let problem, let offset, _, _)?:
            let (line, column) = position(ofCharacter: offset ?? 0, in: text)
            return .invalidYAML(at: at(line, column), problem: problem)
        default:
            return .invalidYAML(at: at(1, 1), problem: "cannot be read as YAML")
        }
    }

    /// Line and column (in Unicode scalars, as libyaml counts) of the character at `offset`.
    private static func position(ofCharacter offset: Int, in text: String) -> (Int, Int) {
        let end = text.index(text.startIndex, offsetBy: offset, limitedBy: text.endIndex) ?? text.endIndex
        var line = 1, column = 1
        for scalar in text.unicodeScalars[..<end] {
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        return (line, column)
    }
}
