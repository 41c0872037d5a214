import Foundation
import WardCore

extension HistoryService {
    /// One page of the findings matching `query` read by keyset (its ``FindingQuery/cursor``, else
    /// its offset), redacted; `scan` (an id or prefix) narrows them to that scan's.
    public func findingsPage(_ query: FindingQuery, inScan scan: String? = nil) throws(AppError) -> FindingListing {
        let database = try WardRuntime.openHistory(paths)
        do {
            let page = try database.findingsPage(matching: try narrowed(query, toScan: scan, in: database))
            return FindingListing(findings: try Redaction.stage(paths: paths).redact(page.findings), previous: page.previous, next: page.next)
        } catch {
            throw .wrapping(error)
        }
    }

    /// The names of the targets the history holds scans of, sorted; at most `limit`.
    public func targets(limit: Int) throws(AppError) -> [String] {
        do {
            return try WardRuntime.openHistory(paths).scannedTargets(limit: limit)
        } catch {
            throw .wrapping(error)
        }
    }

    /// Every target (at most `limit`, by name) at a glance: open findings by severity, those overdue
    /// under `serviceLevel` as of `now` (nil without one), and its latest `scans` scans; one
    /// database connection for all of them. A server's paths keep each target's counts until it
    /// is scanned again (and its overdue count until a decision is recorded), a minute at most (``OverviewCache``).
    public func overviews(limit: Int, scans: Int, serviceLevel: ServiceLevel?, now: Date = Date()) throws(AppError) -> [TargetOverview] {
        let database = try WardRuntime.openHistory(paths)
        do {
            let revision = serviceLevel == nil ? 0 : try database.triageRevision()
            return try database.scannedTargets(limit: limit).map { target in
                let latest = try database.scans(matching: ScanQuery(target: target, limit: scans))
                let ids = latest.map(\.scanID)
                var overdue: Int?
                if let serviceLevel {
                    var query = FindingQuery(target: target)
                    query.overdue = serviceLevel.deadlines(asOf: now)
                    overdue = try paths.overviews.map { cache in
                        try cache.overdue(target: target, scans: ids, triageRevision: revision, serviceLevel: serviceLevel, now: now) {
                            try database.countFindings(matching: query)
                        }
                    } ?? database.countFindings(matching: query)
                }
                let open = try paths.overviews.map { cache in
                    try cache.counts(target: target, scans: ids, now: now) { try database.openCounts(target: target) }
                } ?? database.openCounts(target: target)
                return TargetOverview(target: target, open: open, overdue: overdue, scans: latest)
            }
        } catch {
            throw .wrapping(error)
        }
    }

    /// The `sla:` of `policy` (a shipped policy's name or a file); nil when it has none.
    public func serviceLevel(policy name: String) throws(AppError) -> ServiceLevel? {
        let gates = GateService(paths: paths)
        return try gates.loadPolicy(GateRequest(policy: name), declared: try DeclarativePlugins.known(directory: nil, paths: paths)).sla
    }
}
