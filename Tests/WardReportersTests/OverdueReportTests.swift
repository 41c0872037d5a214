import Foundation
import Testing
import TestSupport
import WardCore
import WardReporters

/// Overdue findings (past the policy's `sla:` days) are marked in every format, with their due date
/// where the format has room for it, and the others are not.
@Suite struct OverdueReportTests {
    static let due = Date(timeIntervalSince1970: 1_798_761_600) // 2027-01-01T00:00:00Z

    /// The demo verdict with a code finding, a secret and a dependency overdue, under a policy with `sla:`.
    static var gate: GateResult {
        var gate = DemoScan.gate
        gate.overdue = [DemoScan.Ids.shell: due, DemoScan.Ids.awsKey: due, DemoScan.Ids.jinjaCVE: due]
        gate.checks.append(.init(name: "overdue", passed: true, detail: "3 findings overdue"))
        gate.evaluatedAt = due.addingTimeInterval(86_400 * 10)
        return gate
    }

    static func render(_ format: String, gate: GateResult = gate) throws -> String {
        let reporter = try ReporterRegistry.reporter(id: format)
        return String(decoding: try reporter.render(DemoScan.scan, gate: gate, options: RenderOptions(color: false, width: 120)), as: UTF8.self)
    }

    @Test(arguments: ReporterRegistry.ids)
    func everyFormatMarksOverdueFindingsAndMatchesItsGoldenFile(format: String) throws {
        let marked = try Self.render(format)
        let plain = try Self.render(format, gate: DemoScan.gate)
        // The mark names the due day; without overdue findings no format mentions it
        #expect(marked.contains("2027-01-01"))
        #expect(marked.lowercased().contains("overdue"))
        #expect(!plain.contains("2027-01-01"))
        #expect(!plain.contains("overdue since") && !plain.contains("ward/overdue") && !plain.contains("\"dueAt\""))
        let reporter = try ReporterRegistry.reporter(id: format)
        try GoldenFile.check(Data(marked.utf8), "\(format)/demo-overdue.\(reporter.fileExtension)")
    }

    @Test func jsonCarriesAnExplicitKeyAndTheDueDatePerFindingAndTheCountInTheGate() throws {
        let document = try JSONParser.parse(Data(try Self.render("json").utf8))
        var marked: [String: String] = [:]
        for finding in document["findings"].array ?? [] where finding["overdue"] == .bool(true) {
            marked[finding["identity"].string ?? ""] = finding["dueAt"].string
        }
        #expect(marked == [DemoScan.Ids.shell: "2027-01-01T00:00:00Z", DemoScan.Ids.awsKey: "2027-01-01T00:00:00Z",
                           DemoScan.Ids.jinjaCVE: "2027-01-01T00:00:00Z"])
        #expect(document["gate"]["overdueCount"] .int == 3)
        #expect(document["gate"]["evaluatedAt"].string == "2027-01-11T00:00:00Z")
    }

    @Test func sarifMarksTheResultPropertiesOfOverdueFindingsOnly() throws {
        let log = try JSONParser.parse(Data(try Self.render("sarif").utf8))
        var overdue: [String] = []
        var others = 0
        for run in log["runs"].array ?? [] {
            for result in run["results"].array ?? [] {
                if result["properties"]["ward/overdue"] == .bool(true) {
                    #expect(result["properties"]["ward/dueAt"].string == "2027-01-01T00:00:00Z")
                    overdue.append(result["partialFingerprints"]["wardIdentity/v1"].string ?? "")
                } else {
                    others += 1
                    #expect(result["properties"]["ward/dueAt"] == .null)
                }
            }
        }
        #expect(overdue.sorted() == [DemoScan.Ids.shell, DemoScan.Ids.awsKey, DemoScan.Ids.jinjaCVE].sorted())
        #expect(others > 0)
    }
}
