import Foundation
import TestSupport
import WardApp
import WardCore
import WardStorage

/// A private data directory and history database for the services, with a fixed clock and
/// version, and the tiny project's real Bandit report to import.
struct AppTestbed {
    let directory: String
    let paths: WardPaths
    let environment: WardEnvironment

    static let banditReport = Fixtures.path("reports/bandit/tiny-bandit-1.9.4.json")
    static let tinyRoot = Fixtures.path("projects/tiny")
    /// The version this testbed's Ward stamps on its scans.
    static let version = "9.9.9-testbed"

    init() throws {
        directory = try Fixtures.temporaryDirectory("ward-app")
        paths = WardPaths(databaseOption: directory + "/history.sqlite", environment: ["WARD_HOME": directory + "/home", "HOME": directory])
        environment = WardEnvironment(now: { Date() }, version: Self.version, makeID: { UUID().uuidString.lowercased() })
    }

    var imports: ImportService { ImportService(WardContext(paths: paths, environment: environment, variables: [:])) }
    var gates: GateService { GateService(paths: paths) }
    var history: HistoryService { HistoryService(paths: paths) }
    var scans: ScanService { ScanService(WardContext(paths: paths, environment: environment, variables: [:])) }

    /// Imports `report` (the tiny Bandit report by default) as a scan of `target`.
    func importReport(_ report: String = banditReport, target: String = "tiny", branch: String? = nil,
                      gate: GateRequest = GateRequest()) throws -> ScanResult {
        try imports.importReports(ImportRequest(tool: "bandit", files: [report], root: Self.tinyRoot, target: target, origin: ScanOrigin(branch: branch), gate: gate))
    }

    /// The history database, opened directly.
    func database() throws -> AppDatabase {
        try AppDatabase.open(path: paths.database)
    }

    /// Writes `text` into a file of this testbed's directory.
    func write(_ text: String, named name: String) throws -> String {
        let path = directory + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }
}
