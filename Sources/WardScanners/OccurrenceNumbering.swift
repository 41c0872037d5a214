import Foundation
import WardCore

/// The occurrence number in a code finding's identity: 0 for the first finding of its rule on the
/// same flagged text in the same file, then 1, 2… in order of position (line, column, then report order).
///
/// Findings of one file are numbered apart from every other file's, so files are numbered on every
/// core: the findings are spread over buckets by their path's hash, each bucket is sorted by path
/// and position, and each run of one path is numbered, a file with one finding at no cost (a large
/// report has about as many files as findings; a table of findings per file cost more than the
/// numbering). A rule, path or text holding the unit separator (which joins the identity's parts)
/// could make two files' findings one group, as the joined key always did: such a report is
/// numbered as one.
enum OccurrenceNumbering {
    /// Buckets a report's files are spread over, for as many cores as there are.
    private static let buckets = 64

    /// The number of each finding `isCode` marks (0 for the others), given its collapsed flagged text.
    static func occurrences(of all: [Finding], collapsedTexts texts: [String], isCode: [Bool]) -> [Int] {
        // Findings are read where they lie (see `forEachInPlace`), not copied out of the array.
        let separated = ParallelChunks.map(count: all.count) { chunk in
            all.withUnsafeBufferPointer { findings in chunk.contains { isCode[$0] && holdsSeparator(findings[$0], text: texts[$0]) } }
        }.contains(true)
        let files = separated ? [all.indices.filter { isCode[$0] }] : bucketed(all, isCode: isCode)
        let numbered = ParallelChunks.map(count: files.count, chunkSize: 1) { chunk in
            chunk.flatMap { separated ? number(files[$0], of: all, texts: texts, joined: true) : numberFiles(files[$0], of: all, texts: texts) }
        }
        var occurrences = [Int](repeating: 0, count: all.count)
        for chunk in numbered {
            for (index, occurrence) in chunk { occurrences[index] = occurrence }
        }
        return occurrences
    }

    /// The code findings spread over ``buckets`` by their path's hash: one path's findings share a bucket.
    private static func bucketed(_ all: [Finding], isCode: [Bool]) -> [[Int]] {
        let bucketOf = ParallelChunks.joined(count: all.count) { chunk in
            all.withUnsafeBufferPointer { findings in
                chunk.map { isCode[$0] ? Int(UInt(bitPattern: (findings[$0].location?.path ?? "").hashValue) % UInt(buckets)) : -1 }
            }
        }
        var files = [[Int]](repeating: [], count: buckets)
        for (index, bucket) in bucketOf.enumerated() where bucket >= 0 { files[bucket].append(index) }
        return files
    }

    /// Numbers the findings of one bucket: sorted by path and position, each run of one path is a file.
    /// Only findings numbered above 0 are returned.
    private static func numberFiles(_ indices: [Int], of all: [Finding], texts: [String]) -> [(Int, Int)] {
        let order = all.withUnsafeBufferPointer { findings in
            indices.map { Place(path: findings[$0].location?.path ?? "", line: findings[$0].location?.startLine ?? 0,
                                column: findings[$0].location?.startColumn ?? 0, index: $0) }
        }.sorted()
        var numbered: [(Int, Int)] = []
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count, order[end].path == order[start].path { end += 1 }
            if end - start > 1 {
                numbered += number(order[start..<end].map(\.index), of: all, texts: texts, joined: false).filter { $0.1 > 0 }
            }
            start = end
        }
        return numbered
    }

    /// Numbers `indices` (one file's code findings, or all of them) by position within each group.
    ///
    /// The group is the rule, path and text joined by the unit separator. Unless some finding's parts
    /// hold the separator (`joined`), joined keys are equal exactly when the three parts are, so the
    /// parts are compared as they are, without building the joined text for every finding.
    private static func number(_ indices: [Int], of all: [Finding], texts: [String], joined: Bool) -> [(Int, Int)] {
        let order = all.withUnsafeBufferPointer { findings in
            indices.map { (findings[$0].location?.startLine ?? 0, findings[$0].location?.startColumn ?? 0, $0) }.sorted { $0 < $1 }
        }
        var seen: [Group: Int] = [:]
        return all.withUnsafeBufferPointer { findings in
            order.map { _, _, index in
                let path = findings[index].location?.path ?? ""
                let group: Group = joined ? .joined(findings[index].ruleID + "\u{1F}" + path + "\u{1F}" + texts[index])
                    : .parts(rule: findings[index].ruleID, path: path, text: texts[index])
                return (index, taken(&seen[group, default: 0]))
            }
        }
    }

    /// The count as it was, counted one further (one lookup of the group, not two).
    private static func taken(_ count: inout Int) -> Int {
        defer { count += 1 }
        return count
    }

    /// Where a finding is: its path, then its position and place in the report, in that order.
    private struct Place: Comparable {
        let path: String
        let line: Int
        let column: Int
        let index: Int

        static func < (lhs: Place, rhs: Place) -> Bool {
            if lhs.path != rhs.path { return lhs.path < rhs.path }
            return (lhs.line, lhs.column, lhs.index) < (rhs.line, rhs.column, rhs.index)
        }
    }

    /// A finding's group: findings of one rule on the same text in the same file, by the three parts,
    /// or by their joined text when some part holds the separator.
    private enum Group: Hashable {
        case parts(rule: String, path: String, text: String)
        case joined(String)
    }

    private static func holdsSeparator(_ finding: Finding, text: String) -> Bool {
        [finding.ruleID, finding.location?.path ?? "", text].contains { $0.utf8.contains(0x1F) }
    }
}
