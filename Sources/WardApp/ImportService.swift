import Foundation
import WardCore
import WardScanners

/// Imports reports other runs of a tool wrote, as one scan: read, normalize, redact, record, gate.
public struct ImportService: Sendable {
    /// Where the history and Ward's data live.
    public var paths: WardPaths
    /// The clock, version and ids scans are stamped with.
    public var environment: WardEnvironment
    /// Where progress, warnings and phases go.
    public var log: ActivityLog

    /// Creates the service.
    public init(paths: WardPaths, environment: WardEnvironment = .live, log: ActivityLog = .silent) {
        self.paths = paths
        self.environment = environment
        self.log = log
    }

    /// Imports the request's reports, records and gates them. Unreadable input records nothing.
    public func importReports(_ request: ImportRequest) throws(AppError) -> ScanResult {
        // A broken plugin file in Ward's data directory blocks only the import of a tool it declares.
        let builtIn = ScannerRegistry.ids.contains(request.tool)
        let declared = builtIn ? try DeclarativePlugins.known(directory: request.pluginDirectory, paths: paths)
            : try DeclarativePlugins.load(directory: request.pluginDirectory, paths: paths)
        let gates = GateService(paths: paths, now: environment.now)
        let policy = try gates.loadPolicy(request.gate, declared: declared)
        let plugin = try ScannerSelection(available: ScannerRegistry.plugins(extra: builtIn ? [] : declared)).plugins([request.tool])[0]
        let root = WardPaths.absolute(request.root ?? ".")
        let database = try WardRuntime.openDatabase(paths)
        let normalizer = FindingNormalizer(paths: PathResolver(root: root, strict: true), secretKey: try WardRuntime.secretKey(of: database))
        log.phaseEnded("open")
        let started = environment.now()
        let result: ReportImporter.Result
        do {
            result = try ReportImporter(maxReportBytes: request.maxReportBytes).importReports(request.files, plugin: plugin, normalizer: normalizer)
        } catch {
            throw .wrapping(error)
        }
        log.phaseEnded("read, parse and normalize")
        let scan = ScanRun(
            id: environment.makeID(), target: ScanTarget(name: request.target ?? root, root: root, branch: request.branch), mode: .import,
            startedAt: started, finishedAt: environment.now(), wardVersion: environment.version,
            toolRuns: result.toolRuns, findings: result.findings, inputDigest: result.digest
        )
        let finisher = ScanFinisher(database: database, records: true, redaction: try Redaction.stage(known: result.secretValues, paths: paths),
                                    gates: gates, policy: policy, request: request.gate, log: log)
        return try finisher.finish(scan)
    }
}
