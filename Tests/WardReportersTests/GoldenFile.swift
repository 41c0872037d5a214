import Foundation
import Testing
import TestSupport

/// Compares output with a file under `fixtures/golden/`; on a mismatch the file is rewritten,
/// so `git diff` shows the change, and the test still fails.
enum GoldenFile {
    static func check(_ data: Data, _ relative: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let path = Fixtures.path("golden/" + relative)
        let expected = FileManager.default.contents(atPath: path)
        guard expected != data else { return }
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try data.write(to: URL(fileURLWithPath: path))
        Issue.record(Comment(rawValue: expected == nil
            ? "fixtures/golden/\(relative) did not exist: written; review and commit it"
            : "fixtures/golden/\(relative) differs: rewritten; review with git diff"), sourceLocation: sourceLocation)
    }
}
