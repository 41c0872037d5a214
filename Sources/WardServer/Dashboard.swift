import Foundation
import WardApp
import WardCore

/// What the dashboard shows, page and API alike: every target at a glance, under the server's policy.
struct Dashboard: Sendable {
    /// The most targets shown.
    static let maximumTargets = 200
    /// The latest scans of each target its trend is drawn from.
    static let scansPerTarget = 30

    /// The policy overdue findings are counted by.
    var policy: String
    /// Whether the policy has an `sla:` (else nothing is overdue and no count is shown).
    var hasServiceLevel: Bool
    /// Each target, by name.
    var targets: [TargetOverview]

    /// Reads the dashboard from the history.
    static func load(settings: ServerSettings) throws(AppError) -> Dashboard {
        let history = HistoryService(paths: settings.paths)
        let serviceLevel = try history.serviceLevel(policy: settings.policy)
        let targets = try history.overviews(limit: maximumTargets, scans: scansPerTarget, serviceLevel: serviceLevel)
        return Dashboard(policy: settings.policy, hasServiceLevel: serviceLevel != nil, targets: targets)
    }
}
