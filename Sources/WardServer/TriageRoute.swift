import Foundation
import Hummingbird
import WardApp
import WardCore
import WardReporters

/// `POST /api/v1/findings/{id}/triage`: records a reviewer's decision through the same service as
/// `ward triage`, with the caller's token owner as its author, and answers the finding's story.
struct TriageRoute: Sendable {
    let settings: ServerSettings

    /// The decision as the request states it.
    struct Body: Decodable {
        var state: String
        var reason: String
        var expires: String?
        var target: String?
    }

    /// The most bytes a decision's request may hold.
    static let maximumBody = 16 << 10

    func triage(_ request: Request, identity: String, caller: Caller?) async throws -> Response {
        guard let caller, caller.role.mayTriage else { return APIResponse.error(.forbidden, "this token may not record triage decisions") }
        let body: Body
        do {
            let bytes = try await request.body.collect(upTo: Self.maximumBody)
            body = try JSONDecoder().decode(Body.self, from: Data(bytes.readableBytesView))
        } catch {
            return APIResponse.error(.badRequest, "expected a JSON object with 'state' and 'reason' (and optional 'expires', 'target')")
        }
        guard let state = TriageDecision.State(rawValue: body.state) else {
            let known = TriageDecision.State.allCases.map(\.rawValue).joined(separator: ", ")
            return APIResponse.error(.badRequest, "state: expected one of \(known)")
        }
        let service = TriageService(WardContext(paths: settings.paths))
        do {
            let triaged = try await service.decide(identity, state: state, reason: body.reason, expires: body.expires, by: caller.owner,
                                                   target: body.target)
            let story = try HistoryService(paths: settings.paths).story(finding: triaged.identity, target: triaged.target)
            return APIResponse.json(try StoryReport.render(story, format: "json", options: RenderOptions()), status: .created)
        } catch let error as AppError {
            return APIResponse.error(error)
        }
    }
}
