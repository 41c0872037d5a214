import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import TestSupport
import WardApp
import WardCore
import WardPostgres
import WardServer
import WardStorage

/// A history in a temporary folder (or the PostgreSQL database `postgres` names) with the demo scan
/// (and a later one) recorded, and a real server on a free loopback port over it.
final class ServerTestbed: Sendable {
    let directory: String
    let paths: WardPaths
    let port: Int
    private let task: Task<Void, any Error>

    /// The demo scan, and a later scan of the same target where the shell injection is fixed.
    static let scans: [ScanRun] = {
        var later = DemoScan.scan
        later.id = "5c0ffee0-0000-4000-8000-000000000002"
        later.startedAt = DemoScan.scan.startedAt.addingTimeInterval(86_400)
        later.finishedAt = DemoScan.scan.finishedAt.addingTimeInterval(86_400)
        later.findings.removeAll { $0.identity == DemoScan.Ids.shell }
        return [DemoScan.scan, later]
    }()

    /// `prepare` runs on the history before the server starts (to make the tokens an address off
    /// loopback needs); `configure` adjusts the settings.
    init(listen: String = "127.0.0.1:0", publicURL: String? = nil, requireTokens: Bool = false, postgres: PostgresSettings? = nil,
         scans: [ScanRun] = ServerTestbed.scans, prepare: (WardPaths) throws -> Void = { _ in },
         configure: (inout ServerSettings) throws -> Void = { _ in }) async throws {
        directory = try Fixtures.temporaryDirectory("ward-server")
        var environment = ["HOME": directory, "WARD_HOME": directory + "/home"]
        environment["PGPASSWORD"] = ProcessInfo.processInfo.environment["PGPASSWORD"]
        paths = WardPaths(databaseOption: postgres.map(TestPostgres.url) ?? directory + "/history.sqlite", environment: environment)
        let database: any HistoryStore
        if let postgres {
            _ = try await PostgresStore(settings: postgres).migrate()
            database = try PostgresHistory.open(settings: postgres)
        } else {
            database = try AppDatabase.open(path: paths.database)
        }
        for scan in scans { _ = try database.record(RedactionStage().redact(scan)) }
        try prepare(paths)
        var settings = try ServerSettings(paths: paths, listen: listen, publicURL: publicURL)
        settings.requireTokensOnLoopback = requireTokens
        try configure(&settings)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        task = Task {
            defer { continuation.finish() }
            try await WardServer(settings: settings).run { continuation.yield($0) }
        }
        var bound = 0
        for await port in ports {
            bound = port
            break
        }
        port = bound
        guard bound > 0 else {
            _ = try await task.value
            throw CocoaError(.featureUnsupported)
        }
    }

    deinit {
        task.cancel()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// An answer: status, headers (lowercased names) and body.
    struct Answer {
        var status: Int
        var headers: [String: String]
        var body: Data
        var text: String { String(decoding: body, as: UTF8.self) }
        func json() throws -> [String: Any] { try JSONSerialization.jsonObject(with: body) as? [String: Any] ?? [:] }
    }

    /// Sends a request to the server with `headers` (a `Host` among them replaces the real one).
    func request(_ path: String, method: String = "GET", headers: [String: String] = [:], body: Data? = nil) async throws -> Answer {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = method
        // Generous: the whole suite runs at once, and on a two-core machine the server shares its
        // cores with every other test.
        request.timeoutInterval = 600
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        request.httpBody = body
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = response as! HTTPURLResponse
        var fields: [String: String] = [:]
        for case let (name as String, value as String) in http.allHeaderFields { fields[name.lowercased()] = value }
        return Answer(status: http.statusCode, headers: fields, body: data)
    }

    /// Sends a JSON object.
    func post(_ path: String, json: [String: Any], headers: [String: String] = [:]) async throws -> Answer {
        try await request(path, method: "POST", headers: headers.merging(["Content-Type": "application/json"]) { $1 },
                          body: try JSONSerialization.data(withJSONObject: json))
    }
}
