import Foundation

/// Path globs: `*` matches within one folder, `**` across folders, `?` one character.
///
/// The one glob Ward has: policy waivers match paths with it, and the history's
/// `ward findings --path` calls it from SQL, so a glob selects the same paths everywhere.
public enum Glob {
    /// Whether `path` matches `pattern` entirely.
    public static func matches(_ pattern: String, _ path: String) -> Bool {
        Pattern(pattern).matches(path)
    }

    /// A glob read once, to match many paths: an ASCII path (the usual case) is matched on its
    /// bytes where they lie, without copying it.
    public struct Pattern: Sendable, Equatable {
        /// The glob's characters, as Unicode scalar values.
        private let scalars: [UInt32]

        /// Reads `pattern`.
        public init(_ pattern: String) {
            scalars = pattern.unicodeScalars.map(\.value)
        }

        /// Whether `path` matches the glob entirely.
        public func matches(_ path: String) -> Bool {
            let ascii = path.utf8.withContiguousStorageIfAvailable { bytes -> Bool? in
                bytes.allSatisfy { $0 < 0x80 } ? Glob.match(scalars, 0, bytes, 0) : nil
            }
            if let matched = ascii ?? nil { return matched }
            return Glob.match(scalars, 0, path.unicodeScalars.map(\.value), 0)
        }
    }

    /// Matches `pattern` from `p` against `text` from `t`, both as Unicode scalar values.
    private static func match<Text: RandomAccessCollection>(_ pattern: [UInt32], _ p: Int, _ text: Text, _ t: Int) -> Bool
    where Text.Element: FixedWidthInteger, Text.Index == Int {
        if p == pattern.count { return t == text.count }
        let current = pattern[p]
        if current == star {
            let doubled = p + 1 < pattern.count && pattern[p + 1] == star
            let next = doubled ? p + 2 : p + 1
            // `**/` also matches no folder at all.
            if doubled, next < pattern.count, pattern[next] == slash, match(pattern, next + 1, text, t) { return true }
            var index = t
            while true {
                if match(pattern, next, text, index) { return true }
                guard index < text.count, doubled || UInt32(text[index]) != slash else { return false }
                index += 1
            }
        }
        guard t < text.count else { return false }
        if current == question { return UInt32(text[t]) != slash && match(pattern, p + 1, text, t + 1) }
        return current == UInt32(text[t]) && match(pattern, p + 1, text, t + 1)
    }

    private static let star = UInt32(UInt8(ascii: "*"))
    private static let question = UInt32(UInt8(ascii: "?"))
    private static let slash = UInt32(UInt8(ascii: "/"))
}
