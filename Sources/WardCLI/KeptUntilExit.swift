import Synchronization

/// Values a command leaves for the process's exit to reclaim instead of freeing them itself.
///
/// Every command that gates a scan exits once its reports are written. Freeing the scan first
/// would release each of its findings' strings one at a time: a third of a second for 200,000
/// findings, longer than writing their JSON report takes, for memory the kernel takes back at once.
enum KeptUntilExit {
    private static let values = Mutex<[any Sendable]>([])

    /// Keeps `value` alive until the process exits.
    static func keep(_ value: some Sendable) {
        values.withLock { $0.append(value) }
    }
}
