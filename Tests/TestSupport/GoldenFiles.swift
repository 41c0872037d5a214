import Foundation

/// Compares output with a file under `fixtures/golden/`; on a mismatch the file is rewritten, so
/// `git diff` shows the change, and the caller's test fails with the message returned.
public enum GoldenFiles {
    /// Nil when `data` equals `fixtures/golden/<relative>`; else what happened to the file.
    public static func mismatch(_ data: Data, _ relative: String) throws -> String? {
        let path = Fixtures.path("golden/" + relative)
        let expected = FileManager.default.contents(atPath: path)
        guard expected != data else { return nil }
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try data.write(to: URL(fileURLWithPath: path))
        return expected == nil
            ? "fixtures/golden/\(relative) did not exist: written; review and commit it"
            : "fixtures/golden/\(relative) differs: rewritten; review with git diff"
    }
}
