import Foundation
import Testing
import TestSupport
import WardCore
import WardPostgres
import WardStorage

/// Many writers at once on one PostgreSQL history lose and duplicate nothing: 16 processes each
/// import 25 recorded reports, half into one shared target and half into targets two to four
/// processes share; the same report often reaches the same target from several processes at once.
@Suite(.serialized) struct ConcurrentImportTests {
    static let workers = 16
    static let importsPerWorker = 25

    /// The target and report variant of a worker's import.
    static func plan(worker: Int, index: Int) -> (target: String, variant: Int) {
        (index % 2 == 0 ? "common" : "t\(worker % 4)", (worker * 7 + index * 5) % ReportVariants.count)
    }

    @Test func everyScanFindingAndEventIsStoredOnceAsASequentialReplayWouldStoreIt() async throws {
        let directory = try Fixtures.temporaryDirectory("ward-concurrent")
        try ReportVariants.write(into: directory)
        try await TestPostgres.withFreshDatabase { settings in
            let url = "postgres://\(settings.user)@\(settings.endpoint)/\(settings.database)?sslmode=disable"
            #expect(try WardProcess.run(["db", "migrate", "--db", url]).status == 0)
            let outcomes = try ConcurrentImports.run(url: url, directory: directory, workers: Self.workers,
                                                     imports: Self.importsPerWorker, plan: Self.plan)
            let history = try PostgresHistory.open(settings: settings)
            // Every import either recorded a scan or named the scan that holds its reports; the
            // history holds exactly the scans recorded, once each.
            let recorded = outcomes.compactMap(\.recordedScan)
            #expect(outcomes.count == Self.workers * Self.importsPerWorker)
            #expect(Set(recorded).count == recorded.count)
            let scans = try history.scans(matching: ScanQuery())
            #expect(Set(scans.map { String($0.scanID.prefix(8)) }) == Set(recorded))
            #expect(scans.count == recorded.count)
            for outcome in outcomes where outcome.recordedScan == nil {
                #expect(outcome.alreadyImportedAs.map(recorded.contains) == true, "\(outcome)")
            }
            // Replayed one after another in the order PostgreSQL committed them, the same scans
            // leave the same findings, statuses and events.
            let order = try await ConcurrentImports.commitOrder(settings)
            let variants = Dictionary(outcomes.compactMap { outcome in outcome.recordedScan.map { ($0, outcome) } }) { first, _ in first }
            let replay = try AppDatabase.open(path: directory + "/replay.sqlite")
            for scanID in order {
                let outcome = try #require(variants[String(scanID.prefix(8))])
                let result = try WardProcess.run(ConcurrentImports.importArguments(db: replay.path, directory: directory,
                                                                                  target: outcome.target, variant: outcome.variant))
                #expect([0, 1].contains(result.status), "\(result.stderr)")
            }
            #expect(try history.tableCounts() == replay.tableCounts())
            let story = try ConcurrentImports.story(of: history)
            #expect(story == (try ConcurrentImports.story(of: replay)))
            // The run exercised what it is meant to: imports recognised, findings fixed and reopened.
            let distinct = Set(outcomes.map { "\($0.target) \($0.variant)" })
            #expect(recorded.count == distinct.count && recorded.count < outcomes.count, "\(recorded.count) scans")
            #expect(story.contains { $0.contains("fixed,reopened") })
        }
    }
}
