import Hummingbird

/// Each request's context: Hummingbird's, the connection's peer, and what the guard decided about
/// the request (its caller, its page session, its form).
struct ServerContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The address the connection comes from (a proxy's, behind one).
    let peer: String?
    /// Who made the request: a token's owner, or the person at this machine on a loopback server
    /// without tokens; nil until the guard has decided (and on the login page before login).
    var caller: Caller?
    /// The page session the request belongs to, if any (never for the API).
    var session: Session?
    /// The client's address as the login throttle counts it.
    var client = "unknown"
    /// The posted form of a page request, already checked for its CSRF token.
    var form: FormFields?
    /// How cookies are set on this request's answer.
    var cookies = SessionCookie(secure: false)

    init(source: Source) {
        coreContext = .init(source: source)
        peer = source.channel.remoteAddress?.ipAddress
    }

    /// Uploads are limited by the server's settings, checked where the body is read.
    var maxUploadSize: Int { 256 << 20 }
}
