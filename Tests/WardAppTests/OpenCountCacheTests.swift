import Foundation
import Testing
@testable import WardApp
import WardCore

/// The open counts a server keeps: reused while the target's latest scans are the same and the entry
/// is younger than a minute, counted again otherwise.
@Suite struct OpenCountCacheTests {
    @Test func countsAgainWhenTheScansChangeOrTheEntryIsOld() {
        let cache = OpenCountCache()
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
        #expect(count(["s3", "s2", "s0", "s1"], at: 32 + OpenCountCache.lifetime) == [.high: 4])
        #expect(cache.counts(target: "other", scans: ["s3", "s2", "s0", "s1"], now: start) { [:] } == [:])
        #expect(counted == 4)
    }
}
