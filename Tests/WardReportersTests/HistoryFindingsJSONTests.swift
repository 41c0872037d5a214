import Foundation
import Testing
import TestSupport
import WardCore
@testable import WardReporters

/// `ward findings --format json` (and the server's findings API) is written value by value; its
/// bytes are those `JSONEncoder` gives the same document: every kind of demo finding, fixed and open,
/// with and without a due date, and an empty listing.
@Suite struct HistoryFindingsJSONTests {
    @Test(arguments: [false, true]) func streamedFindingsEqualTheEncodersDocument(withDueDates: Bool) throws {
        let start = Date(timeIntervalSince1970: 1_767_225_600)
        let tracked = DemoScan.scan.findings.enumerated().map { index, finding in
            TrackedFinding(finding: finding, target: "shop-api", status: index % 3 == 0 ? .fixed : .open, sources: ["bandit", "semgrep"],
                           firstSeenScanID: "s1", lastSeenScanID: "s2", fixedScanID: index % 3 == 0 ? "s3" : nil,
                           firstSeenAt: start, lastSeenAt: start.addingTimeInterval(Double(index) * 3600))
        }
        let overdue = withDueDates ? ServiceLevel(days: [.critical: 7, .high: 30]).deadlines(asOf: start) : nil
        for findings in [tracked, []] {
            let streamed = try HistoryReport.findings(RedactionStage().redact(findings), format: "json", options: RenderOptions(), overdue: overdue)
            let entries = RedactionStage().redact(findings).value.map { JSONHistory.TrackedFinding($0, dueAt: overdue?.dueDate(severity: $0.finding.severity, firstSeen: $0.firstSeenAt)) }
            var encoded = try JSONCoding.encode(JSONHistory.FindingsDocument(schemaVersion: 1, findings: entries), pretty: true)
            encoded.append(0x0A)
            #expect(String(decoding: streamed, as: UTF8.self) == String(decoding: encoded, as: UTF8.self))
        }
    }
}
