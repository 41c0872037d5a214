import Foundation
import Testing
import TestSupport
import WardApp
import WardCore

/// Schemathesis (from the package index, pinned in `tools/test-requirements.txt`) generates
/// requests for every operation of the OpenAPI document, valid and invalid, against a real server
/// on loopback over a populated history (the demo scans and an upload): no answer is a 5xx, and
/// every answer's status, content type and body match what the document says.
@Suite struct ServerSchemathesisTests {
    static let yearsBack: TimeInterval = 2 * 365 * 86_400

    @Test func generatedRequestsGetNoServerErrorAndAnswersMatchTheDocument() async throws {
        let schemathesis = try #require(TestTools.path("schemathesis"), Comment(rawValue: TestTools.missingMessage("schemathesis")))
        // The demo scans moved into the past, so that the uploads made now come after them, as on a
        // real server (a scan dated before the one it follows makes trends count below zero).
        let past = ServerTestbed.scans.map { scan in
            var scan = scan
            scan.startedAt.addTimeInterval(-Self.yearsBack)
            scan.finishedAt.addTimeInterval(-Self.yearsBack)
            return scan
        }
        let bed = try await ServerTestbed(scans: past)
        let seeded = try await bed.upload(UploadFixtures.document(target: "billing", reports: [("b.json", UploadFixtures.banditReport(count: 5, tag: "seed"))]))
        #expect(seeded.status == 201)
        let base = "http://127.0.0.1:\(bed.port)"
        let junit = bed.directory + "/schemathesis.xml"
        // The repository's document, which the server serves byte for byte (ServerAPITests): read
        // from the file, since loading it over HTTP has a fixed 10-second limit that a server
        // sharing a busy machine with the rest of the suite may miss.
        let run = try TestTools.run(schemathesis, [
            "run", ServerAPISchemaTests.document, "--url", base,
            "--checks", "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance",
            "--phases", "examples,coverage,fuzzing", "--max-examples", "25", "--seed", "12", "--workers", "1",
            "--generation-database", "none", "--request-timeout", "60", "--no-color",
            "--report", "junit", "--report-junit-path", junit,
        ])
        #expect(run.status == 0, "\(run.output.suffix(6000))")
        let report = try String(contentsOfFile: junit, encoding: .utf8)
        #expect(report.contains("/api/v1/uploads"), "the upload operation was exercised")
        // The document's example upload went through: the history holds its scan.
        let scans = try HistoryService(paths: bed.paths).scans(ScanQuery(target: "shop-api"))
        #expect(scans.contains { $0.target.root == "/ci/shop-api" && $0.mode == .import })
    }
}
