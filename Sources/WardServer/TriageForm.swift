import Foundation
import WardCore
import WardReporters

/// The triage form of the finding page: state, reason and an optional expiry day, posted with the
/// session's CSRF token to `/findings/{identity}/triage`. Shown only to a session whose role may
/// record decisions.
struct TriageForm {
    /// The finding's full identity.
    let identity: String
    /// The finding's target, so the decision lands on this finding and no namesake elsewhere.
    let target: String
    /// The session's CSRF token.
    let csrfToken: String

    /// The form for `Session.current`, or nil when there is no session or it may not triage.
    init?(identity: String, target: String, session: Session? = Session.current) {
        guard let session, session.caller.role.mayTriage else { return nil }
        self.identity = identity
        self.target = target
        csrfToken = session.csrfToken
    }

    /// The finding's page.
    static func page(_ identity: String) -> String {
        "/findings/" + (identity.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? identity)
    }

    /// The form's address: the finding's page's, plus `/triage`.
    static func action(_ identity: String) -> String {
        page(identity) + "/triage"
    }

    var html: String {
        let e = HTMLText.escape
        let options = TriageDecision.State.allCases.map { "<option value=\"\(e($0.rawValue))\">\(e($0.rawValue))</option>" }.joined()
        return """
            <h2 id="triage">Triage</h2>
            <form method="post" action="\(e(Self.action(identity)))" class="triage" id="triage-form">\(CSRF.hiddenField(csrfToken))
            <input type="hidden" name="target" value="\(e(target))">
            <p><label for="triage-state">State</label> <select id="triage-state" name="state">\(options)</select></p>
            <p><label for="triage-reason">Reason</label> <input type="text" id="triage-reason" name="reason" required maxlength="\(TriageDecision.maximumReasonLength)" size="60"></p>
            <p><label for="triage-expires">Expires</label> <input type="date" id="triage-expires" name="expires"> (optional, the decision lasts through that day)</p>
            <p><button type="submit">Record decision</button></p></form>
            """
    }
}
