import Foundation

/// Many texts copied one after another into one buffer of UTF-8 bytes, each named by a ``Slice``:
/// a large list sorted by texts compares slices with `memcmp` and retains no string, where
/// comparing `String`s (or ranking the distinct ones through a dictionary) retains and releases
/// both at every comparison. Sorting is where the texts are compared, so they are copied once.
public struct TextArena: Sendable {
    /// Where one text lies in the buffer, and whether it is all ASCII (its bytes then sort as its
    /// characters do).
    public struct Slice: Sendable {
        /// The offset of its first byte.
        public let start: Int
        /// How many bytes it has: a 32-bit count keeps a slice at 16 bytes, so that keys holding
        /// two of them stay small when a large list is sorted.
        public let count: Int32
        /// Whether every byte is ASCII.
        public let isASCII: Bool
    }

    /// Every text appended so far, one after another.
    public private(set) var bytes: [UInt8] = []

    /// An empty arena.
    public init() {}

    /// Copies `text`'s UTF-8 bytes to the end of the buffer and returns where they lie.
    public mutating func append(_ text: String) -> Slice {
        let start = bytes.count
        bytes.append(contentsOf: text.utf8)
        let isASCII = bytes.withUnsafeBufferPointer { ASCIIText.isASCII(bytes: UnsafeBufferPointer(rebasing: $0[start...])) }
        return Slice(start: start, count: Int32(bytes.count - start), isASCII: isASCII)
    }

    /// Negative, zero or positive as `left`'s bytes sort before, with or after `right`'s: `memcmp`
    /// of the common length, then the shorter first (SQLite's `BINARY` collation; for two ASCII
    /// texts, also `String`'s order).
    public static func compare(_ left: Slice, _ right: Slice, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let common = Int(min(left.count, right.count))
        if common > 0, let base = bytes.baseAddress {
            let order = memcmp(base + left.start, base + right.start, common)
            if order != 0 { return Int(order) }
        }
        return Int(left.count) - Int(right.count)
    }
}
