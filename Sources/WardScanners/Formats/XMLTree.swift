import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import WardCore

/// One element of a parsed XML report: name, attributes, text and child elements.
struct XMLTree: Sendable {
    /// The element name.
    var name: String
    /// The attributes.
    var attributes: [String: String]
    /// The text directly inside the element.
    var text: String
    /// The child elements, in order.
    var children: [XMLTree]

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
        return .object(members)
    }

    /// Parses `data` into its root element. External entities are never resolved, and documents
    /// that declare entities (which no scanner writes) are refused rather than expanded.
    ///
    /// Control characters XML 1.0 forbids (some tools write them raw from source code) are
    /// replaced by spaces when the document does not parse otherwise. Bytes that are not UTF-8 are
    /// refused before parsing: FoundationXML traps on such a byte in a name or entity reference.
    static func parse(_ data: Data, source: String) throws(ScannerError) -> XMLTree {
        guard String(validating: data, as: UTF8.self) != nil else {
            throw ScannerError.malformedReport(path: source, reason: "XML that is not valid UTF-8 is not read")
        }
        if data.range(of: Data("<!ENTITY".utf8)) != nil {
            throw ScannerError.malformedReport(path: source, reason: "XML that declares entities is not read")
        }
        if let root = try? build(data) { return root }
        let cleaned = Data(data.map { $0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D ? 0x20 : $0 })
        do {
            return try build(cleaned)
        } catch {
            throw ScannerError.malformedReport(path: source, reason: "not well-formed XML: \(error.reason)")
        }
    }

    private static func build(_ data: Data) throws(XMLFailure) -> XMLTree {
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        let builder = XMLTreeBuilder()
        parser.delegate = builder
        guard parser.parse(), let root = builder.root else {
            let message = parser.parserError.map { ($0 as NSError).localizedDescription } ?? "no root element"
            throw XMLFailure(reason: "\(message) at line \(parser.lineNumber)")
        }
        return root
    }
}

/// Why an XML document did not parse.
struct XMLFailure: Error {
    /// One line for the user.
    let reason: String
}

/// Collects `XMLParser` events into an ``XMLTree``.
private final class XMLTreeBuilder: NSObject, XMLParserDelegate {
    var stack: [XMLTree] = []
    var root: XMLTree?

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        stack.append(XMLTree(name: elementName, attributes: attributeDict, text: "", children: []))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += string
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += String(decoding: CDATABlock, as: UTF8.self)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        guard let element = stack.popLast() else { return }
        if stack.isEmpty { root = element } else { stack[stack.count - 1].children.append(element) }
    }
}
