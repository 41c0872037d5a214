import Foundation

/// The place of a value inside a JSON document, as member names and array indexes from the root:
/// what a report reader names when a document parses but a value in it is wrong, so the error can
/// point at the line and column of that value.
public struct JSONPath: Sendable, Hashable, CustomStringConvertible {
    /// One step down from a value.
    public enum Step: Sendable, Hashable {
        /// The member of an object with this name.
        case key(String)
        /// The element of an array at this index.
        case index(Int)
    }

    /// The steps from the root.
    public var steps: [Step]

    /// Creates a path.
    public init(_ steps: [Step] = []) {
        self.steps = steps
    }

    /// This path with one member name added.
    public func key(_ name: String) -> JSONPath { JSONPath(steps + [.key(name)]) }

    /// This path with one array index added.
    public func index(_ index: Int) -> JSONPath { JSONPath(steps + [.index(index)]) }

    /// A JSON Pointer-like rendering: `/results/3/line_number`, or `/` for the root.
    public var description: String {
        guard !steps.isEmpty else { return "/" }
        return steps.map { step in
            switch step {
            case .key(let name): "/" + name
            case .index(let index): "/\(index)"
            }
        }.joined()
    }
}

extension JSONParser {
    /// The 1-based line and byte column where the value at `path` starts in `data`, or `nil` when
    /// the document holds no such value (or does not parse up to it).
    public static func location(of path: JSONPath, in data: Data) -> (line: Int, column: Int)? {
        data.withUnsafeBytes { raw -> (line: Int, column: Int)? in
            var parser = JSONParser(bytes: raw.bindMemory(to: UInt8.self))
            parser.skipByteOrderMark()
            guard let offset = try? parser.seek(path.steps[...]) else { return nil }
            return lineAndColumn(of: offset, in: parser.bytes)
        }
    }

    /// Walks from the value at the current position down `steps`; the offset of the value reached.
    private mutating func seek(_ steps: ArraySlice<JSONPath.Step>) throws(SyntaxError) -> Int? {
        skipWhitespace()
        guard let step = steps.first else { return position }
        guard position < bytes.count else { return nil }
        switch (step, bytes[position]) {
        case (.key(let name), UInt8(ascii: "{")):
            position += 1
            while true {
                skipWhitespace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { return nil }
                let key = try parseString()
                skipWhitespace()
                guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { return nil }
                position += 1
                if key == name { return try seek(steps.dropFirst()) }
                guard try skipValueAndSeparator() else { return nil }
            }
        case (.index(let wanted), UInt8(ascii: "[")):
            position += 1
            var index = 0
            while true {
                if index == wanted { return try seek(steps.dropFirst()) }
                guard try skipValueAndSeparator() else { return nil }
                index += 1
            }
        default:
            return nil
        }
    }

    /// Skips one value and the comma after it; `false` at the end of the enclosing object or array.
    private mutating func skipValueAndSeparator() throws(SyntaxError) -> Bool {
        skipWhitespace()
        _ = try parseValue(depth: 1)
        skipWhitespace()
        guard position < bytes.count, bytes[position] == UInt8(ascii: ",") else { return false }
        position += 1
        return true
    }
}
