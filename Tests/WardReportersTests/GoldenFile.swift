import Foundation
import Testing
import TestSupport

/// Compares output with a file under `fixtures/golden/` (``GoldenFiles``); a mismatch fails the test.
enum GoldenFile {
    static func check(_ data: Data, _ relative: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        guard let message = try GoldenFiles.mismatch(data, relative) else { return }
        Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
    }
}
