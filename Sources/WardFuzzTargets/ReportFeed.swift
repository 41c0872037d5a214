import Foundation
import WardCore
import WardScanners

/// Decodes report bytes with scanner plugins the way `ward import` does: every run of the report,
/// then normalization against a scan root that no reported path may leave.
///
/// The root holds a copy of the trees the fixture reports were written for, so that reported
/// paths and lines reach real files, as they do on import.
struct ReportFeed: Sendable {
    /// One feed per process; its root is created once.
    static let shared = ReportFeed()

    /// The scanned trees under `fixtures/`, merged into the root (the first of two equal names wins).
    static let scannedTrees = ["projects/tiny", "demo-app", "iac", "secrets-sample"]

    let normalizer: FindingNormalizer

    private init() {
        let manager = FileManager.default
        let root = NSTemporaryDirectory() + "ward-fuzz-root-\(getpid())"
        try? manager.createDirectory(atPath: root, withIntermediateDirectories: true)
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("fixtures").path
        for tree in Self.scannedTrees {
            let folder = fixtures + "/" + tree
            for item in (try? manager.contentsOfDirectory(atPath: folder)) ?? [] {
                try? manager.copyItem(atPath: folder + "/" + item, toPath: root + "/" + item)
            }
        }
        normalizer = FindingNormalizer(paths: PathResolver(root: root, strict: true), secretKey: Array("ward-fuzz".utf8))
    }

    /// Decodes and normalizes `data` with each plugin in turn; errors are expected and dropped.
    func decode(_ data: Data, with plugins: [any ScannerPlugin]) {
        for plugin in plugins {
            guard let plugin = plugin as? any ReportImporting, let runs = try? plugin.decodeRuns(data, source: "report") else { continue }
            for run in runs {
                _ = try? normalizer.normalize(run, family: run.family ?? plugin.id, source: "report")
            }
        }
    }
}
