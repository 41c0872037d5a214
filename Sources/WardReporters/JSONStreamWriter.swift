import Foundation
import WardCore

/// Writes Ward's JSON documents value by value into a byte buffer, in exactly the layout the
/// documents have always had (two-space indentation, `"key" : value`, an empty container spread
/// over an empty line, `/` and non-ASCII text unescaped, dates as ISO 8601 in UTC to the second).
///
/// Nothing is built before it is written: no tree of the document, no `JSONEncoder` reflection.
/// The encoding types (``JSONFinding``, ``JSONToolRun``, ``JSONGate``) write their members
/// themselves, in the order of their keys, and the buffer is handed to `drain` whenever it passes
/// `chunkSize`, so a report can go to its destination while it is being written.
struct JSONStreamWriter {
    /// The bytes written and not yet drained.
    private(set) var buffer: [UInt8] = []
    /// Whether the innermost open container has a member yet, one entry per open container.
    private var hasMember: [Bool] = []
    private let chunkSize: Int
    private let drain: ((inout [UInt8]) throws -> Void)?

    /// A writer that keeps everything in ``buffer`` (no `drain`), or hands it on in chunks.
    init(chunkSize: Int = 1 << 16, drain: ((inout [UInt8]) throws -> Void)? = nil) {
        self.chunkSize = chunkSize
        self.drain = drain
        buffer.reserveCapacity(drain == nil ? chunkSize : chunkSize + 4096)
    }

    /// A writer of elements inside the containers `nesting` stands for (whether each has a member
    /// yet), the innermost holding members already when `afterFirst`; it keeps what it writes.
    init(nestedIn nesting: [Bool], afterFirst: Bool) {
        self.init(chunkSize: 1 << 20)
        hasMember = nesting
        hasMember[hasMember.count - 1] = afterFirst
    }

    /// Whether each open container has a member yet, outermost first.
    var openContainers: [Bool] { hasMember }

    /// Appends bytes another writer rendered inside the same containers, drained in chunks of
    /// `chunkSize` as they fill, as the writer's own bytes are.
    mutating func append(rendered bytes: [UInt8]) throws {
        guard let drain else { return buffer.append(contentsOf: bytes) }
        var start = 0
        while start < bytes.count {
            let end = min(bytes.count, start + max(1, chunkSize - buffer.count))
            buffer.append(contentsOf: bytes[start..<end])
            start = end
            if buffer.count >= chunkSize { try drain(&buffer) }
        }
    }

    /// Records that the innermost container has a member (written by ``append(rendered:)``).
    mutating func markMember() {
        hasMember[hasMember.count - 1] = true
    }

    // MARK: - Containers

    /// Opens an object, as the value of the member or element being written.
    mutating func beginObject() { open(UInt8(ascii: "{")) }
    /// Closes the innermost object.
    mutating func endObject() throws { try close(UInt8(ascii: "}")) }
    /// Opens an array.
    mutating func beginArray() { open(UInt8(ascii: "[")) }
    /// Closes the innermost array.
    mutating func endArray() throws { try close(UInt8(ascii: "]")) }

    /// Starts the member `key` of the innermost object; its value is written next.
    mutating func key(_ key: String) {
        newEntry()
        Self.appendString(key, to: &buffer)
        buffer.append(contentsOf: Self.separator)
    }

    /// Starts the next element of the innermost array; its value is written next.
    mutating func element() { newEntry() }

    // MARK: - Values

    mutating func string(_ value: String) { Self.appendString(value, to: &buffer) }
    mutating func int(_ value: Int) { buffer.append(contentsOf: String(value).utf8) }
    mutating func bool(_ value: Bool) { buffer.append(contentsOf: (value ? "true" : "false").utf8) }

    /// A number as `JSONEncoder` writes it: its shortest form, without a `.0` for whole numbers.
    mutating func double(_ value: Double) throws(ReporterError) {
        guard value.isFinite else { throw .encodingFailed(format: "json", reason: "\(value) is not a JSON number") }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        buffer.append(contentsOf: text.utf8)
    }

    /// A date as ISO 8601 in UTC, to the second (`2027-01-15T08:00:00Z`).
    mutating func date(_ value: Date) {
        var seconds = time_t(value.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let text = String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
                          Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
        string(text)
    }

    /// An array of strings.
    mutating func strings(_ values: [String]) throws {
        beginArray()
        for value in values {
            element()
            string(value)
        }
        try endArray()
    }

    /// A member holding a string, left out when `value` is nil.
    mutating func member(_ name: String, _ value: String?) {
        guard let value else { return }
        key(name)
        string(value)
    }

    /// A member holding a number, left out when `value` is nil.
    mutating func member(_ name: String, _ value: Int?) {
        guard let value else { return }
        key(name)
        int(value)
    }

    /// A member holding strings.
    mutating func member(_ name: String, _ values: [String]) throws {
        key(name)
        try strings(values)
    }

    /// A member holding a string-to-string object, its keys in order.
    mutating func member(_ name: String, _ values: [String: String]) throws {
        key(name)
        beginObject()
        for entry in values.sorted(by: { $0.key < $1.key }) { member(entry.key, entry.value) }
        try endObject()
    }

    /// Ends the document with a newline and drains what is left.
    mutating func finish() throws {
        buffer.append(0x0A)
        try drain?(&buffer)
    }

    // MARK: - Private

    private static let separator = Array(" : ".utf8)

    private mutating func open(_ bracket: UInt8) {
        buffer.append(bracket)
        hasMember.append(false)
    }

    private mutating func close(_ bracket: UInt8) throws {
        let hadMember = hasMember.removeLast()
        if !hadMember { buffer.append(0x0A) }
        newLine()
        buffer.append(bracket)
        if let drain, buffer.count >= chunkSize { try drain(&buffer) }
    }

    private mutating func newEntry() {
        if hasMember[hasMember.count - 1] { buffer.append(UInt8(ascii: ",")) }
        hasMember[hasMember.count - 1] = true
        newLine()
    }

    private mutating func newLine() {
        buffer.append(0x0A)
        buffer.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * hasMember.count))
    }

    /// `text` as a JSON string literal, escaped as `JSONEncoder` escapes it.
    static func appendString(_ text: String, to output: inout [UInt8]) {
        JSONValue.writeString(text, to: &output, asJSONEncoder: true)
    }
}
