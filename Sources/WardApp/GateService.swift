import Foundation
import WardCore
import WardPolicy
import WardScanners
import WardStorage

/// Evaluates policies: on a scan just made, or on one the history holds (`ward check`).
public struct GateService: Sendable {
    /// Where the history and Ward's data live.
    public var paths: WardPaths
    /// The clock waivers' expiry dates are read against.
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
    /// knowing the plugins of `pluginDirectory` for the policy's tool ids.
    public func check(scanID: String?, target: String?, pluginDirectory: String?, request: GateRequest) throws(AppError) -> GatedScan {
        let policy = try loadPolicy(request, declared: try DeclarativePlugins.known(directory: pluginDirectory, paths: paths))
        let database = try WardRuntime.openDatabase(paths)
        let recorded = try HistoryService.recordedScan(id: scanID, target: target, in: database)
        let triage = try loadTriage(request)
        let redaction = try Redaction.stage(paths: paths)
        return try gate(redaction.redact(recorded), policy: policy, request: request, database: database, redaction: redaction, triage: triage)
    }

    /// Gates a scan that passed the redaction stage: one finding per identity with every tool that
    /// reported it, the baseline from `database`, the triage decisions of `database` and `triage`, and
    /// what the policy adds passed through `redaction` again.
    func gate(_ redacted: Redacted<ScanRun>, policy: Policy, request: GateRequest, database: AppDatabase?,
              redaction: RedactionStage, triage: [TriageFile.Entry] = []) throws(AppError) -> GatedScan {
        let merged = redacted.mergingFindings()
        let baseline = try baselineIdentities(for: redacted.value, policy: policy, request: request, database: database)
        let decisions = try TriageService.decisions(for: redacted.value.target.name, database: database, file: triage)
        let evaluator = PolicyEvaluator(policy: policy, now: now(), decisions: decisions)
        let (evaluated, gate) = evaluator.evaluate(merged.value, baseline: baseline)
        // Waivers and overrides bring text of their own: the findings they changed pass the stage again.
        return GatedScan(scan: redaction.redact(evaluated, after: merged), gate: gate, conclusion: Conclusion(gate, advisory: request.advisory))
    }

    /// Identities of the baseline scan, when the policy gates on new findings only; nil when it does
    /// not, or when the target has no baseline yet (every finding is then new).
    func baselineIdentities(for scan: ScanRun, policy: Policy, request: GateRequest, database: AppDatabase?) throws(AppError) -> Set<String>? {
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
