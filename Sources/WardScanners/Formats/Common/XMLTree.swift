import Foundation
import WardCore

/// One element of a parsed XML report: name, attributes, text and child elements. Ward's one XML
/// reader is ``parse(_:source:)``.
public struct XMLTree: Sendable, Equatable {
    /// The element name, with its namespace prefix when it has one (`ns:extra`).
    public var name: String
    /// The attributes.
    public var attributes: [String: String]
    /// The text directly inside the element.
    public var text: String
    /// The child elements, in order.
    public var children: [XMLTree]

    /// The child elements named `name`.
    func elements(_ name: String) -> [XMLTree] {
        children.filter { $0.name == name }
    }

    /// Every element named `name` below this one, in document order.
    func descendants(_ name: String) -> [XMLTree] {
        children.flatMap { ($0.name == name ? [$0] : []) + $0.descendants(name) }
    }

    /// The attributes and text as a JSON object, for a finding's raw text.
    var object: JSONValue {
        var members = attributes.mapValues { JSONValue.string($0) }
        if !text.isEmpty { members["text"] = .string(text) }
        return .object(JSONObject(members))
    }

    /// Parses `data` into its root element through ``XMLDocumentReader``: no entity is expanded,
    /// nothing outside the bytes is read, and a document that declares entities is refused.
    ///
    /// Control characters XML 1.0 forbids (some tools write them raw from source code) are
    /// replaced by spaces when the document does not parse otherwise.
    public static func parse(_ data: Data, source: String) throws(ScannerError) -> XMLTree {
        let failure: XMLDocumentReader.Failure
        do {
            return try XMLDocumentReader.parse(data)
        } catch {
            failure = error
        }
        if failure.reason != "XML that declares entities is not read",
           data.contains(where: { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D }) {
            let cleaned = Data(data.map { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D ? 0x20 : $0 })
            if let root = try? XMLDocumentReader.parse(cleaned) { return root }
        }
        throw ScannerError.invalidReport(path: source, line: max(failure.line, 1), column: max(failure.column, 1), reason: failure.reason)
    }
}
