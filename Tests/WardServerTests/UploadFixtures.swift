import Foundation
import TestSupport
import WardApp
import WardCore

/// Reports and upload documents for the upload tests: Bandit reports written the way Bandit 1.9.4
/// writes them, each with its own findings, and the real reports of `fixtures/reports`.
enum UploadFixtures {
    /// A Bandit JSON report with `count` findings in files named after `tag`, paths relative.
    static func banditReport(count: Int, tag: String) -> Data {
        let results: [[String: Any]] = (0..<count).map { index in
            [
                "code": "\(index + 1) subprocess.call(cmd_\(tag)_\(index), shell=True)\n", "col_offset": 0, "end_col_offset": 40,
                "filename": "./\(tag)/module_\(index).py", "issue_confidence": "HIGH",
                "issue_cwe": ["id": 78, "link": "https://cwe.mitre.org/data/definitions/78.html"], "issue_severity": "HIGH",
                "issue_text": "subprocess call with shell=True identified, security issue.", "line_number": index + 1,
                "line_range": [index + 1], "more_info": "https://bandit.readthedocs.io/en/1.9.4/plugins/b602_subprocess_popen_with_shell_equals_true.html",
                "test_id": "B602", "test_name": "subprocess_popen_with_shell_equals_true",
            ]
        }
        let report: [String: Any] = ["errors": [], "generated_at": "2026-11-29T00:15:53Z", "metrics": [:], "results": results]
        return try! JSONSerialization.data(withJSONObject: report, options: [.sortedKeys])
    }

    /// A file of `fixtures/reports`.
    static func fixture(_ path: String) throws -> Data {
        try Data(contentsOf: URL(fileURLWithPath: Fixtures.path("reports/" + path)))
    }

    /// An upload of one tool's reports.
    static func document(tool: String = "bandit", target: String = "shop-api", root: String = "/ci/shop-api",
                         reports: [(String, Data)], commit: String? = "0123456789abcdef0123456789abcdef01234567",
                         policy: String? = nil) -> UploadDocument {
        UploadDocument(tool: tool, target: target, root: root, origin: ScanOrigin(branch: "main", commit: commit),
                       policy: policy, reports: reports.map { UploadDocument.Report(name: $0.0, content: $0.1) })
    }

    /// Every byte of the server's history: the database and its WAL and shared-memory files.
    static func historyBytes(_ bed: ServerTestbed) throws -> Data {
        let directory = (bed.paths.database as NSString).deletingLastPathComponent
        let name = (bed.paths.database as NSString).lastPathComponent
        var bytes = Data()
        for file in try FileManager.default.contentsOfDirectory(atPath: directory) where file.hasPrefix(name) {
            bytes += try Data(contentsOf: URL(fileURLWithPath: directory + "/" + file))
        }
        return bytes
    }
}

extension ServerTestbed {
    /// Posts `document` to the upload endpoint.
    func upload(_ document: UploadDocument, headers: [String: String] = [:]) async throws -> Answer {
        try await request("/api/v1/uploads", method: "POST", headers: headers.merging(["Content-Type": "application/json"]) { $1 },
                          body: try JSONEncoder().encode(document))
    }

    /// The ids of the scans the history holds.
    func scanIDs() throws -> Set<String> {
        Set(try HistoryService(paths: paths).scans(ScanQuery(limit: 10_000)).map(\.scanID))
    }
}
