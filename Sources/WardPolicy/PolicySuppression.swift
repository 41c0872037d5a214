import Foundation
import WardCore

/// A waiver: which findings it covers, why, who owns it and until when.
public struct PolicySuppression: Sendable, Equatable {
    /// A finding's identity key.
    public var identity: String?
    /// A tool id.
    public var tool: String?
    /// A rule id.
    public var rule: String?
    /// A path glob (`*` within a folder, `**` across folders, `?` one character).
    public var path: String?
    /// A package name.
    public var package: String?
    /// An advisory id, matched against the finding's id and aliases.
    public var advisory: String?
    /// Why the finding is accepted. Required.
    public var reason: String
    /// Who answers for it.
    public var owner: String?
    /// The last day it applies (`YYYY-MM-DD`, UTC).
    public var expires: String?

    /// A one-line label for reports.
    public var label: String {
        let criteria = [identity.map { "identity \($0)" }, tool.map { "tool \($0)" }, rule.map { "rule \($0)" },
                        path.map { "path \($0)" }, package.map { "package \($0)" }, advisory.map { "advisory \($0)" }]
        return criteria.compactMap { $0 }.joined(separator: ", ")
    }

    /// The end of the expiry day, when one is set and a strict `YYYY-MM-DD` date (``CalendarDay``).
    public var expiryDate: Date? {
        expires.flatMap(CalendarDay.init)?.end
    }

    /// Whether it covers `finding`: every criterion given must match, and at least one is given.
    public func matches(_ finding: Finding) -> Bool {
        var any = false
        func check(_ criterion: String?, _ test: (String) -> Bool) -> Bool {
            guard let criterion else { return true }
            any = true
            return test(criterion)
        }
        let advisoryIDs = finding.advisory.map { [$0.id] + $0.aliases }.map { Set($0.map { $0.uppercased() }) } ?? []
        let matched = check(identity) { $0 == finding.identity }
            && check(tool) { $0 == finding.toolID || finding.sources.contains($0) }
            && check(rule) { $0 == finding.ruleID }
            && check(path) { Glob.matches($0, finding.location?.path ?? "") }
            && check(package) { $0.lowercased() == finding.package?.name.lowercased() || $0.lowercased() == finding.package?.normalizedName }
            && check(advisory) { advisoryIDs.contains($0.uppercased()) }
        return any && matched
    }
}
