import Foundation
import WardConfig

extension PolicyParser {
    static let suppressionKeys = ["identity", "tool", "rule", "path", "package", "advisory", "reason", "owner", "expires"]

    /// A list of waivers, each with a reason and at least one criterion.
    func suppressions(_ node: ConfigNode) throws(ConfigError) -> [PolicySuppression] {
        var result: [PolicySuppression] = []
        for item in try node.items() { result.append(try suppression(item)) }
        return result
    }

    private func suppression(_ node: ConfigNode) throws(ConfigError) -> PolicySuppression {
        let fields = try node.fields(allowed: Self.suppressionKeys)
        guard let reason = fields["reason"] else { throw node.missing("reason") }
        let waiver = PolicySuppression(
            identity: try fields["identity"]?.string(nonEmpty: true), tool: try fields["tool"].map(tool),
            rule: try fields["rule"]?.string(nonEmpty: true), path: try fields["path"]?.string(nonEmpty: true),
            package: try fields["package"]?.string(nonEmpty: true), advisory: try fields["advisory"]?.string(nonEmpty: true),
            reason: try reason.string(nonEmpty: true), owner: try fields["owner"]?.string(nonEmpty: true),
            expires: try fields["expires"].map(expiry))
        if waiver.label.isEmpty {
            throw node.missingCriterion(["identity", "tool", "rule", "path", "package", "advisory"])
        }
        return waiver
    }

    private func expiry(_ node: ConfigNode) throws(ConfigError) -> String {
        let text = try node.string()
        guard CalendarDay(text) != nil else {
            throw node.invalid(expected: "a date YYYY-MM-DD from \(CalendarDay.years.lowerBound) to \(CalendarDay.years.upperBound)", found: text)
        }
        return text
    }
}
