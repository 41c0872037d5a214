import Foundation
import Hummingbird
import WardApp
import WardCore

/// Decides who a request comes from. The API knows only bearer tokens: a request with one is its
/// holder's, if the token is valid and unrevoked; without one, only a loopback server answers, as
/// the person at this machine. A session cookie never speaks for the API. Pages also accept the
/// session a login with a token began, for as long as the token stays unrevoked.
struct AccessControl: Sendable {
    /// Why a request was refused.
    struct Refusal: Error {
        let message: String
    }

    /// Who a page request comes from.
    enum PageCaller {
        /// A bearer token's holder (no session: such a request may read, but not post forms).
        case bearer(Caller)
        /// A live session's.
        case session(Session)
        /// Nobody known yet.
        case anonymous
    }

    /// Whether every request needs a token (any address but loopback, or `--require-tokens`).
    let requiresToken: Bool
    /// Checks tokens against the history's.
    let tokens: TokenService
    /// The page sessions.
    let sessions: SessionStore

    func caller(for request: Request) -> Result<Caller, Refusal> {
        guard let header = request.headers[.authorization] else {
            return requiresToken ? .failure(Refusal(message: "a bearer token is required (Authorization: Bearer TOKEN)")) : .success(.local)
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            return .failure(Refusal(message: "the Authorization header must be 'Bearer TOKEN'"))
        }
        switch authenticate(String(parts[1]).trimmingCharacters(in: .whitespaces)) {
        case .success(let token?): return .success(Caller(token))
        case .success(nil): return .failure(Refusal(message: "the token is unknown or revoked"))
        case .failure(let refusal): return .failure(refusal)
        }
    }

    /// The unrevoked token with this secret (its last use recorded), nil when there is none.
    func authenticate(_ secret: String) -> Result<APIToken?, Refusal> {
        do {
            return .success(try tokens.authenticate(secret))
        } catch {
            return .failure(Refusal(message: "the token could not be checked"))
        }
    }

    /// Who a page request comes from: its bearer token's holder, else its session's (ended here when
    /// its token has been revoked), else nobody.
    func pageCaller(for request: Request, cookies: SessionCookie) -> Result<PageCaller, Refusal> {
        if request.headers[.authorization] != nil {
            return caller(for: request).map { .bearer($0) }
        }
        guard let id = cookies.value(SessionCookie.session, in: request), let session = sessions.session(id: id) else {
            return .success(.anonymous)
        }
        guard let tokenID = session.tokenID else { return .success(.session(session)) }
        do {
            guard try tokens.list().contains(where: { $0.id == tokenID && $0.revokedAt == nil }) else {
                sessions.end(id: session.id)
                return .success(.anonymous)
            }
        } catch {
            return .failure(Refusal(message: "the session's token could not be checked"))
        }
        return .success(.session(session))
    }
}
