import Foundation
import HTTPTypes
import Hummingbird
import WardApp

/// Logging in to the pages with an API token, logging out, and the finding page's triage form.
/// ``RequestGuard`` has already checked every post's CSRF token and found the session.
struct SessionRoutes: Sendable {
    let settings: ServerSettings
    let access: AccessControl
    let throttle: LoginThrottle

    func register(on router: Router<ServerContext>) {
        router.get("login") { request, context in
            loginForm(next: request.uri.queryParameters.get("next"), token: context.cookies.value(SessionCookie.login, in: request), context: context)
        }
        router.post("login") { request, context in logIn(context, token: context.cookies.value(SessionCookie.login, in: request)) }
        router.post("logout") { request, context in
            if let session = context.session { access.sessions.end(id: session.id) }
            var response = PageAnswer.redirect(to: "/login")
            response.headers[values: .setCookie].append(context.cookies.clear(SessionCookie.session))
            return response
        }
        router.post("findings/:id/triage") { _, context in
            await TriageFormRoute(settings: settings).record(identity: try context.parameters.require("id"), context: context)
        }
    }

    /// The login form with its CSRF token in its field and its cookie: the browser's own, when it
    /// has one (another tab, or the browser's request for an icon, must not void an open form), else new.
    private func loginForm(next: String?, token: String?, problem: String? = nil, status: HTTPResponse.Status = .ok,
                           context: ServerContext) -> Response {
        let token = token.flatMap { Self.isRandomText($0) ? $0 : nil } ?? TokenService.randomText(bytes: 32)
        let page = LoginPage(csrfToken: token, next: PageAnswer.localPath(next), problem: problem)
        var response = PageRoutes.response(page.html, type: "text/html; charset=utf-8", status: status)
        response.headers[values: .setCookie].append(context.cookies.set(SessionCookie.login, token))
        return response
    }

    /// Checks the posted token: a client past its failed-login limit waits (429 with `Retry-After`);
    /// a wrong, revoked or malformed token gets one answer, whichever it was; a valid one begins a
    /// session and goes on to the page the login was for.
    private func logIn(_ context: ServerContext, token formToken: String?) -> Response {
        let form = context.form, next = form?["next"]
        if let wait = throttle.retryAfter(client: context.client) {
            var response = loginForm(next: next, token: formToken, problem: "Too many failed logins from this address: try again in \(wait) seconds.",
                                     status: .tooManyRequests, context: context)
            response.headers[.retryAfter] = String(wait)
            return response
        }
        let secret = form?.text("token") ?? ""
        guard case .success(let token?) = access.authenticate(secret) else {
            throttle.recordFailure(client: context.client)
            return loginForm(next: next, token: formToken, problem: "That token was not accepted.", status: .unauthorized, context: context)
        }
        if let old = context.session { access.sessions.end(id: old.id) }
        let session = access.sessions.create(for: Caller(token), tokenID: token.id)
        var response = PageAnswer.redirect(to: PageAnswer.localPath(next))
        response.headers[values: .setCookie].append(context.cookies.set(SessionCookie.session, session.id))
        response.headers[values: .setCookie].append(context.cookies.clear(SessionCookie.login))
        return response
    }

    /// Whether `text` looks like ``TokenService/randomText(bytes:)`` of 32 bytes.
    static func isRandomText(_ text: String) -> Bool {
        text.utf8.count == 43 && text.utf8.allSatisfy { $0.isASCIIAlphanumeric || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") }
    }
}

private extension UInt8 {
    var isASCIIAlphanumeric: Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(self) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(self)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self)
    }
}
