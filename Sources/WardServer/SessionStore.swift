import Foundation
import Synchronization
import WardApp

/// The server's page sessions, in memory: made at login (or, on a loopback server without tokens,
/// for the person at this machine), found by the cookie's id, ended by logout, by idling, by age,
/// or by revoking their token. At most ``capacity`` live at once; past it the least recently used goes.
final class SessionStore: Sendable {
    private let sessions = Mutex<[String: Session]>([:])
    private let idleTimeout: TimeInterval
    private let lifetime: TimeInterval
    /// The most sessions kept.
    let capacity: Int

    init(idleTimeout: TimeInterval, lifetime: TimeInterval, capacity: Int = 10_000) {
        self.idleTimeout = idleTimeout
        self.lifetime = lifetime
        self.capacity = capacity
    }

    /// Starts a session for `caller` with fresh random id and CSRF token.
    func create(for caller: Caller, tokenID: String?, now: Date = Date()) -> Session {
        let session = Session(id: TokenService.randomText(bytes: 32), csrfToken: TokenService.randomText(bytes: 32), caller: caller,
                              tokenID: tokenID, createdAt: now, lastSeenAt: now)
        sessions.withLock { sessions in
            // The least recently used goes first: an idle one, when any is (others expire on lookup).
            if sessions.count >= capacity, let oldest = sessions.values.min(by: { $0.lastSeenAt < $1.lastSeenAt }) {
                sessions[oldest.id] = nil
            }
            sessions[session.id] = session
        }
        return session
    }

    /// The live session with this id, marked as used now; nil (and the session forgotten) when it
    /// is unknown, idle too long or too old.
    func session(id: String, now: Date = Date()) -> Session? {
        sessions.withLock { sessions in
            guard var session = sessions[id] else { return nil }
            guard isLive(session, at: now) else {
                sessions[id] = nil
                return nil
            }
            session.lastSeenAt = now
            sessions[id] = session
            return session
        }
    }

    /// Ends the session `id` (logout, or its token was revoked).
    func end(id: String) {
        _ = sessions.withLock { $0.removeValue(forKey: id) }
    }

    /// How many sessions are held, live or not yet swept.
    var count: Int { sessions.withLock { $0.count } }

    private func isLive(_ session: Session, at now: Date) -> Bool {
        now.timeIntervalSince(session.lastSeenAt) < idleTimeout && now.timeIntervalSince(session.createdAt) < lifetime
    }
}
