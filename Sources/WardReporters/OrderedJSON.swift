import Foundation
import WardCore

/// A JSON value whose object members keep the order they were written in.
///
/// SARIF readers expect `$schema` and `version` first, and a report that reads top-down is easier
/// to review, so the formats that follow another project's schema build this tree instead of
/// going through `JSONEncoder` with sorted keys. Members whose value is `nil` are left out.
enum OrderedJSON: Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    case string(String)
    case integer(Int)
    case bool(Bool)
    case array([OrderedJSON])
    case object([(String, OrderedJSON)])
    /// An array whose `count` elements are made one at a time as it is written, so that a long one
    /// (a run's results) is never held whole.
    case generated(count: Int, element: @Sendable (Int) -> OrderedJSON)

    init(stringLiteral value: String) { self = .string(value) }
    init(integerLiteral value: Int) { self = .integer(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
    init(arrayLiteral elements: OrderedJSON...) { self = .array(elements) }
    init(dictionaryLiteral elements: (String, OrderedJSON?)...) {
        self = .object(elements.compactMap { key, value in value.map { (key, $0) } })
    }

    /// An array of strings.
    static func strings(_ values: [String]) -> OrderedJSON { .array(values.map(OrderedJSON.string)) }

    /// Members in order, dropping `nil` values.
    static func members(_ pairs: [(String, OrderedJSON?)]) -> OrderedJSON {
        .object(pairs.compactMap { key, value in value.map { (key, $0) } })
    }

    /// Whether this is an empty array or object.
    var isEmpty: Bool {
        switch self {
        case .array(let items): items.isEmpty
        case .object(let members): members.isEmpty
        case .generated(let count, _): count == 0
        default: false
        }
    }

    /// Pretty-printed UTF-8 with two-space indentation and a final newline.
    var data: Data {
        var output: [UInt8] = []
        output.reserveCapacity(4096)
        write(to: &output, indent: 0, chunkSize: .max) { _ in }
        output.append(0x0A)
        return Data(output)
    }

    /// Writes ``data`` piece by piece: the bytes gather in a buffer handed to `drain` (which empties
    /// it) whenever it reaches `chunkSize` between two members or elements, and once at the end.
    func write(chunkSize: Int, drain: (inout [UInt8]) throws -> Void) rethrows {
        var output: [UInt8] = []
        output.reserveCapacity(chunkSize + 4096)
        try write(to: &output, indent: 0, chunkSize: chunkSize, drain: drain)
        output.append(0x0A)
        try drain(&output)
    }

    // MARK: - Private

    private func write(to output: inout [UInt8], indent: Int, chunkSize: Int, drain: (inout [UInt8]) throws -> Void) rethrows {
        switch self {
        case .string(let text): JSONValue.writeString(text, to: &output)
        case .integer(let number): output.append(contentsOf: String(number).utf8)
        case .bool(let flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case .array(let items):
            try Self.writeArray(count: items.count, to: &output, indent: indent, chunkSize: chunkSize, drain: drain) { items[$0] }
        case .generated(let count, let element):
            try Self.writeArray(count: count, to: &output, indent: indent, chunkSize: chunkSize, drain: drain, element: element)
        case .object(let members):
            guard !members.isEmpty else { output.append(contentsOf: "{}".utf8); return }
            output.append(UInt8(ascii: "{"))
            for (index, (key, value)) in members.enumerated() {
                Self.newLine(first: index == 0, indent: indent + 1, to: &output)
                JSONValue.writeString(key, to: &output)
                output.append(contentsOf: ": ".utf8)
                try value.write(to: &output, indent: indent + 1, chunkSize: chunkSize, drain: drain)
                if output.count >= chunkSize { try drain(&output) }
            }
            Self.newLine(first: true, indent: indent, to: &output)
            output.append(UInt8(ascii: "}"))
        }
    }

    private static func writeArray(count: Int, to output: inout [UInt8], indent: Int, chunkSize: Int,
                                   drain: (inout [UInt8]) throws -> Void, element: (Int) -> OrderedJSON) rethrows {
        guard count > 0 else { output.append(contentsOf: "[]".utf8); return }
        output.append(UInt8(ascii: "["))
        for index in 0..<count {
            newLine(first: index == 0, indent: indent + 1, to: &output)
            try element(index).write(to: &output, indent: indent + 1, chunkSize: chunkSize, drain: drain)
            if output.count >= chunkSize { try drain(&output) }
        }
        newLine(first: true, indent: indent, to: &output)
        output.append(UInt8(ascii: "]"))
    }

    /// A comma unless `first`, a newline and `indent` levels of two spaces.
    private static func newLine(first: Bool, indent: Int, to output: inout [UInt8]) {
        if !first { output.append(UInt8(ascii: ",")) }
        output.append(0x0A)
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * indent))
    }
}
