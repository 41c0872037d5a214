import Foundation
import WardReporters

/// The login form: one field for an API token (the one `ward tokens create` showed), its CSRF
/// token, and where to go afterwards. A refused token is never written back into the page.
struct LoginPage {
    /// The form's CSRF token, also set as the ``SessionCookie/login`` cookie.
    let csrfToken: String
    /// The path to return to after logging in.
    let next: String
    /// Why the last attempt failed, if it did.
    var problem: String?

    var html: String {
        let e = HTMLText.escape
        var body = "<h1>Log in to Ward</h1>"
        if let problem { body += "<p class=\"problem\" id=\"login-problem\" role=\"alert\">\(e(problem))</p>" }
        body += """
            <form method="post" action="/login" id="login">\(CSRF.hiddenField(csrfToken))
            <input type="hidden" name="next" value="\(e(next))">
            <p><label for="token">API token</label><br>
            <input type="password" id="token" name="token" autocomplete="off" required size="50"></p>
            <p><button type="submit">Log in</button></p></form>
            <p>Make a token with <code>ward tokens create --owner NAME --role viewer|triager|uploader|admin</code>.
            The session lasts while you use it, and ends when you log out or the token is revoked.</p>
            """
        return PageLayout.document(title: "Log in", body: body)
    }
}
