import Foundation
import Synchronization
import WardCore

/// The dashboard's counts of each target, for a process that keeps its history open (a server,
/// whose dashboard would otherwise count every open and every overdue finding of every target on
/// each request).
///
/// A target's open findings change only when one of its scans is recorded, so its open counts hold
/// while the target's latest scans are those they were counted with; a scan recorded since, by this
/// process or any other writing the same history, makes the next dashboard count again. Its overdue
/// count also depends on reviewers' decisions, so it holds only while the history's latest decision
/// is the same (``HistoryStore/triageRevision()``), and on the clock, by days. A scan recorded with a
/// start time older than every listed scan would not change that list, so no entry is kept longer
/// than ``lifetime`` either.
public final class OverviewCache: Sendable {
    /// How long an entry is used at most.
    public static let lifetime: TimeInterval = 60
    private let open = Mutex<[String: Entry<[Severity: Int]>]>([:])
    private let overdue = Mutex<[String: Entry<Int>]>([:])

    private struct Entry<Value: Sendable>: Sendable {
        var key: Key
        var value: Value
        var countedAt: Date
    }

    private struct Key: Hashable, Sendable {
        var scans: [String]
        var triageRevision: Int64 = 0
        var serviceLevel: ServiceLevel?
    }

    /// An empty cache.
    public init() {}

    /// The open counts of `target` when they were made with the same latest `scans` (ids, newest
    /// first) less than ``lifetime`` before `now`, else those `count` makes, then kept.
    func counts(target: String, scans: [String], now: Date = Date(), count: () throws -> [Severity: Int]) rethrows -> [Severity: Int] {
        try Self.value(in: open, target: target, key: Key(scans: scans), now: now, count: count)
    }

    /// The overdue count of `target` under `serviceLevel` when it was made with the same latest
    /// `scans` and `triageRevision` less than ``lifetime`` before `now`, else the one `count` makes.
    func overdue(target: String, scans: [String], triageRevision: Int64, serviceLevel: ServiceLevel, now: Date = Date(),
                 count: () throws -> Int) rethrows -> Int {
        let key = Key(scans: scans, triageRevision: triageRevision, serviceLevel: serviceLevel)
        return try Self.value(in: overdue, target: target, key: key, now: now, count: count)
    }

    private static func value<Value: Sendable>(in entries: borrowing Mutex<[String: Entry<Value>]>, target: String, key: Key, now: Date,
                                     count: () throws -> Value) rethrows -> Value {
        if let entry = entries.withLock({ $0[target] }), entry.key == key, now.timeIntervalSince(entry.countedAt) < lifetime {
            return entry.value
        }
        let value = try count()
        entries.withLock { $0[target] = Entry(key: key, value: value, countedAt: now) }
        return value
    }
}
