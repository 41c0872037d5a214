import Foundation

/// A parsed JSON document: what every report decoder in Ward reads.
///
/// Reports come in many shapes across tool versions; decoders navigate this tree with
/// forgiving accessors (`value["extra"]["lines"].string`) instead of brittle `Decodable`
/// models. Parsing goes through ``JSONParser`` only, so a faster parser can replace it in one place.
public enum JSONValue: Sendable, Hashable {
    case null
    case bool(Bool)
    case integer(Int64)
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object(JSONObject)

    /// The member named `key`, or `.null` when this is not an object or has no such member.
    public subscript(key: String) -> JSONValue {
        if case .object(let object) = self { return object[key] ?? .null }
        return .null
    }

    /// The element at `index`, or `.null` when out of range or not an array.
    public subscript(index: Int) -> JSONValue {
        if case .array(let items) = self, items.indices.contains(index) { return items[index] }
        return .null
    }

    /// The string, or `nil` when this is not a string.
    public var string: String? {
        if case .string(let text) = self { return text }
        return nil
    }

    /// A string, or a number rendered as text; `nil` for anything else.
    public var text: String? {
        switch self {
        case .string(let text): text
        case .integer(let number): String(number)
        case .double(let number): String(number)
        case .bool(let flag): String(flag)
        default: nil
        }
    }

    /// The integer value of an integral number or a numeric string.
    public var int: Int? {
        switch self {
        case .integer(let number): Int(exactly: number)
        case .double(let number): number.isFinite && number.rounded() == number ? Int(exactly: number) : nil
        case .string(let text): Int(text)
        default: nil
        }
    }

    /// The numeric value of a number or numeric string.
    public var double: Double? {
        switch self {
        case .integer(let number): Double(number)
        case .double(let number): number
        case .string(let text): Double(text)
        default: nil
        }
    }

    /// The boolean, or `nil`.
    public var bool: Bool? {
        if case .bool(let flag) = self { return flag }
        return nil
    }

    /// The elements, or `nil` when this is not an array.
    public var array: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }

    /// The members, or `nil` when this is not an object.
    public var object: JSONObject? {
        if case .object(let members) = self { return members }
        return nil
    }

    /// Whether this is `null` (or a missing member).
    public var isNull: Bool { self == .null }

    /// Strings of an array of strings (non-strings skipped), a single string as one element, else empty.
    public var strings: [String] {
        switch self {
        case .string(let text): [text]
        case .array(let items): items.compactMap(\.text)
        default: []
        }
    }
}
