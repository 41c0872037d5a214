import Foundation
import Synchronization

/// Counts failed logins per client address: after ``limit`` failures within ``window`` the address
/// must wait until the oldest of them leaves the window, whatever token it sends, so tokens cannot
/// be guessed quickly. A success does not clear the count.
final class LoginThrottle: Sendable {
    private let failures = Mutex<[String: [Date]]>([:])
    /// Failures allowed in one window.
    let limit: Int
    /// The window's length.
    let window: TimeInterval
    /// The most addresses remembered; past it, addresses with no failure in the window are forgotten.
    let capacity = 50_000

    init(limit: Int, window: TimeInterval) {
        self.limit = max(limit, 1)
        self.window = window
    }

    /// The seconds `client` must still wait before trying again; nil when it may try now.
    func retryAfter(client: String, now: Date = Date()) -> Int? {
        failures.withLock { failures in
            let recent = (failures[client] ?? []).filter { now.timeIntervalSince($0) < window }
            guard recent.count >= limit, let oldest = recent.first else { return nil }
            return max(1, Int((window - now.timeIntervalSince(oldest)).rounded(.up)))
        }
    }

    /// Counts a failed login of `client`.
    func recordFailure(client: String, now: Date = Date()) {
        failures.withLock { failures in
            if failures.count >= capacity {
                failures = failures.filter { $0.value.contains { now.timeIntervalSince($0) < window } }
            }
            var recent = (failures[client] ?? []).filter { now.timeIntervalSince($0) < window }
            recent.append(now)
            failures[client] = Array(recent.suffix(limit))
        }
    }
}
