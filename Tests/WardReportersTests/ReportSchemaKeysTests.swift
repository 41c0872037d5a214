import Foundation
import Testing
import TestSupport
import WardCore
import WardReporters

/// The published schema (`schemas/ward-report.schema.json`) and the JSON documents' encoding types
/// declare the same keys: documents with every optional value set are walked beside the schema, and
/// a key the schema lacks, or a declared key the document never writes, fails here. Renaming a key
/// in one place and not the other cannot pass.
@Suite struct ReportSchemaKeysTests {
    static let schemaPath = Fixtures.repository + "/schemas/ward-report.schema.json"

    static let finding = Finding(
        toolID: "pip-audit", toolVersion: "2.10.1", ruleID: "PYSEC-1", ruleName: "name", title: "t", message: "m", kind: .dependency,
        severity: .high, rawSeverity: "HIGH", confidence: "HIGH", cwes: ["CWE-79"], advisory: Advisory(id: "PYSEC-1", aliases: ["CVE-1"]),
        location: SourceLocation(path: "requirements.txt", startLine: 1, endLine: 2, startColumn: 3, endColumn: 4, snippet: "x==1"),
        package: PackageReference(ecosystem: "pypi", name: "x", installedVersion: "1", fixedVersions: ["2"], purl: "pkg:pypi/x@1"),
        references: ["https://example.org"], fixAvailable: true, metadata: ["k": "v"],
        suppression: Suppression(source: .policy, justification: "why"), identity: "v1:abc", raw: "{\"a\":1}", sources: ["pip-audit"])

    static let run = ToolRun(toolID: "pip-audit", toolVersion: "2.10.1", state: .succeeded, executable: "pip-audit", arguments: ["-f"],
                             exitStatus: 1, duration: 1.5, stderrHead: "e", errors: ["x"], inputs: ["requirements.txt"], findingCount: 1,
                             skipped: ["y"], required: true)

    static let scan = ScanRun(id: "s1", target: ScanTarget(name: "t", root: "/r", image: "i", branch: "b", commit: "abcdef1", runURL: "https://ci.example/1"), mode: .scan,
                              startedAt: Date(timeIntervalSince1970: 0), finishedAt: Date(timeIntervalSince1970: 1), wardVersion: "1",
                              toolRuns: [run], findings: [finding])

    static let gate = GateResult(outcome: .fail, policy: "default", reasons: ["r"], failingIdentities: ["v1:abc"],
                                 checks: [.init(name: "c", passed: false, detail: "d", failingIdentities: ["v1:abc"])], warnings: ["w"])
    static let overdueGate = {
        var gate = Self.gate
        gate.overdue = ["v1:abc": Date(timeIntervalSince1970: 86_400)]
        gate.evaluatedAt = Date(timeIntervalSince1970: 2 * 86_400)
        return gate
    }()

    static func documents() throws -> [(name: String, data: Data)] {
        let tracked = TrackedFinding(finding: finding, target: "t", status: .fixed, sources: ["pip-audit"], firstSeenScanID: "s0",
                                     lastSeenScanID: "s1", fixedScanID: "s2", firstSeenAt: Date(timeIntervalSince1970: 0),
                                     lastSeenAt: Date(timeIntervalSince1970: 1))
        let summary = ScanSummary(scanID: "s1", target: scan.target, mode: .import, startedAt: scan.startedAt, finishedAt: scan.finishedAt,
                                  isComplete: true, toolRuns: [run], findingCount: 1, newCount: 1, reopenedCount: 1, fixedCount: 0)
        return [
            ("scanReport", try JSONReporter.render(scan, gate: overdueGate, options: RenderOptions())),
            ("findingList", try HistoryReport.findings([tracked], format: "json", options: RenderOptions(),
                                                       overdue: ServiceLevel(days: [.high: 1]).deadlines(asOf: Date(timeIntervalSince1970: 2 * 86_400)))),
            ("scanList", try HistoryReport.scans([summary], format: "json", options: RenderOptions())),
        ] + (try reviewDocuments(tracked, summary: summary))
    }

    /// `ward show`, `ward diff` and `ward trends` documents with every optional value set.
    static func reviewDocuments(_ tracked: TrackedFinding, summary: ScanSummary) throws -> [(name: String, data: Data)] {
        let at = Date(timeIntervalSince1970: 2)
        let story = FindingStory(
            finding: tracked,
            sightings: [.init(scanID: "s1", at: at, toolID: "pip-audit", location: finding.location, raw: "{}")],
            events: [FindingEvent(kind: .severityChanged, scanID: "s1", at: at, detail: ["from": "low", "to": "high"])],
            triage: [TriageDecision(state: .acceptedRisk, reason: "r", expires: at, author: "a", at: at)], scans: [summary])
        let diff = ScanDiff(from: summary, to: summary, new: [tracked], reopened: [tracked], fixed: [tracked],
                            severityChanged: [.init(finding: tracked, from: .low, to: .high)])
        let point = TrendPoint(start: "2026-01-05", open: [.high: 1], new: 1, reopened: 1, fixed: 1, meanTimeToFix: 60)
        return [
            ("findingStory", try StoryReport.render(RedactionStage().redact(story), format: "json", options: RenderOptions())),
            ("scanDiff", try DiffReport.render(RedactionStage().redact(diff), format: "json", options: RenderOptions())),
            ("trendList", try TrendReport.render([point], target: "t", interval: .week, format: "json", options: RenderOptions())),
        ]
    }

    @Test func everyEncodedKeyIsInTheSchemaAndEveryDeclaredKeyIsWritten() throws {
        let schema = try JSONParser.parse(try Data(contentsOf: URL(fileURLWithPath: Self.schemaPath)))
        // A shared definition (a finding) must have each key written by some document, not by every
        // one: a finding's due date is only written where a policy's sla: judged it.
        var written = Coverage(), unwritten: [(definition: String, key: String, issue: String)] = []
        for (name, data) in try Self.documents() {
            var issues: [String] = []
            var coverage = Coverage()
            Self.compare(try JSONParser.parse(data), schema["$defs"][name], root: schema, at: name, issues: &issues, coverage: &coverage)
            #expect(issues.isEmpty, "\(issues.joined(separator: "\n"))")
            written.keys.formUnion(coverage.keys)
            unwritten += coverage.missing
        }
        let never = unwritten.filter { !written.keys.contains($0.definition + "." + $0.key) }.map(\.issue)
        #expect(never.isEmpty, "\(never.joined(separator: "\n"))")
    }

    /// Keys written and missing per shared definition (`$defs` name), across documents.
    struct Coverage {
        var keys: Set<String> = []
        var missing: [(definition: String, key: String, issue: String)] = []
    }

    @Test func aRenamedKeyIsCaught() throws {
        // The comparison itself can fail: a document with one key renamed does not match.
        let schema = try JSONParser.parse(try Data(contentsOf: URL(fileURLWithPath: Self.schemaPath)))
        let text = String(decoding: try Self.documents()[0].data, as: UTF8.self).replacingOccurrences(of: "\"fixAvailable\"", with: "\"fixable\"")
        var issues: [String] = []
        var coverage = Coverage()
        Self.compare(try JSONParser.parse(Data(text.utf8)), schema["$defs"]["scanReport"], root: schema, at: "scanReport", issues: &issues, coverage: &coverage)
        #expect(issues.contains("scanReport.findings[0]: key 'fixable' is not in the schema"), "\(issues)")
        #expect(coverage.missing.map(\.issue).contains("scanReport.findings[0]: schema key 'fixAvailable' is never written"), "\(coverage.missing)")
    }

    /// Walks `value` beside `schema`, resolving local `$ref`s.
    static func compare(_ value: JSONValue, _ schema: JSONValue, root: JSONValue, at path: String, issues: inout [String],
                        coverage: inout Coverage, definition: String? = nil) {
        if let reference = schema["$ref"].string, reference.hasPrefix("#/$defs/") {
            let name = String(reference.dropFirst(8))
            return compare(value, root["$defs"][name], root: root, at: path, issues: &issues, coverage: &coverage, definition: name)
        }
        switch value {
        case .object(let members):
            guard let properties = schema["properties"].object else { return }  // a free-form map such as `metadata`
            for key in members.keys.sorted() where properties[key] == nil { issues.append("\(path): key '\(key)' is not in the schema") }
            let scope = definition ?? path
            coverage.keys.formUnion(members.keys.map { scope + "." + $0 })
            for key in properties.keys.sorted() where members[key] == nil {
                coverage.missing.append((scope, key, "\(path): schema key '\(key)' is never written"))
            }
            for (key, member) in members.sorted(by: { $0.key < $1.key }) {
                if let property = properties[key] { compare(member, property, root: root, at: path + "." + key, issues: &issues, coverage: &coverage) }
            }
        case .array(let items):
            if items.isEmpty, schema["items"]["properties"].object != nil || schema["items"]["$ref"].string != nil {
                issues.append("\(path): empty, so its items' keys are not checked")
            }
            for (index, item) in items.enumerated() {
                compare(item, schema["items"], root: root, at: path + "[\(index)]", issues: &issues, coverage: &coverage)
            }
        default:
            return
        }
    }
}
