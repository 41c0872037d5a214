import Foundation
import WardCore
import WardStorage

/// Answers questions about the history: which findings, which scans, and a recorded scan rebuilt.
public struct HistoryService: Sendable {
    /// Where the history lives.
    public var paths: WardPaths

    /// Creates the service.
    public init(paths: WardPaths) {
        self.paths = paths
    }

    /// Findings matching `query`, redacted; `scan` (an id or prefix) narrows them to that scan's.
    public func findings(_ query: FindingQuery, inScan scan: String? = nil) throws(AppError) -> Redacted<[TrackedFinding]> {
        let database = try WardRuntime.openHistory(paths)
        do {
            let findings = try database.findings(matching: try narrowed(query, toScan: scan, in: database))
            return try Redaction.stage(paths: paths).redact(findings)
        } catch {
            throw .wrapping(error)
        }
    }

    /// `query` narrowed to the findings of `scan` (an id or a unique prefix), when one is given.
    func narrowed(_ query: FindingQuery, toScan scan: String?, in database: any HistoryStore) throws -> FindingQuery {
        guard let scan else { return query }
        guard let found = try database.scan(id: scan) else { throw AppError.unknownScan(id: scan) }
        var query = query
        query.scanID = found.scanID
        return query
    }

    /// The query narrowed to the findings overdue now under the `sla:` of `policy` (a shipped
    /// policy's name or a file); a policy without `sla:` is refused.
    public func overdue(_ query: FindingQuery, policy name: String, now: Date = Date()) throws(AppError) -> FindingQuery {
        let gates = GateService(paths: paths)
        let policy = try gates.loadPolicy(GateRequest(policy: name), declared: try DeclarativePlugins.known(directory: nil, paths: paths))
        guard let sla = policy.sla else {
            throw AppError.invalidRequest(reason: "--overdue: policy \(policy.name) has no 'sla:' (days per severity, e.g. critical: 7)")
        }
        var query = query
        query.overdue = sla.deadlines(asOf: now)
        return query
    }

    /// Recorded scans matching `query`, newest first.
    public func scans(_ query: ScanQuery) throws(AppError) -> [ScanSummary] {
        let database = try WardRuntime.openHistory(paths)
        do {
            return try database.scans(matching: query)
        } catch {
            throw .wrapping(error)
        }
    }

    /// A recorded scan (by id or prefix, else the latest, of `target` when given) rebuilt from the
    /// history as the version of Ward that made it recorded it.
    public func recordedScan(id: String?, target: String?) throws(AppError) -> ScanRun {
        try Self.recordedScan(id: id, target: target, in: try WardRuntime.openHistory(paths))
    }

    /// The recorded scan, its findings in the order they were recorded; raw results only when
    /// `rawResults`. Its ``ScanRun/redaction`` is the stage the history vouches its texts passed.
    static func recordedScan(id: String?, target: String?, in database: any HistoryStore, rawResults: Bool = true) throws(AppError) -> ScanRun {
        do {
            let summary: ScanSummary?
            if let id {
                summary = try database.scan(id: id)
            } else {
                summary = try database.scans(matching: ScanQuery(target: target, limit: 1)).first
            }
            guard let summary else { throw id.map { AppError.unknownScan(id: $0) } ?? AppError.noScanRecorded(target: target) }
            // As the tools reported them: the policy being applied decides the waivers again.
            let recorded = try database.recordedFindings(inScan: summary.scanID, rawResults: rawResults)
            return ScanRun(id: summary.scanID, target: summary.target, mode: summary.mode, startedAt: summary.startedAt,
                           finishedAt: summary.finishedAt, wardVersion: summary.wardVersion, toolRuns: summary.toolRuns,
                           findings: recorded.findings, redaction: recorded.redaction)
        } catch {
            throw .wrapping(error)
        }
    }
}
