import Foundation
import WardApp
import WardCore

/// A recorded scan with its gate under the server's policy, as `ward check SCAN` decides it
/// (time-dependent decisions as of the scan's start): the scan page and `GET /api/v1/scans/{id}/gate`.
struct ScanGate: Sendable {
    /// The scan with its tool runs and counts.
    var scan: ScanSummary
    /// The verdict.
    var gate: GateResult

    /// Reads the scan (id or unique prefix) and gates it again.
    static func load(settings: ServerSettings, scan id: String) throws(AppError) -> ScanGate {
        let summary = try HistoryService(paths: settings.paths).scan(id: id)
        let gated = try GateService(paths: settings.paths).check(scanID: summary.scanID, target: nil, pluginDirectory: nil,
                                                                 request: GateRequest(policy: settings.policy), rawResults: false)
        return ScanGate(scan: summary, gate: gated.gate)
    }
}
