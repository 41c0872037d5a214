import Foundation
import Testing
import TestSupport
import WardApp
import WardCore

/// `POST /api/v1/uploads` records a scan exactly as `ward import` does: the history shows it, the
/// same reports again are recognised, and whatever the server refuses leaves the history as it was.
@Suite struct UploadTests {
    @Test func anUploadedReportIsRecordedAndTheHistoryShowsIt() async throws {
        let bed = try await ServerTestbed()
        let before = try bed.scanIDs()
        let document = UploadFixtures.document(target: "billing", reports: [("bandit.json", try UploadFixtures.fixture("bandit/tiny-bandit-1.9.4.json"))])
        let answer = try await bed.upload(document)
        #expect(answer.status == 201, "\(answer.text)")
        let receipt = try JSONDecoder().decode(UploadReceipt.self, from: answer.body)
        #expect(receipt.target == "billing" && !receipt.alreadyRecorded && receipt.findingCount == 7 && receipt.newCount == 7)
        #expect(receipt.policy == "default" && receipt.gate == "fail" && receipt.complete)
        #expect(try bed.scanIDs() == before.union([receipt.scanId]))
        let found = try HistoryService(paths: bed.paths).findings(FindingQuery(target: "billing"))
        #expect(found.value.count == 7 && found.value.allSatisfy { $0.finding.location?.path.hasPrefix("pkg/") == true })
        let scan = try HistoryService(paths: bed.paths).scan(id: receipt.scanId)
        #expect(scan.mode == .import && scan.target.commit == document.commit && scan.target.branch == "main")
        #expect(scan.target.root == "/ci/shop-api")
        // The same reports again are the same scan: nothing new is written.
        let again = try await bed.upload(document)
        #expect(again.status == 200, "\(again.text)")
        #expect(try JSONDecoder().decode(UploadReceipt.self, from: again.body).scanId == receipt.scanId)
        #expect(try JSONDecoder().decode(UploadReceipt.self, from: again.body).alreadyRecorded)
        #expect(try bed.scanIDs().count == before.count + 1)
    }

    @Test func unknownToolsAndMalformedBodiesAreRefusedWithTheCLIsLine() async throws {
        let bed = try await ServerTestbed()
        let before = try bed.scanIDs()
        let unknown = try await bed.upload(UploadFixtures.document(tool: "nosuchtool", reports: [("r.json", Data("{}".utf8))]))
        #expect(unknown.status == 422)
        // The same line `ward import` gives for the same tool.
        let local = try WardProcess.run(["import", "--tool", "nosuchtool", "--db", bed.directory + "/other.sqlite", "/dev/null"],
                                        environment: ["WARD_HOME": bed.directory + "/home"])
        let line = try #require(try unknown.json()["error"] as? String)
        #expect(local.status == 3 && local.stderr.contains(line), "\(local.stderr) vs \(line)")
        for body in ["", "{", "[]", "{\"tool\": \"bandit\"}", "{\"tool\": \"bandit\", \"target\": \"x\", \"reports\": [{\"name\": \"a\", \"content\": \"!!\"}]}"] {
            let answer = try await bed.request("/api/v1/uploads", method: "POST", headers: ["Content-Type": "application/json"], body: Data(body.utf8))
            #expect(answer.status == 400, "\(body): \(answer.text)")
            #expect(!answer.text.contains("!!"))
        }
        let badOrigin = UploadFixtures.document(reports: [("b.json", UploadFixtures.banditReport(count: 1, tag: "x"))], commit: "not-a-commit")
        #expect(try await bed.upload(badOrigin).status == 400)
        #expect(try bed.scanIDs() == before)
    }

    @Test func hostileReportsAreRefusedWithoutEchoAndTheHistoryIsUntouched() async throws {
        let bed = try await ServerTestbed()
        let before = try bed.scanIDs()
        let findings = try HistoryService(paths: bed.paths).findings(FindingQuery()).value.count
        let marker = "WardHostileMarker<script>alert(1)</script>"
        let semgrep = String(decoding: try UploadFixtures.fixture("semgrep/semgrep-1.185.0-dvpwa-customrules.sarif"), as: UTF8.self)
        let hostile: [(String, String)] = [
            ("truncated", "{\"results\": [{\"filename\": \"\(marker)\""),
            ("foreign", "{\"\(marker)\": 1}"),
            ("foreign-tool", semgrep),
            ("not-utf8", "{\"results\": [\"\u{FFFF}\"]}\u{0}\u{1}"),
            ("deep", String(repeating: "[", count: 100_000)),
        ]
        for (name, text) in hostile {
            let answer = try await bed.upload(UploadFixtures.document(reports: [("\(name).json", Data(text.utf8))]))
            #expect(answer.status == 422, "\(name): \(answer.status) \(answer.text)")
            let line = try answer.json()["error"] as? String ?? ""
            #expect(line.hasPrefix("\(name).json"), "\(name): \(line)")
            #expect(!line.contains("WardHostileMarker") && !line.contains("ward-upload") && !line.contains("\n"), "\(name): \(line)")
        }
        #expect(try bed.scanIDs() == before)
        #expect(try HistoryService(paths: bed.paths).findings(FindingQuery()).value.count == findings)
    }

    @Test func anUploadOverTheLimitIsRefusedAndReadingStopsThere() async throws {
        let bed = try await ServerTestbed(configure: { $0.uploadLimit = 64 << 10 })
        let before = try bed.scanIDs()
        let large = UploadFixtures.document(reports: [("big.json", UploadFixtures.banditReport(count: 400, tag: "big"))])
        let answer = try await bed.upload(large)
        #expect(answer.status == 413, "\(answer.text)")
        #expect((try answer.json()["error"] as? String)?.contains("65536 bytes") == true)
        // Without a length (chunked), the body is read up to the limit only.
        let chunked = try await ChunkedUpload.send(try JSONEncoder().encode(large), port: bed.port)
        #expect(chunked.hasPrefix("HTTP/1.1 413"), "\(chunked.prefix(200))")
        let small = try await bed.upload(UploadFixtures.document(reports: [("small.json", UploadFixtures.banditReport(count: 2, tag: "small"))]))
        #expect(small.status == 201)
        #expect(try bed.scanIDs().count == before.count + 1)
    }

    @Test func secretsInAnUploadedReportAreNeverStoredInClear() async throws {
        let bed = try await ServerTestbed()
        let report = try UploadFixtures.fixture("gitleaks/handwritten-secrets-sample.json")
        let answer = try await bed.upload(UploadFixtures.document(tool: "gitleaks", target: "sample", reports: [("gitleaks.json", report)]))
        #expect(answer.status == 201, "\(answer.text)")
        let clear = ["WardFakePassw0rd-q7Z2kx91", "ghp_WardFakeToken0a1b2c3d4e5f6g7h8i9j0k1", "AKIAWARDFAKEKEY00001"]
        let history = try UploadFixtures.historyBytes(bed)
        let listing = try await bed.request("/api/v1/findings?limit=500")
        #expect(listing.status == 200 && listing.text.contains("generic-api-key"))
        for value in clear {
            #expect(report.range(of: Data(value.utf8)) != nil, "the sample holds \(value)")
            #expect(history.range(of: Data(value.utf8)) == nil, "\(value) stored in clear")
            #expect(!listing.text.contains(value) && !answer.text.contains(value))
        }
        // Every page and API answer that shows these findings, their scan or their target.
        let scan = try JSONDecoder().decode(UploadReceipt.self, from: answer.body).scanId
        let identities = try HistoryService(paths: bed.paths).findings(FindingQuery(target: "sample")).value.map(\.finding.identity)
        #expect(identities.count >= 3)
        var paths = ["/", "/findings?target=sample", "/scans/\(scan)", "/api/v1/scans/\(scan)", "/api/v1/scans/\(scan)/gate",
                     "/api/v1/targets", "/api/v1/trends?target=sample", "/api/v1/scans?target=sample"]
        paths += identities.flatMap { ["/findings/\($0)", "/api/v1/findings/\($0)"] }
        for path in paths {
            let shown = try await bed.request(path)
            #expect(shown.status == 200, "\(path): \(shown.status)")
            for value in clear { #expect(!shown.text.contains(value), "\(path) shows \(value)") }
        }
    }

    @Test func theUploaderCannotSwitchTheServersPolicyOff() async throws {
        let bed = try await ServerTestbed(configure: { $0.uploadPolicy = "strict" })
        let reports = [("bandit.json", try UploadFixtures.fixture("bandit/tiny-bandit-1.9.4.json"))]
        let refused = try await bed.upload(UploadFixtures.document(reports: reports, policy: "pre-commit"))
        #expect(refused.status == 400 && refused.text.contains("its own policy"), "\(refused.text)")
        let gated = try await bed.upload(UploadFixtures.document(reports: reports))
        #expect(gated.status == 201)
        #expect(try JSONDecoder().decode(UploadReceipt.self, from: gated.body).policy == "strict")
        let open = try await ServerTestbed()
        let path = try await open.upload(UploadFixtures.document(reports: reports, policy: "/etc/ward/lenient.yml"))
        #expect(path.status == 400 && path.text.contains("expected one of"), "\(path.text)")
    }
}
