import Foundation
import Hummingbird
import Synchronization

/// Runs before every route: refuses requests whose `Host` or `Origin` is not the server's own,
/// decides who the caller is, and puts the security headers on every answer, errors included.
struct RequestGuard: RouterMiddleware {
    typealias Context = ServerContext

    let settings: ServerSettings
    let hosts: BoundHosts
    let access: AccessControl

    func handle(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response) async throws -> Response {
        var response = await answer(request, context: context, next: next)
        SecurityHeaders.apply(to: &response.headers)
        return response
    }

    private func answer(_ request: Request, context: ServerContext, next: (Request, ServerContext) async throws -> Response) async -> Response {
        guard hosts.current.accepts(host: request.head.authority, origin: request.headers[.origin]) else {
            return APIResponse.error(.forbidden, "this server answers requests to its own address only (Host or Origin refused)")
        }
        var context = context
        switch access.caller(for: request) {
        case .success(let caller): context.caller = caller
        case .failure(let refusal): return APIResponse.error(.unauthorized, refusal.message)
        }
        do {
            return try await next(request, context)
        } catch let error as any HTTPResponseError {
            return APIResponse.error(error.status, error.status.reasonPhrase)
        } catch {
            return APIResponse.error(.internalServerError, "internal error")
        }
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
