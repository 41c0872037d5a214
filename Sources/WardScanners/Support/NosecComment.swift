import Foundation
import WardCore

/// Bandit's `# nosec` comments, read from the flagged lines so silenced findings are kept, suppressed.
///
/// Ward runs Bandit with `--ignore-nosec` so that nothing is dropped; a finding whose flagged lines
/// carry `# nosec` (all tests) or `# nosec B602,B607` (those tests, by id or name) is then marked
/// suppressed in source, as Bandit itself would have silenced it.
enum NosecComment {
    /// The suppression for a finding of `testID`/`testName` flagged on `lines`, if a comment silences it.
    static func suppression(testID: String, testName: String?, lines: String?) -> Suppression? {
        guard let lines else { return nil }
        for line in lines.split(separator: "\n") {
            guard let hash = line.range(of: "#") else { continue }
            let comment = line[hash.upperBound...].trimmingCharacters(in: .whitespaces)
            guard comment.lowercased().hasPrefix("nosec") else { continue }
            let rest = comment.dropFirst("nosec".count).trimmingCharacters(in: CharacterSet(charactersIn: ": "))
            let listed = rest.split(whereSeparator: { $0 == "," || $0 == " " }).map { $0.trimmingCharacters(in: .whitespaces) }
            let tests = listed.prefix { $0.first.map { $0.isLetter || $0.isNumber } ?? false && !$0.hasPrefix("-") }
            let matches = tests.isEmpty || tests.contains(testID) || (testName.map { tests.contains($0) } ?? false)
            if matches { return Suppression(source: .inSource, justification: "nosec") }
        }
        return nil
    }
}
