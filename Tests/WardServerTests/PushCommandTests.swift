import Foundation
import Testing
import TestSupport
import WardApp
import WardCore

/// `ward push` against a real server: the token comes from a private file or `WARD_TOKEN`, the exit
/// code is the server's verdict, a refusal or an unreachable server exits 3 with one line, and
/// sixteen pushes at once lose nothing.
@Suite struct PushCommandTests {
    /// A report file and a token file (mode `mode`) in the bed's folder.
    static func files(_ bed: ServerTestbed, token: String, mode: Int = 0o600, report: Data, name: String = "bandit.json") throws -> (report: String, token: String) {
        let reportPath = bed.directory + "/" + name
        try report.write(to: URL(fileURLWithPath: reportPath))
        let tokenPath = bed.directory + "/token-\(UUID().uuidString)"
        try Data((token + "\n").utf8).write(to: URL(fileURLWithPath: tokenPath))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: tokenPath)
        return (reportPath, tokenPath)
    }

    static func push(_ bed: ServerTestbed, _ arguments: [String], environment: [String: String] = [:]) async throws -> WardProcess.Result {
        try await PushProcess.run(["push", "--server", "http://127.0.0.1:\(bed.port)"] + arguments,
                            environment: environment.merging(["WARD_HOME": bed.directory + "/client"]) { $1 })
    }

    @Test func aPushIsRecordedAndExitsWithTheServersVerdict() async throws {
        let bed = try await ServerTestbed(requireTokens: true)
        let token = try ServerTokenTests.tokens(bed).create(owner: "ci", role: .uploader, targets: "shop-*").secret
        let files = try Self.files(bed, token: token, report: try UploadFixtures.fixture("bandit/tiny-bandit-1.9.4.json"))
        let pushed = try await Self.push(bed, ["--token-file", files.token, "--tool", "bandit", "--target", "shop-cli", "--root", "/ci/shop",
                                         "--commit", "0123456789abcdef", "--branch", "main", "--json", files.report])
        #expect(pushed.status == 1, "\(pushed.stderr)")
        let receipt = try JSONDecoder().decode(UploadReceipt.self, from: Data(pushed.stdout.utf8))
        #expect(receipt.target == "shop-cli" && receipt.findingCount == 7 && receipt.gate == "fail")
        let listed = try WardProcess.run(["findings", "--db", bed.paths.database, "--target", "shop-cli", "--format", "json"],
                                         environment: ["WARD_HOME": bed.directory + "/home"])
        #expect(listed.status == 0 && listed.stdout.contains("pkg/query.py"), "\(listed.stderr)")
        let scan = try HistoryService(paths: bed.paths).scan(id: receipt.scanId)
        #expect(scan.target.commit == "0123456789abcdef" && scan.target.branch == "main" && scan.target.root == "/ci/shop")
        // WARD_TOKEN works as well; the same reports again are the same scan.
        let again = try await Self.push(bed, ["--tool", "bandit", "--target", "shop-cli", "--root", "/ci/shop", files.report],
                                  environment: ["WARD_TOKEN": token])
        #expect(again.status == 1 && again.stderr.contains(receipt.scanId) && again.stderr.contains("already recorded"), "\(again.stderr)")
    }

    @Test func tokenFilesOthersMayReadAndRefusedUploadsExitThreeWithOneLine() async throws {
        let bed = try await ServerTestbed(requireTokens: true)
        let before = try bed.scanIDs()
        let tokens = ServerTokenTests.tokens(bed)
        let uploader = try tokens.create(owner: "ci", role: .uploader, targets: "shop-*").secret
        let viewer = try tokens.create(owner: "vera", role: .viewer, targets: nil).secret
        let open = try Self.files(bed, token: uploader, mode: 0o644, report: UploadFixtures.banditReport(count: 2, tag: "t"))
        let readable = try await Self.push(bed, ["--token-file", open.token, "--tool", "bandit", "--target", "shop-a", open.report])
        #expect(readable.status == 3 && readable.stderr.contains("chmod 600") && !readable.stderr.contains(uploader), "\(readable.stderr)")
        let onCommandLine = try await Self.push(bed, ["--token", uploader, "--tool", "bandit", open.report])
        #expect(onCommandLine.status != 0 && !onCommandLine.stdout.contains(uploader))
        let refused = try await Self.push(bed, ["--tool", "bandit", "--target", "shop-a", open.report], environment: ["WARD_TOKEN": viewer])
        #expect(refused.status == 3, "\(refused.stderr)")
        #expect(refused.stderr == "ward: error: http://127.0.0.1:\(bed.port) refused the upload (HTTP 403): this token may not upload scans\n")
        let elsewhere = try await Self.push(bed, ["--tool", "bandit", "--target", "billing", open.report], environment: ["WARD_TOKEN": uploader])
        #expect(elsewhere.status == 3 && elsewhere.stderr.contains("HTTP 403"), "\(elsewhere.stderr)")
        let unknown = try await Self.push(bed, ["--tool", "nosuchtool", "--target", "shop-a", open.report], environment: ["WARD_TOKEN": uploader])
        #expect(unknown.status == 3 && unknown.stderr.contains("HTTP 422") && unknown.stderr.contains("nosuchtool"), "\(unknown.stderr)")
        #expect(try bed.scanIDs() == before)
    }

    @Test func anUnreachableServerOrAClearTextRemoteAddressExitsThree() async throws {
        let bed = try await ServerTestbed()
        let files = try Self.files(bed, token: "unused", report: UploadFixtures.banditReport(count: 1, tag: "u"))
        let closed = try await PushProcess.run(["push", "--server", "http://127.0.0.1:9", "--tool", "bandit", files.report])
        #expect(closed.status == 3 && closed.stderr.hasPrefix("ward: error: cannot upload to http://127.0.0.1:9"), "\(closed.stderr)")
        #expect(closed.stderr.split(separator: "\n").count == 1)
        let clear = try await PushProcess.run(["push", "--server", "http://ward.example.com", "--tool", "bandit", files.report], environment: ["WARD_TOKEN": "x"])
        #expect(clear.status == 3 && clear.stderr.contains("https://"), "\(clear.stderr)")
    }
}
