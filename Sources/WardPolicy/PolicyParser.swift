import Foundation
import WardConfig
import WardCore

/// Builds a ``Policy`` from a policy file's nodes, refusing what it does not understand: unknown
/// keys at any depth, unknown kinds, severities and tool ids, negative counts, dates that are not
/// strict `YYYY-MM-DD`. A typo must never weaken a gate silently.
struct PolicyParser {
    /// Tool ids the policy may name: the built-in scanners and the declared plugins.
    let knownTools: Set<String>

    static let keys = [
        "name", "description", "fail-on", "max-findings", "new-findings-only", "baseline-branch", "fix-available-only",
        "require-scanners", "trust-repository-config", "severity-overrides", "suppressions", "suppressions-file",
        "warn-expiring-within-days", "fail-on-stale-suppressions", "triage", "sla", "fail-on-overdue",
    ]

    /// The policy of a file's root node; `suppressions-file` is recorded, not read.
    func policy(_ root: ConfigNode) throws(ConfigError) -> Policy {
        let fields = try root.fields(allowed: Self.keys)
        guard let nameNode = fields["name"] else {
            throw root.missing("name")
        }
        var policy = Policy(name: try nameNode.string(nonEmpty: true), failAt: nil)
        policy.failOn = try fields["fail-on"].map(thresholds)
        policy.description = try fields["description"]?.string()
        policy.maxFindings = try fields["max-findings"].map(maxFindings)
        policy.newFindingsOnly = try fields["new-findings-only"]?.boolean()
        policy.baselineBranch = try fields["baseline-branch"]?.string(nonEmpty: true)
        policy.fixAvailableOnly = try fields["fix-available-only"]?.boolean()
        policy.requireScanners = try fields["require-scanners"].map(tools)
        policy.trustedRepositoryConfig = Set(try fields["trust-repository-config"].map(tools) ?? [])
        policy.severityOverrides = try fields["severity-overrides"].map(overrides)
        policy.suppressions = try fields["suppressions"].map(suppressions)
        policy.suppressionsFile = try fields["suppressions-file"]?.string(nonEmpty: true)
        policy.warnExpiringWithinDays = try fields["warn-expiring-within-days"]?.count(maximum: 36_500)
        policy.failOnStaleSuppressions = try fields["fail-on-stale-suppressions"]?.boolean()
        policy.triageRules = try fields["triage"].map(triageRules) ?? TriageRules()
        policy.sla = try fields["sla"].map(serviceLevel)
        if let node = fields["fail-on-overdue"] {
            policy.failOnOverdue = try node.boolean()
            // Without days per severity nothing is ever overdue: the gate would silently never fail on it.
            if policy.failOnOverdue == true, policy.sla == nil {
                throw ConfigError.unusable(at: node.location, problem: "fail-on-overdue needs an 'sla:' mapping of days per severity")
            }
        }
        return policy
    }

    /// The waivers of a suppressions file: a mapping whose only key is `suppressions`.
    func suppressionsFile(_ document: ConfigNode?, path: String) throws(ConfigError) -> [PolicySuppression] {
        let root = try ConfigNode.mapping(document, path: path, kind: .policy, expected: "a mapping with the key 'suppressions'")
        return try root.fields(allowed: ["suppressions"])["suppressions"].map(suppressions) ?? []
    }

    private func triageRules(_ node: ConfigNode) throws(ConfigError) -> TriageRules {
        let fields = try node.fields(allowed: ["require-expiry", "min-reason-length"])
        var rules = TriageRules(minimumReasonLength: try fields["min-reason-length"]?.count(maximum: TriageDecision.maximumReasonLength))
        for item in try fields["require-expiry"]?.items() ?? [] {
            let text = try item.string()
            guard let state = TriageDecision.State(rawValue: text) else {
                throw item.unknown("triage state", text, known: TriageDecision.State.allCases.map(\.rawValue))
            }
            rules.requireExpiry.insert(state)
        }
        return rules
    }

    private func thresholds(_ node: ConfigNode) throws(ConfigError) -> Policy.Thresholds {
        let fields = try node.fields(allowed: ["severity", "kinds", "tools"])
        var kinds: [String: Severity]?
        if let node = fields["kinds"] {
            kinds = [:]
            for entry in try node.entries() {
                kinds?[try kind(entry.keyNode, entry.key)] = try severity(entry.value)
            }
        }
        var tools: [String: Severity]?
        if let node = fields["tools"] {
            tools = [:]
            for entry in try node.entries() { tools?[try tool(entry.keyNode)] = try severity(entry.value) }
        }
        return Policy.Thresholds(severity: try fields["severity"].map(severity), kinds: kinds, tools: tools)
    }

    private func maxFindings(_ node: ConfigNode) throws(ConfigError) -> [String: Int] {
        var limits: [String: Int] = [:]
        for entry in try node.entries() {
            let level = try severity(entry.keyNode).rawValue
            // `crit` and `critical` are one severity: two limits for it would leave one unused.
            guard limits[level] == nil else { throw entry.keyNode.invalid(expected: "each severity once", found: entry.key) }
            limits[level] = try entry.value.count()
        }
        return limits
    }

    /// `sla:`: days per severity, each severity once, from 1 to 36500 days.
    private func serviceLevel(_ node: ConfigNode) throws(ConfigError) -> ServiceLevel {
        var days: [Severity: Int] = [:]
        for entry in try node.entries() {
            let level = try severity(entry.keyNode)
            guard days[level] == nil else { throw entry.keyNode.invalid(expected: "each severity once", found: entry.key) }
            let limit = try entry.value.count(maximum: 36_500)
            guard limit > 0 else { throw entry.value.invalid(expected: "a number of days from 1 to 36500", found: String(limit)) }
            days[level] = limit
        }
        guard !days.isEmpty else { throw ConfigError.unusable(at: node.location, problem: "sla needs days for at least one severity (critical: 7)") }
        return ServiceLevel(days: days)
    }

    private func overrides(_ node: ConfigNode) throws(ConfigError) -> [Policy.SeverityOverride] {
        var result: [Policy.SeverityOverride] = []
        for item in try node.items() {
            let fields = try item.fields(allowed: ["tool", "rule", "severity"])
            guard let toolNode = fields["tool"] else { throw item.missing("tool") }
            guard let severityNode = fields["severity"] else { throw item.missing("severity") }
            result.append(Policy.SeverityOverride(tool: try tool(toolNode), rule: try fields["rule"]?.string(nonEmpty: true),
                                                  severity: try severity(severityNode)))
        }
        return result
    }

    /// A tool id the registry or a declared plugin knows.
    func tool(_ node: ConfigNode) throws(ConfigError) -> String {
        let id = try node.string(nonEmpty: true)
        guard knownTools.contains(id) else {
            throw node.unknown("tool", id, known: knownTools.sorted())
        }
        return id
    }

    private func tools(_ node: ConfigNode) throws(ConfigError) -> [String] {
        var ids: [String] = []
        for item in try node.items() { ids.append(try tool(item)) }
        return ids
    }

    private func severity(_ node: ConfigNode) throws(ConfigError) -> Severity {
        let text = try node.string()
        guard let severity = Severity(parsing: text) else {
            throw node.unknown("severity", text, known: Severity.allCases.map(\.rawValue))
        }
        return severity
    }

    private func kind(_ node: ConfigNode, _ text: String) throws(ConfigError) -> String {
        guard FindingKind(rawValue: text) != nil else {
            throw node.unknown("kind", text, known: FindingKind.allCases.map(\.rawValue))
        }
        return text
    }
}
