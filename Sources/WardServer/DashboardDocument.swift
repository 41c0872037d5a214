import Foundation
import WardApp
import WardCore

/// The dashboard as JSON (`GET /api/v1/targets`): per target its open findings by severity, the
/// overdue count (null when the policy has no `sla:`) and its latest scans with their counts.
struct DashboardDocument: Encodable {
    struct Scan: Encodable {
        var scanID: String
        var startedAt: Date
        var complete: Bool
        var findingCount: Int
        var newCount: Int
        var reopenedCount: Int
        var fixedCount: Int
    }

    struct Target: Encodable {
        var target: String
        var open: [String: Int]
        var openTotal: Int
        var overdue: Int?
        var scans: [Scan]
    }

    var policy: String
    var targets: [Target]

    /// The document's bytes.
    static func data(_ dashboard: Dashboard) throws(AppError) -> Data {
        let targets = dashboard.targets.map { overview in
            Target(target: overview.target, open: Dictionary(uniqueKeysWithValues: overview.open.map { ($0.key.rawValue, $0.value) }),
                   openTotal: overview.openTotal, overdue: overview.overdue,
                   scans: overview.scans.map {
                       Scan(scanID: $0.scanID, startedAt: $0.startedAt, complete: $0.isComplete, findingCount: $0.findingCount,
                            newCount: $0.newCount, reopenedCount: $0.reopenedCount, fixedCount: $0.fixedCount)
                   })
        }
        do {
            return try JSONCoding.encode(DashboardDocument(policy: dashboard.policy, targets: targets), pretty: true) + Data("\n".utf8)
        } catch {
            throw .invalidRequest(reason: "the dashboard could not be written as JSON")
        }
    }
}
