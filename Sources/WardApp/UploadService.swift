import Foundation
import WardCore
import WardPolicy

/// Records a scan a server received (`POST /api/v1/uploads`) exactly as `ward import` records
/// reports: the same importer re-validates and normalizes them, the same redaction runs before
/// anything is stored, the same digest recognises reports uploaded or imported before, and the
/// server's policy gates the scan. The uploader's environment is never consulted; the server's
/// neither (its CI variables say nothing about the uploader's tree).
public struct UploadService: Sendable {
    /// The history and data directory.
    public var paths: WardPaths
    /// The most bytes one report may hold.
    public var maxReportBytes: Int
    /// The policy every upload is gated with (a shipped name or a file of the server's); nil lets
    /// the uploader name one of the shipped policies, `default` when it names none.
    public var policy: String?
    /// The clock, version and ids.
    public var environment: WardEnvironment

    /// Creates the service.
    public init(paths: WardPaths, maxReportBytes: Int, policy: String? = nil, environment: WardEnvironment = .live) {
        self.paths = paths
        self.maxReportBytes = maxReportBytes
        self.policy = policy
        self.environment = environment
    }

    /// Checks, records and gates `document`. A refused upload records nothing; its error is the
    /// one line `ward import` would print for the same reports, and quotes none of their content.
    public func record(_ document: UploadDocument) throws(AppError) -> UploadReceipt {
        let checked = try UploadCheck(document, serverPolicy: policy)
        let folder = try UploadFolder(reports: document.reports)
        defer { folder.remove() }
        var request = ImportRequest(tool: document.tool, files: folder.files, root: checked.root, target: document.target,
                                    origin: checked.origin, maxReportBytes: maxReportBytes, gate: GateRequest(policy: checked.policy))
        request.readsSourceFiles = false
        // The receipt holds the verdict and counts, never a finding's raw result.
        request.showsRawResults = false
        let context = WardContext(paths: paths, environment: environment, log: .silent, variables: [:])
        let result: ScanResult
        do {
            result = try ImportService(context).importReports(request)
        } catch {
            throw folder.scrubbed(error)
        }
        return try receipt(result, target: document.target)
    }

    /// Loads the server's upload policy, when it has one, to refuse a broken one before serving.
    public func checkPolicy() throws(AppError) {
        guard let policy else { return }
        let declared = try DeclarativePlugins.known(directory: nil, paths: paths)
        _ = try GateService(paths: paths, now: environment.now).loadPolicy(GateRequest(policy: policy), declared: declared)
    }

    private func receipt(_ result: ScanResult, target: String) throws(AppError) -> UploadReceipt {
        let summary: ScanSummary
        switch result.recording {
        case .recorded(let recorded): summary = recorded
        case .alreadyRecorded(let scanID): summary = try HistoryService(paths: paths).scan(id: scanID)
        case .notRecorded: throw .invalidRequest(reason: "the upload was not recorded")
        }
        let gate = result.gated.gate
        return UploadReceipt(
            scanId: summary.scanID, target: target, alreadyRecorded: !isNew(result.recording),
            complete: summary.isComplete, findingCount: summary.findingCount, newCount: summary.newCount,
            reopenedCount: summary.reopenedCount, fixedCount: summary.fixedCount, policy: gate.policy, gate: gate.outcome.rawValue
        )
    }

    private func isNew(_ recording: ScanResult.Recording) -> Bool {
        if case .recorded = recording { return true }
        return false
    }
}
