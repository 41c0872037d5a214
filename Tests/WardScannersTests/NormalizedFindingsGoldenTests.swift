import Foundation
import Testing
import TestSupport
import WardConfig
import WardCore
@testable import WardScanners

/// Every report fixture imported the way `ward import --tool X` imports it (``ReportImporter`` and
/// ``FindingNormalizer``, a fixed root and secret key), its tool runs and normalized findings
/// compared field by field with `fixtures/golden/normalized/<tool>/<report>.json`.
///
/// The golden files pin what every reader makes of every report, so a change to how reports are
/// read (a faster decoder) shows any finding it changes. A mismatch rewrites the file (review it
/// with `git diff`) and fails naming the report and the first field that differs.
@Suite struct NormalizedFindingsGoldenTests {
    /// One report imported with one plugin.
    struct Case: CustomTestStringConvertible, Sendable {
        var tool: String
        var report: String
        var testDescription: String { "\(tool) \(report)" }
        var golden: String { "normalized/\(tool)/\((report as NSString).lastPathComponent).json" }
    }

    /// Each report with the plugin of its folder, and every SARIF log also with `--tool sarif` and
    /// with a declared plugin that writes SARIF.
    static let cases: [Case] = {
        let folder = Fixtures.path("reports")
        let files = (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? [])
            .filter { !$0.hasPrefix(".") && $0.contains("/") }.sorted()
        var cases: [Case] = []
        for file in files {
            let tool = String(file.prefix { $0 != "/" })
            cases.append(Case(tool: tool, report: "reports/" + file))
            if file.hasSuffix(".sarif"), tool != "sarif" { cases.append(Case(tool: "sarif", report: "reports/" + file)) }
            if file.hasSuffix(".sarif") { cases.append(Case(tool: "fake-sarif", report: "reports/" + file)) }
        }
        return cases
    }()

    static func plugin(_ tool: String) throws -> any ScannerPlugin {
        if tool == "fake-sarif" { return DeclarativeScanner(spec: try DeclarativeScannerSpec.load(atPath: Fixtures.path("plugins/fake-sarif.yml")), origin: "fake-sarif.yml") }
        return try ScannerRegistry.plugin(id: tool)
    }

    /// The import as stable JSON: tool runs (without their wall time), findings, digest, and for each
    /// path the number of secret values and their digest; or the one-line error.
    static func normalized(_ testCase: Case) throws -> Data {
        let normalizer = FindingNormalizer(paths: PathResolver(root: "/nonexistent-ward-golden-root", strict: false),
                                           secretKey: Array("golden-key".utf8))
        var document: [String: JSONValue] = ["tool": .string(testCase.tool), "report": .string(testCase.report)]
        do {
            let result = try ReportImporter().importReports([Fixtures.path(testCase.report)], plugin: try plugin(testCase.tool), normalizer: normalizer)
            let runs = result.toolRuns.map { run in
                var run = run
                run.duration = 0
                run.inputs = run.inputs.map { ($0 as NSString).lastPathComponent }
                return run
            }
            document["toolRuns"] = try JSONParser.parse(JSONCoding.encode(runs))
            document["findings"] = try JSONParser.parse(JSONCoding.encode(result.findings))
            document["digest"] = .string(result.digest)
            document["secretValues"] = .object(JSONObject(result.secretValues.mapValues { values in
                .string("\(values.count) values, SHA-256 \(SHA256.hexString(SHA256.digest(data: Data(values.sorted().joined(separator: "\n").utf8))))")
            }))
        } catch let error as ScannerError {
            document["error"] = .string(error.description.replacingOccurrences(of: Fixtures.repository + "/", with: ""))
        }
        let tree = try JSONSerialization.jsonObject(with: Data(JSONValue.object(JSONObject(document)).serialized.utf8))
        return try JSONSerialization.data(withJSONObject: tree, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]) + Data("\n".utf8)
    }

    @Test(arguments: cases)
    func normalizedFindingsMatchTheGoldenFile(_ testCase: Case) throws {
        let actual = try Self.normalized(testCase)
        let expected = FileManager.default.contents(atPath: Fixtures.path("golden/" + testCase.golden))
        let difference = try expected.map { try Self.firstDifference(JSONParser.parse($0), JSONParser.parse(actual), at: "") } ?? "the whole file"
        if let difference {
            let note = try GoldenFiles.mismatch(actual, testCase.golden) ?? ""
            Issue.record("\(testCase.report) imported as --tool \(testCase.tool): \(difference) differs; \(note)")
        }
    }

    @Test func theGoldenFilesCoverEveryReportFixtureOfEveryFolder() {
        let tools = Set(Self.cases.map(\.tool))
        #expect(tools.isSuperset(of: ["bandit", "checkov", "dependabot", "detect-secrets", "gitleaks", "pip-audit", "safety", "sarif",
                                      "semgrep", "trivy", "trufflehog", "fake-sarif"]))
        #expect(Self.cases.count > 80)
    }

    /// The path of the first field that differs (`findings[3].location.startLine`), or nil.
    static func firstDifference(_ expected: JSONValue, _ actual: JSONValue, at path: String) -> String? {
        switch (expected, actual) {
        case (.object(let left), .object(let right)):
            for key in Set(left.keys).union(right.keys).sorted() {
                if let difference = firstDifference(left[key] ?? .null, right[key] ?? .null, at: path.isEmpty ? key : path + "." + key) {
                    return difference
                }
            }
            return nil
        case (.array(let left), .array(let right)):
            for index in 0..<max(left.count, right.count) {
                let field = "\(path)[\(index)]"
                guard index < left.count, index < right.count else { return field + (index < left.count ? " (missing)" : " (added)") }
                if let difference = firstDifference(left[index], right[index], at: field) { return difference }
            }
            return nil
        default:
            return expected == actual ? nil : path.isEmpty ? "the document" : path
        }
    }
}
