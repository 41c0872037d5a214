import Foundation

/// A JSON document read for streaming: checked whole, but never built as one tree.
///
/// ``open(_:streaming:)`` checks every byte as strictly as ``JSONParser`` (duplicate member names,
/// invalid UTF-8, unpaired surrogates and nesting too deep are refused everywhere, with the same
/// one-line error at the same line and column) and records where each element of the large arrays
/// sits: those the patterns name, such as `["runs", "*", "results"]` (`*` is any index of an array).
/// ``header`` is the rest of the document as a tree, each streamed array in it empty; ``elements(at:)``
/// parses one element at a time, when the reader asks for it. A document that fails the check
/// yields nothing, so a truncated report never gives part of its findings.
public struct JSONDocument: Sendable {
    /// One step of a path to a value: a member name or an array index.
    public enum Step: Hashable, Sendable {
        case key(String)
        case index(Int)
    }

    /// The document's bytes, kept for parsing elements on demand.
    public let data: Data
    /// The document with every streamed array empty.
    public let header: JSONValue
    private let arrays: [[Step]: JSONValidator.Recorded]

    /// Checks `data` and builds its header, recording the arrays `patterns` name.
    ///
    /// - Throws: the first ``JSONParser/SyntaxError`` of the document, as ``JSONParser/parse(_:)-swift.type.method`` gives it.
    public static func open(_ data: Data, streaming patterns: [[String]]) throws(JSONParser.SyntaxError) -> JSONDocument {
        precondition(patterns.count <= 64, "at most 64 streaming patterns")
        let result: Result<JSONDocument, JSONParser.SyntaxError> = data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var validator = JSONValidator(bytes: bytes, patterns: patterns)
            return Result { () throws(JSONParser.SyntaxError) -> JSONDocument in
                try validator.validate()
                let skipped = Dictionary(uniqueKeysWithValues: validator.recorded.values.map { ($0.arrayStart, $0.arrayEnd) })
                let header = try JSONParser.parse(bytes, skipping: skipped)
                return JSONDocument(data: data, header: header, arrays: validator.recorded)
            }
        }
        return try result.get()
    }

    private init(data: Data, header: JSONValue, arrays: [[Step]: JSONValidator.Recorded]) {
        self.data = data
        self.header = header
        self.arrays = arrays
    }

    /// The whole document as one tree, streamed arrays included: for readers that do not stream.
    public var tree: JSONValue {
        arrays.isEmpty ? header : (try? JSONParser.parse(data)) ?? header
    }

    /// The header with each streamed array holding its first element only: enough to tell which
    /// tool wrote a document by its shape, without parsing every element.
    public var sample: JSONValue {
        arrays.reduce(header) { value, entry in
            Self.replacing(entry.key[...], in: value, with: .array(entry.value.elements.isEmpty ? [] : [elements(at: entry.key)?.first ?? .null]))
        }
    }

    private static func replacing(_ path: ArraySlice<Step>, in value: JSONValue, with replacement: JSONValue) -> JSONValue {
        guard let step = path.first else { return replacement }
        switch (step, value) {
        case (.key(let name), .object(var members)) where members[name] != nil:
            members[name] = replacing(path.dropFirst(), in: members[name] ?? .null, with: replacement)
            return .object(members)
        case (.index(let index), .array(var items)) where items.indices.contains(index):
            items[index] = replacing(path.dropFirst(), in: items[index], with: replacement)
            return .array(items)
        default:
            return value
        }
    }

    /// The array at `path`: its streamed elements, or the header's array there; nil when the value
    /// there is not an array.
    public func array(at path: [Step]) -> Elements? {
        if let streamed = elements(at: path) { return streamed }
        var value = header
        for step in path {
            switch step {
            case .key(let name): value = value[name]
            case .index(let index): value = value[index]
            }
        }
        return value.array.map(Elements.init)
    }

    /// The elements of the streamed array at `path`, or nil when nothing was streamed there (the
    /// value is then in ``header`` as it is: absent, null, or not an array).
    public func elements(at path: [Step]) -> Elements? {
        arrays[path].map { Elements(data: data, depth: $0.depth, ranges: $0.elements) }
    }

    /// The elements of the streamed array at `path`, parsed one at a time as they are read.
    public struct Elements: RandomAccessCollection, Sendable {
        let data: Data
        let depth: Int
        let ranges: [Range<Int>]
        private let values: [JSONValue]?

        init(data: Data, depth: Int, ranges: [Range<Int>]) {
            self.data = data
            self.depth = depth
            self.ranges = ranges
            values = nil
        }

        /// Elements already parsed: an array a reader found in the header, read the same way.
        public init(_ values: [JSONValue]) {
            data = Data()
            depth = 0
            ranges = []
            self.values = values
        }

        public var startIndex: Int { 0 }
        public var endIndex: Int { values?.count ?? ranges.count }

        /// The element at `index`, parsed now (it was checked when the document was opened).
        public subscript(index: Int) -> JSONValue {
            if let values { return values[index] }
            return data.withUnsafeBytes { raw in
                var parser = JSONParser(bytes: raw.bindMemory(to: UInt8.self))
                parser.checked = true
                parser.position = ranges[index].lowerBound
                return (try? parser.parseValue(depth: depth)) ?? .null
            }
        }

        /// The bytes of the element at `index`, as the document wrote them.
        public func bytes(at index: Int) -> Data {
            if let values { return Data(values[index].serialized.utf8) }
            return data.subdata(in: ranges[index].lowerBound + data.startIndex..<ranges[index].upperBound + data.startIndex)
        }
    }
}
