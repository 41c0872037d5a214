import Foundation
import Testing
import TestSupport

/// Every JSON answer of the API, successes and refusals, validates against the schema the OpenAPI
/// document (`schemas/ward-api.openapi.json`) gives for its operation and status, and the server
/// serves that document; checked with the jsonschema package of the test environment.
@Suite struct ServerAPISchemaTests {
    static let document = Fixtures.repository + "/schemas/ward-api.openapi.json"
    static let validator = Fixtures.repository + "/Tests/api/validate-responses.py"

    @Test func everyAPIAnswerMatchesTheOpenAPIDocument() async throws {
        let python = try #require(TestTools.python, Comment(rawValue: TestTools.missingMessage("python")))
        let bed = try await ServerTestbed()
        let shell = String(DemoScan.Ids.shell.prefix(12))
        let requests: [(String, String, [String: Any]?)] = [
            ("get", "/api/v1/findings", nil), ("get", "/api/v1/findings?status=fixed,open&sort=rule&limit=3&offset=3", nil),
            ("get", "/api/v1/findings?scan=\(DemoScan.scan.id.prefix(8))&kind=dependency", nil),
            ("get", "/api/v1/findings?severity=bogus", nil), ("get", "/api/v1/findings?scan=00000000", nil),
            ("get", "/api/v1/findings/\(shell)", nil), ("get", "/api/v1/findings/0123456789abcdef", nil),
            ("get", "/api/v1/scans", nil), ("get", "/api/v1/scans?limit=1", nil), ("get", "/api/v1/scans/\(DemoScan.scan.id.prefix(8))", nil),
            ("get", "/api/v1/scans/00000000", nil), ("get", "/api/v1/diff", nil), ("get", "/api/v1/diff?from=\(DemoScan.scan.id)&to=\(ServerTestbed.scans[1].id)", nil), ("get", "/api/v1/diff?from=00000000", nil),
            ("get", "/api/v1/trends", nil), ("get", "/api/v1/trends?interval=month", nil), ("get", "/api/v1/trends?interval=x", nil),
            ("get", "/api/v1/openapi.json", nil), ("get", "/api/v1/targets", nil),
            ("get", "/api/v1/scans/\(DemoScan.scan.id.prefix(8))/gate", nil), ("get", "/api/v1/scans/00000000/gate", nil),
            ("get", "/api/v1/findings?sort=path&limit=2&cursor=a3", nil), ("get", "/api/v1/findings?cursor=x1", nil),
            ("post", "/api/v1/findings/\(shell)/triage", ["state": "accepted-risk", "reason": "behind the VPN", "expires": "2099-01-31"]),
            ("post", "/api/v1/findings/\(shell)/triage", ["state": "sideways", "reason": "x"]),
            ("post", "/api/v1/findings/0123456789abcdef/triage", ["state": "confirmed", "reason": "x"]),
        ]
        var cases: [[String: Any]] = []
        for (index, (method, path, body)) in requests.enumerated() {
            let answer: ServerTestbed.Answer
            if let body { answer = try await bed.post(path, json: body) } else { answer = try await bed.request(path) }
            #expect(answer.status < 500, "\(method) \(path): \(answer.status) \(answer.text)")
            let file = bed.directory + "/answer-\(index).json"
            try answer.body.write(to: URL(fileURLWithPath: file))
            cases.append(["path": path, "method": method, "status": answer.status, "body": file])
        }
        #expect(Set(cases.map { $0["status"] as? Int ?? 0 }).isSuperset(of: [200, 201, 400, 404]))
        let list = bed.directory + "/cases.json"
        try JSONSerialization.data(withJSONObject: cases).write(to: URL(fileURLWithPath: list))
        let run = try TestTools.run(python, [Self.validator, Self.document, list])
        #expect(run.status == 0, "\(run.output)")
    }

    @Test func theServedDocumentIsTheRepositorysOne() async throws {
        let bed = try await ServerTestbed()
        let served = try await bed.request("/api/v1/openapi.json")
        #expect(served.status == 200)
        #expect(served.body == FileManager.default.contents(atPath: Self.document))
        let document = try served.json()
        #expect(document["openapi"] as? String == "3.1.0")
    }
}
