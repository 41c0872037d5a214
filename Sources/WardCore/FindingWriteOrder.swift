import Foundation

/// The order in which a scan's new findings are written to a history: most severe first, then by
/// path (as bytes, as SQLite compares text; no path first) and first line (none first). Rows the
/// history holds already are written before them, by id (``FindingUpserter``).
///
/// Most of the finding table's indexes lead with these columns (the listing orders), and new rows
/// take ascending ids in the order they are written. Written in this order, a large scan's new
/// rows go into those indexes a page after another instead of at random places in them, so far
/// fewer pages are read and rewritten once the indexes outgrow the page cache; the table itself,
/// ordered by id, is appended to either way. Measured with an 800,000-result log into an empty
/// history, the store took 37.8 s instead of 64.5 s. Nothing reads meaning into the order:
/// findings read back are ordered by their reader (reports, listings), and ties keep the scan's order.
public enum FindingWriteOrder {
    /// `heads` (positions in `findings`) in write order.
    ///
    /// Every head's path is copied once into one buffer of bytes and the heads are sorted by keys
    /// pointing into it: comparing two paths is a `memcmp`, with no string retained or released. A
    /// large scan's paths are nearly all distinct (185,000 of the benchmark's 200,000 findings), so
    /// ranking the distinct paths first through a dictionary (as before) hashed and compared them
    /// twice over: 0.35-0.45 s of storing 200,000 findings, all of it on the writer's thread.
    public static func sorted(_ heads: [Int], in findings: [Finding]) -> [Int] {
        var paths: [UInt8] = []
        var keys: [Key] = []
        keys.reserveCapacity(heads.count)
        findings.withUnsafeBufferPointer { findings in
            for head in heads {
                // Read where it lies: a finding or location copied out costs a retain per field.
                let line = findings[head].location?.startLine ?? Int.min
                var start = -1
                var count = 0
                if let path = findings[head].location?.path {
                    start = paths.count
                    paths.append(contentsOf: path.utf8)
                    count = paths.count - start
                }
                keys.append(Key(severity: -findings[head].severity.rank, pathStart: start, pathCount: count, line: line, head: head))
            }
        }
        paths.withUnsafeBufferPointer { bytes in
            keys.sort { Key.precedes($0, $1, paths: bytes) }
        }
        return keys.map(\.head)
    }

    /// One head's sort key; its path is `pathCount` bytes from `pathStart` in the paths' buffer,
    /// `pathStart` -1 when it has none.
    private struct Key {
        let severity: Int
        let pathStart: Int
        let pathCount: Int
        let line: Int
        let head: Int

        static func precedes(_ left: Key, _ right: Key, paths: UnsafeBufferPointer<UInt8>) -> Bool {
            if left.severity != right.severity { return left.severity < right.severity }
            let order = comparePaths(left, right, paths: paths)
            if order != 0 { return order < 0 }
            return (left.line, left.head) < (right.line, right.head)
        }

        /// Negative, zero or positive as `left`'s path sorts before, with or after `right`'s: no path
        /// first, then `memcmp` of the bytes, then the shorter first (SQLite's `BINARY` collation).
        private static func comparePaths(_ left: Key, _ right: Key, paths: UnsafeBufferPointer<UInt8>) -> Int {
            if left.pathStart < 0 || right.pathStart < 0 {
                return (left.pathStart < 0 ? 0 : 1) - (right.pathStart < 0 ? 0 : 1)
            }
            let common = min(left.pathCount, right.pathCount)
            if common > 0, let base = paths.baseAddress {
                let order = memcmp(base + left.pathStart, base + right.pathStart, common)
                if order != 0 { return Int(order) }
            }
            return left.pathCount - right.pathCount
        }
    }
}
