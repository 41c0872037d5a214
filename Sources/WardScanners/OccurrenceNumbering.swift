import Foundation
import WardCore

/// The occurrence number in a code finding's identity: 0 for the first finding of its rule on the
/// same flagged text in the same file, then 1, 2… in order of position (line, column, then report order).
///
/// Findings of one file are numbered apart from every other file's, so files are numbered on every
/// core. A rule, path or text holding the unit separator (which joins the identity's parts) could make
/// two files' findings one group, as the joined key always did: such a report is numbered as one.
enum OccurrenceNumbering {
    /// The number of each finding `isCode` marks (0 for the others), given its collapsed flagged text.
    static func occurrences(of all: [Finding], collapsedTexts texts: [String], isCode: [Bool]) -> [Int] {
        let separated = ParallelChunks.map(count: all.count) { chunk in
            chunk.contains { isCode[$0] && holdsSeparator(all[$0], text: texts[$0]) }
        }.contains(true)
        var byPath: [String: [Int]] = [:]
        for index in all.indices where isCode[index] { byPath[separated ? "" : all[index].location?.path ?? "", default: []].append(index) }
        let files = Array(byPath.values)
        let numbered = ParallelChunks.map(count: files.count, chunkSize: max(1, files.count / 64)) { chunk in
            chunk.flatMap { number(files[$0], of: all, texts: texts) }
        }
        var occurrences = [Int](repeating: 0, count: all.count)
        for chunk in numbered {
            for (index, occurrence) in chunk { occurrences[index] = occurrence }
        }
        return occurrences
    }

    /// Numbers `indices` (one file's code findings, or all of them) by position within each group.
    private static func number(_ indices: [Int], of all: [Finding], texts: [String]) -> [(Int, Int)] {
        let order = indices.map { (all[$0].location?.startLine ?? 0, all[$0].location?.startColumn ?? 0, $0) }.sorted { $0 < $1 }
        var seen: [String: Int] = [:]
        return order.map { _, _, index in
            let group = all[index].ruleID + "\u{1F}" + (all[index].location?.path ?? "") + "\u{1F}" + texts[index]
            let occurrence = seen[group, default: 0]
            seen[group] = occurrence + 1
            return (index, occurrence)
        }
    }

    private static func holdsSeparator(_ finding: Finding, text: String) -> Bool {
        [finding.ruleID, finding.location?.path ?? "", text].contains { $0.utf8.contains(0x1F) }
    }
}
