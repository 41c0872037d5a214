import WardReporters

/// The part of every page's navigation that says who is logged in, with a button to log out
/// (a form posting the session's CSRF token); empty without a session that began with a login.
enum SessionBar {
    /// The bar of the page being rendered (``Session/current``).
    static var html: String {
        guard let session = Session.current, session.tokenID != nil else { return "" }
        let who = HTMLText.escape(session.caller.owner ?? "")
        return "<form method=\"post\" action=\"/logout\" class=\"session\" id=\"logout\">\(CSRF.hiddenField(session.csrfToken))"
            + "<span class=\"who\">\(who) (\(session.caller.role.rawValue))</span> <button type=\"submit\">Log out</button></form>"
    }
}
