import Foundation
import Synchronization

/// Measures the phases of a command for `--timings`.
final class PhaseTimer: Sendable {
    /// Whether to print anything.
    let enabled: Bool
    private let last = Mutex(ContinuousClock.now)

    init(enabled: Bool) {
        self.enabled = enabled
    }

    /// Prints how long the phase that just ended took, and starts the next.
    func lap(_ phase: String) {
        let now = ContinuousClock.now
        let elapsed = last.withLock { last in
            defer { last = now }
            return now - last
        }
        guard enabled else { return }
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        FileHandle.standardError.write(Data(String(format: "ward: timing %@ %.3f s\n", phase, seconds).utf8))
    }
}
