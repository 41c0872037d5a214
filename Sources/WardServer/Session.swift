import Foundation

/// A signed-in browser: who it is, the token it logged in with, and the CSRF token its forms carry.
/// Held in the server's memory only (``SessionStore``); the browser holds just ``id`` in a cookie.
struct Session: Sendable {
    /// The cookie's value: 256 random bits.
    let id: String
    /// The value every form of this session carries (``CSRF/field``): another 256 random bits.
    let csrfToken: String
    /// Who the session acts as: the token's owner and role, or the person at this machine.
    let caller: Caller
    /// The id of the API token it logged in with (revoking it ends the session); nil for the
    /// automatic session of the person at a loopback server.
    let tokenID: String?
    /// When it began; it ends ``ServerSettings/sessionLifetime`` later at the latest.
    let createdAt: Date
    /// When it last made a request; it ends after ``ServerSettings/sessionIdleTimeout`` without one.
    var lastSeenAt: Date

    /// The session the current page request belongs to, set by ``RequestGuard`` while the page is
    /// rendered, so that every page's frame can offer to log out and forms can carry the CSRF token.
    @TaskLocal static var current: Session?
}
