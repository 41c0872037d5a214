import Foundation
import Testing
import WardCore
import WardStorage

/// Open findings by severity per interval, new and fixed per interval, mean time to fix.
@Suite struct TrendTests {
    typealias F = StorageFixtures
    static let day = 86_400

    private func finding(_ identity: String, _ severity: Severity) -> Finding {
        var finding = F.finding(identity, severity: severity)
        finding.location?.snippet = identity
        return finding
    }

    @Test(arguments: StorageBackend.allCases) func dailyPointsFollowTheEventsWithGapsFilled(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            // 2023-11-14: a (high), b (low) open; 2023-11-16: a fixed, c (critical) new; 2023-11-17: a back
            _ = try database.record(F.scan("s1", findings: [finding("v1:a", .high), finding("v1:b", .low)], at: 0))
            _ = try database.record(F.scan("s2", findings: [finding("v1:b", .low), finding("v1:c", .critical)], at: 2 * Self.day))
            _ = try database.record(F.scan("s3", findings: [finding("v1:a", .high), finding("v1:b", .low), finding("v1:c", .critical)],
                                           at: 3 * Self.day))

            let points = try database.trends(target: F.target.name, interval: .day)
            #expect(points.map(\.start) == ["2023-11-14", "2023-11-15", "2023-11-16", "2023-11-17"])
            #expect(points.map(\.openTotal) == [2, 2, 2, 3])
            #expect(points[2].open == [.low: 1, .critical: 1])
            #expect(points.map(\.new) == [2, 0, 1, 0])
            #expect(points.map(\.fixed) == [0, 0, 1, 0])
            #expect(points.map(\.reopened) == [0, 0, 0, 1])
            #expect(points[2].meanTimeToFix == Double(2 * Self.day))
            #expect(points[0].meanTimeToFix == nil)
        }
    }

    @Test(arguments: StorageBackend.allCases) func weeksStartOnMondayAndMonthsOnTheFirst(_ backend: StorageBackend) async throws {
        try await backend.withEmptyHistory { database in
            _ = try database.record(F.scan("s1", findings: [finding("v1:a", .high)], at: 0))
            _ = try database.record(F.scan("s2", findings: [finding("v1:a", .high), finding("v1:b", .medium)], at: 20 * Self.day))
            #expect(try database.trends(target: F.target.name, interval: .week).map(\.start)
                    == ["2023-11-13", "2023-11-20", "2023-11-27", "2023-12-04"])
            let months = try database.trends(target: F.target.name, interval: .month)
            #expect(months.map(\.start) == ["2023-11-01", "2023-12-01"])
            #expect(months.map(\.openTotal) == [1, 2])
            #expect(try database.trends(target: "nothing", interval: .day).isEmpty)
        }
    }
}
