import Foundation
import WardCore
import WardScanners
import WardStorage

/// Imports reports other runs of a tool wrote, as one scan: read, normalize, redact, record, gate.
public struct ImportService: Sendable {
    /// Where Ward's data lives, the clock and version, the log.
    public var context: WardContext

    /// Creates the service.
    public init(_ context: WardContext) {
        self.context = context
    }

    /// Imports the request's reports, records and gates them. Unreadable input records nothing.
    public func importReports(_ request: ImportRequest) throws(AppError) -> ScanResult {
        // A broken plugin file in Ward's data directory blocks only the import of a tool it declares.
        let builtIn = ScannerRegistry.ids.contains(request.tool)
        let declared = builtIn ? try DeclarativePlugins.known(directory: request.pluginDirectory, paths: context.paths)
            : try DeclarativePlugins.load(directory: request.pluginDirectory, paths: context.paths)
        let gates = GateService(paths: context.paths, now: context.environment.now)
        let policy = try gates.loadPolicy(request.gate, declared: declared)
        let triage = try gates.loadTriage(request.gate)
        let plugin = try ScannerSelection(available: ScannerRegistry.plugins(extra: builtIn ? [] : declared)).plugins([request.tool])[0]
        let root = WardPaths.absolute(request.root ?? ".")
        let database = try WardRuntime.openHistory(context.paths)
        var normalizer = FindingNormalizer(paths: PathResolver(root: root, strict: true),
                                           secretKey: try WardRuntime.secretKey())
        if !request.readsSourceFiles { normalizer.sourceReadLimit = 0 }
        context.log.phaseEnded("open")
        let started = context.environment.now()
        let target = Self.target(request, root: root, variables: context.variables)
        // Read and hashed once: recognised before anything is parsed, and parsed as read.
        let reports: ReportFiles
        do {
            reports = try ReportFiles.read(request.files, plugin: plugin, root: normalizer.paths.root, limit: request.maxReportBytes)
        } catch {
            throw .wrapping(error)
        }
        let digest = reports.digest
        if let scanID = try recordedImport(digest, target: target, database: database) {
            // The recorded scan answers: the report bytes are let go before it is read back.
            _ = consume reports
            var recorded = try HistoryService.recordedScan(id: scanID, target: target.name, in: database, rawResults: request.showsRawResults)
            context.log.phaseEnded("digest")
            // Handed on, not shared: the finisher changes the findings in place, which would copy them all.
            let findings = recorded.findings
            recorded.findings = []
            let scan = ScanRun(
                id: context.environment.makeID(), target: target, mode: .import, startedAt: started,
                finishedAt: context.environment.now(), wardVersion: context.environment.version,
                toolRuns: recorded.toolRuns, findings: consume findings, inputDigest: digest,
                redaction: recorded.redaction
            )
            let finisher = ScanFinisher(database: database, redaction: try Redaction.stage(paths: context.paths),
                                        gates: gates, policy: policy, request: request.gate, triage: triage, log: context.log)
            return try finisher.finish(scan, alreadyRecordedAs: scanID)
        }
        var result: ReportImporter.Result
        do {
            result = try ReportImporter(maxReportBytes: request.maxReportBytes).importReports(consume reports, plugin: plugin, normalizer: normalizer)
        } catch {
            throw .wrapping(error)
        }
        context.log.phaseEnded("read, parse and normalize")
        // The scan is the findings' only holder, handed on: the redaction stage lets them go once masked.
        let findings = result.findings
        result.findings = []
        let scan = ScanRun(
            id: context.environment.makeID(), target: target, mode: .import,
            startedAt: started, finishedAt: context.environment.now(), wardVersion: context.environment.version,
            toolRuns: result.toolRuns, findings: consume findings, inputDigest: result.digest
        )
        let redaction = try Redaction.stage(known: result.secretValues, paths: context.paths)
        let finisher = ScanFinisher(database: database, redaction: redaction,
                                    gates: gates, policy: policy, request: request.gate, triage: triage, log: context.log)
        return try finisher.finish(consume scan)
    }

    /// The import recorded from exactly these report bytes (by their `digest`) for `target`, found
    /// before anything is parsed; nil when the reports are new.
    private func recordedImport(_ digest: String, target: ScanTarget, database: any HistoryStore) throws(AppError) -> String? {
        do {
            return try database.importedScanID(target: target.name, digest: digest)
        } catch {
            throw .wrapping(error)
        }
    }

    /// The imported scan's target: where the reports' tree came from, as flags, else the CI variables, say.
    static func target(_ request: ImportRequest, root: String, variables: [String: String]) -> ScanTarget {
        let origin = request.origin.filled(from: .continuousIntegration(variables))
        return ScanTarget(name: request.target ?? root, root: root, branch: origin.branch, commit: origin.commit, runURL: origin.runURL)
    }
}
