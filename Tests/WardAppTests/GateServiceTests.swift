import Foundation
import Testing
import TestSupport
import WardApp
import WardCore
import WardStorage

@Suite struct GateServiceTests {
    @Test func checkGatesARecordedScanWithAnotherPolicyAndTheVersionThatMadeIt() throws {
        // Given a scan recorded by an older Ward
        let bed = try AppTestbed()
        var old = DemoScan.scan
        old.wardVersion = "0.0.7-old"
        _ = try bed.database().record(RedactionStage().redact(old))
        // When it is checked again by the latest scan, and by id prefix with a lenient policy and --exit-zero
        let latest = try bed.gates.check(scanID: nil, target: nil, pluginDirectory: nil, request: GateRequest())
        let lenient = try bed.write("name: lenient\nfail-on:\n  severity: critical\nmax-findings: {critical: 10}\n", named: "lenient.yml")
        let byPrefix = try bed.gates.check(scanID: String(old.id.prefix(8)), target: nil, pluginDirectory: nil,
                                           request: GateRequest(policy: lenient, advisory: true))
        // Then the version is the recorded one, and each policy gives its own verdict
        #expect(latest.scan.value.wardVersion == "0.0.7-old")
        #expect(byPrefix.scan.value.wardVersion == "0.0.7-old")
        #expect(latest.gate.policy == "default" && byPrefix.gate.policy == "lenient")
        // DemoScan has a tool that timed out: incomplete, which --exit-zero never hides
        #expect(latest.conclusion == .incomplete && byPrefix.conclusion == .incomplete)
    }

    @Test func checkOfAnUnknownScanOrAnEmptyHistoryIsRejected() throws {
        let bed = try AppTestbed()
        #expect(throws: AppError.noScanRecorded(target: nil)) {
            try bed.gates.check(scanID: nil, target: nil, pluginDirectory: nil, request: GateRequest())
        }
        _ = try bed.importReport()
        #expect(throws: AppError.unknownScan(id: "ffffffff")) {
            try bed.gates.check(scanID: "ffffffff", target: nil, pluginDirectory: nil, request: GateRequest())
        }
    }

    @Test func exitZeroMakesOnlyAFailedPolicyPass() throws {
        let bed = try AppTestbed()
        let strict = try bed.importReport().gated
        let advisory = try bed.gates.check(scanID: nil, target: nil, pluginDirectory: nil, request: GateRequest(advisory: true))
        #expect(strict.conclusion == .failed)
        #expect(advisory.gate.outcome == .fail && advisory.conclusion == .passed)
        for outcome in [GateResult.Outcome.pass, .fail, .incomplete] {
            let gate = GateResult(outcome: outcome, policy: "p", reasons: [], failingIdentities: [])
            #expect(Conclusion(gate, advisory: true) == (outcome == .incomplete ? .incomplete : .passed))
            #expect(Conclusion(gate) == [.pass: .passed, .fail: .failed, .incomplete: .incomplete][outcome])
        }
    }

    @Test func theBaselineIsTheLastCompleteScanOfTheTargetHoweverManyIncompleteOnesFollowIt() throws {
        // Given a complete scan of the target with the report's findings, then 501 incomplete scans without them
        let bed = try AppTestbed()
        let baseline = try bed.importReport(target: "svc")
        let database = try bed.database()
        for index in 0..<501 {
            let broken = ScanRun(id: "broken-\(index)", target: ScanTarget(name: "svc", root: AppTestbed.tinyRoot), mode: .scan,
                                 startedAt: Date(), finishedAt: Date(), wardVersion: "0",
                                 toolRuns: [ToolRun(toolID: "bandit", state: .failed)], findings: [])
            _ = try database.record(RedactionStage().redact(broken))
        }
        // When the same findings come again under the pull-request policy (new findings only)
        let again = try bed.write(try String(contentsOfFile: AppTestbed.banditReport, encoding: .utf8) + " ", named: "again.json")
        let gated = try bed.importReport(again, target: "svc", gate: GateRequest(policy: "pull-request")).gated
        // Then the complete scan is the baseline: nothing is new, the gate passes
        #expect(baseline.gated.conclusion == .failed)
        #expect(gated.gate.outcome == .pass, "\(gated.gate.reasons)")
    }

    @Test func theBaselineComesFromTheNamedBranchOrTheNamedScan() throws {
        // Given a scan of main with the findings, and a later one of a feature branch without them
        let bed = try AppTestbed()
        let main = try bed.importReport(target: "svc", branch: "main")
        let empty = try bed.write(#"{"errors": [], "results": [], "metrics": {}}"#, named: "empty.json")
        _ = try bed.importReport(empty, target: "svc", branch: "feature")
        let report = try String(contentsOfFile: AppTestbed.banditReport, encoding: .utf8)
        // When the findings come again from a pull request, against each baseline
        let againstMain = try bed.importReport(try bed.write(report + " ", named: "1.json"), target: "svc", branch: "pr",
                                               gate: GateRequest(policy: "pull-request", baseline: .latestComplete(branch: "main")))
        let againstFeature = try bed.importReport(try bed.write(report + "  ", named: "2.json"), target: "svc", branch: "pr",
                                                  gate: GateRequest(policy: "pull-request", baseline: .latestComplete(branch: "feature")))
        let againstScan = try bed.importReport(try bed.write(report + "   ", named: "3.json"), target: "svc", branch: "pr",
                                               gate: GateRequest(policy: "pull-request", baseline: .scan(id: main.recording.scanID ?? "")))
        // Then only main's scan (by branch or by id) makes them known
        #expect(againstMain.gated.conclusion == .passed)
        #expect(againstFeature.gated.conclusion == .failed)
        #expect(againstScan.gated.conclusion == .passed)
    }
}
