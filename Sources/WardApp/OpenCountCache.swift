import Foundation
import Synchronization
import WardCore

/// The open findings per severity of each target, for a process that keeps its history open (a
/// server, whose dashboard would otherwise count every open finding of every target on each request).
///
/// A target's open findings change only when one of its scans is recorded, so an entry holds while
/// the target's latest scans are those it was counted with; a scan recorded since, by this process or
/// any other writing the same history, makes the next dashboard count again. A scan recorded with a
/// start time older than every listed scan would not change that list, so no entry is kept longer
/// than ``lifetime`` either.
public final class OpenCountCache: Sendable {
    /// How long an entry is used at most.
    public static let lifetime: TimeInterval = 60
    private let entries = Mutex<[String: Entry]>([:])

    private struct Entry {
        var scans: [String]
        var counts: [Severity: Int]
        var countedAt: Date
    }

    /// An empty cache.
    public init() {}

    /// The counts of `target` when they were made with the same latest `scans` (ids, newest first)
    /// less than ``lifetime`` before `now`, else those `count` makes, then kept.
    func counts(target: String, scans: [String], now: Date = Date(), count: () throws -> [Severity: Int]) rethrows -> [Severity: Int] {
        if let entry = entries.withLock({ $0[target] }), entry.scans == scans, now.timeIntervalSince(entry.countedAt) < Self.lifetime {
            return entry.counts
        }
        let counts = try count()
        entries.withLock { $0[target] = Entry(scans: scans, counts: counts, countedAt: now) }
        return counts
    }
}
