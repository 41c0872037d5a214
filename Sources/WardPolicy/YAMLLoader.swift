import Foundation
import Yams

/// Reads and decodes YAML configuration (policies, plugin definitions, secret rules) with errors
/// that name the file, line, column and problem; Yams' own errors name none of these, and some
/// quote the whole text.
///
/// Files are read through a bounded read of regular files only. No error quotes more of a file than
/// the offending token, shortened and stripped of control characters: a file that is not YAML of
/// the expected shape (a private key, the environment) is named, never shown.
public enum YAMLLoader {
    /// Largest configuration file read.
    public static let maximumBytes = 4 << 20
    /// Longest token an error message quotes.
    static let tokenLength = 40

    /// The text of the configuration file at `path`: a regular file of at most ``maximumBytes``
    /// bytes, valid UTF-8.
    public static func text(atPath path: String) throws(PolicyError) -> String {
        try ConfigurationFile.read(path, limit: maximumBytes)
    }

    /// Decodes the file at `path`.
    public static func decode<Value: Decodable>(_ type: Value.Type, path: String) throws(PolicyError) -> Value {
        try decode(type, text: try text(atPath: path), path: path)
    }

    /// Decodes `text`, naming `path` in errors.
    public static func decode<Value: Decodable>(_ type: Value.Type, text: String, path: String) throws(PolicyError) -> Value {
        let root = try compose(text: text, path: path)
        do {
            return try YAMLDecoder().decode(type, from: text)
        } catch let error as DecodingError {
            throw describe(error, root: root?.node, path: path)
        } catch {
            throw syntaxError(error, text: text, path: path)
        }
    }

    /// The document of `text` as nodes that know their file and key path; `nil` for an empty one.
    static func compose(text: String, path: String) throws(PolicyError) -> ConfigNode? {
        do {
            return try Yams.compose(yaml: text).map { ConfigNode(node: $0, file: path, keyPath: "") }
        } catch {
            throw syntaxError(error, text: text, path: path)
        }
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

    private static func syntaxError(_ error: any Error, text: String, path: String) -> PolicyError {
        switch error as? YamlError {
        case .scanner(let context, let problem, let mark, _)?, .parser(let context, let problem, let mark, _)?,
             .composer(let context, let problem, let mark, _)?:
            // libyaml stops at 1,000 nested collections, before Yams' recursive composer runs out of stack.
            let detail = problem.hasPrefix("Maximum nesting level") ? "nested too deeply" : context.map { "\($0.text): \(problem)" } ?? problem
            return .invalidYAML(path: path, line: mark.line, column: mark.column, problem: detail)
        case .duplicatedKeysInMapping(let duplicates, let context)?:
            return .invalidYAML(path: path, line: context.mark.line, column: context.mark.column,
                                problem: "duplicated key '\(token(duplicates.first ?? ""))'")
        case .reader(let problem, let offset, _, _)?:
            let (line, column) = position(ofCharacter: offset ?? 0, in: text)
            return .invalidYAML(path: path, line: line, column: column, problem: problem)
        default:
            return .invalidYAML(path: path, line: 1, column: 1, problem: "cannot be read as YAML")
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
