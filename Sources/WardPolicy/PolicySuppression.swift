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
    /// A path criterion is a ``Glob``; package names are compared in lower case (or PyPI's normalized
    /// form), advisory ids in upper case against the finding's id and aliases.
    public func matches(_ finding: Finding) -> Bool {
        CompiledWaiver(self).matches(finding)
    }
}
