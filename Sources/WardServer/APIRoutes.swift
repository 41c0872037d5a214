import Foundation
import HTTPTypes
import Hummingbird
import WardApp
import WardCore
import WardReporters

/// The JSON API under `/api/v1`, answered by the services the command line calls, in the JSON the
/// command line's `--format json` writes (`schemas/ward-api.openapi.json`).
struct APIRoutes: Sendable {
    let settings: ServerSettings
    var history: HistoryService { HistoryService(paths: settings.paths) }

    func register(on router: Router<ServerContext>) {
        let api = router.group("api/v1")
        api.get("openapi.json") { _, _ in try serve { try OpenAPIDocument.data() } }
        api.get("ward-report.schema.json") { _, _ in try serve { try OpenAPIDocument.reportSchema() } }
        api.get("findings") { request, _ in try findings(request) }
        api.get("findings/:id") { _, context in try story(context.parameters.require("id")) }
        api.post("findings/:id/triage") { request, context in
            try await TriageRoute(settings: settings).triage(request, identity: context.parameters.require("id"), caller: context.caller)
        }
        api.get("scans") { request, _ in try scans(request) }
        api.get("scans/:id") { _, context in try scan(context.parameters.require("id")) }
        api.get("diff") { request, _ in
            try serve {
                let parameters = request.uri.queryParameters
                let diff = try history.diff(from: parameters.get("from"), to: parameters.get("to"), target: parameters.get("target"))
                return try DiffReport.render(diff, format: "json", options: RenderOptions())
            }
        }
        api.get("trends") { request, _ in try trends(request) }
        api.get("targets") { _, _ in try serve { try DashboardDocument.data(try Dashboard.load(settings: settings)) } }
        api.get("scans/:id/gate") { _, context in
            let id = try context.parameters.require("id")
            return try serve { try ScanGateDocument.data(try ScanGate.load(settings: settings, scan: id)) }
        }
    }

    private func findings(_ request: Request) throws -> Response {
        var next: String?
        let response = try serve {
            let parameters = request.uri.queryParameters
            let page = try FindingsPage(parameters)
            let found = try history.findingsPage(try page.query(), inScan: page.scan)
            next = found.next.map { FindingsPage.link(path: request.uri.path, parameters: parameters, cursor: $0) }
            return try HistoryReport.findings(found.findings, format: "json", options: RenderOptions())
        }
        guard let next else { return response }
        var linked = response
        linked.headers[HTTPField.Name("Link")!] = "<\(next)>; rel=\"next\""
        return linked
    }

    private func story(_ identity: String) throws -> Response {
        try serve {
            var probe = FindingQuery(limit: 1)
            probe.identityPrefix = identity
            guard identity.count >= 8, try !history.findings(probe).value.isEmpty else {
                throw AppError.invalidRequest(reason: "no finding with identity '\(identity.prefix(80))'")
            }
            return try StoryReport.render(try history.story(finding: identity, target: nil), format: "json", options: RenderOptions())
        } notFoundWhen: { identity.count < 8 || $0.description.hasPrefix("no finding") }
    }

    private func scans(_ request: Request) throws -> Response {
        try serve {
            let parameters = request.uri.queryParameters
            let limit = try FindingsPage.number(parameters.get("limit"), name: "limit", range: 1...FindingsPage.maximumLimit) ?? FindingsPage.defaultLimit
            let query = ScanQuery(target: parameters.get("target"), branch: parameters.get("branch"), limit: limit)
            return try HistoryReport.scans(try history.scans(query), format: "json", options: RenderOptions())
        }
    }

    private func scan(_ id: String) throws -> Response {
        try serve { try HistoryReport.scans([try history.scan(id: id)], format: "json", options: RenderOptions()) }
    }

    private func trends(_ request: Request) throws -> Response {
        try serve {
            let parameters = request.uri.queryParameters
            let name = parameters.get("interval") ?? "week"
            guard let interval = TrendPoint.Interval(rawValue: name) else {
                throw AppError.invalidRequest(reason: "interval: expected \(TrendPoint.Interval.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            let trend = try history.trends(target: parameters.get("target"), interval: interval)
            return try TrendReport.render(trend.points, target: trend.target, interval: interval, format: "json", options: RenderOptions())
        }
    }
}

/// Runs `body`, answering its document as JSON and a service's refusal as an error document
/// (404 when `notFoundWhen` says the refusal means nothing was found).
func serve(_ body: () throws -> Data, notFoundWhen: (AppError) -> Bool = { _ in false }) throws -> Response {
    do {
        return APIResponse.json(try body())
    } catch let error as AppError {
        return notFoundWhen(error) ? APIResponse.error(.notFound, error.description) : APIResponse.error(error)
    } catch let error as ReporterError {
        return APIResponse.error(.internalServerError, String(describing: error))
    }
}
