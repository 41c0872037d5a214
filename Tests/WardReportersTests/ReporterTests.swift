import Foundation
import Testing
import WardCore
import WardReporters

@Suite struct ReporterTests {
    static let scan = ScanRun(
        id: "00000000-0000-0000-0000-000000000001",
        target: ScanTarget(name: "demo", root: "/checkout"),
        mode: .scan,
        startedAt: Date(timeIntervalSince1970: 1_800_000_000),
        finishedAt: Date(timeIntervalSince1970: 1_800_000_004),
        wardVersion: "0.0.0-test",
        toolRuns: [
            ToolRun(toolID: "bandit", toolVersion: "1.9.4", state: .succeeded, duration: 0.5, findingCount: 2),
            ToolRun(toolID: "semgrep", state: .timedOut, duration: 900, errors: ["killed after the timeout of 900 s"]),
        ],
        findings: [
            Finding(toolID: "bandit", ruleID: "B602", title: "shell=True \u{1B}[2Jwith input", message: "m", kind: .sast, severity: .high,
                    location: SourceLocation(path: "app/\u{202E}x.py", startLine: 9), identity: "v1:b"),
            Finding(toolID: "bandit", ruleID: "B105", title: "hard-coded password", message: "m", kind: .sast, severity: .low,
                    location: SourceLocation(path: "app/config.py", startLine: 3), suppression: Suppression(source: .inSource), identity: "v1:a"),
        ]
    )
    static let gate = GateResult(outcome: .incomplete, policy: "default", reasons: ["semgrep timed-out"], failingIdentities: ["v1:b"])

    @Test func tableGroupsBySeverityAndNeverPassesEscapesThrough() throws {
        let text = String(decoding: try TableReporter.render(Self.scan, gate: Self.gate, options: RenderOptions(color: false, width: 100)), as: UTF8.self)
        #expect(text.contains("HIGH (1)"))
        #expect(text.contains("SUPPRESSED (1)"))
        #expect(text.contains("app/x.py:9"))
        #expect(!text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x202E })
        #expect(text.contains("semgrep: timed-out"))
        #expect(text.contains("Result: INCOMPLETE"))
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 100 })
    }

    @Test func colourOnlyWhenAsked() throws {
        let plain = try TableReporter.render(Self.scan, gate: Self.gate, options: RenderOptions(color: false))
        let coloured = try TableReporter.render(Self.scan, gate: Self.gate, options: RenderOptions(color: true))
        #expect(!plain.contains(0x1B))
        #expect(coloured.contains(0x1B))
    }

    @Test func jsonIsVersionedDeterministicAndCarriesEverything() throws {
        let first = try JSONReporter.render(Self.scan, gate: Self.gate, options: RenderOptions())
        let second = try JSONReporter.render(Self.scan, gate: Self.gate, options: RenderOptions())
        #expect(first == second)
        let document = try JSONParser.parse(first)
        #expect(document["schemaVersion"].int == JSONReporter.schemaVersion)
        #expect(document["scan"]["complete"].bool == false)
        #expect(document["gate"]["outcome"].string == "incomplete")
        #expect(document["toolRuns"][1]["state"].string == "timed-out")
        #expect(document["findings"][0]["ruleID"].string == "B602")
        #expect(document["findings"][1]["suppression"]["source"].string == "in-source")
    }

    @Test func registryIdsAreUniqueAndResolve() throws {
        #expect(Set(ReporterRegistry.ids).count == ReporterRegistry.ids.count)
        for id in ReporterRegistry.ids {
            #expect(try ReporterRegistry.reporter(id: id).id == id)
            #expect(id.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "-" })
        }
        #expect(throws: ReporterError.self) { try ReporterRegistry.reporter(id: "pdf") }
    }
}
