import Foundation
import WardCore
import WardScanners
import WardStorage

/// What every front end sets up once before it calls a service.
public enum WardRuntime {
    /// Tools' temporary files go under the data directory's `run`, and a termination signal takes
    /// every tool's process group down with Ward.
    public static func prepare(_ paths: WardPaths) {
        RunDirectory.use(root: paths.dataDirectory + "/run")
        ProcessSupervisor.installTerminationHandlers()
    }

    /// Waits for the work a command left running on threads of its own (the history's checkpoint
    /// after a recording, ``BackgroundCheckpoints``): every front end that exits calls it first.
    public static func finish() {
        BackgroundCheckpoints.waitForAll()
    }

    /// Opens the history a scan is recorded in (SQLite, or PostgreSQL through ``openHistory(_:variables:)``);
    /// nil when the scan is not to be `recorded`, so that a scan no history keeps (a pre-commit
    /// hook's) never opens or creates one.
    static func openDatabase(_ paths: WardPaths, recorded: Bool = true) throws(AppError) -> (any HistoryStore)? {
        guard recorded else { return nil }
        return try openHistory(paths)
    }

    /// The project's key for identifying secrets (``FingerprintKey``): `WARD_FINGERPRINT_KEY`, else
    /// the published default; the same for every database, so identities agree everywhere.
    static func secretKey(environment: [String: String] = ProcessInfo.processInfo.environment) throws(AppError) -> [UInt8] {
        guard let key = FingerprintKey.resolve(environment) else {
            throw .invalidRequest(reason: "\(FingerprintKey.variable) must be at least \(FingerprintKey.minimumLength) characters")
        }
        return key.bytes
    }
}
