import CLibXML2
import Foundation

/// A thin wrapper over libxml2's `xmlTextWriter` writing to memory, sanitizing every string.
///
/// libxml2 does the escaping; ``XMLText`` removes what escaping cannot fix. The writer is freed
/// before the buffer is read, because only `xmlFreeTextWriter` flushes everything into it.
final class XMLWriter {
    private let buffer: xmlBufferPtr
    private var writer: xmlTextWriterPtr?
    private let format: String

    /// Starts a UTF-8 document, indented by two spaces.
    init(format: String) throws(ReporterError) {
        self.format = format
        guard let buffer = xmlBufferCreate() else {
            throw ReporterError.encodingFailed(format: format, reason: "libxml2 could not allocate a buffer")
        }
        self.buffer = buffer
        guard let writer = xmlNewTextWriterMemory(buffer, 0) else {
            xmlBufferFree(buffer)
            throw ReporterError.encodingFailed(format: format, reason: "libxml2 could not create a writer")
        }
        self.writer = writer
        try check(xmlTextWriterSetIndent(writer, 1), "indent")
        try check(xmlTextWriterSetIndentString(writer, "  "), "indent")
        try check(xmlTextWriterStartDocument(writer, nil, "UTF-8", nil), "start document")
    }

    deinit {
        if let writer { xmlFreeTextWriter(writer) }
        xmlBufferFree(buffer)
    }

    /// Opens an element.
    func start(_ name: String) throws(ReporterError) {
        try check(xmlTextWriterStartElement(writer, name), "start <\(name)>")
    }

    /// Writes an attribute of the open element; the value is sanitized.
    func attribute(_ name: String, _ value: String) throws(ReporterError) {
        try check(xmlTextWriterWriteAttribute(writer, name, XMLText.sanitize(value)), "attribute \(name)")
    }

    /// Writes text inside the open element; the text is sanitized, never CDATA.
    func text(_ value: String) throws(ReporterError) {
        try check(xmlTextWriterWriteString(writer, XMLText.sanitize(value)), "text")
    }

    /// Closes the innermost open element.
    func end() throws(ReporterError) {
        try check(xmlTextWriterEndElement(writer), "end element")
    }

    /// Ends the document, frees the writer and returns the bytes.
    func finish() throws(ReporterError) -> Data {
        try check(xmlTextWriterEndDocument(writer), "end document")
        xmlFreeTextWriter(writer)
        writer = nil
        guard let content = xmlBufferContent(buffer) else { return Data() }
        return Data(bytes: content, count: Int(xmlBufferLength(buffer)))
    }

    // MARK: - Private

    private func check(_ status: Int32, _ step: String) throws(ReporterError) {
        guard status >= 0 else { throw ReporterError.encodingFailed(format: format, reason: "libxml2 failed to write (\(step))") }
    }
}

/// Checks XML the way a CI server's parser would.
public enum XMLCheck {
    /// `nil` when `data` is a well-formed XML document, else libxml2's message.
    ///
    /// Network access and entity expansion stay off.
    public static func wellFormednessError(_ data: Data) -> String? {
        guard let context = xmlNewParserCtxt() else { return "libxml2 could not create a parser" }
        defer { xmlFreeParserCtxt(context) }
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
        let document = data.withUnsafeBytes { bytes in
            xmlCtxtReadMemory(context, bytes.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(bytes.count), nil, nil, options)
        }
        if let document {
            xmlFreeDoc(document)
            return nil
        }
        guard let error = xmlCtxtGetLastError(context), let message = error.pointee.message else { return "not well-formed" }
        return "line \(error.pointee.line): " + String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
