import Foundation
import Hummingbird

/// The cookies of page sessions: the session's id and, before login, the login form's CSRF token.
/// Both are `HttpOnly; SameSite=Strict; Path=/`, and, when the public URL is https or a trusted
/// proxy says the request came over https, `Secure` with the `__Host-` prefix, so that browsers
/// refuse them from plain http and from any other host or path (a sibling subdomain cannot set one).
struct SessionCookie: Sendable {
    /// The session id's cookie.
    static let session = "ward_session"
    /// The login form's CSRF token (the form has no session yet: the field must match this cookie).
    static let login = "ward_login"

    /// Whether the response's cookies are `Secure`.
    let secure: Bool

    init(secure: Bool) {
        self.secure = secure
    }

    init(settings: ServerSettings, proxy: TrustedProxy, request: Request, peer: String?) {
        secure = settings.isHTTPS || proxy.saysHTTPS(request, peer: peer)
    }

    /// The `Set-Cookie` value giving `name` the value `value` for the browser's session (or for
    /// `maxAge` seconds).
    func set(_ name: String, _ value: String, maxAge: Int? = nil) -> String {
        var cookie = "\(sent(name))=\(value); Path=/; HttpOnly; SameSite=Strict"
        if let maxAge { cookie += "; Max-Age=\(maxAge)" }
        if secure { cookie += "; Secure" }
        return cookie
    }

    /// The `Set-Cookie` value removing `name`.
    func clear(_ name: String) -> String {
        set(name, "", maxAge: 0)
    }

    /// The value of the request's cookie `name` (under its prefix when secure), nil when absent or empty.
    func value(_ name: String, in request: Request) -> String? {
        guard let value = request.cookies[sent(name)]?.value, !value.isEmpty, value.utf8.count <= 128 else { return nil }
        return value
    }

    /// The name `name` has on the wire: `__Host-` prefixed when secure.
    func sent(_ name: String) -> String {
        secure ? "__Host-" + name : name
    }
}
