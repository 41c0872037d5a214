import Foundation
import Hummingbird
import Logging
import WardApp

/// `ward serve`: the HTTP API and pages over the history, on one address.
public struct WardServer: Sendable {
    /// Where to listen and what to serve.
    public let settings: ServerSettings

    /// Creates the server.
    public init(settings: ServerSettings) {
        self.settings = settings
    }

    /// Serves until the task is cancelled or the process is asked to stop; `ready` is told the
    /// port once it is bound. Every task of the server runs on ``ServerExecutor``.
    public func run(ready: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        try await withTaskExecutorPreference(ServerExecutor.shared) {
            try await serve(ready: ready)
        }
    }

    private func serve(ready: @escaping @Sendable (Int) async -> Void) async throws {
        // One history for every request: SQLite's pool of readers, or PostgreSQL connections kept open.
        var settings = settings
        settings.paths = try settings.paths.keepingHistoryOpen()
        let tokens = TokenService(WardContext(paths: settings.paths))
        if !settings.isLoopback, try !tokens.anyActive() {
            throw ServerError.tokensRequired(address: settings.host)
        }
        let hosts = BoundHosts(AllowedHosts(settings: settings, boundPort: settings.port))
        let router = Router(context: ServerContext.self)
        let sessions = SessionStore(idleTimeout: settings.sessionIdleTimeout, lifetime: settings.sessionLifetime)
        let access = AccessControl(requiresToken: settings.requiresTokens, tokens: tokens, sessions: sessions)
        router.add(middleware: RequestGuard(settings: settings, hosts: hosts, access: access, proxy: TrustedProxy(addresses: settings.trustedProxies)))
        APIRoutes(settings: settings).register(on: router)
        PageRoutes(settings: settings).register(on: router)
        SessionRoutes(settings: settings, access: access, throttle: LoginThrottle(limit: settings.loginFailureLimit, window: settings.loginWindow)).register(on: router)
        UploadRoute(settings: settings).register(on: router)
        var logger = Logger(label: "ward-server")
        logger.logLevel = .warning
        let served = settings
        let app = Application(
            router: router,
            configuration: ApplicationConfiguration(address: .hostname(served.host, port: served.port), serverName: nil),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? served.port
                hosts.update(AllowedHosts(settings: served, boundPort: port))
                await ready(port)
            },
            logger: logger
        )
        try await app.runService()
    }
}
