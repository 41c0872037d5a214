import Foundation
import WardCore
import WardStorage

extension HistoryService {
    /// The whole story of one finding (a full identity or a unique prefix of at least 8
    /// characters), redacted: every scan it appeared in, its events and the reviewers' decisions.
    public func story(finding: String, target: String?) throws(AppError) -> Redacted<FindingStory> {
        let database = try WardRuntime.openHistory(paths)
        do {
            let story = try database.story(identity: finding, target: target)
            return try Redaction.stage(paths: paths).redact(story)
        } catch {
            throw .wrapping(error)
        }
    }

    /// What changed between two scans, redacted. With neither scan named, the last two complete
    /// scans of `target` (or of the only target the history holds); with only `from`, from it to
    /// the latest complete scan of its target.
    public func diff(from: String?, to: String?, target: String?) throws(AppError) -> Redacted<ScanDiff> {
        let database = try WardRuntime.openHistory(paths)
        do {
            let (earlier, later) = try Self.scanPair(from: from, to: to, target: target, in: database)
            let diff = try database.diff(from: earlier, to: later)
            if let target, diff.to.target.name != target {
                throw AppError.invalidRequest(reason: "scan \(diff.to.scanID.prefix(8)) is of '\(diff.to.target.name)', not of '\(target)'")
            }
            return try Redaction.stage(paths: paths).redact(diff)
        } catch {
            throw .wrapping(error)
        }
    }

    /// How the findings of `target` (or of the only target the history holds) moved per interval.
    public func trends(target: String?, interval: TrendPoint.Interval) throws(AppError) -> (target: String, points: [TrendPoint]) {
        let database = try WardRuntime.openHistory(paths)
        do {
            let name = try Self.onlyTarget(target, in: database)
            return (name, try database.trends(target: name, interval: interval))
        } catch {
            throw .wrapping(error)
        }
    }

    /// The ids of the two scans a diff compares.
    static func scanPair(from: String?, to: String?, target: String?, in database: any HistoryStore) throws -> (String, String) {
        if let from, let to { return (from, to) }
        var first: ScanSummary?
        if let from {
            guard let scan = try database.scan(id: from) else { throw AppError.unknownScan(id: from) }
            first = scan
        }
        let resolved = try onlyTarget(first?.target.name ?? target, in: database)
        let latest = try database.scans(matching: ScanQuery(target: resolved, completeOnly: true, limit: 2))
        if let first {
            guard let last = latest.first, last.scanID != first.scanID else {
                throw AppError.invalidRequest(reason: "scan \(first.scanID.prefix(8)) is the latest complete scan of '\(resolved)'; name a later one")
            }
            return (first.scanID, last.scanID)
        }
        guard latest.count == 2 else {
            throw AppError.invalidRequest(reason: "'\(resolved)' has \(latest.count) complete scan\(latest.count == 1 ? "" : "s"); a diff needs two")
        }
        return (latest[1].scanID, latest[0].scanID)
    }

    /// `target`, else the one target the history holds scans of.
    static func onlyTarget(_ target: String?, in database: any HistoryStore) throws -> String {
        if let target {
            guard try !database.scans(matching: ScanQuery(target: target, limit: 1)).isEmpty else { throw AppError.noScanRecorded(target: target) }
            return target
        }
        let names = try database.scannedTargets(limit: 4)
        switch names.count {
        case 0: throw AppError.noScanRecorded(target: nil)
        case 1: return names[0]
        default:
            let listed = names.prefix(3).map { "'\($0)'" }.joined(separator: ", ") + (names.count > 3 ? ", …" : "")
            throw AppError.invalidRequest(reason: "the history holds scans of several targets (\(listed)); name one with --target")
        }
    }
}
