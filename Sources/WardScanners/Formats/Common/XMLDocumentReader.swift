import CLibXML2
import Foundation

/// Ward's one XML parser: libxml2 with every door to the outside shut.
///
/// No network (`XML_PARSE_NONET`), no DTD loading, no entity substitution, no huge-input mode; an
/// external entity loader that loads nothing; and a document that declares an entity (a billion
/// laughs, an external `SYSTEM "file:///etc/passwd"`) is stopped at the declaration. libxml2's own
/// messages (which quote names from the document) are neither printed nor passed on: an error is
/// a line, a column and a fixed description.
enum XMLDocumentReader {
    /// Why a document did not parse, and where.
    struct Failure: Error {
        /// What was wrong, in Ward's words.
        var reason: String
        /// 1-based line, 0 when unknown.
        var line: Int
        /// 1-based column, 0 when unknown.
        var column: Int
    }

    /// Set up once per process: libxml2 initialized, external entities never loaded.
    private static let prepared: Bool = {
        xmlInitParser()
        xmlSetExternalEntityLoader { _, _, _ in nil }
        return true
    }()

    /// Parses `data` into its root element.
    static func parse(_ data: Data) throws(Failure) -> XMLTree {
        _ = prepared
        guard data.count < Int(Int32.max) else { throw Failure(reason: "document too large for the XML parser", line: 0, column: 0) }
        guard let context = xmlNewParserCtxt() else { throw Failure(reason: "out of memory", line: 0, column: 0) }
        defer { xmlFreeParserCtxt(context) }
        context.pointee.sax.pointee.entityDecl = { userData, _, _, _, _, _ in
            guard let parser = userData?.assumingMemoryBound(to: xmlParserCtxt.self) else { return }
            // Remember the line of the declaration (never 0, so the mark is never a null pointer).
            parser.pointee._private = UnsafeMutableRawPointer(bitPattern: max(1, Int(parser.pointee.input?.pointee.line ?? 1)))
            xmlStopParser(parser)
        }
        let options = [XML_PARSE_NONET, XML_PARSE_NOERROR, XML_PARSE_NOWARNING, XML_PARSE_NOCDATA]
            .reduce(Int32(0)) { $0 | Int32(bitPattern: $1.rawValue) }
        let document = data.withUnsafeBytes { raw in
            xmlCtxtReadMemory(context, raw.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(raw.count), nil, nil, options)
        }
        defer { if let document { xmlFreeDoc(document) } }
        let error = context.pointee.lastError
        if let mark = context.pointee._private {
            throw Failure(reason: "XML that declares entities is not read", line: Int(bitPattern: mark), column: 1)
        }
        guard let document, context.pointee.wellFormed != 0, let root = xmlDocGetRootElement(document) else {
            throw Failure(reason: describe(error.code), line: Int(error.line), column: Int(error.int2))
        }
        return element(root)
    }

    /// The element `node` with its attributes, text and child elements.
    private static func element(_ node: xmlNodePtr) -> XMLTree {
        var tree = XMLTree(name: qualifiedName(node.pointee.name, node.pointee.ns), attributes: [:], text: "", children: [])
        var attribute = node.pointee.properties
        while let current = attribute {
            tree.attributes[qualifiedName(current.pointee.name, current.pointee.ns)] = text(of: current.pointee.children)
            attribute = current.pointee.next
        }
        var child = node.pointee.children
        while let current = child {
            switch current.pointee.type {
            case XML_ELEMENT_NODE: tree.children.append(element(current))
            case XML_TEXT_NODE, XML_CDATA_SECTION_NODE:
                if let content = current.pointee.content { tree.text += String(cString: content) }
            default: break
            }
            child = current.pointee.next
        }
        return tree
    }

    /// The text of a list of text nodes (an attribute's value); entity references stay unexpanded.
    private static func text(of first: xmlNodePtr?) -> String {
        var result = ""
        var node = first
        while let current = node {
            if current.pointee.type == XML_TEXT_NODE, let content = current.pointee.content { result += String(cString: content) }
            node = current.pointee.next
        }
        return result
    }

    private static func qualifiedName(_ name: UnsafePointer<xmlChar>?, _ namespace: xmlNsPtr?) -> String {
        let local = name.map { String(cString: $0) } ?? ""
        guard let prefix = namespace?.pointee.prefix else { return local }
        return String(cString: prefix) + ":" + local
    }

    /// A description of a libxml2 error code that quotes nothing from the document.
    private static func describe(_ code: Int32) -> String {
        switch xmlParserErrors(rawValue: UInt32(bitPattern: code)) {
        case XML_ERR_DOCUMENT_EMPTY: "no XML document"
        case XML_ERR_DOCUMENT_END: "content after the root element"
        case XML_ERR_INVALID_CHAR, XML_ERR_INVALID_CHARREF: "a character XML does not allow"
        case XML_ERR_INVALID_ENCODING, XML_ERR_UNKNOWN_ENCODING, XML_ERR_UNSUPPORTED_ENCODING: "invalid or unsupported encoding (invalid UTF-8?)"
        case XML_ERR_UNDECLARED_ENTITY, XML_ERR_ENTITYREF_SEMICOL_MISSING: "an entity reference Ward does not expand"
        case XML_ERR_ENTITY_LOOP: "entity reference loop"
        case XML_ERR_TAG_NAME_MISMATCH: "end tag does not match the start tag"
        case XML_ERR_TAG_NOT_FINISHED: "element not closed (truncated XML?)"
        case XML_ERR_NAME_REQUIRED, XML_ERR_GT_REQUIRED: "malformed tag"
        case XML_ERR_ATTRIBUTE_REDEFINED: "attribute given twice"
        case XML_ERR_LT_IN_ATTRIBUTE: "'<' in an attribute value"
        default: "not well-formed XML (libxml2 error \(code))"
        }
    }
}
