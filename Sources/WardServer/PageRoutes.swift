import Foundation
import HTTPTypes
import Hummingbird
import WardApp

/// The pages, rendered on the server from the same services as the API.
struct PageRoutes: Sendable {
    let settings: ServerSettings

    func register(on router: Router<ServerContext>) {
        router.get("static/ward.css") { _, _ in
            Self.response(PageLayout.stylesheet, type: "text/css; charset=utf-8")
        }
        // Browsers ask for an icon on their own; there is none, and saying so with 404 is a console error.
        router.get("favicon.ico") { _, _ in Response(status: .noContent) }
        router.get("findings/:id") { _, context in
            let identity = try context.parameters.require("id")
            do {
                let story = try HistoryService(paths: settings.paths).story(finding: identity, target: nil)
                return Self.response(FindingPage(story: story.value).html, type: "text/html; charset=utf-8")
            } catch {
                let page = PageLayout.document(title: "Not found", body: "<h1>No such finding</h1>")
                return Self.response(page, type: "text/html; charset=utf-8", status: .notFound)
            }
        }
    }

    static func response(_ text: String, type: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: type], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
