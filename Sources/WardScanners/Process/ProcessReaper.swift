import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Waits for a child on a dedicated thread and enforces its deadline with a timer of its own, so
/// neither depends on Swift's cooperative thread pool being free: a busy pool (a large report being
/// parsed) can delay when the caller resumes, never when a hung tool is killed.
enum ProcessReaper {
    /// How a wait ended.
    struct Result: Sendable {
        /// The raw wait status.
        var status: Int32
        /// Whether the deadline fired.
        var timedOut: Bool
        /// When the child was reaped.
        var finished: ContinuousClock.Instant
    }

    /// Waits for `pid`; at `timeout` sends SIGTERM to its process group, after `gracePeriod` SIGKILL.
    /// When the child exits, whatever is left of its group is killed. Cancelling the task kills the group.
    static func wait(for pid: pid_t, timeout: Duration, gracePeriod: Duration) async -> Result {
        let fired = FiredFlag()
        let timer = DispatchSource.makeTimerSource(queue: .global())
        timer.schedule(deadline: .now() + .nanoseconds(Int(nanoseconds(timeout))))
        timer.setEventHandler {
            fired.set()
            kill(-pid, SIGTERM)
            DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(Int(nanoseconds(gracePeriod)))) { kill(-pid, SIGKILL) }
        }
        timer.resume()
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result, Never>) in
                let thread = Thread {
                    var status: Int32 = 0
                    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
                    let finished = ContinuousClock.now
                    kill(-pid, SIGKILL)
                    continuation.resume(returning: Result(status: status, timedOut: fired.value, finished: finished))
                }
                thread.name = "ward-reaper-\(pid)"
                thread.start()
            }
        } onCancel: {
            fired.set()
            kill(-pid, SIGTERM)
            DispatchQueue.global().asyncAfter(deadline: .now() + .seconds(1)) { kill(-pid, SIGKILL) }
        }
        timer.cancel()
        return result
    }

    private static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return min(seconds, Int64.max / 1_000_000_000 - 1) * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}

/// A flag set from one thread and read from another.
final class FiredFlag: Sendable {
    private let isSet = Atomic<Bool>(false)

    func set() {
        isSet.store(true, ordering: .releasing)
    }

    var value: Bool {
        isSet.load(ordering: .acquiring)
    }
}
