import Foundation
import Testing
import TestSupport
import WardCore
@testable import WardScanners

/// Findings numbered file by file get the numbers one pass over the whole report in position order gives.
@Suite struct OccurrenceNumberingTests {
    /// One pass over every code finding in (line, column, report order), one key per rule, path and text.
    static func reference(_ all: [Finding], texts: [String], isCode: [Bool]) -> [Int] {
        let order = all.indices.sorted { lhs, rhs in
            (all[lhs].location?.startLine ?? 0, all[lhs].location?.startColumn ?? 0, lhs)
                < (all[rhs].location?.startLine ?? 0, all[rhs].location?.startColumn ?? 0, rhs)
        }
        var occurrences = [Int](repeating: 0, count: all.count)
        var seen: [String: Int] = [:]
        for index in order where isCode[index] {
            let key = all[index].ruleID + "\u{1F}" + (all[index].location?.path ?? "") + "\u{1F}" + texts[index]
            occurrences[index] = seen[key, default: 0]
            seen[key] = occurrences[index] + 1
        }
        return occurrences
    }

    static func findings(count: Int, paths: [String], rules: [String], seed: UInt64) -> ([Finding], [String], [Bool]) {
        var generator = SeededGenerator(state: seed)
        var findings: [Finding] = []
        var texts: [String] = []
        var isCode: [Bool] = []
        for _ in 0..<count {
            let path = paths[Int(generator.next() % UInt64(paths.count))]
            let located = generator.next() % 10 != 0
            findings.append(Finding(toolID: "t", ruleID: rules[Int(generator.next() % UInt64(rules.count))], title: "t", message: "m",
                                    kind: .sast, severity: .low,
                                    location: located ? SourceLocation(path: path, startLine: Int(generator.next() % 5),
                                                                       startColumn: Int(generator.next() % 3)) : nil))
            texts.append(["x = 1", "y", ""][Int(generator.next() % 3)])
            isCode.append(generator.next() % 7 != 0)
        }
        return (findings, texts, isCode)
    }

    @Test(arguments: [1, 2, 3, 4])
    func filesNumberedApartMatchOnePassOverTheReport(seed: Int) {
        let (all, texts, isCode) = Self.findings(count: 5_000, paths: (0..<40).map { "src/f\($0).py" }, rules: ["a", "b", "c"], seed: UInt64(seed))
        #expect(OccurrenceNumbering.occurrences(of: all, collapsedTexts: texts, isCode: isCode) == Self.reference(all, texts: texts, isCode: isCode))
    }

    @Test(arguments: [5, 6])
    func aReportOfAboutAsManyFilesAsFindingsIsNumberedAsOnePassWould(seed: Int) {
        // Most files hold one finding, a few several; some paths are equal only canonically (é composed
        // and decomposed), which String compares and hashes as one.
        let paths = (0..<3_000).map { "src/module_\($0 / 50)/handler_\($0).py" } + ["caf\u{E9}.py", "cafe\u{301}.py", ""]
        let (all, texts, isCode) = Self.findings(count: 4_000, paths: paths, rules: ["a", "b"], seed: UInt64(seed))
        #expect(OccurrenceNumbering.occurrences(of: all, collapsedTexts: texts, isCode: isCode) == Self.reference(all, texts: texts, isCode: isCode))
    }

    @Test func aSeparatorInAPathNumbersTheReportAsOneAsTheJoinedKeyDid() {
        // "a" in "b␟c" and "a␟b" in "c" join to the same key: they share one count, so no two get one identity.
        let (all, texts, isCode) = Self.findings(count: 3_000, paths: ["b\u{1F}c", "c", "d"], rules: ["a", "a\u{1F}b"], seed: 9)
        let numbered = OccurrenceNumbering.occurrences(of: all, collapsedTexts: texts, isCode: isCode)
        #expect(numbered == Self.reference(all, texts: texts, isCode: isCode))
    }
}
