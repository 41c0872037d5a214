import Foundation
import Testing
import TestSupport
import WardApp
import WardCore

/// Sixteen `ward push` processes at once, demo-sized scans of several targets (some of the same
/// target) to one server: every scan and every finding is in the history exactly once.
@Suite struct PushConcurrencyTests {
    static let pushes = 16
    static let findingsPerScan = 12

    /// Runs `ward` with each of `runs` at once.
    static func concurrently(_ runs: [[String]], environment: [String: String]) async throws -> [WardProcess.Result] {
        try await withThrowingTaskGroup(of: (Int, WardProcess.Result).self) { group in
            for (index, arguments) in runs.enumerated() {
                group.addTask { (index, try await PushProcess.run(arguments, environment: environment)) }
            }
            var results = [WardProcess.Result?](repeating: nil, count: runs.count)
            for try await (index, result) in group { results[index] = result }
            return results.compactMap { $0 }
        }
    }

    @Test func sixteenConcurrentPushesLoseNothing() async throws {
        let bed = try await ServerTestbed(requireTokens: true)
        let token = try ServerTokenTests.tokens(bed).create(owner: "ci", role: .uploader, targets: nil).secret
        let before = try bed.scanIDs()
        var runs: [[String]] = []
        var targets: [String] = []
        for index in 0..<Self.pushes {
            let target = index % 3 == 0 ? "common" : "team-\(index % 5)"
            let report = bed.directory + "/push-\(index).json"
            try UploadFixtures.banditReport(count: Self.findingsPerScan, tag: "p\(index)").write(to: URL(fileURLWithPath: report))
            targets.append(target)
            runs.append(["push", "--server", "http://127.0.0.1:\(bed.port)", "--tool", "bandit", "--target", target,
                         "--root", "/ci/checkout-\(index)", "--json", report])
        }
        let results = try await Self.concurrently(runs, environment: ["WARD_TOKEN": token, "WARD_HOME": bed.directory + "/client"])
        #expect(results.count == Self.pushes)
        var receipts: [UploadReceipt] = []
        for (index, result) in results.enumerated() {
            #expect(result.status == 1, "push \(index): \(result.status) \(result.stderr)")
            if let receipt = try? JSONDecoder().decode(UploadReceipt.self, from: Data(result.stdout.utf8)) { receipts.append(receipt) }
        }
        #expect(receipts.count == Self.pushes && Set(receipts.map(\.scanId)).count == Self.pushes)
        #expect(receipts.allSatisfy { $0.findingCount == Self.findingsPerScan && $0.newCount == Self.findingsPerScan && !$0.alreadyRecorded })
        #expect(try bed.scanIDs() == before.union(receipts.map(\.scanId)))
        let history = HistoryService(paths: bed.paths)
        for receipt in receipts {
            let inScan = try history.findings(FindingQuery(), inScan: receipt.scanId).value
            #expect(inScan.count == Self.findingsPerScan, "scan \(receipt.scanId): \(inScan.count)")
        }
        for target in Set(targets) {
            let found = try history.findings(FindingQuery(target: target)).value
            let expected = targets.filter { $0 == target }.count * Self.findingsPerScan
            #expect(found.count == expected && Set(found.map(\.finding.identity)).count == expected, "\(target): \(found.count) of \(expected)")
        }
    }
}
