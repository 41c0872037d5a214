import Foundation
import WardPolicy
import WardScanners

/// Loads fuzzed bytes as a policy file, through the same path as `--policy FILE`, and as a triage
/// file, as `--triage FILE` reads it.
struct PolicyFile: Sendable {
    /// One file per process, rewritten for every input.
    static let shared = PolicyFile()

    let path: String

    private init() {
        let directory = NSTemporaryDirectory() + "ward-fuzz-policy-\(getpid())"
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        path = directory + "/policy.yml"
    }

    /// Writes `data` to the policy file and loads it as a policy and as a triage file; errors are
    /// expected and dropped.
    func load(_ data: Data) {
        guard FileManager.default.createFile(atPath: path, contents: data) else {
            preconditionFailure("cannot write \(path)")
        }
        _ = try? PolicyLoader.load(path, knownTools: Set(ScannerRegistry.ids), environment: [:])
        _ = try? TriageFile.load(path: path)
    }
}
