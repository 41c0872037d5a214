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
        // Findings are read where they lie (see `forEachInPlace`), not copied out of the array.
        let separated = ParallelChunks.map(count: all.count) { chunk in
            all.withUnsafeBufferPointer { findings in chunk.contains { isCode[$0] && holdsSeparator(findings[$0], text: texts[$0]) } }
        }.contains(true)
        var byPath: [String: [Int]] = [:]
        all.forEachInPlace { index, finding in
            if isCode[index] { byPath[separated ? "" : finding.pointee.location?.path ?? "", default: []].append(index) }
        }
        let files = Array(byPath.values)
        let numbered = ParallelChunks.map(count: files.count, chunkSize: max(1, files.count / 64)) { chunk in
            chunk.flatMap { number(files[$0], of: all, texts: texts, joined: separated) }
        }
        var occurrences = [Int](repeating: 0, count: all.count)
        for chunk in numbered {
            for (index, occurrence) in chunk { occurrences[index] = occurrence }
        }
        return occurrences
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
