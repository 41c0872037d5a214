import Foundation
import WardCore

/// SARIF 2.1.0 as GitHub code scanning reads it: one run per tool, GitHub's limits enforced.
///
/// Every tool that finished gets a run, with `results: []` when it found nothing, so alerts it
/// no longer reports are closed. A tool that did not finish gets no run unless it reported
/// something: an empty run would close its alerts although nothing was checked. Ward's identity
/// goes under its own `partialFingerprints` key; `primaryLocationLineHash` is left to
/// `upload-sarif`, which computes it from the checked-out source.
public struct SARIFReporter: Reporter {
    public static let id = "sarif"
    public static let fileExtension = "sarif"
    /// The schema named in `$schema`.
    public static let schemaURI = "https://json.schemastore.org/sarif-2.1.0.json"
    /// The `partialFingerprints` key holding Ward's identity.
    public static let fingerprintKey = "wardIdentity/v1"

    // MARK: - Reporter Conformance

    public static func render(_ redacted: Redacted<ScanRun>, gate: GateResult, options: RenderOptions) throws(ReporterError) -> Data {
        render(redacted, limits: .github, overdue: gate.overdue)
    }

    /// Warns when the gzipped log is over GitHub's upload limit, and when results or runs were left out.
    public static func warnings(_ redacted: Redacted<ScanRun>, gate: GateResult, report: Data) -> [String] {
        warnings(SARIFPlan(scan: redacted.value, limits: .github), gzippedSize: SARIFLimits.gzippedSize(of: report), limits: .github)
    }

    /// Streams the log to `output` in chunks of about 64 KiB, one result at a time, measuring its
    /// gzipped size on the way.
    public static func write(_ redacted: Redacted<ScanRun>, gate: GateResult, options: RenderOptions,
                             to output: any ReportOutput) throws(ReporterError) -> [String] {
        let plan = SARIFPlan(scan: redacted.value, limits: .github)
        let counter = GzipSizeCounter()
        do {
            try log(redacted, plan: plan, limits: .github, overdue: gate.overdue).write(chunkSize: ReportChunk.size) { buffer in
                try buffer.withUnsafeBytes { bytes in
                    counter.add(bytes)
                    try output.write(bytes)
                }
                buffer.removeAll(keepingCapacity: true)
            }
        } catch {
            throw .outputFailed(format: id, reason: String(describing: error))
        }
        return warnings(plan, gzippedSize: counter.finish(), limits: .github)
    }

    /// Renders the log under the given limits.
    ///
    /// - Parameters:
    ///   - scan: the scan, as the policy presents it (waivers applied).
    ///   - limits: the largest numbers of runs, results and rules to write.
    ///   - overdue: due dates of overdue findings by identity, marked in their results' properties.
    /// - Returns: the SARIF log as pretty-printed UTF-8 JSON.
    public static func render(_ redacted: Redacted<ScanRun>, limits: SARIFLimits, overdue: [String: Date] = [:]) -> Data {
        log(redacted, plan: SARIFPlan(scan: redacted.value, limits: limits), limits: limits, overdue: overdue).data
    }

    /// The log of `plan`, its results made one at a time as they are written.
    private static func log(_ redacted: Redacted<ScanRun>, plan: SARIFPlan, limits: SARIFLimits, overdue: [String: Date]) -> OrderedJSON {
        let builder = SARIFRunBuilder(scan: redacted.value, limits: limits, overdue: overdue)
        return ["$schema": .string(schemaURI), "version": "2.1.0", "runs": .array(plan.runs.map { builder.run(for: $0) })]
    }

    private static func warnings(_ plan: SARIFPlan, gzippedSize: Int?, limits: SARIFLimits) -> [String] {
        var warnings = plan.notices.map(\.text)
        if let size = gzippedSize, size > limits.gzippedBytes {
            warnings.append("the SARIF log is \(size / 1_000_000) MB gzipped, over GitHub's upload limit of "
                + "\(limits.gzippedBytes / 1_000_000) MB: upload-sarif will reject it")
        }
        return warnings
    }
}

/// Which runs and results go into the log, and what was left out.
struct SARIFPlan {
    /// A note for a run's `toolExecutionNotifications` and for the CLI.
    struct Notice {
        var level: String
        var text: String
    }

    /// One tool's run.
    struct Run {
        var toolID: String
        var toolRun: ToolRun?
        var findings: [Finding]
        var notices: [Notice] = []
    }

    private(set) var runs: [Run] = []
    private(set) var notices: [Notice] = []

    init(scan: ScanRun, limits: SARIFLimits) {
        var order: [String] = []
        for id in scan.toolRuns.map(\.toolID) + Set(scan.findings.map(\.toolID)).sorted() where !order.contains(id) {
            order.append(id)
        }
        // Positions, not copies: a large scan's findings are copied only once kept.
        let byTool = Dictionary(grouping: scan.findings.indices, by: { scan.findings[$0].toolID })
        var candidates: [Run] = []
        for id in order {
            let toolRun = scan.toolRuns.last { $0.toolID == id }
            let indices = FindingOrder.sorted(byTool[id] ?? [], of: scan.findings)
            // A tool that ran and applied gets a run even when clean, so GitHub closes its alerts; a
            // tool that did not apply, or did not finish, gets none, so its alerts stay as they were.
            let ranAndApplied = toolRun.map { $0.state == .succeeded } ?? true
            guard ranAndApplied || !indices.isEmpty else { continue }
            candidates.append(Self.capped(id, toolRun: toolRun, indices: indices, of: scan.findings, limits: limits))
        }
        notices = candidates.flatMap(\.notices)
        runs = Self.keepMostImportant(candidates, limit: limits.runs, notices: &notices)
    }

    /// Keeps the most severe results first, within the result and rule limits.
    private static func capped(_ toolID: String, toolRun: ToolRun?, indices: [Int], of findings: [Finding], limits: SARIFLimits) -> Run {
        var run = Run(toolID: toolID, toolRun: toolRun, findings: [])
        var rules = Set<String>()
        for index in indices where run.findings.count < limits.resultsPerRun {
            let finding = findings[index]
            guard rules.contains(finding.ruleID) || rules.count < limits.rulesPerRun else { continue }
            rules.insert(finding.ruleID)
            run.findings.append(finding)
        }
        let dropped = indices.count - run.findings.count
        if dropped > 0 {
            run.notices.append(Notice(level: "warning", text: "\(toolID): \(dropped) of \(indices.count) results left out "
                + "(GitHub accepts at most \(limits.resultsPerRun) results and \(limits.rulesPerRun) rules per run); the most severe were kept"))
        }
        return run
    }

    /// Drops the runs that matter least when there are more than `limit`: empty ones first, then the least severe.
    private static func keepMostImportant(_ runs: [Run], limit: Int, notices: inout [Notice]) -> [Run] {
        guard runs.count > limit, limit > 0 else { return runs }
        func weight(_ run: Run) -> (Int, Int) {
            (run.findings.filter(\.isActive).map(\.severity.rank).max() ?? -1, run.findings.count)
        }
        let ranked = runs.indices.sorted { weight(runs[$0]) > weight(runs[$1]) || (weight(runs[$0]) == weight(runs[$1]) && $0 < $1) }
        let keptIndices = Set(ranked.prefix(limit))
        let dropped = runs.indices.filter { !keptIndices.contains($0) }.map { runs[$0].toolID }
        var kept = runs.indices.filter(keptIndices.contains).map { runs[$0] }
        let notice = Notice(level: "warning", text: "\(dropped.count) tool runs left out (GitHub accepts at most \(limit) runs per file): "
            + dropped.joined(separator: ", "))
        notices.append(notice)
        kept[0].notices.append(notice)
        return kept
    }
}
