import Foundation
import Testing
import TestSupport
import WardApp
import WardCore

@Suite struct ScanServiceTests {
    /// Fake values built at run time, so no source line holds a whole one.
    static let awsKey = "AKIA" + "Q3EGRX7HYZLMN5P2"

    /// A tree with one planted key, outside any history.
    static func plantedTree() throws -> String {
        let root = try Fixtures.temporaryDirectory("ward-app-tree") + "/repo"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try Data("import os\nAWS_ACCESS_KEY_ID=\(awsKey)\n".utf8).write(to: URL(fileURLWithPath: root + "/settings.py"))
        return root
    }

    @Test func aScanWithTheSecretDetectorIsRecordedRedactedAndFailsTheDefaultPolicy() async throws {
        // Given a tree with a planted key
        let bed = try AppTestbed()
        let root = try Self.plantedTree()
        // When the secrets scanner runs through the service
        let result = try await bed.scans.scan(ScanRequest(root: root, scanners: ["secrets"]))
        // Then the scan is recorded with this Ward's version, complete, failing, and nothing of the key is kept
        guard case .recorded(let summary) = result.recording else { Issue.record("not recorded: \(result.recording)"); return }
        #expect(summary.wardVersion == AppTestbed.version && summary.isComplete)
        #expect(result.gated.conclusion == .failed)
        #expect(result.secretsMode == .tree)
        let finding = try #require(result.gated.scan.value.findings.first { $0.kind == .secret })
        #expect(finding.location?.path == "settings.py")
        #expect(!"\(result.gated.scan.value)".contains(Self.awsKey))
        #expect(!String(decoding: try Data(contentsOf: URL(fileURLWithPath: bed.paths.database)), as: UTF8.self).contains(Self.awsKey))
        // And the clear value can be read back only from the file, for a person who asks
        let shown = await SecretReveal.values(of: result)
        #expect(shown.map(\.value).contains(Self.awsKey))
    }

    @Test func withoutRecordingTheHistoryIsLeftAlone() async throws {
        let bed = try AppTestbed()
        let root = try Self.plantedTree()
        let result = try await bed.scans.scanSecrets(files: ["settings.py"], root: root, target: nil, settings: SecretsSettings(),
                                                      gate: GateRequest(), record: false)
        guard case .notRecorded(let summary) = result.recording else { Issue.record("recorded: \(result.recording)"); return }
        #expect(summary.target.name == root + " (files)")
        #expect(result.recording.scanID == nil)
        #expect(result.gated.conclusion == .failed)
        #expect(!FileManager.default.fileExists(atPath: bed.paths.database))
    }

    @Test func requestsThatContradictThemselvesAreRejectedBeforeAnythingRuns() async throws {
        let bed = try AppTestbed()
        let root = try Self.plantedTree()
        let unknown = await #expect(throws: AppError.self) { try await bed.scans.scan(ScanRequest(root: root, scanners: ["nosuch"])) }
        #expect(unknown?.description.contains("unknown scanner 'nosuch'") == true)
        let timeout = await #expect(throws: AppError.self) {
            try await bed.scans.scan(ScanRequest(root: root, scanners: ["secrets"], toolTimeouts: ["nosuch": .seconds(1)]))
        }
        #expect(timeout?.description.contains("unknown scanner 'nosuch'") == true)
        let partial = SecretsSettings(mode: .staged)
        let alone = await #expect(throws: AppError.self) {
            try await bed.scans.scan(ScanRequest(root: root, scanners: ["secrets", "bandit"], secrets: partial))
        }
        #expect(alone?.description.contains("secrets scanner alone") == true)
        await #expect(throws: AppError.notADirectory(path: root + "/settings.py")) {
            try await bed.scans.scan(ScanRequest(root: root + "/settings.py"))
        }
        #expect(!FileManager.default.fileExists(atPath: bed.paths.database))
    }

    @Test func theDefaultHistoryInsideTheScannedTreeIsRefused() async throws {
        let root = try Self.plantedTree()
        let paths = WardPaths(databaseOption: nil, environment: ["WARD_HOME": root + "/.ward", "HOME": root])
        await #expect(throws: AppError.databaseInsideTarget(database: root + "/.ward/history.sqlite")) {
            try await ScanService(WardContext(paths: paths)).scan(ScanRequest(root: root, scanners: ["secrets"]))
        }
    }
}
