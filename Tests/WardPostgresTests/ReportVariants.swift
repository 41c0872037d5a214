import Foundation
import TestSupport

/// Recorded Bandit reports for the concurrency test: the results of the tiny project's report,
/// each variant keeping another subset of them, so that successive imports open, fix and reopen
/// findings. Variants are written once into a directory as `variant-N.json`.
enum ReportVariants {
    /// How many variants there are.
    static let count = 100
    /// The tree the reports describe.
    static let root = Fixtures.path("projects/tiny")

    /// Writes every variant into `directory`.
    static func write(into directory: String) throws {
        let source = try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("reports/bandit/tiny-bandit-1.9.4.json")))
        guard var report = try JSONSerialization.jsonObject(with: source) as? [String: Any],
              let results = report["results"] as? [Any] else { throw CocoaError(.fileReadCorruptFile) }
        for variant in 0..<count {
            // A mask over the results that differs for every variant, never empty.
            let mask = (variant * 53 + 17) % ((1 << results.count) - 1) + 1
            report["results"] = results.indices.filter { mask >> $0 & 1 == 1 }.map { results[$0] }
            let data = try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys])
            try data.write(to: URL(fileURLWithPath: path(variant, in: directory)))
        }
    }

    /// The file of `variant` in `directory`.
    static func path(_ variant: Int, in directory: String) -> String {
        "\(directory)/variant-\(variant).json"
    }
}
