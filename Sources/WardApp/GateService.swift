import Foundation
import WardCore
import WardPolicy
import WardScanners
import WardStorage

/// Evaluates policies: on a scan just made, or on one the history holds (`ward check`).
public struct GateService: Sendable {
    /// Where the history and Ward's data live.
    public var paths: WardPaths
    /// The clock a live scan's time-dependent decisions (waiver expiry, overdue) are taken against,
    /// unless ``GateRequest/now`` sets the instant.
    public var now: @Sendable () -> Date

    /// Creates the service.
    public init(paths: WardPaths, now: @escaping @Sendable () -> Date = { Date() }) {
        self.paths = paths
        self.now = now
    }

    /// The names of the policies Ward ships.
    public static var shippedPolicies: [String] { PolicyLoader.shippedNames }

    /// Loads the request's policy; the tool ids it names must be built-in scanners or `declared` plugins.
    public func loadPolicy(_ request: GateRequest, declared: [any ScannerPlugin]) throws(AppError) -> Policy {
        do {
            return try PolicyLoader.load(request.policy, knownTools: Set(ScannerRegistry.plugins(extra: declared).map(\.id)),
                                         suppressionsFile: request.suppressionsFile.map(WardPaths.absolute))
        } catch {
            throw .wrapping(error)
        }
    }

    /// The decisions of the request's triage file; none without one.
    public func loadTriage(_ request: GateRequest) throws(AppError) -> [TriageFile.Entry] {
        guard let file = request.triageFile else { return [] }
        do {
            return try TriageFile.load(path: WardPaths.absolute(file))
        } catch {
            throw .wrapping(error)
        }
    }

    /// Gates a recorded scan (by id or prefix, else the latest, of `target` when given) again,
    /// knowing the plugins of `pluginDirectory` for the policy's tool ids, as of the request's `now`,
    /// else as of the scan's start. Raw results are loaded only with `rawResults` (for reports that
    /// show them: ``ReportService/showRawResults(_:)``). The end of each phase goes to `log`.
    public func check(scanID: String?, target: String?, pluginDirectory: String?, request: GateRequest,
                      rawResults: Bool = true, log: ActivityLog = .silent) throws(AppError) -> GatedScan {
        let policy = try loadPolicy(request, declared: try DeclarativePlugins.known(directory: pluginDirectory, paths: paths))
        let database = try WardRuntime.openHistory(paths)
        let triage = try loadTriage(request)
        let redaction = try Redaction.stage(paths: paths)
        log.phaseEnded("open")
        let recorded = try HistoryService.recordedScan(id: scanID, target: target, in: database, rawResults: rawResults)
        log.phaseEnded("load the scan")
        let firstSeen: [String: Date], stored: [String: Suppression]
        do {
            firstSeen = policy.readsFirstSightings ? try database.firstSeen(inScan: recorded.id) : [:]
            stored = try database.waivers(inScan: recorded.id)
        } catch {
            throw .wrapping(error)
        }
        let asOf = request.now ?? recorded.startedAt
        // Today's decisions apply, like the policy's waivers; their expiry is read as of `asOf`.
        let decisions = try TriageService.decisions(for: recorded.target.name, database: database, file: triage)
        let baseline = try baselineIdentities(for: recorded, policy: policy, request: request, database: database)
        log.phaseEnded("load the history")
        let redacted = redaction.redact(recorded: recorded)
        log.phaseEnded("redact")
        var gated = evaluate(redacted, policy: policy, request: request, redaction: redaction, baseline: baseline,
                             firstSeen: firstSeen, asOf: asOf, decisions: decisions)
        // The waivers the scan's own gate stored are shown, never applied: a waiver removed from
        // the policy, or expired as of `asOf`, no longer hides a finding.
        var waived = Set<String>()
        for finding in gated.scan.value.findings where !stored.isEmpty && finding.suppression != nil { waived.insert(finding.identity) }
        let lapsed = stored.keys.filter { !waived.contains($0) }.count
        if lapsed > 0 {
            gated.gate.warnings.append("\(lapsed) finding\(lapsed == 1 ? " was" : "s were") waived when the scan was recorded "
                + "but not by policy \(policy.name) as of \(ISO8601DateFormatter().string(from: asOf))")
        }
        log.phaseEnded("gate")
        return gated
    }

    /// Gates a scan that was not stored now (not recording, or an import already recorded as
    /// `recordedAs`): first sightings from that recorded scan, else every finding is new.
    func gate(_ redacted: Redacted<ScanRun>, recordedAs: String?, policy: Policy, request: GateRequest, database: (any HistoryStore)?,
              redaction: RedactionStage, decisions: [String: TriageDecision]) throws(AppError) -> GatedScan {
        let baseline = try baselineIdentities(for: redacted.value, policy: policy, request: request, database: database)
        var firstSeen: [String: Date] = [:]
        if let database, let recordedAs, policy.readsFirstSightings {
            do {
                firstSeen = try database.firstSeen(inScan: recordedAs)
            } catch {
                throw .wrapping(error)
            }
        }
        return evaluate(redacted, policy: policy, request: request, redaction: redaction, baseline: baseline, firstSeen: firstSeen,
                        asOf: request.now ?? now(), decisions: decisions)
    }

    /// Gates a scan that passed the redaction stage: one finding per identity with every tool that
    /// reported it, and what the policy and reviewers' `decisions` add passed through `redaction` again.
    /// Pure: every fact from the history (baseline, first sightings, decisions) and the instant are given.
    func evaluate(_ redacted: Redacted<ScanRun>, policy: Policy, request: GateRequest, redaction: RedactionStage,
                  baseline: Set<String>?, firstSeen: [String: Date], asOf: Date, decisions: [String: TriageDecision]) -> GatedScan {
        let merged = redacted.mergingFindings()
        let (evaluated, gate) = PolicyEvaluator(policy: policy, now: asOf, decisions: decisions).evaluate(merged.value, baseline: baseline, firstSeen: firstSeen)
        // Waivers and overrides bring text of their own: the findings they changed pass the stage again.
        return GatedScan(scan: redaction.redact(evaluated, after: merged), gate: gate, conclusion: Conclusion(gate, advisory: request.advisory))
    }

    /// Identities of the baseline scan, when the policy gates on new findings only; nil when it does
    /// not, or when the target has no baseline yet (every finding is then new).
    func baselineIdentities(for scan: ScanRun, policy: Policy, request: GateRequest, database: (any HistoryStore)?) throws(AppError) -> Set<String>? {
        guard policy.newFindingsOnly == true else { return nil }
        guard let database else {
            // Not recording: no history is opened, so there is no baseline to compare against.
            if case .scan(let id) = request.baseline {
                throw .invalidRequest(reason: "--baseline \(id): --no-record opens no history to take it from")
            }
            return nil
        }
        do {
            let baselineID: String?
            switch request.baseline {
            case .scan(let id):
                guard let found = try database.scan(id: id) else { throw AppError.unknownScan(id: id) }
                baselineID = found.scanID
            case .latestComplete(let branch):
                let query = ScanQuery(target: scan.target.name, branch: branch ?? policy.baselineBranch, completeOnly: true,
                                      startedNoLaterThan: scan.startedAt, excludingScanID: scan.id, limit: 1)
                baselineID = try database.scans(matching: query).first?.scanID
            }
            guard let baselineID else { return nil }
            return Set(try database.findings(matching: FindingQuery(scanID: baselineID)).map(\.finding.identity))
        } catch {
            throw .wrapping(error)
        }
    }
}
