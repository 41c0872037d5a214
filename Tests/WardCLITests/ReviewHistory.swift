import Foundation
import Testing
import TestSupport

/// A history a reviewer queries, built by real imports of recorded Bandit reports of
/// `fixtures/projects/tiny`: Bandit 1.7.0, then 1.9.4 (B303 becomes B324: one fixed, one new), then
/// a copy of the 1.9.4 report that a hostile repository shaped (a rule id, path and message with
/// terminal escapes, a spreadsheet formula, commas, quotes and line breaks, and a planted secret),
/// with the SQL injection on line 11 gone and the subprocess import raised to high.
struct ReviewHistory {
    let bed: CLITestbed
    /// The scans, oldest first.
    let scans: [String]
    /// The planted secret, in the shape of an AWS access key id: never printed.
    let secret = "AKIAWARDREVIEWKEY001"

    static let hostileRule = "B602\u{1B}]8;;https://evil.example\u{07}=cmd|' /C calc'!A0"
    static let hostilePath = "pkg/=HYPERLINK(\"x\"),a\n\u{1B}[2Jb.py"
    static let hostileMessage = "=cmd|' /C calc'!A0, \"quoted\"\nnext line \u{1B}[31mred\u{1B}[0m @SUM(1) -2+3"

    init() throws {
        bed = try CLITestbed()
        let root = Fixtures.path("projects/tiny")
        let hostile = bed.directory + "/hostile-bandit.json"
        try Self.hostileReport(secret: secret).write(to: URL(fileURLWithPath: hostile))
        let reports = [Fixtures.path("reports/bandit/tiny-bandit-1.7.0.json"), Fixtures.path("reports/bandit/tiny-bandit-1.9.4.json"), hostile]
        for (index, report) in reports.enumerated() {
            let origin = ["--branch", index == 2 ? "=evil,\"branch\"" : "main", "--commit", String(repeating: "\(index + 1)abc", count: 10)]
            let result = try bed.ward(["import", "--tool", "bandit", "--root", root, "--target", "tiny", report, "-o", bed.directory + "/out.txt"] + origin)
            #expect([0, 1].contains(result.status), "\(report): \(result.stderr)")
        }
        let listing = try bed.ward(["scans", "--format", "json"])
        let document = try JSONSerialization.jsonObject(with: Data(listing.stdout.utf8)) as? [String: Any] ?? [:]
        scans = ((document["scans"] as? [[String: Any]]) ?? []).compactMap { $0["scanID"] as? String }.reversed()
    }

    /// The 1.9.4 report as the hostile repository left it.
    static func hostileReport(secret: String) throws -> Data {
        var document = try #require(try JSONSerialization.jsonObject(with: Fixtures.data("reports/bandit/tiny-bandit-1.9.4.json")) as? [String: Any])
        var results = try #require(document["results"] as? [[String: Any]])
        results.removeAll { $0["test_id"] as? String == "B608" && $0["line_number"] as? Int == 11 }
        for index in results.indices where results[index]["test_id"] as? String == "B404" { results[index]["issue_severity"] = "HIGH" }
        var planted = results[0]
        planted["test_id"] = hostileRule
        planted["test_name"] = "hostile"
        planted["issue_cwe"] = nil
        planted["filename"] = "./" + hostilePath
        planted["line_number"] = 2
        planted["line_range"] = [2]
        planted["issue_text"] = hostileMessage + " aws_access_key_id = \(secret)"
        planted["code"] = "2 aws_access_key_id = \"\(secret)\"\n"
        results.append(planted)
        document["results"] = results
        return try JSONSerialization.data(withJSONObject: document, options: [.sortedKeys])
    }

    /// `text` with what changes from run to run replaced: scan ids by `<scan N>` (oldest first), times,
    /// dates and the machine's directories.
    func normalized(_ text: String) -> String {
        var text = text
        for (index, scan) in scans.enumerated() {
            text = text.replacingOccurrences(of: scan, with: "<scan \(index + 1)>")
            text = text.replacingOccurrences(of: String(scan.prefix(8)), with: "<scan \(index + 1)>")
        }
        for directory in [bed.directory, Fixtures.repository] { text = text.replacingOccurrences(of: directory, with: "<dir>") }
        text = text.replacingOccurrences(of: #"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z"#, with: "<time>", options: .regularExpression)
        return text.replacingOccurrences(of: #"\d{4}-\d\d-\d\d"#, with: "<date>", options: .regularExpression)
    }
}
