import Foundation

/// Measures the phases of a command for `--timings`.
struct PhaseTimer {
    /// Whether to print anything.
    let enabled: Bool
    private var last = ContinuousClock.now

    init(enabled: Bool) {
        self.enabled = enabled
    }

    /// Prints how long the phase that just ended took, and starts the next.
    mutating func lap(_ phase: String) {
        let now = ContinuousClock.now
        if enabled {
            let elapsed = now - last
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            FileHandle.standardError.write(Data(String(format: "ward: timing %@ %.3f s\n", phase, seconds).utf8))
        }
        last = now
    }
}
