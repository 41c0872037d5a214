import Foundation
import Testing
@testable import WardApp
import WardCore

/// The counts a server keeps: reused while the target's latest scans (and, for overdue counts, the
/// latest decision and the service level) are the same and the entry is younger than a minute,
/// counted again otherwise.
@Suite struct OverviewCacheTests {
    @Test func countsAgainWhenTheScansChangeOrTheEntryIsOld() {
        let cache = OverviewCache()
        let start = Date(timeIntervalSince1970: 1_700_000_000)
        var counted = 0
        func count(_ scans: [String], at seconds: TimeInterval) -> [Severity: Int] {
            cache.counts(target: "shop", scans: scans, now: start.addingTimeInterval(seconds)) {
                counted += 1
                return [.high: counted]
            }
        }
        #expect(count(["s2", "s1"], at: 0) == [.high: 1])
        #expect(count(["s2", "s1"], at: 30) == [.high: 1])
        #expect(count(["s3", "s2", "s1"], at: 31) == [.high: 2])
        // A late scan that started before the others changes the list too.
        #expect(count(["s3", "s2", "s0", "s1"], at: 32) == [.high: 3])
        #expect(count(["s3", "s2", "s0", "s1"], at: 32 + OverviewCache.lifetime) == [.high: 4])
        #expect(cache.counts(target: "other", scans: ["s3", "s2", "s0", "s1"], now: start) { [:] } == [:])
        #expect(counted == 4)
    }

    @Test func overdueCountsAgainAfterADecisionOrWithAnotherServiceLevel() {
        let cache = OverviewCache()
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        let week = ServiceLevel(days: [.critical: 7]), month = ServiceLevel(days: [.critical: 30])
        var counted = 0
        func overdue(revision: Int64, _ level: ServiceLevel, scans: [String] = ["s1"]) -> Int {
            cache.overdue(target: "shop", scans: scans, triageRevision: revision, serviceLevel: level, now: now) {
                counted += 1
                return counted
            }
        }
        #expect(overdue(revision: 0, week) == 1)
        #expect(overdue(revision: 0, week) == 1)
        #expect(overdue(revision: 1, week) == 2)
        #expect(overdue(revision: 1, month) == 3)
        #expect(overdue(revision: 1, month, scans: ["s2", "s1"]) == 4)
        #expect(counted == 4)
    }
}
