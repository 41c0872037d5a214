import Foundation
import Hummingbird
import WardApp
import WardCore

/// `POST /findings/{id}/triage` from the finding page's form: records the decision through the same
/// service as `ward triage` (the author is the session's token owner, or the local author on a
/// loopback server), then sends the browser back to the finding, where the decision now shows.
struct TriageFormRoute: Sendable {
    let settings: ServerSettings

    func record(identity: String, context: ServerContext) async -> Response {
        guard let caller = context.caller, context.session != nil, caller.role.mayTriage else {
            return PageAnswer.refusal(.forbidden, "this session may not record triage decisions")
        }
        let form = context.form
        guard let name = form?.text("state"), let state = TriageDecision.State(rawValue: name) else {
            let known = TriageDecision.State.allCases.map(\.rawValue).joined(separator: ", ")
            return PageAnswer.refusal(.badRequest, "state: expected one of \(known)")
        }
        do {
            let triaged = try await TriageService(WardContext(paths: settings.paths))
                .decide(identity, state: state, reason: form?["reason"] ?? "", expires: form?.text("expires"), by: caller.owner,
                        target: form?.text("target"))
            return PageAnswer.redirect(to: TriageForm.page(triaged.identity) + "#decisions")
        } catch {
            if case .invalidRequest = error { return PageAnswer.refusal(.badRequest, error.description) }
            return PageAnswer.refusal(.unprocessableContent, error.description)
        }
    }
}
