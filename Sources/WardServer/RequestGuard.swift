import Foundation
import Hummingbird
import Synchronization

/// Runs before every route: refuses requests whose `Host` or `Origin` (or, posting, `Referer`) is
/// not the server's own, decides who the caller is, holds page requests to their session and their
/// forms to its CSRF token, and puts the security headers on every answer, errors included.
struct RequestGuard: RouterMiddleware {
    typealias Context = ServerContext

    let settings: ServerSettings
    let hosts: BoundHosts
    let access: AccessControl
    let proxy: TrustedProxy

    func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response) async throws -> Response {
        var response = await answer(request, context: context, next: next)
        SecurityHeaders.apply(to: &response.headers)
        return response
    }

    private func answer(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response) async -> Response {
        let posting = request.method != .get && request.method != .head
        guard hosts.current.accepts(host: request.head.authority, origin: request.headers[.origin],
                                    referer: posting ? request.headers[.referer] : nil) else {
            return APIResponse.error(.forbidden, "this server answers requests to its own address only (Host or Origin refused)")
        }
        guard Self.isPage(request.uri.path) else {
            var context = context
            switch access.caller(for: request) {
            case .success(let caller): context.caller = caller
            case .failure(let refusal): return APIResponse.error(.unauthorized, refusal.message)
            }
            return await Self.run(next, request, context)
        }
        return await page(request, context: context, next: next)
    }

    /// A page request: its caller from a bearer token or a session (made on the spot for the person at
    /// a loopback server without tokens); without either, only the login page and the stylesheet
    /// answer. A post must carry its session's CSRF token (the login form, its cookie's).
    private func page(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response) async -> Response {
        var request = request, context = context
        let path = request.uri.path, posting = request.method != .get && request.method != .head
        context.client = proxy.client(request, peer: context.peer)
        context.cookies = SessionCookie(settings: settings, proxy: proxy, request: request, peer: context.peer)
        var issued: Session?
        switch access.pageCaller(for: request, cookies: context.cookies) {
        case .failure(let refusal): return PageAnswer.refusal(.unauthorized, refusal.message)
        case .success(.bearer(let caller)): context.caller = caller
        case .success(.session(let session)): (context.caller, context.session) = (session.caller, session)
        case .success(.anonymous) where !access.requiresToken:
            context.caller = .local
            if !Self.isPublic(path) {
                issued = access.sessions.create(for: .local, tokenID: nil)
                context.session = issued
            }
        case .success(.anonymous) where Self.isPublic(path): break
        case .success(.anonymous):
            guard !posting else { return PageAnswer.refusal(.forbidden, "log in first") }
            return PageAnswer.redirect(to: PageAnswer.login(returningTo: request.uri.description))
        }
        if posting {
            let form = await FormFields.read(&request)
            let expected = path == "/login" ? context.cookies.value(SessionCookie.login, in: request) : context.session?.csrfToken
            guard CSRF.matches(form?[CSRF.field], expected) else {
                return PageAnswer.refusal(.forbidden, "the form was refused: it did not carry this session's CSRF token (reload the page and try again)")
            }
            context.form = form
        }
        let answered = context
        var response = await Session.$current.withValue(answered.session) { await Self.run(next, request, answered) }
        if let issued { response.headers[values: .setCookie].append(context.cookies.set(SessionCookie.session, issued.id)) }
        return response
    }

    private static func run(_ next: (Request, ServerContext) async throws -> Response, _ request: Request, _ context: ServerContext) async -> Response {
        do {
            return try await next(request, context)
        } catch let error as any HTTPResponseError {
            return APIResponse.error(error.status, error.status.reasonPhrase)
        } catch {
            return APIResponse.error(.internalServerError, "internal error")
        }
    }

    /// Whether `path` is a page's (not the API's).
    static func isPage(_ path: String) -> Bool {
        path != "/api" && !path.hasPrefix("/api/")
    }

    /// Whether `path` answers without a session: the login form, the stylesheet and the (absent) icon.
    static func isPublic(_ path: String) -> Bool {
        path == "/login" || path.hasPrefix("/static/") || path == "/favicon.ico"
    }
}

/// The hosts the server accepts, known once the port is bound.
final class BoundHosts: Sendable {
    private let hosts: Mutex<AllowedHosts>

    init(_ hosts: AllowedHosts) {
        self.hosts = Mutex(hosts)
    }

    var current: AllowedHosts { hosts.withLock { $0 } }

    func update(_ hosts: AllowedHosts) { self.hosts.withLock { $0 = hosts } }
}
