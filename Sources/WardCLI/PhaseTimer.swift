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

    /// Prints the process's memory now: anonymous (heap, stacks) and file-backed resident pages (a
    /// memory-mapped report), and the peak resident size so far.
    func memory() {
        guard enabled, let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return }
        let fields = ["RssAnon", "RssFile", "VmHWM"].compactMap { name -> String? in
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(name + ":") }),
                  let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else { return nil }
            return String(format: "%@ %.1f MB", name, Double(kilobytes) / 1024)
        }
        FileHandle.standardError.write(Data(("ward: memory " + fields.joined(separator: ", ") + "\n").utf8))
    }
}
