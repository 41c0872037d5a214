import Foundation

/// The members of a JSON object, kept in the order of their names.
///
/// Report objects are small (a SARIF result has six to ten members, a location four), are built
/// once per result and read by name a few times: a short array searched in place costs less than a
/// hash table, which hashes every name on the way in and again on each lookup. Kept sorted, two
/// objects with the same members are equal (and hash equally) whatever order a report gave them
/// in, and serializing one (keys sorted) needs no sort.
///
/// Names are distinct: ``JSONParser`` refuses a name given twice before an object is built.
public struct JSONObject: Sendable, Hashable {
    /// One member.
    struct Member: Sendable, Hashable {
        var key: String
        var value: JSONValue
    }

    /// Sorted by `key` (`String`'s `<`), names distinct.
    private(set) var members: [Member]

    /// Objects up to this size are searched from the start; larger ones by halves.
    private static let linearSearchLimit = 12

    /// An empty object.
    public init() {
        members = []
    }

    /// The members of `dictionary`.
    public init(_ dictionary: [String: JSONValue]) {
        members = dictionary.map { Member(key: $0.key, value: $0.value) }.sorted { $0.key < $1.key }
    }

    /// Members in any order, names distinct (the parser checked them): sorted here.
    init(distinct unsorted: [Member]) {
        members = unsorted
        Self.sort(&members)
    }

    /// Sorts a few members in place; already sorted ones (a canonical document) cost one pass.
    private static func sort(_ members: inout [Member]) {
        guard members.count > 1 else { return }
        if members.count > 32 {
            members.sort { $0.key < $1.key }
            return
        }
        members.withUnsafeMutableBufferPointer { members in
            for index in 1..<members.count where members[index].key < members[index - 1].key {
                var position = index
                while position > 0, members[position].key < members[position - 1].key {
                    members.swapAt(position, position - 1)
                    position -= 1
                }
            }
        }
    }

    /// How many members.
    public var count: Int { members.count }

    /// Whether there are no members.
    public var isEmpty: Bool { members.isEmpty }

    /// The names, sorted.
    public var keys: [String] { members.map(\.key) }

    /// The values, in the order of their names.
    public var values: [JSONValue] { members.map(\.value) }

    /// The position of the member named `key`, or where it would go.
    private func position(of key: String) -> (index: Int, found: Bool) {
        if members.count <= Self.linearSearchLimit {
            for index in members.indices {
                if members[index].key == key { return (index, true) }
            }
            return (members.firstIndex { key < $0.key } ?? members.count, false)
        }
        var low = 0, high = members.count
        while low < high {
            let middle = (low + high) / 2
            if members[middle].key < key { low = middle + 1 } else { high = middle }
        }
        return (low, low < members.count && members[low].key == key)
    }

    /// The value of the member named `key`; setting `nil` removes it.
    public subscript(key: String) -> JSONValue? {
        get {
            let (index, found) = position(of: key)
            return found ? members[index].value : nil
        }
        set {
            let (index, found) = position(of: key)
            switch (found, newValue) {
            case (true, let value?): members[index].value = value
            case (true, nil): members.remove(at: index)
            case (false, let value?): members.insert(Member(key: key, value: value), at: index)
            case (false, nil): break
            }
        }
    }
}

extension JSONObject: Sequence {
    /// Members in the order of their names, as a dictionary gives them: `for (key, value) in object`.
    public struct Iterator: IteratorProtocol {
        private var base: IndexingIterator<[Member]>

        init(_ members: [Member]) {
            base = members.makeIterator()
        }

        public mutating func next() -> (key: String, value: JSONValue)? {
            base.next().map { ($0.key, $0.value) }
        }
    }

    public func makeIterator() -> Iterator { Iterator(members) }

    public var underestimatedCount: Int { members.count }
}

extension JSONObject: ExpressibleByDictionaryLiteral {
    /// An object written out; a name given twice is a programming error.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(Dictionary(uniqueKeysWithValues: elements))
    }
}
