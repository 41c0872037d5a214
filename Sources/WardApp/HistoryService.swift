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
        let database = try WardRuntime.openDatabase(paths)
        var query = query
        do {
            if let scan {
                guard let found = try database.scan(id: scan) else { throw AppError.unknownScan(id: scan) }
                query.scanID = found.scanID
            }
            let findings = try database.findings(matching: query)
            return try Redaction.stage(paths: paths).redact(findings)
        } catch {
            throw .wrapping(error)
        }
    }

    /// Recorded scans matching `query`, newest first.
    public func scans(_ query: ScanQuery) throws(AppError) -> [ScanSummary] {
        let database = try WardRuntime.openDatabase(paths)
        do {
            return try database.scans(matching: query)
        } catch {
            throw .wrapping(error)
        }
    }

    /// A recorded scan (by id or prefix, else the latest, of `target` when given) rebuilt from the
    /// history as the version of Ward that made it recorded it.
    public func recordedScan(id: String?, target: String?) throws(AppError) -> ScanRun {
        try Self.recordedScan(id: id, target: target, in: try WardRuntime.openDatabase(paths))
    }

    static func recordedScan(id: String?, target: String?, in database: AppDatabase) throws(AppError) -> ScanRun {
        do {
            let summary: ScanSummary?
            if let id {
                summary = try database.scan(id: id)
            } else {
                summary = try database.scans(matching: ScanQuery(target: target, limit: 1)).first
            }
            guard let summary else { throw id.map { AppError.unknownScan(id: $0) } ?? AppError.noScanRecorded(target: target) }
            let findings = try database.findings(matching: FindingQuery(scanID: summary.scanID)).map { tracked in
                var finding = tracked.finding
                finding.sources = tracked.sources
                return finding
            }
            return ScanRun(id: summary.scanID, target: summary.target, mode: summary.mode, startedAt: summary.startedAt,
                           finishedAt: summary.finishedAt, wardVersion: summary.wardVersion, toolRuns: summary.toolRuns,
                           findings: findings)
        } catch {
            throw .wrapping(error)
        }
    }
}
