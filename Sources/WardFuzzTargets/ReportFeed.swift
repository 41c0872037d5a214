import Foundation
import WardCore
import WardScanners

/// Decodes report bytes with scanner plugins the way `ward import` does: every run of the report,
/// then normalization against an empty scan root that no reported path may leave.
struct ReportFeed: Sendable {
    /// One feed per process; its root is created once.
    static let shared = ReportFeed()

    let normalizer: FindingNormalizer

    private init() {
        let root = NSTemporaryDirectory() + "ward-fuzz-root-\(getpid())"
        try? FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        normalizer = FindingNormalizer(paths: PathResolver(root: root, strict: true), secretKey: Array("ward-fuzz".utf8))
    }

    /// Decodes and normalizes `data` with each plugin in turn; errors are expected and dropped.
    func decode(_ data: Data, with plugins: [any ScannerPlugin]) {
        for plugin in plugins {
            guard let runs = try? plugin.decodeRuns(data, source: "report") else { continue }
            for run in runs {
                _ = try? normalizer.normalize(run, family: run.family ?? plugin.id, source: "report")
            }
        }
    }
}
