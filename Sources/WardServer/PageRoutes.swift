import Foundation
import HTTPTypes
import Hummingbird
import WardApp
import WardCore
import WardReporters

/// The pages, rendered on the server from the same services as the API.
struct PageRoutes: Sendable {
    let settings: ServerSettings
    var history: HistoryService { HistoryService(paths: settings.paths) }

    func register(on router: Router<ServerContext>) {
        router.get("static/ward.css") { _, _ in
            Self.response(PageLayout.stylesheet, type: "text/css; charset=utf-8")
        }
        // Browsers ask for an icon; an empty answer keeps their consoles free of a failed load.
        router.get("favicon.ico") { _, _ in Response(status: .noContent) }
        router.get("/") { _, _ in page { DashboardPage(dashboard: try Dashboard.load(settings: settings)).html } }
        router.get("findings") { request, _ in page { try findings(request) } }
        router.get("findings/:id") { _, context in
            let identity = try context.parameters.require("id")
            do {
                let story = try history.story(finding: identity, target: nil)
                return Self.response(FindingPage(story: story.value).html, type: "text/html; charset=utf-8")
            } catch {
                return Self.failure(.notFound, "No such finding")
            }
        }
        router.get("scans/:id") { _, context in
            let id = try context.parameters.require("id")
            return page { try scan(id) }
        }
        router.get("diff") { request, _ in
            let parameters = request.uri.queryParameters
            return page { DiffPage(diff: try history.diff(from: parameters.get("from"), to: parameters.get("to"), target: parameters.get("target")).value).html }
        }
    }

    private func findings(_ request: Request) throws(AppError) -> String {
        let kept = request.uri.queryParameters.filter { !$0.value.isEmpty }
        let page = try FindingsPage(Parameters(kept))
        let listing = try history.findingsPage(try page.query(), inScan: page.scan)
        return FindingListPage(listing: listing, parameters: kept.map { (String($0.key), String($0.value)) },
                               targets: try history.targets(limit: Dashboard.maximumTargets)).html
    }

    private func scan(_ id: String) throws(AppError) -> String {
        let scanGate = try ScanGate.load(settings: settings, scan: id)
        let scan = scanGate.scan
        let findings = try history.findingsPage(FindingQuery(scanID: scan.scanID, limit: FindingsPage.defaultLimit))
        let previous = try history.scans(ScanQuery(target: scan.target.name, startedNoLaterThan: scan.startedAt,
                                                   excludingScanID: scan.scanID, limit: 1)).first
        return ScanPage(scanGate: scanGate, findings: findings, previous: previous).html
    }

    /// The page `body` renders, or a page saying why there is none (404 for an unknown scan, 400 for
    /// a refused request).
    private func page(_ body: () throws -> String) -> Response {
        do {
            return Self.response(try body(), type: "text/html; charset=utf-8")
        } catch {
            guard let error = error as? AppError else { return Self.failure(.internalServerError, "the page could not be made") }
            switch error {
            case .unknownScan, .noScanRecorded: return Self.failure(.notFound, error.description)
            case .invalidRequest: return Self.failure(.badRequest, error.description)
            default: return Self.failure(.unprocessableContent, error.description)
            }
        }
    }

    static func failure(_ status: HTTPResponse.Status, _ message: String) -> Response {
        let page = PageLayout.document(title: "Error", body: "<h1>\(HTMLText.escape(status.reasonPhrase))</h1><p class=\"error\">\(HTMLText.escape(message))</p>")
        return response(page, type: "text/html; charset=utf-8", status: status)
    }

    static func response(_ text: String, type: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: type], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
