import Hummingbird

/// Each request's context: Hummingbird's, and who made the request once the guard knows it.
struct ServerContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// Who made the request: a token's owner, or the person at this machine on a loopback server
    /// without tokens; nil until the guard has decided.
    var caller: Caller?

    init(source: Source) {
        coreContext = .init(source: source)
    }

    /// Uploads are limited by the server's settings, checked where the body is read.
    var maxUploadSize: Int { 256 << 20 }
}
